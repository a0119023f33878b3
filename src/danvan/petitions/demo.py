"""Demo petitions: about twenty realistic cases across the wards, fields, kinds and states.

Built through the services (so deadlines, history and links are real), dated relative to today so
that one case is overdue and the others run. Add-only: a case is looked up by its subject
and created only when missing; an existing case is never touched.
"""

from __future__ import annotations

import struct
import zlib
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.org import clock
from danvan.org.models import Staff, Unit
from danvan.petitions import services
from danvan.petitions.models import Field, Petition

MARKER = "Lấn chiếm vỉa hè ngõ 56 Nguyễn Trãi"

PEOPLE = ["Nguyễn Văn Hùng", "Trần Thị Hoa", "Lê Minh Đức", "Phạm Thị Lan Anh", "Hoàng Văn Nam", "Vũ Thị Thu",
          "Đặng Quốc Bảo", "Bùi Thị Ngọc", "Đỗ Văn Thắng", "Ngô Thị Hạnh"]

# kind, field, ward, subject, content, days ago, target state, options
CASES = [
    ("feedback", "trat-tu-do-thi", "tx-thuong-dinh", MARKER,
     "Các hộ kinh doanh bày hàng kín vỉa hè ngõ 56, người đi bộ phải xuống lòng đường.", 20, "closed", {}),
    ("feedback", "moi-truong", "tx-khuong-dinh", "Rác thải tồn đọng tại chân cầu Khương Đình",
     "Rác sinh hoạt tồn đọng ba ngày chưa thu gom, bốc mùi.", 6, "accepted", {}),
    ("recommendation", "an-sinh-xa-hoi", "tx-thuong-dinh", "Đề nghị xét trợ cấp cho hộ cận nghèo tổ 12",
     "Gia đình có người khuyết tật, thu nhập thấp, đề nghị xét hưởng trợ cấp.", 9, "verifying", {}),
    ("complaint_first", "boi-thuong-gpmb", "tx-thuong-dinh",
     "Khiếu nại phương án bồi thường GPMB dự án mở rộng đường Vành đai 2,5",
     "24 hộ dân tổ 5 khiếu nại đơn giá bồi thường đất ở thấp hơn giá thị trường.", 12, "accepted",
     {"is_collective": True, "signers_count": 24, "representatives_count": 5, "is_complex": True,
      "is_signed": True, "channel": "in_person"}),
    ("denunciation", "dat-dai", "tx-khuong-dinh", "Tố cáo cán bộ địa chính nhận tiền hợp thức hóa đất lấn chiếm",
     "Người tố cáo cho biết cán bộ địa chính phường nhận tiền để xác nhận nguồn gốc đất.", 8, "accepted",
     {"is_signed": True, "channel": "post"}),
    ("feedback", "phong-chong-dich-benh", "tx-ha-dinh", "Ổ dịch sốt xuất huyết tại tổ dân phố 7",
     "Nhiều người trong tổ dân phố bị sốt xuất huyết, đề nghị phun thuốc.", 25, "closed", {}),
    ("feedback", "trat-tu-do-thi", "tx-kim-giang", "Quán karaoke gây ồn sau 23 giờ",
     "Quán karaoke số 18 Kim Giang hát đến 1 giờ sáng nhiều đêm liền.", 40, "received", {}),
    ("recommendation", "thu-tuc-hanh-chinh", "tx-nhan-chinh",
     "Đề nghị rút ngắn thời gian cấp giấy chứng nhận quyền sử dụng đất",
     "Hồ sơ nộp đã hai tháng chưa có kết quả.", 15, "forward", {}),
    ("complaint_first", "dat-dai", "tx-khuong-mai", "Khiếu nại quyết định xử phạt xây dựng sai phép năm 2023",
     "Khiếu nại quyết định xử phạt vi phạm hành chính về xây dựng ban hành từ năm 2023.", 10, "archive_late",
     {"is_signed": True}),
    ("denunciation", "khac", "tx-thuong-dinh", "Thư không ký tên phản ánh cán bộ gây phiền hà",
     "Thư không ghi tên người gửi, phản ánh cán bộ một cửa gây phiền hà.", 5, "archive_anonymous",
     {"anonymous": True, "channel": "post"}),
    ("feedback", "moi-truong", "tx-phuong-liet", "Cống thoát nước bị tắc gây ngập khi mưa",
     "Đoạn cống trước chợ Phương Liệt bị tắc, mưa nhỏ cũng ngập.", 30, "closed_rated", {}),
    ("feedback", "an-sinh-xa-hoi", "tx-thuong-dinh", "Chậm chi trả trợ cấp người cao tuổi",
     "Tháng này người cao tuổi tổ 3 chưa nhận được trợ cấp.", 14, "resolved", {}),
    ("recommendation", "khac", "tx-thanh-xuan-bac", "Đề nghị lắp thêm đèn chiếu sáng công viên",
     "Công viên khu tập thể tối, không an toàn buổi tối.", 7, "guide", {}),
    ("feedback", "trat-tu-do-thi", "tx-thanh-xuan-nam", "Xe máy đỗ tràn lòng đường trước chợ",
     "Xe máy đỗ tràn ra lòng đường gây ùn tắc giờ cao điểm.", 2, "received", {}),
    ("complaint_first", "an-sinh-xa-hoi", "tx-khuong-trung", "Khiếu nại việc không được hưởng hỗ trợ theo chính sách",
     "Gia đình đủ điều kiện nhưng không có tên trong danh sách hỗ trợ.", 35, "closed", {"is_signed": True}),
    ("feedback", "phong-chong-dich-benh", "tx-thuong-dinh", "Đề nghị phun thuốc diệt muỗi khu tập thể",
     "Khu tập thể nhiều muỗi, đã có người mắc sốt xuất huyết.", 18, "closed", {}),
    ("recommendation", "boi-thuong-gpmb", "tx-khuong-dinh", "Đề nghị công khai phương án tái định cư",
     "Người dân đề nghị công khai quỹ nhà tái định cư của dự án.", 4, "accepted", {}),
    ("feedback", "moi-truong", "tx-thanh-xuan-trung", "Khói bụi từ xưởng sản xuất trong khu dân cư",
     "Xưởng gia công gỗ xả bụi ra khu dân cư.", 11, "verifying", {}),
    ("feedback", "thu-tuc-hanh-chinh", "tx-thuong-dinh", "Trả kết quả hồ sơ hộ tịch chậm",
     "Hẹn 3 ngày nhưng đã 7 ngày chưa trả kết quả trích lục.", 3, "accepted", {}),
    ("complaint_first", "trat-tu-do-thi", "tx-ha-dinh", "Khiếu nại quyết định cưỡng chế tháo dỡ mái che",
     "Khiếu nại quyết định cưỡng chế tháo dỡ mái che trước nhà.", 1, "received", {"is_signed": True}),
]


DEFAULT_FIELDS = [
    ("an-sinh-xa-hoi", "An sinh xã hội", True, 15),
    ("boi-thuong-gpmb", "Bồi thường, giải phóng mặt bằng", True, 30),
    ("phong-chong-dich-benh", "Phòng, chống dịch bệnh", True, 10),
    ("dat-dai", "Đất đai", False, 30),
    ("moi-truong", "Môi trường", True, 15),
    ("trat-tu-do-thi", "Trật tự đô thị", True, 10),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính", False, 10),
    ("khac", "Khác", False, 15),
]


def ensure_fields() -> None:
    """The default fields (as seeded by migration 0002), for a database flushed after migrating."""
    for order, (code, name, evidence, days) in enumerate(DEFAULT_FIELDS, start=1):
        Field.objects.get_or_create(code=code, defaults={
            "name": name, "evidence_required": evidence, "resolve_days": days, "order": order})


def _png() -> SimpleUploadedFile:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    body = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00\x80\x00")) + chunk(b"IEND", b""))
    return SimpleUploadedFile("minh-chung.png", body, content_type="image/png")


def load(out) -> None:
    ensure_fields()
    units = {u.code: u for u in Unit.objects.filter(code__in={c[2] for c in CASES})}
    officers = {s.unit.code: s for s in Staff.objects.select_related("unit").filter(
        unit__code__in=units, role="officer", is_active=True)}
    admin = Staff.objects.filter(username="admin").first() or Staff.objects.filter(is_superuser=True).first()
    fields = {f.code: f for f in Field.objects.all()}
    today = clock.today()
    made = 0
    for index, (kind, field, ward, subject, content, ago, target, opts) in enumerate(CASES):
        unit = units.get(ward)
        if unit is None or field not in fields or Petition.objects.filter(subject=subject).exists():
            continue
        officer = officers.get(ward) or admin
        received = today - timedelta(days=ago)
        people = [] if opts.get("anonymous") else [{
            "full_name": PEOPLE[index % len(PEOPLE)], "address": f"Số {index + 3}, {unit.short_name or unit.name}",
            "phone": f"09{index:02d}123456"}]
        if opts.get("is_collective"):  # a collective case lists its representatives (Law on Citizen Reception art. 29)
            people = [{"full_name": PEOPLE[(index + k) % len(PEOPLE)], "is_representative": True,
                       "address": f"Số {index + k + 3}, {unit.short_name or unit.name}"}
                      for k in range(opts.get("representatives_count", 1))]
        sub = services.submit_petition(
            actor=officer, kind=kind, field=fields[field], unit=unit, channel=opts.get("channel", "web"),
            received_on=received, subject=subject, content=content, petitioners=people,
            is_signed=opts.get("is_signed", False), is_collective=opts.get("is_collective", False),
            signers_count=opts.get("signers_count", 1), representatives_count=opts.get("representatives_count", 0),
            is_complex=opts.get("is_complex", False))
        p = sub.petition
        triage_day = min(received + timedelta(days=2), today)
        if target == "forward":
            services.triage(actor=officer, petition=p, decision="forward", on=triage_day,
                            forwarded_to="Văn phòng đăng ký đất đai Hà Nội - Chi nhánh Thanh Xuân")
        elif target == "guide":
            services.triage(actor=officer, petition=p, decision="guide", on=triage_day,
                            forwarded_to="Ban quản lý dự án đầu tư xây dựng quận")
        elif target == "archive_late":
            services.triage(actor=officer, petition=p, decision="archive", reason="out_of_time", on=triage_day)
        elif target == "archive_anonymous":
            services.triage(actor=officer, petition=p, decision="archive", reason="anonymous", on=triage_day)
        elif target != "received":
            p = services.triage(actor=officer, petition=p, decision="accept", on=triage_day)
            if target == "verifying":
                services.transition(actor=officer, petition=p, to="verifying")
            elif target == "resolved":
                services.resolve(actor=officer, petition=p, answer="Phòng LĐTBXH đã chi trả bổ sung ngày 15.",
                                 outcome="fixed", on=today)
            elif target in ("closed", "closed_rated"):
                p = services.close(actor=officer, petition=p, outcome="fixed", evidence=_png(), on=today,
                                   answer="Đơn vị đã kiểm tra thực tế và xử lý xong; ảnh minh chứng kèm theo.")
                if target == "closed_rated":
                    services.rate(petition=p, secret=sub.secret, score=4, comment="Xử lý nhanh, cảm ơn phường.")
        made += 1
    out.write(f"Đơn thư mẫu: {made} hồ sơ mới.\n")
