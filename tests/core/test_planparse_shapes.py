"""Plan import reads what real plans contain: laws cited by name, coordinating units, web articles.

Table-driven: each row is a sentence as plans write it and what must be read from it. The
fixtures are whole plans written the way wards publish them (official layout, web article).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from danvan.core.planparse import parse_plan, read_plan_file
from danvan.core.planparse.citations import plan_references
from danvan.core.planparse.units import assignments_in

FIXTURES = Path(__file__).parent / "fixtures"

# ------------------------------------------------------------------------------ laws and kinds

CITATIONS = [
    # (text, [(full_number, type_name, date, issuer, title)])
    ("Căn cứ Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 ngày 10/11/2022;",
     [("10/2022/QH15", "Luật", "2022-11-10", "Quốc hội", "Luật Thực hiện dân chủ ở cơ sở")]),
    ("Căn cứ Luật Tiếp công dân số 42/2013/QH13;",
     [("42/2013/QH13", "Luật", None, "Quốc hội", "Luật Tiếp công dân")]),
    ("Căn cứ Luật Tiếp công dân số\n42/2013/QH13 ngày 25/11/2013 của Quốc hội;",
     [("42/2013/QH13", "Luật", "2013-11-25", "Quốc hội", "Luật Tiếp công dân")]),
    ("Căn cứ Luật Khiếu nại số 02/2011/QH13, Luật Tố cáo số 25/2018/QH14 ngày 12/6/2018;",
     [("02/2011/QH13", "Luật", None, "Quốc hội", "Luật Khiếu nại"),
      ("25/2018/QH14", "Luật", "2018-06-12", "Quốc hội", "Luật Tố cáo")]),
    ("Căn cứ Luật Tổ chức chính quyền địa phương số 77/2015/QH13 ngày 19/6/2015;",
     [("77/2015/QH13", "Luật", "2015-06-19", "Quốc hội", "Luật Tổ chức chính quyền địa phương")]),
    ("Căn cứ Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức số "
     "52/2019/QH14 ngày 25/11/2019;",
     [("52/2019/QH14", "Luật", "2019-11-25", "Quốc hội",
       "Luật sửa đổi, bổ sung một số điều của Luật Cán bộ, công chức và Luật Viên chức")]),
    ("Pháp lệnh Thực hiện dân chủ ở xã, phường, thị trấn số 34/2007/PL-UBTVQH11 ngày 20/4/2007",
     [("34/2007/PL-UBTVQH11", "Pháp lệnh", "2007-04-20", "Ủy ban Thường vụ Quốc hội",
       "Pháp lệnh Thực hiện dân chủ ở xã, phường, thị trấn")]),
    # A law named without its number is not a reference; the decree after it is, with its own date.
    ("Tuyên truyền Luật Tiếp công dân năm 2013 và Nghị định số 31/2019/NĐ-CP ngày 10/4/2019 của Chính phủ.",
     [("31/2019/NĐ-CP", "Nghị định", "2019-04-10", "Chính phủ", None)]),
    # The law does not borrow the decree's date and issuer.
    ("triển khai Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15 và Nghị định số 59/2023/NĐ-CP ngày "
     "14/8/2023 của Chính phủ",
     [("10/2022/QH15", "Luật", None, "Quốc hội", "Luật Thực hiện dân chủ ở cơ sở"),
      ("59/2023/NĐ-CP", "Nghị định", "2023-08-14", "Chính phủ", None)]),
    # "QĐ số" is "Quyết định số"; "Uỷ ban" is "Ủy ban".
    ("Căn cứ QĐ số 1234/QĐ-UBND ngày 05/6/2025 của Uỷ ban nhân dân Thành phố về việc ban hành quy chế;",
     [("1234/QĐ-UBND", "Quyết định", "2025-06-05", "Ủy ban nhân dân Thành phố", None)]),
    ("Căn cứ Quyết định số 1234/QĐ-UBND ngày 05/6/2025 của Ủy ban nhân dân Thành phố về việc ban hành quy chế;",
     [("1234/QĐ-UBND", "Quyết định", "2025-06-05", "Ủy ban nhân dân Thành phố", None)]),
    ("Thực hiện KH số 15/KH-UBND ngày 20/01/2026 của UBND Thành phố;",
     [("15/KH-UBND", "Kế hoạch", "2026-01-20", "UBND Thành phố", None)]),
    # Unchanged: a law cited as "Luật số …" keeps what the text says.
    ("Căn cứ Luật số 10/2022/QH15 ngày 10/11/2022 của Quốc hội về thực hiện dân chủ ở cơ sở",
     [("10/2022/QH15", "Luật", "2022-11-10", "Quốc hội", None)]),
]


@pytest.mark.parametrize(("text", "expected"), CITATIONS, ids=[row[0][:40] for row in CITATIONS])
def test_citations_as_plans_write_them(text: str, expected: list[tuple]) -> None:
    got = [(r.full_number, r.type_name, r.date, r.issuer, r.title) for r in plan_references(text)]
    assert got == expected


# --------------------------------------------------------------------------- coordinating units

CLAUSES = [
    ("Văn phòng HĐND và UBND phường chủ trì, phối hợp với Ủy ban MTTQ Việt Nam phường và các tổ chức "
     "chính trị - xã hội phường tổ chức hội nghị đối thoại.",
     [("Văn phòng HĐND và UBND phường", "lead"), ("Ủy ban MTTQ Việt Nam phường", "coordinate"),
      ("các tổ chức chính trị - xã hội phường", "coordinate")]),
    ("Giao Phòng Văn hóa - Xã hội phối hợp với Công an phường tổ chức tuyên truyền.",
     [("Phòng Văn hóa - Xã hội", "lead"), ("Công an phường", "coordinate")]),
    ("Phòng Kinh tế chủ trì, phối hợp Trạm Y tế phường, Công an phường kiểm tra an toàn thực phẩm.",
     [("Phòng Kinh tế", "lead"), ("Trạm Y tế phường", "coordinate"), ("Công an phường", "coordinate")]),
    ("Đề nghị Uỷ ban MTTQ Việt Nam phường và các tổ chức chính trị - xã hội phường phối hợp tuyên truyền.",
     [("Ủy ban MTTQ Việt Nam phường", "coordinate"), ("các tổ chức chính trị - xã hội phường", "coordinate")]),
    ("Ủy ban MTTQ Việt Nam phường và các tổ chức chính trị - xã hội phối hợp thực hiện.",
     [("Ủy ban MTTQ Việt Nam phường", "coordinate"), ("các tổ chức chính trị - xã hội", "coordinate")]),
    ("Công an phường phối hợp bảo đảm an ninh trật tự tại hội nghị.", [("Công an phường", "coordinate")]),
    ("Công an phường và Ban Chỉ huy Quân sự phường phối hợp bảo vệ hội nghị.",
     [("Công an phường", "coordinate"), ("Ban Chỉ huy Quân sự phường", "coordinate")]),
    ("Phối hợp với Công an phường bảo đảm an ninh trật tự tại các điểm tiếp công dân.",
     [("Công an phường", "coordinate")]),
    ("Đơn vị phối hợp: Ủy ban MTTQ Việt Nam phường và các tổ chức chính trị - xã hội.",
     [("Ủy ban MTTQ Việt Nam phường", "coordinate"), ("các tổ chức chính trị - xã hội", "coordinate")]),
    ("Cơ quan chủ trì: Phòng Văn hóa - Xã hội; cơ quan phối hợp: Công an phường, Trạm Y tế phường.",
     [("Phòng Văn hóa - Xã hội", "lead"), ("Công an phường", "coordinate"), ("Trạm Y tế phường", "coordinate")]),
    ("Văn phòng HĐND và UBND phường tổ chức hội nghị, với sự phối hợp của Ủy ban MTTQ Việt Nam phường.",
     [("Văn phòng HĐND và UBND phường", "lead"), ("Ủy ban MTTQ Việt Nam phường", "coordinate")]),
    # Names that hold "và" stay whole; partners that are "the units concerned" are nobody in particular.
    ("Phòng Văn hóa và Thông tin tăng cường tuyên truyền.", [("Phòng Văn hóa và Thông tin", "lead")]),
    ("Giao phòng Nội vụ, Văn phòng HĐND và UBND quận phối hợp với các đơn vị có liên quan tăng cường kiểm tra.",
     [("Phòng Nội vụ", "lead"), ("Văn phòng HĐND và UBND quận", "lead")]),
    # A description of cooperation with no one assigned assigns no one.
    ("Thực hiện tốt công tác phối hợp với Mặt trận Tổ quốc, các tổ chức chính trị - xã hội.", []),
]


@pytest.mark.parametrize(("text", "expected"), CLAUSES, ids=[row[0][:40] for row in CLAUSES])
def test_who_leads_and_who_coordinates(text: str, expected: list[tuple[str, str]]) -> None:
    assert assignments_in(text) == expected


# ---------------------------------------------------------------------------------- web articles

WEB_INTROS = [
    # (first paragraph, (number, date, place, issuer, subject))
    ("Ngày 10/3/2026, UBND phường Thanh Xuân ban hành Kế hoạch số 45/KH-UBND về tổ chức đối thoại với "
     "Nhân dân năm 2026.",
     ("45/KH-UBND", "2026-03-10", "Thanh Xuân", "UBND phường Thanh Xuân",
      "Về tổ chức đối thoại với Nhân dân năm 2026")),
    ("Ngày 05 tháng 02 năm 2026, Uỷ ban nhân dân xã Đông Anh đã ban hành Kế hoạch số 12/KH-UBND về việc "
     "thực hiện dân chủ ở cơ sở.",
     ("12/KH-UBND", "2026-02-05", "Đông Anh", "Ủy ban nhân dân xã Đông Anh",
      "Về việc thực hiện dân chủ ở cơ sở")),
    ("Vừa qua, UBND phường\nKhương Đình vừa ban hành Kế hoạch 35/KH-UBND (ngày 2/4/2026) về công tác dân vận.",
     ("35/KH-UBND", "2026-04-02", "Khương Đình", "UBND phường Khương Đình", "Về công tác dân vận")),
    ("UBND phường Phương Liệt ban hành Kế hoạch số 09/KH-UBND ngày 08/01/2026 về công tác dân vận.",
     ("09/KH-UBND", "2026-01-08", "Phương Liệt", "UBND phường Phương Liệt", "Về công tác dân vận")),
]


@pytest.mark.parametrize(("intro", "expected"), WEB_INTROS, ids=[row[1][0] for row in WEB_INTROS])
def test_web_article_gives_number_date_and_place(intro: str, expected: tuple) -> None:
    plan = parse_plan(f"{intro}\n\nI. MỤC ĐÍCH, YÊU CẦU\n1. Nâng cao nhận thức của cán bộ.\n")
    assert (plan.full_number, plan.date, plan.place, plan.issuer, plan.subject) == expected


# -------------------------------------------------------------------------------- whole plans


def _units(plan) -> list[tuple[str, str, str]]:
    return [(a.item, a.unit_text, a.role) for a in plan.assignments]


def _refs(plan) -> list[tuple]:
    return [(r.full_number, r.type_name, r.date, r.issuer, r.title) for r in plan.references]


WARD_REFERENCES = [
    ("10/2022/QH15", "Luật", "2022-11-10", "Quốc hội", "Luật Thực hiện dân chủ ở cơ sở"),
    ("42/2013/QH13", "Luật", "2013-11-25", "Quốc hội", "Luật Tiếp công dân"),
    ("02/2011/QH13", "Luật", None, "Quốc hội", "Luật Khiếu nại"),
    ("25/2018/QH14", "Luật", None, "Quốc hội", "Luật Tố cáo"),
    ("1234/QĐ-UBND", "Quyết định", "2025-06-05", "Ủy ban nhân dân Thành phố", None),
]
WARD_UNITS = [
    ("II.1.a", "Văn phòng HĐND và UBND phường", "lead"),
    ("II.1.a", "Ủy ban MTTQ Việt Nam phường", "coordinate"),
    ("II.1.a", "các tổ chức chính trị - xã hội phường", "coordinate"),
    ("II.1.b", "Công an phường", "coordinate"),
    ("II.2", "UBND phường", "lead"),
    ("II.2", "Phòng Văn hóa - Xã hội", "coordinate"),
    ("III.1", "Phòng Kinh tế", "lead"),
    ("III.1", "Trạm Y tế phường", "coordinate"),
    ("III.2", "Ủy ban MTTQ Việt Nam phường", "coordinate"),
    ("III.2", "các tổ chức chính trị - xã hội phường", "coordinate"),
]


def test_ward_plan_citing_laws_by_name() -> None:
    plan = parse_plan(read_plan_file(FIXTURES / "ward_dialogue_laws.txt"))
    assert (plan.full_number, plan.place, plan.date) == ("52/KH-UBND", "Thanh Xuân", "2026-03-18")
    assert plan.issuer == "ỦY BAN NHÂN DÂN PHƯỜNG THANH XUÂN"
    assert _refs(plan) == WARD_REFERENCES
    assert _units(plan) == WARD_UNITS
    assert [(d.item, d.rule, d.day, d.date) for d in plan.deadlines] == [
        ("II.1.a", "once", None, "2026-06-30"), ("II.2", "monthly", 15, None), ("II.2", "monthly", 20, None),
    ]
    assert plan.as_dict()["references"][0]["title"] == "Luật Thực hiện dân chủ ở cơ sở"


SPELLINGS = [
    ("Uỷ ban", "Ủy ban"),
    ("QĐ số 1234", "Quyết định số 1234"),
    ("Luật Tố cáo số\n25/2018/QH14", "Luật Tố cáo số 25/2018/QH14"),
    ("phối hợp với Uỷ ban MTTQ Việt Nam phường\nvà các", "phối hợp với Uỷ ban MTTQ Việt\nNam phường và các"),
    ("các tổ chức chính trị - xã hội\nphường phối hợp", "các tổ chức chính trị -\nxã hội phường phối hợp"),
    ("\n", "\r\n"),
    (" của Quốc hội", "\u00a0của Quốc hội"),
]


@pytest.mark.parametrize(("written", "variant"), SPELLINGS, ids=[row[1][:20] for row in SPELLINGS])
def test_spelling_variants_read_the_same(written: str, variant: str) -> None:
    text = read_plan_file(FIXTURES / "ward_dialogue_laws.txt")
    assert written in text
    plan = parse_plan(text.replace(written, variant))
    assert _refs(plan) == WARD_REFERENCES
    assert _units(plan) == WARD_UNITS


def test_web_article_with_coordinating_units_listed() -> None:
    plan = parse_plan(read_plan_file(FIXTURES / "webpost_date_first.txt"))
    assert (plan.full_number, plan.date, plan.place) == ("35/KH-UBND", "2026-03-10", "Khương Đình")
    assert plan.issuer == "UBND phường Khương Đình"
    assert plan.subject == "Về thực hiện dân chủ ở cơ sở trên địa bàn phường năm 2026"
    assert _refs(plan) == [
        ("10/2022/QH15", "Luật", None, "Quốc hội", "Luật Thực hiện dân chủ ở cơ sở"),
        ("59/2023/NĐ-CP", "Nghị định", "2023-08-14", "Chính phủ", None),
    ]
    assert _units(plan) == [
        ("II.1", "Văn phòng HĐND và UBND phường", "lead"),
        ("II.1", "Ủy ban MTTQ Việt Nam phường", "coordinate"),
        ("II.1", "các tổ chức chính trị - xã hội", "coordinate"),
        ("II.2", "Phòng Kinh tế", "lead"),
        ("II.2", "các tổ dân phố", "coordinate"),
        ("III", "Phòng Văn hóa - Xã hội", "lead"),
        ("III", "Ban Thanh tra nhân dân phường", "coordinate"),
    ]
    assert [(d.item, d.rule, d.month, d.day, d.date) for d in plan.deadlines] == [
        ("II.2", "once", None, None, "2026-06-30"), ("III", "yearly", 12, 15, None),
    ]
