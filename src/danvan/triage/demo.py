"""Demo letters for the triage assistant: earlier cases of matters that come back, in other words.

The petitions demo has an open case about the karaoke bar at số 18 Kim Giang and one about the
blocked drain at chợ Phương Liệt; these are the same matters raised months before by other people
(one typed on a phone without diacritics), handled and closed, and a few other matters, so that
after ``danvan triage train`` the case pages show earlier cases of the same matter.

Add-only, like every demo module: a case is looked up by its subject and created only when missing.
"""

from __future__ import annotations

from datetime import timedelta

from danvan.org import clock
from danvan.org.models import Staff, Unit
from danvan.petitions import services
from danvan.petitions.demo import _png, ensure_fields
from danvan.petitions.models import Field, Petition

# kind, field, ward, subject, content, place, days ago, decision
CASES = [
    ("feedback", "trat-tu-do-thi", "tx-kim-giang", "Hát karaoke thâu đêm ở số 18 Kim Giang",
     "Quán hát ở số 18 Kim Giang mở loa rất to đến 1, 2 giờ sáng, người già trẻ nhỏ không ngủ được.",
     "Số 18 Kim Giang", 300, "accept"),
    ("feedback", "trat-tu-do-thi", "tx-kim-giang", "Tieng on quan karaoke Kim Giang",
     "Dan pho phan anh quan karaoke so 18 Kim Giang dem nao cung hat qua 12 gio dem, de nghi phuong xu ly.",
     "so 18 Kim Giang", 200, "accept"),
    ("recommendation", "trat-tu-do-thi", "tx-kim-giang", "Đề nghị kiểm tra giấy phép quán hát số 18 Kim Giang",
     "Cơ sở karaoke tại số 18 Kim Giang hoạt động quá giờ quy định, đề nghị kiểm tra giấy phép kinh doanh.",
     "Số 18 Kim Giang", 120, "accept"),
    ("feedback", "moi-truong", "tx-phuong-liet", "Mưa là ngập trước chợ Phương Liệt",
     "Cống trước cổng chợ Phương Liệt đầy rác và bùn, mưa một lúc là nước tràn lên mặt đường.",
     "Chợ Phương Liệt", 260, "accept"),
    ("feedback", "moi-truong", "tx-phuong-liet", "Cong thoat nuoc cho Phuong Liet bi tac",
     "Doan cong truoc cho Phuong Liet tac lau ngay, nuoc thai boc mui, de nghi nao vet.",
     "cho Phuong Liet", 150, "accept"),
    ("feedback", "trat-tu-do-thi", "tx-thuong-dinh", "Buôn bán tràn vỉa hè ngõ 56 Nguyễn Trãi",
     "Hàng quán trong ngõ 56 Nguyễn Trãi bày bàn ghế kín vỉa hè, người đi bộ phải xuống lòng đường.",
     "Ngõ 56 Nguyễn Trãi", 220, "accept"),
    ("complaint_first", "dat-dai", "tx-khuong-mai", "Hàng xóm xây tường lấn đất ở ngõ 4 Khương Mai",
     "Nhà bên cạnh ở ngõ 4 Khương Mai xây tường lấn sang phần đất nhà tôi khoảng nửa mét, đề nghị phường "
     "đo đạc, phân định mốc giới.", "Ngõ 4 Khương Mai", 180, "accept"),
    ("recommendation", "dat-dai", "tx-nhan-chinh", "Xin hướng dẫn thủ tục cấp sổ đỏ lần đầu",
     "Gia đình chưa biết nộp hồ sơ cấp giấy chứng nhận quyền sử dụng đất lần đầu ở đâu, cần giấy tờ gì.",
     "", 160, "guide"),
]


def load(out) -> None:
    ensure_fields()
    units = {u.code: u for u in Unit.objects.filter(code__in={c[2] for c in CASES})}
    officers = {s.unit.code: s for s in Staff.objects.select_related("unit").filter(
        unit__code__in=units, role="officer", is_active=True)}
    admin = Staff.objects.filter(username="admin").first() or Staff.objects.filter(is_superuser=True).first()
    fields = {f.code: f for f in Field.objects.all()}
    today = clock.today()
    made = 0
    for index, (kind, field, ward, subject, content, place, ago, decision) in enumerate(CASES):
        unit = units.get(ward)
        if unit is None or field not in fields or Petition.objects.filter(subject=subject).exists():
            continue
        officer = officers.get(ward) or admin
        received = today - timedelta(days=ago)
        p = services.submit_petition(
            actor=officer, kind=kind, field=fields[field], unit=unit, channel="web", received_on=received,
            subject=subject, content=content, location=place, is_signed=kind == "complaint_first",
            petitioners=[{"full_name": f"Người dân khu phố số {index + 1}",
                          "address": f"Số {index + 30}, {unit.short_name or unit.name}"}]).petition
        on = received + timedelta(days=2)
        if decision == "guide":
            services.triage(actor=officer, petition=p, decision="guide", on=on,
                            forwarded_to="Văn phòng đăng ký đất đai Hà Nội - Chi nhánh Thanh Xuân")
        else:
            p = services.triage(actor=officer, petition=p, decision="accept", on=on)
            services.close(actor=officer, petition=p, outcome="fixed", evidence=_png(), on=on + timedelta(days=8),
                           answer="Đơn vị đã kiểm tra thực tế, nhắc nhở và xử lý; sẽ tiếp tục theo dõi.")
        made += 1
    out.write(f"Hồ sơ mẫu cho trợ lý phân loại: {made} hồ sơ mới.\n")
