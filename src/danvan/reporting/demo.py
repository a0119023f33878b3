"""Demo reports: UBND quận Thanh Xuân asks its departments and wards for the 2026 yearly report.

Plan 307/KH-UBND asks the district's units to report "trước ngày 30/11 hàng năm". The district
itself was dissolved on 30/06/2025 (the 2025 reform); the demo keeps it as the requesting unit for
2026 because it is the body of the seed plan and its tree is the one the demo users belong to (see
docs/reporting.md). Three wards have reported: Thượng Đình accepted, Khương Đình returned with a
comment, Hạ Đình waiting for review; the other units have not reported yet.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.apps import apps
from django.core.exceptions import FieldError

from danvan.org.models import Staff, Unit
from danvan.reporting import services
from danvan.reporting.catalogue import PLAN_307_CODE, install_templates
from danvan.reporting.models import DeadlinePolicy, ReportRequest, ReportTemplate

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")

WARD_REPORTS = [
    ("tx-thuong-dinh", datetime(2026, 11, 18, 9, 30, tzinfo=HANOI), "accept",
     {"inspection.count": "1", "commendation.collectives": "2",
      "commendation.individuals": "5", "online_services.rate": "87,5",
      "proposals": "Đề nghị quận bố trí kinh phí bồi dưỡng kỹ năng dân vận cho cán bộ tổ dân phố."},
     {"II.1": "Tổ chức 6 hội nghị quán triệt Quyết định 23-QĐ/TW và Chỉ thị 07-CT/TU cho cán bộ, công chức phường "
              "và bí thư chi bộ, tổ trưởng tổ dân phố.",
      "II.5": "Chủ tịch UBND phường tiếp công dân định kỳ vào thứ Năm hằng tuần; tổ chức 4 cuộc đối thoại về "
              "chỉnh trang ngõ 214 Nguyễn Xiển và hỗ trợ hộ nghèo.",
      "II.7": "Mô hình “Dân vận khéo” “Ngõ phố xanh - sạch - đẹp” được công nhận cấp quận."}),
    ("tx-khuong-dinh", datetime(2026, 11, 20, 15, 0, tzinfo=HANOI), "return",
     {"inspection.count": "0"},
     {"II.5": "Tiếp công dân theo lịch; giải quyết các kiến nghị về trật tự đô thị.",
      "II.6": "Phối hợp với Ủy ban MTTQ phường vận động nhân dân hiến đất mở rộng ngõ."}),
    ("tx-ha-dinh", datetime(2026, 11, 25, 10, 0, tzinfo=HANOI), "submit",
     {"commendation.individuals": "3", "online_services.rate": "92"},
     {"II.1": "Tuyên truyền trên hệ thống loa truyền thanh và trang thông tin điện tử của phường.",
      "II.7": "Tổ chức hội nghị cán bộ, công chức năm 2026; công khai dự toán ngân sách phường."}),
]
RETURN_COMMENT = ("Đề nghị bổ sung số liệu tiếp công dân, đối thoại và số cuộc kiểm tra; nội dung mục II.7 "
                  "(thực hiện dân chủ ở cơ sở) còn thiếu.")


def _plan_id() -> int | None:
    """The imported Plan 307, when the plans app has it (no hard dependency on its models)."""
    try:
        plan_model = apps.get_model("plans", "Plan")
        plan = plan_model.objects.filter(full_number="307/KH-UBND").first()
    except (LookupError, FieldError):
        return None
    return plan.pk if plan else None


def load(out) -> None:
    install_templates()
    template = ReportTemplate.objects.get(code=PLAN_307_CODE)
    district = Unit.objects.get(code="tx-ubnd")
    if ReportRequest.objects.filter(template=template, requesting_unit=district, year=2026).exists():
        return
    noivu, phuong, chutich = (Staff.objects.get(username=u) for u in ("noivu", "phuong", "chutich"))
    request = services.create_request(
        actor=noivu, template=template, requesting_unit=district, period_kind="yearly", year=2026,
        deadline=date(2026, 11, 30), deadline_policy=DeadlinePolicy.NEXT_WORKDAY, plan_reference="307/KH-UBND",
        plan_id=_plan_id(),
        note="Các phòng, ban, đơn vị thuộc quận báo cáo kết quả thực hiện về UBND quận (qua phòng Nội vụ) trước "
             "ngày 30/11 hàng năm để tổng hợp, báo cáo Thành phố theo quy định.")
    for code, when, outcome, values, narratives in WARD_REPORTS:
        unit = Unit.objects.get(code=code)
        submission = services.open_submission(actor=None, request=request, unit=unit)
        services.save_draft(actor=None, submission=submission, values=values, narratives=narratives)
        head = phuong if code == "tx-thuong-dinh" else None
        submission = services.submit(actor=head, submission=submission, now=when)
        if outcome == "accept":
            services.accept_submission(actor=noivu, submission=submission, comment="Báo cáo đầy đủ, đúng hạn.")
        elif outcome == "return":
            services.return_submission(actor=noivu, submission=submission, comment=RETURN_COMMENT)
    out.write(f"  Yêu cầu báo cáo năm 2026 gửi {request.units.count()} đơn vị, hạn 30/11/2026; 3 phường đã nộp "
              f"(lãnh đạo ký: {chutich.full_name}).")
