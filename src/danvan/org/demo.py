"""Demo organisation: Hà Nội → Thanh Xuân district as in 2021 (Plan 307) → its 11 wards,
departments, Party board, Front and mass organisations, public service units; the three wards
that succeeded the district on 1 July 2025; one log-in per role.

Add-only: units, successions, log-ins and responsibilities are looked up by their natural key and
only the missing ones are created; an existing row is never changed, whatever an officer did to it."""

from __future__ import annotations

from datetime import date

from danvan.org import services
from danvan.org.models import Level, Role, Staff, Unit, UnitKind, UnitSuccession

DEMO_PASSWORD = "danvan@2026"
REFORM_DAY = date(2025, 7, 1)
DISTRICT_END = date(2025, 6, 30)

WARDS_2021 = ["Hạ Đình", "Khương Đình", "Khương Mai", "Khương Trung", "Kim Giang", "Nhân Chính",
              "Phương Liệt", "Thanh Xuân Bắc", "Thanh Xuân Nam", "Thanh Xuân Trung", "Thượng Đình"]
WARDS_2025 = ["Thanh Xuân", "Khương Đình", "Phương Liệt"]

# code, name, short name, aliases, kind
DISTRICT_UNITS = [
    ("tx-noi-vu", "Phòng Nội vụ", "Phòng NV", "phòng Nội vụ quận\nNV", UnitKind.DEPARTMENT),
    ("tx-van-phong", "Văn phòng HĐND và UBND quận", "VP HĐND-UBND",
     "Văn phòng HĐND và UBND\nVăn phòng HĐND - UBND quận\nVăn phòng UBND quận", UnitKind.OFFICE),
    ("tx-vhtt", "Phòng Văn hóa và Thông tin", "Phòng VHTT", "Phòng Văn hoá và Thông tin\nPhòng VH&TT",
     UnitKind.DEPARTMENT),
    ("tx-tu-phap", "Phòng Tư pháp", "Phòng TP", "", UnitKind.DEPARTMENT),
    ("tx-tckh", "Phòng Tài chính - Kế hoạch", "Phòng TC-KH", "Phòng Tài chính Kế hoạch", UnitKind.DEPARTMENT),
    ("tx-qldt", "Phòng Quản lý đô thị", "Phòng QLĐT", "", UnitKind.DEPARTMENT),
    ("tx-tnmt", "Phòng Tài nguyên và Môi trường", "Phòng TN&MT", "Phòng TNMT", UnitKind.DEPARTMENT),
    ("tx-ldtbxh", "Phòng Lao động - Thương binh và Xã hội", "Phòng LĐTBXH",
     "Phòng Lao động Thương binh và Xã hội", UnitKind.DEPARTMENT),
    ("tx-gddt", "Phòng Giáo dục và Đào tạo", "Phòng GD&ĐT", "Phòng GDĐT", UnitKind.DEPARTMENT),
    ("tx-y-te", "Phòng Y tế", "Phòng YT", "", UnitKind.DEPARTMENT),
    ("tx-kinh-te", "Phòng Kinh tế", "Phòng KT", "", UnitKind.DEPARTMENT),
    ("tx-thanh-tra", "Thanh tra quận", "Thanh tra", "Thanh tra quận Thanh Xuân", UnitKind.DEPARTMENT),
    ("tx-bdv", "Ban Dân vận Quận ủy", "BDV Quận ủy", "Ban Dân vận Quận ủy Thanh Xuân",
     UnitKind.PARTY_COMMITTEE_BOARD),
    ("tx-mttq", "Ủy ban MTTQ Việt Nam quận", "MTTQ quận", "Mặt trận Tổ quốc quận\nMTTQ", UnitKind.MASS_ORGANIZATION),
    ("tx-hoi-phu-nu", "Hội Liên hiệp Phụ nữ quận", "Hội LHPN", "", UnitKind.MASS_ORGANIZATION),
    ("tx-quan-doan", "Quận đoàn Thanh Xuân", "Quận đoàn", "Đoàn TNCS Hồ Chí Minh quận", UnitKind.MASS_ORGANIZATION),
    ("tx-hoi-ccb", "Hội Cựu chiến binh quận", "Hội CCB", "", UnitKind.MASS_ORGANIZATION),
    ("tx-ldld", "Liên đoàn Lao động quận", "LĐLĐ quận", "", UnitKind.MASS_ORGANIZATION),
    ("tx-ttvh", "Trung tâm Văn hóa - Thông tin và Thể thao quận", "TT VH-TT&TT", "",
     UnitKind.PUBLIC_SERVICE_UNIT),
    ("tx-bqlda", "Ban Quản lý dự án đầu tư xây dựng quận", "Ban QLDA", "", UnitKind.PUBLIC_SERVICE_UNIT),
    ("tx-thcs-nhan-chinh", "Trường THCS Nhân Chính", "THCS Nhân Chính", "", UnitKind.PUBLIC_SERVICE_UNIT),
]

# username, full name, unit code, position, role
DEMO_USERS = [
    ("admin", "Quản trị hệ thống", None, "Quản trị hệ thống", Role.ADMINISTRATOR),
    ("noivu", "Nguyễn Thị Thu Hà", "tx-noi-vu", "Chuyên viên Phòng Nội vụ (đầu mối dân vận)", Role.COORDINATOR),
    ("chutich", "Trần Văn Minh", "tx-ubnd", "Chủ tịch UBND quận", Role.LEADER),
    ("kiemtra", "Lê Quang Huy", "tx-van-phong", "Chuyên viên Văn phòng HĐND và UBND quận", Role.INSPECTOR),
    ("truongphong", "Phạm Thị Lan", "tx-vhtt", "Trưởng phòng Văn hóa và Thông tin", Role.UNIT_HEAD),
    ("canbo", "Đỗ Minh Tuấn", "tx-thuong-dinh", "Công chức Văn phòng - Thống kê phường Thượng Đình", Role.OFFICER),
    ("phuong", "Vũ Thị Mai", "tx-thuong-dinh", "Chủ tịch UBND phường Thượng Đình", Role.LEADER),
    ("canbo2", "Hoàng Đức Anh", "tx-khuong-dinh", "Công chức Tư pháp - Hộ tịch phường Khương Đình", Role.OFFICER),
]


# The leaders who sign each ward's outgoing documents (chairmen; one vice-chairman, who signs "KT.").
# username, full name, unit code, position — created once, never changed by a later run.
WARD_LEADERS = [
    ("ct-tx-ha-dinh", "Nguyễn Văn Hải", "tx-ha-dinh", "Chủ tịch UBND phường Hạ Đình"),
    ("ct-tx-khuong-dinh", "Lê Thị Hồng", "tx-khuong-dinh", "Chủ tịch UBND phường Khương Đình"),
    ("ct-tx-khuong-mai", "Trần Quốc Khánh", "tx-khuong-mai", "Chủ tịch UBND phường Khương Mai"),
    ("ct-tx-khuong-trung", "Phạm Văn Trung", "tx-khuong-trung", "Chủ tịch UBND phường Khương Trung"),
    ("ct-tx-kim-giang", "Đặng Thị Giang", "tx-kim-giang", "Chủ tịch UBND phường Kim Giang"),
    ("ct-tx-nhan-chinh", "Bùi Văn Chính", "tx-nhan-chinh", "Chủ tịch UBND phường Nhân Chính"),
    ("ct-tx-phuong-liet", "Ngô Thị Liên", "tx-phuong-liet", "Chủ tịch UBND phường Phương Liệt"),
    ("ct-tx-thanh-xuan-bac", "Đinh Văn Bắc", "tx-thanh-xuan-bac", "Chủ tịch UBND phường Thanh Xuân Bắc"),
    ("ct-tx-thanh-xuan-nam", "Hồ Thị Nam Phương", "tx-thanh-xuan-nam", "Chủ tịch UBND phường Thanh Xuân Nam"),
    ("ct-tx-thanh-xuan-trung", "Lý Văn Toàn", "tx-thanh-xuan-trung", "Chủ tịch UBND phường Thanh Xuân Trung"),
    ("pct-tx-ha-dinh", "Tạ Quang Bình", "tx-ha-dinh", "Phó Chủ tịch UBND phường Hạ Đình"),
    ("ct-hn-thanh-xuan", "Trịnh Văn Thành", "hn-thanh-xuan", "Chủ tịch UBND phường Thanh Xuân"),
    ("ct-hn-khuong-dinh", "Phan Văn Đức", "hn-khuong-dinh", "Chủ tịch UBND phường Khương Đình"),
    ("ct-hn-phuong-liet", "Mai Thị Lan Anh", "hn-phuong-liet", "Chủ tịch UBND phường Phương Liệt"),
]


def _code(prefix: str, name: str) -> str:
    from django.utils.text import slugify

    from danvan.core.vntext import fold

    return f"{prefix}-{slugify(fold(name))}"


def _unit(code: str, **values) -> Unit:
    existing = Unit.objects.filter(code=code).first()
    if existing:
        return existing
    return services.create_unit(actor=None, code=code, **values)


def load(out) -> None:
    hanoi = _unit("hn", name="UBND thành phố Hà Nội", short_name="UBND Thành phố",
                  aliases="UBND TP Hà Nội\nỦy ban nhân dân thành phố Hà Nội\nThành phố",
                  level=Level.PROVINCE, kind=UnitKind.COMMITTEE)
    _unit("hn-so-noi-vu", name="Sở Nội vụ Hà Nội", short_name="Sở Nội vụ", level=Level.PROVINCE,
          kind=UnitKind.DEPARTMENT, parent=hanoi)
    district = _unit("tx-ubnd", name="UBND quận Thanh Xuân", short_name="UBND quận",
                     aliases="Ủy ban nhân dân quận Thanh Xuân\nUBND quận", level=Level.DISTRICT,
                     kind=UnitKind.COMMITTEE, parent=hanoi, valid_to=DISTRICT_END)
    for code, name, short, aliases, kind in DISTRICT_UNITS:
        _unit(code, name=name, short_name=short, aliases=aliases, level=Level.DISTRICT, kind=kind,
              parent=district, valid_to=DISTRICT_END)
    old_wards = {}
    for name in WARDS_2021:
        old_wards[name] = _unit(_code("tx", name), name=f"UBND phường {name}", short_name=f"Phường {name}",
                                aliases=f"phường {name}\nP. {name}", level=Level.COMMUNE,
                                kind=UnitKind.COMMITTEE, parent=district, valid_to=DISTRICT_END)
    note = "Sắp xếp đơn vị hành chính cấp xã của thành phố Hà Nội năm 2025 (chính quyền địa phương hai cấp)"
    for name in WARDS_2025:
        ward = _unit(_code("hn", name), name=f"UBND phường {name} (từ 2025)", short_name=f"Phường {name}",
                     aliases=f"UBND phường {name}", level=Level.COMMUNE, kind=UnitKind.COMMITTEE, parent=hanoi,
                     valid_from=REFORM_DAY)
        predecessors = [district, old_wards[name]] if name in old_wards else [district]
        for predecessor in predecessors:
            if not UnitSuccession.objects.filter(predecessor=predecessor, successor=ward).exists():
                services.add_succession(actor=None, predecessor=predecessor, successor=ward,
                                        effective_on=REFORM_DAY, note=note)
    units = {u.code: u for u in Unit.objects.all()}
    for username, full_name, unit_code, position, role in DEMO_USERS:
        if Staff.objects.filter(username=username).exists():
            continue
        staff = services.create_staff(actor=None, username=username, full_name=full_name,
                                      unit=units.get(unit_code) if unit_code else None, role=role,
                                      position=position, email=f"{username}@thanhxuan.demo.vn",
                                      password=DEMO_PASSWORD)
        if role == Role.ADMINISTRATOR:
            staff.is_superuser = True
            staff.save(update_fields=["is_superuser"])
    for username, full_name, unit_code, position in WARD_LEADERS:
        if unit_code in units and not Staff.objects.filter(username=username).exists():
            services.create_staff(actor=None, username=username, full_name=full_name, unit=units[unit_code],
                                  role=Role.LEADER, position=position, email=f"{username}@thanhxuan.demo.vn",
                                  password=DEMO_PASSWORD)
    responsibles = [("tx-thuong-dinh", "phuong"), ("tx-vhtt", "truongphong"), ("tx-noi-vu", "noivu")]
    for unit_code, username in responsibles:
        unit = units[unit_code]
        if not unit.responsibilities.exists():
            services.assign_responsibility(actor=None, unit=unit, staff=Staff.objects.get(username=username),
                                           valid_from=date(2022, 1, 10), decision="Quyết định phân công năm 2022")
    out.write(f"  Tài khoản mẫu (mật khẩu chung: {DEMO_PASSWORD}):")
    for username, full_name, _unit_code, position, role in DEMO_USERS:
        out.write(f"    {username:<12} {Role(role).label} — {full_name}, {position}")
