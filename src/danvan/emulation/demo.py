"""Demo records of emulation: the Thanh Xuân council, the 2026 scheme (in force, published), the
council's points for a few wards, and "Dân vận khéo" models at each stage. Add-only: a record that
exists (looked up by its natural key) is never touched again.
"""

from __future__ import annotations

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.emulation import services
from danvan.emulation.models import (
    Award,
    CouncilMember,
    CouncilPosition,
    CriterionKind,
    ExemplaryModel,
    ManualPoints,
    ModelField,
    Proposal,
    RecognitionLevel,
    Scheme,
    StaffRating,
    Training,
    Vote,
)
from danvan.org import clock
from danvan.org import services as org_services
from danvan.org.models import Role, Staff, Unit

COUNCIL = [("chutich", CouncilPosition.CHAIR), ("noivu", CouncilPosition.SECRETARY),
           ("kiemtra", CouncilPosition.MEMBER), ("truongphong", CouncilPosition.MEMBER)]

MANUAL = [
    ("tx-thuong-dinh", "4.5",
     "Chủ động vận động nhân dân chỉnh trang ngõ 214 Nguyễn Xiển; báo cáo đầy đủ, có số liệu."),
    ("tx-khuong-dinh", "3", "Báo cáo còn thiếu số liệu tiếp công dân, đã phải trả lại để bổ sung."),
    ("tx-ha-dinh", "4", "Tuyên truyền đa dạng trên loa truyền thanh và trang thông tin điện tử của phường."),
]

# (unit, name, field, problem, approach, results, people, stage, decision date)
MODELS = [
    ("tx-thuong-dinh", "Ngõ phố xanh - sạch - đẹp", ModelField.CULTURE_SOCIETY,
     "Ngõ 214 Nguyễn Xiển xuống cấp, rác thải tồn đọng, nhiều hộ lấn chiếm lối đi.",
     "Tổ dân phố họp dân từng ngõ, cán bộ phường đến từng hộ vận động; nhân dân góp công, góp tiền, "
     "phường hỗ trợ vật liệu; công khai thu chi tại nhà văn hóa.",
     "Cải tạo 1.200 m² ngõ, trồng 350 cây xanh, 46 hộ tự nguyện tháo dỡ phần lấn chiếm; "
     "nhân dân đóng góp 420 triệu đồng và 1.100 ngày công.",
     "Bà Nguyễn Thị Hòa, tổ trưởng tổ dân phố 12; ông Lê Văn Tâm, bí thư chi bộ", "recognised", date(2026, 9, 15)),
    ("tx-kim-giang", "Hộ kinh doanh nhỏ chuyển đổi số", ModelField.ECONOMY,
     "Hộ kinh doanh nhỏ ở chợ Kim Giang chưa biết thanh toán không dùng tiền mặt, doanh thu giảm.",
     "Đoàn Thanh niên phường lập tổ hỗ trợ, hướng dẫn tại chỗ từng quầy, phối hợp ngân hàng mở tài khoản miễn phí.",
     "212/240 hộ dùng mã QR thanh toán; 85 hộ bán hàng trực tuyến; doanh thu bình quân tăng 18%.",
     "Đoàn Thanh niên phường Kim Giang", "recognised", date(2026, 10, 20)),
    ("tx-khuong-dinh", "Tổ dân phố tự quản về an ninh trật tự", ModelField.SECURITY_DEFENCE,
     "Trộm cắp xe máy xảy ra nhiều tại các ngõ nhỏ khu tập thể.",
     "Lập nhóm Zalo tổ dân phố với công an khu vực, lắp 24 camera do nhân dân đóng góp, trực đêm luân phiên.",
     "Số vụ trộm cắp giảm từ 17 vụ (2025) xuống 3 vụ (9 tháng 2026).",
     "Công an phường Khương Đình, tổ dân phố số 5", "nominated", None),
    ("tx-ha-dinh", "Dân vận khéo trong hiến đất mở ngõ", ModelField.POLITICAL_SYSTEM,
     "Ngõ 30 Hạ Đình chỉ rộng 1,5 m, xe cứu hỏa không vào được.",
     "Mặt trận và các đoàn thể phường họp với từng hộ, công khai phương án, lãnh đạo phường đối thoại trực tiếp.",
     "19 hộ hiến 86 m² đất, ngõ mở rộng lên 3,5 m.", "", "registered", None),
]


# (proposing unit, head, award code or "", measure, nominee username or unit code, grounds, stage)
PROPOSALS = [
    ("tx-thuong-dinh", "phuong", "lao-dong-tien-tien", "", "canbo",
     "Hoàn thành xuất sắc việc tiếp nhận, xử lý đơn thư; không có đơn quá hạn trong năm 2026.", "approved"),
    ("tx-thuong-dinh", "phuong", "giay-khen", "", "tx-thuong-dinh",
     "Tập thể UBND phường vận động nhân dân chỉnh trang ngõ 214 Nguyễn Xiển, mô hình được công nhận cấp quận.",
     "submitted"),
    ("tx-khuong-dinh", "ct-tx-khuong-dinh", "", "reprimand", "canbo2",
     "Chậm trả lời 2 kiến nghị của công dân về trật tự đô thị quá thời hạn 10 ngày làm việc.", "draft"),
]


def _proposals(district: Unit, staff: dict) -> None:
    services.ensure_awards()
    names = [p[1] for p in PROPOSALS] + [p[4] for p in PROPOSALS]
    people = {s.username: s for s in Staff.objects.filter(username__in=names)}
    units = {u.code: u for u in Unit.objects.filter(code__in=[p[0] for p in PROPOSALS] + [p[4] for p in PROPOSALS])}
    awards = {a.code: a for a in Award.objects.all()}
    for unit_code, head, award, measure, nominee, grounds, stage in PROPOSALS:
        if unit_code not in units or head not in people or Proposal.objects.filter(grounds=grounds).exists():
            continue
        if award and award not in awards:
            continue
        proposal = services.propose(
            actor=people[head], kind="discipline" if measure else "commendation", unit=units[unit_code],
            reviewing_unit=district, year=2026, award=awards.get(award), measure=measure,
            nominee_staff=people.get(nominee), nominee_unit=None if nominee in people else units.get(nominee),
            grounds=grounds)
        if stage == "draft":
            continue
        proposal = services.submit_proposal(actor=people[head], proposal=proposal)
        for username in ("chutich", "noivu", "kiemtra")[: 3 if stage == "approved" else 1]:
            if username in staff:
                services.vote_proposal(actor=staff[username], proposal=proposal, vote=Vote.AGREE,
                                       comment="Đủ tiêu chuẩn theo quy định.")
        if stage == "approved":
            services.decide_proposal(actor=None, proposal=proposal, approve=True, on=date(2026, 11, 10))


# Civil servants of three wards who have no log-in (username, full name, ward, position), rated and trained below.
CIVIL_SERVANTS = [
    ("cc-td-1", "Nguyễn Thị Thanh Hương", "tx-thuong-dinh", "Công chức Tư pháp - Hộ tịch phường Thượng Đình"),
    ("cc-td-2", "Trần Quang Vinh", "tx-thuong-dinh", "Công chức Địa chính - Xây dựng phường Thượng Đình"),
    ("cc-td-3", "Lê Thị Ngọc Ánh", "tx-thuong-dinh", "Công chức Văn hóa - Xã hội phường Thượng Đình"),
    ("cc-kd-1", "Phạm Minh Đức", "tx-khuong-dinh", "Công chức Văn phòng - Thống kê phường Khương Đình"),
    ("cc-kd-2", "Vũ Thị Hải Yến", "tx-khuong-dinh", "Công chức Văn hóa - Xã hội phường Khương Đình"),
    ("cc-kg-1", "Đoàn Văn Tùng", "tx-kim-giang", "Công chức Tư pháp - Hộ tịch phường Kim Giang"),
    ("cc-kg-2", "Hoàng Thị Thu Trang", "tx-kim-giang", "Công chức Văn phòng - Thống kê phường Kim Giang"),
    ("cc-kg-3", "Bùi Đức Thắng", "tx-kim-giang", "Công chức Địa chính - Xây dựng phường Kim Giang"),
]

# (username, year, level, comment): entered by the ward's chairman; the chairmen's own by Phòng Nội vụ.
RATINGS = [
    ("canbo", 2025, "good", ""), ("canbo", 2026, "excellent",
                                   "Tiếp nhận, xử lý đơn thư đúng hạn; chủ động đề xuất niêm yết lịch tiếp công dân."),
    ("cc-td-1", 2025, "good", ""), ("cc-td-1", 2026, "good", ""),
    ("cc-td-2", 2025, "completed", ""), ("cc-td-2", 2026, "completed", ""),
    ("cc-td-3", 2026, "excellent", "Tham mưu mô hình “Ngõ phố xanh - sạch - đẹp” được công nhận cấp quận."),
    ("phuong", 2026, "good", ""),
    ("canbo2", 2025, "good", ""), ("canbo2", 2026, "completed",
                                    "Còn chậm trả lời 2 kiến nghị của công dân về trật tự đô thị."),
    ("cc-kd-1", 2026, "good", ""),
    ("cc-kd-2", 2026, "not_completed", "Để sổ tiếp công dân ghi thiếu kết quả ở 6 lượt; chưa khắc phục sau nhắc nhở."),
    ("ct-tx-khuong-dinh", 2026, "completed", ""),
    ("cc-kg-1", 2026, "good", ""), ("cc-kg-2", 2026, "excellent", ""), ("cc-kg-3", 2026, "completed", ""),
    ("ct-tx-kim-giang", 2026, "good", ""),
]
RATED_ON = {2025: date(2025, 12, 5), 2026: date(2026, 11, 20)}

# (username, course, organiser, start, end, hours, sessions, certificate, plan item path or "")
TRAININGS = [
    ("canbo", "Bồi dưỡng kỹ năng công tác dân vận chính quyền năm 2026",
     "Ban Dân vận Quận ủy phối hợp Phòng Nội vụ quận", date(2026, 3, 17), date(2026, 3, 18), "16", 4,
     "Giấy chứng nhận số 45/GCN-BDV", "II.1"),
    ("cc-td-1", "Bồi dưỡng kỹ năng công tác dân vận chính quyền năm 2026",
     "Ban Dân vận Quận ủy phối hợp Phòng Nội vụ quận", date(2026, 3, 17), date(2026, 3, 18), "16", 4,
     "Giấy chứng nhận số 46/GCN-BDV", "II.1"),
    ("cc-td-3", "Tập huấn nghiệp vụ tiếp công dân, xử lý đơn thư", "Thanh tra quận", date(2026, 5, 12),
     date(2026, 5, 12), "8", 2, "", "II.5"),
    ("canbo2", "Tập huấn nghiệp vụ tiếp công dân, xử lý đơn thư", "Thanh tra quận", date(2026, 5, 12),
     date(2026, 5, 12), "8", 2, "", "II.5"),
    ("cc-kg-2", "Bồi dưỡng kỹ năng công tác dân vận chính quyền năm 2026",
     "Ban Dân vận Quận ủy phối hợp Phòng Nội vụ quận", date(2026, 3, 17), date(2026, 3, 18), "16", 4,
     "Giấy chứng nhận số 52/GCN-BDV", "II.1"),
    ("cc-kg-1", "Bồi dưỡng kiến thức quản lý nhà nước chương trình chuyên viên",
     "Trường Đào tạo cán bộ Lê Hồng Phong thành phố Hà Nội", date(2026, 6, 1), date(2026, 7, 31), "", 40,
     "Chứng chỉ số 1187/CC-LHP", ""),
]


def _staff_demo(out) -> None:
    """Civil servants of three wards, their ratings of 2025 and 2026 and their courses (add-only)."""
    from danvan.plans.models import Plan

    wards = {u.code: u for u in Unit.objects.filter(code__in={w for _u, _n, w, _p in CIVIL_SERVANTS})}
    existing = set(Staff.objects.filter(username__in=[u for u, *_rest in CIVIL_SERVANTS]).values_list(
        "username", flat=True))
    for username, full_name, ward, position in CIVIL_SERVANTS:
        if username not in existing and ward in wards:
            org_services.create_staff(actor=None, username=username, full_name=full_name, unit=wards[ward],
                                      role=Role.OFFICER, position=position)
    names = {u for u, *_rest in RATINGS} | {u for u, *_rest in TRAININGS} | {"noivu"}
    people = {s.username: s for s in Staff.objects.filter(username__in=names).select_related("unit")}
    chairmen = {s.unit_id: s for s in Staff.objects.filter(role=Role.LEADER, unit__in=wards.values(),
                                                           username__startswith="ct-")}
    chairmen.update({s.unit_id: s for s in Staff.objects.filter(username="phuong")})
    done = set(StaffRating.objects.filter(staff__in=people.values()).values_list("staff__username", "year"))
    today = clock.today()
    for username, year, level, comment in RATINGS:
        person = people.get(username)
        if person is None or (username, year) in done or RATED_ON[year] > today:
            continue
        head = chairmen.get(person.unit_id)
        actor = people.get("noivu") if head is None or head.pk == person.pk else head
        services.rate_staff(actor=actor, staff=person, year=year, level=level, comment=comment,
                            rated_on=RATED_ON[year])
    plan = Plan.objects.filter(issuer__code="tx-ubnd", number_key="307/kh-ubnd").first()
    items = {i.path: i for i in plan.items.all()} if plan else {}
    for username, course, organiser, start, end, hours, sessions, certificate, path in TRAININGS:
        person = people.get(username)
        if person is None or end > today or Training.objects.filter(staff=person, course=course).exists():
            continue
        services.add_training(actor=people.get("noivu"), staff=person, course=course, organiser=organiser,
                              start_on=start, end_on=end, hours=hours, sessions=sessions, certificate=certificate,
                              plan_item=items.get(path))
    out.write("  Xếp loại chất lượng, bồi dưỡng cán bộ, công chức của 3 phường")


def _png() -> SimpleUploadedFile:
    import struct
    import zlib

    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)
    body = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\x00\x80\x00")) + chunk(b"IEND", b""))
    return SimpleUploadedFile("anh.png", body, content_type="image/png")


def load(out) -> None:
    district = Unit.objects.filter(code="tx-ubnd").first()
    if district is None:
        return
    staff = {s.username: s for s in Staff.objects.filter(username__in=[u for u, _p in COUNCIL])}
    for username, position in COUNCIL:
        if username in staff and not CouncilMember.objects.filter(unit=district, staff=staff[username]).exists():
            services.add_council_member(actor=None, unit=district, staff=staff[username], position=position)

    scheme = Scheme.objects.filter(unit=district, year=2026).order_by("revision").first()
    if scheme is None:
        scheme = services.create_scheme(actor=None, unit=district, year=2026)
        scheme = services.activate(actor=None, scheme=scheme)
        scheme = services.set_published(actor=None, scheme=scheme, published=True)
        manual = scheme.criteria.filter(kind=CriterionKind.MANUAL).first()
        units = {u.code: u for u in Unit.objects.filter(code__in=[c for c, _p, _r in MANUAL])}
        for code, points, reason in MANUAL:
            done = ManualPoints.objects.filter(criterion=manual, unit=units.get(code)).exists()
            if manual and code in units and not done:
                services.set_manual_points(actor=None, criterion=manual, unit=units[code], points=points,
                                           reason=reason)
        out.write("  Bộ tiêu chí chấm điểm thi đua năm 2026 của quận Thanh Xuân (đang áp dụng, đã công bố)")

    units = {u.code: u for u in Unit.objects.filter(code__in=[m[0] for m in MODELS])}
    for code, name, field, problem, approach, results, people, stage, decided in MODELS:
        unit = units.get(code)
        if unit is None or ExemplaryModel.objects.filter(unit=unit, name=name).exists():
            continue
        model = services.register_model(actor=None, unit=unit, name=name, field=field, year=2026, problem=problem,
                                        approach=approach, results=results, people=people)
        services.add_evidence(actor=None, model=model, upload=_png(), title="Ảnh hiện trạng sau khi thực hiện")
        if stage == "registered":
            continue
        model = services.nominate(actor=None, model=model, reviewing_unit=district)
        voters = [u for u, _p in COUNCIL if u in staff][: 3 if stage == "recognised" else 2]
        for username in voters:
            services.cast_vote(actor=staff[username], model=model, vote=Vote.AGREE,
                               comment="Mô hình có kết quả cụ thể, nhân rộng được.")
        if stage == "recognised":
            model = services.decide(actor=None, model=model, recognise=True, level=RecognitionLevel.DISTRICT,
                                    on=decided)
            services.set_public(actor=None, model=model, public=True)
    out.write("  Mô hình “Dân vận khéo”: đăng ký, đề nghị, được công nhận")
    _proposals(district, staff)
    out.write("  Đề nghị khen thưởng, xử lý trách nhiệm")
    _staff_demo(out)
