"""Demo inspection: the district's Internal Affairs office inspects two Thanh Xuân wards in 2026.

Plan 307 item III.3 asks the Internal Affairs office to inspect mass-mobilisation work; the 2026
inspection of Thượng Đình and Khương Đình (contents II.5 and II.7) is planned, approved, carried
out with findings at both wards, and concluded (number from the committee's register). One
recommendation is done with evidence, one is overdue, and two proposals came out of it.
Add-only: when the inspection exists (looked up by its title), nothing is touched.
"""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.inspections import services
from danvan.inspections.models import Assessment, Inspection, ProposalKind, TeamRole
from danvan.org.models import Staff, Unit
from danvan.plans.models import Plan, Task, TaskKind

TITLE = "Kiểm tra công tác dân vận chính quyền năm 2026 tại phường Thượng Đình và phường Khương Đình"

# The smallest valid PDF: what a scanned minutes file would be, without shipping one.
_PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")


def _pdf(name: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, _PDF, content_type="application/pdf")


# Per ward, the lines (by position in the checklist) that were not fully met, with what was found.
SHORTFALLS = {
    "tx-thuong-dinh": {
        1: (Assessment.PARTLY, "Lịch tiếp công dân của Chủ tịch UBND phường chưa được niêm yết trên trang "
                               "thông tin điện tử của phường; 2 buổi tiếp định kỳ dời ngày không thông báo lại."),
    },
    "tx-khuong-dinh": {
        1: (Assessment.PARTLY, "Sổ tiếp công dân ghi thiếu kết quả giải quyết ở 6 lượt tiếp."),
        7: (Assessment.NOT_MET, "Đến thời điểm kiểm tra, phường chưa tổ chức hội nghị đối thoại với Nhân dân "
                                "năm 2026 theo Điều 32 Luật Thực hiện dân chủ ở cơ sở."),
    },
}


def load(out) -> None:
    if Inspection.objects.filter(title=TITLE).exists():
        out.write("  Cuộc kiểm tra năm 2026: đã có, giữ nguyên.\n")
        return
    units = {u.code: u for u in Unit.objects.filter(code__in=["tx-noi-vu", "tx-thuong-dinh", "tx-khuong-dinh"])}
    staff = {s.username: s for s in Staff.objects.filter(username__in=["noivu", "kiemtra", "phuong", "canbo2"])}
    plan = Plan.objects.filter(issuer__code="tx-ubnd", number_key="307/kh-ubnd").first()
    if len(units) < 3 or len(staff) < 4 or plan is None:
        return
    wards = [units["tx-thuong-dinh"], units["tx-khuong-dinh"]]
    coordinator, inspector = staff["noivu"], staff["kiemtra"]
    items = list(plan.items.filter(path__in=["II.5", "II.7"]).order_by("order"))
    tasks = list(Task.objects.filter(plan=plan, item__path="III.3", lead_unit=units["tx-noi-vu"], kind=TaskKind.DUTY))
    inspection = services.create_inspection(
        actor=coordinator, title=TITLE, lead_unit=units["tx-noi-vu"], units=wards, start_on=date(2026, 9, 14),
        end_on=date(2026, 9, 25), period_start=date(2025, 12, 15), period_end=date(2026, 9, 14), plan=plan,
        items=items, tasks=tasks)
    services.add_team_member(actor=coordinator, inspection=inspection, staff=coordinator, role=TeamRole.HEAD)
    services.add_team_member(actor=coordinator, inspection=inspection, staff=inspector, role=TeamRole.MEMBER)
    services.approve(actor=coordinator, inspection=inspection, today=date(2026, 9, 4))
    services.start(actor=coordinator, inspection=inspection, today=date(2026, 9, 14))
    lines = list(inspection.checklist.order_by("order", "pk"))
    for ward, day in zip(wards, (date(2026, 9, 16), date(2026, 9, 22)), strict=True):
        shortfalls = SHORTFALLS[ward.code]
        for index, line in enumerate(lines):
            assessment, note = shortfalls.get(index, (Assessment.MET, ""))
            files = [_pdf("bien-ban-kiem-tra.pdf")] if index == 0 else []
            services.record_finding(actor=inspector, inspection=inspection, line=line, unit=ward,
                                    assessment=assessment, note=note, files=files, today=day)
    done = services.add_recommendation(
        actor=coordinator, inspection=inspection, unit=wards[0], owner=staff["phuong"], due_workdays=10,
        text="Niêm yết lịch tiếp công dân của Chủ tịch UBND phường tại trụ sở và trên trang thông tin điện tử "
             "của phường; thông báo lại khi dời buổi tiếp.", today=date(2026, 9, 30))
    late = services.add_recommendation(
        actor=coordinator, inspection=inspection, unit=wards[1], owner=staff["canbo2"], due_workdays=20,
        text="Tổ chức hội nghị đối thoại với Nhân dân năm 2026 theo Điều 32 Luật Thực hiện dân chủ ở cơ sở; "
             "bổ sung kết quả giải quyết vào sổ tiếp công dân.", today=date(2026, 9, 30))
    services.add_proposal(
        actor=coordinator, inspection=inspection, kind=ProposalKind.COMMENDATION, subject_unit=wards[0],
        facts="Tiếp công dân định kỳ đủ số buổi, trả lời công dân đúng hạn; mô hình “Dân vận khéo” về "
              "chỉnh trang ngõ xóm được Nhân dân đồng tình.", today=date(2026, 9, 30))
    services.add_proposal(
        actor=coordinator, inspection=inspection, kind=ProposalKind.ACCOUNTABILITY, subject_unit=wards[1],
        facts="Chưa tổ chức hội nghị đối thoại với Nhân dân năm 2026; yêu cầu kiểm điểm trách nhiệm tập thể "
              "lãnh đạo UBND phường.", today=date(2026, 9, 30))
    services.conclude(
        actor=coordinator, inspection=inspection, today=date(2026, 10, 5),
        summary="Các phường đã quan tâm triển khai công tác dân vận chính quyền; tiếp công dân, giải quyết kiến "
                "nghị của Nhân dân cơ bản đúng quy định.\nTồn tại: việc công khai lịch tiếp công dân chưa đầy đủ; "
                "phường Khương Đình chưa tổ chức hội nghị đối thoại với Nhân dân năm 2026.")
    services.answer_recommendation(actor=staff["phuong"], recommendation=done, today=date(2026, 10, 7),
                                   answer="UBND phường tiếp thu, giao Văn phòng - Thống kê thực hiện ngay.")
    services.complete_recommendation(
        actor=staff["phuong"], recommendation=done, done_on=date(2026, 10, 14), today=date(2026, 10, 14),
        note="Đã niêm yết lịch tiếp công dân quý IV tại trụ sở và trên trang thông tin điện tử của phường.",
        files=[_pdf("thong-bao-lich-tiep-cong-dan.pdf")])
    services.answer_recommendation(actor=staff["canbo2"], recommendation=late, today=date(2026, 10, 9),
                                   answer="Phường dự kiến tổ chức hội nghị đối thoại trong tháng 11/2026.")
    inspection.refresh_from_db()
    out.write(f"  Cuộc kiểm tra năm 2026: kết luận số {inspection.number_text}, 2 kiến nghị (1 đã xong, "
              f"1 quá hạn), 2 đề xuất.\n")
