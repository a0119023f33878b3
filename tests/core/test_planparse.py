"""Plan import: the seed plan 307/KH-UBND and plans of other shapes written for these tests."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from danvan.core.planparse import ParsedPlan, PlanParseError, parse_plan, read_plan_file

FIXTURES = Path(__file__).parent / "fixtures"
SEED = Path("/work/shared/seeds/plan-307-KH-UBND-thanh-xuan-2021.txt")

KEYS = [
    "full_number", "type", "place", "date", "subject", "issuer", "signer", "recipients", "archive",
    "references", "sections", "assignments", "deadlines",
]


def _units(plan: dict) -> list[tuple[str, str, str]]:
    return [(a["item"], a["unit_text"], a["role"]) for a in plan["assignments"]]


def _deadlines(plan: dict) -> list[tuple]:
    return [(d["item"], d["text"], d["rule"], d["month"], d["day"], d["date"]) for d in plan["deadlines"]]


def _paths(items: list[dict]) -> list[str]:
    out = []
    for item in items:
        out.append(item["path"])
        out.extend(_paths(item["items"]))
    return out


def _all_paths(plan: dict) -> list[str]:
    return [path for section in plan["sections"] for path in _paths(section["items"])]


def _fixture(name: str, **kwargs) -> dict:
    return parse_plan(read_plan_file(FIXTURES / name), **kwargs).as_dict()


# ------------------------------------------------------------------------------------------- seed


@pytest.fixture(scope="module")
def seed() -> dict:
    if not SEED.exists():
        pytest.skip("seed plan not available")

    def resolve(unit: str) -> int | list[int] | None:
        known = {"Phòng Văn hóa và Thông tin": 12, "Phòng Nội vụ": 7, "11 phường": list(range(101, 112))}
        return known.get(unit)

    return parse_plan(read_plan_file(SEED), resolve_unit=resolve).as_dict()


def test_seed_shape_is_json(seed: dict) -> None:
    assert list(seed) == KEYS
    assert json.loads(json.dumps(seed, ensure_ascii=False)) == seed


def test_seed_header(seed: dict) -> None:
    assert seed["full_number"] == "307/KH-UBND"
    assert seed["type"] == "KH"
    assert seed["place"] == "Thanh Xuân"
    assert seed["date"] == "2021-12-16"
    assert seed["subject"] == (
        "Về đẩy mạnh, nâng cao chất lượng, hiệu quả công tác dân vận của các cơ quan nhà nước "
        "thuộc quận Thanh Xuân"
    )
    assert seed["issuer"] is None  # the seed has no issuing-body line: nothing is guessed
    assert seed["signer"] == {"authority": "TM.", "title": "CHỦ TỊCH", "name": "Võ Đăng Dũng"}


def test_seed_recipients(seed: dict) -> None:
    assert seed["recipients"] == [
        "UBND Thành phố",
        "Sở Nội vụ",
        "TT Quận ủy",
        "TT HĐND quận",
        "Lãnh đạo UBND quận",
        "Ban Dân vận Quận ủy",
        "MTTQ và các đoàn thể quận",
        "Đảng ủy, UBND 11 phường",
        "Các phòng, ban, đơn vị sự nghiệp, trường học công lập thuộc quận",
        "Công thông tin điện tử quận",
    ]
    assert seed["archive"] == "Lưu: VT, NV."


def test_seed_references(seed: dict) -> None:
    refs = seed["references"]
    assert len(refs) == 10
    assert [r["full_number"] for r in refs] == [
        "07-CT/TU", "274/KH-UBND", "23-QĐ/TW", "114-KL/TW", "97/2019/QH14", "32/2021/NĐ-CP",
        "04/2015/NĐ-CP", "16/CT-TTg", "18-NQ/TW", "19-NQ/TW",
    ]
    assert refs[0] == {
        "full_number": "07-CT/TU", "type_name": "Chỉ thị", "date": "2021-10-01",
        "issuer": "Ban Thường vụ Thành ủy Hà Nội",
    }
    for ref in refs[-2:]:
        assert (ref["date"], ref["issuer"]) == ("2017-10-25", "Ban chấp hành Trung ương")
    assert all(ref["date"] and ref["issuer"] for ref in refs)
    assert "307/KH-UBND" not in [r["full_number"] for r in refs]


def test_seed_sections(seed: dict) -> None:
    sections = seed["sections"]
    assert [(s["label"], s["title"], len(s["items"])) for s in sections] == [
        ("I", "MỤC ĐÍCH, YÊU CẦU", 3),
        ("II", "NỘI DUNG THỰC HIỆN", 7),
        ("III", "TỔ CHỨC THỰC HIỆN", 3),
    ]
    assert _all_paths(seed) == [
        "I.1", "I.2", "I.3", "II.1", "II.2", "II.3", "II.4", "II.5", "II.6", "II.7",
        "III.1", "III.2", "III.3",
    ]
    items = {item["path"]: item for s in sections for item in s["items"]}
    # Second paragraphs stay with their item.
    assert items["II.3"]["text"].split("\n")[1].startswith("Nâng cao hiệu lực")
    assert items["II.4"]["text"].split("\n")[1].startswith("Nâng cao tinh thần trách nhiệm")
    assert items["II.7"]["text"].split("\n")[1].startswith("Đẩy mạnh các phong trào")
    # A hard line break inside a sentence ("tại\n\n\n\nthành phố") is joined.
    assert "chính quyền đô thị tại thành phố Hà Nội, Nghị định số 04/2015" in items["II.1"]["text"]
    # Stray closing brackets are dropped; the closing paragraph is not part of III.3.
    assert items["II.4"]["text"].endswith("trong thực thi công vụ.")
    assert items["III.3"]["text"].endswith("các phòng, ban, đơn vị thuộc quận.")
    assert "\n" not in items["III.3"]["text"]
    assert items["I.1"]["label"] == "1" and items["I.1"]["items"] == []


def test_seed_assignments(seed: dict) -> None:
    assert _units(seed) == [
        ("III.1", "các phòng, ban", "lead"),
        ("III.1", "11 phường", "lead"),
        ("III.1", "các đơn vị sự nghiệp", "lead"),
        ("III.2", "Phòng Văn hóa và Thông tin", "lead"),
        ("III.3", "Phòng Nội vụ", "lead"),
        ("III.3", "Văn phòng HĐND và UBND quận", "lead"),
        ("closing", "các phòng, ban, đơn vị", "lead"),
    ]
    ids = {(a["item"], a["unit_text"]): a["unit_id"] for a in seed["assignments"]}
    assert ids[("III.2", "Phòng Văn hóa và Thông tin")] == 12
    assert ids[("III.1", "11 phường")] == list(range(101, 112))
    assert ids[("III.1", "các phòng, ban")] is None


def test_seed_deadlines(seed: dict) -> None:
    # "Thường xuyên rà soát" opening II.2 is an adverb, not an ongoing deadline.
    assert seed["deadlines"] == [
        {"item": "closing", "text": "trước ngày 30/11 hàng năm", "rule": "yearly", "month": 11, "day": 30,
         "date": None},
    ]


def test_no_resolver_gives_null_ids() -> None:
    if not SEED.exists():
        pytest.skip("seed plan not available")
    plan = parse_plan(SEED.read_text(encoding="utf-8")).as_dict()
    assert {a["unit_id"] for a in plan["assignments"]} == {None}


# ----------------------------------------------------------------------------- other plan shapes


def test_hard_wrapped_with_nbsp_and_old_tones() -> None:
    plan = _fixture("hardwrap_nbsp.txt")
    assert (plan["full_number"], plan["type"], plan["place"], plan["date"]) == (
        "21/KH-UBND", "KH", "Khương Đình", "2026-02-05",
    )
    assert plan["issuer"] == "ỦY BAN NHÂN DÂN PHƯỜNG KHƯƠNG ĐÌNH"
    assert plan["subject"] == "Thực hiện công tác dân vận chính quyền trên địa bàn phường năm 2026"
    assert plan["signer"] == {"authority": "TM.", "title": "CHỦ TỊCH", "name": "Nguyễn Thị Lan"}
    assert plan["recipients"] == ["UBND Thành phố", "Thường trực Đảng ủy phường", "Các tổ dân phố"]
    assert plan["archive"] == "Lưu: VT, VP."
    assert [(r["full_number"], r["date"], r["issuer"]) for r in plan["references"]] == [
        ("10/2022/QH15", "2022-11-10", "Quốc hội"),
        ("07-ct/tu", "2021-10-01", "Ban Thường vụ Thành ủy Hà Nội"),
        ("15/KH-UBND", "2026-01-20", "Ủy ban nhân dân Thành phố"),
    ]
    assert _all_paths(plan) == ["I.1", "I.2", "II.1", "II.1.a", "II.1.b", "II.2", "III.1", "III.2"]
    first = plan["sections"][0]["items"][0]["text"]
    assert first == (
        "Nâng cao nhận thức của cán bộ, công chức về công tác dân vận chính quyền theo tinh thần "
        "Chỉ thị số 07-CT/TU."
    )
    assert _units(plan) == [
        ("II.1.a", "Văn phòng HĐND và UBND phường", "lead"),
        ("II.1.a", "Ủy ban MTTQ phường", "coordinate"),
        ("II.1.b", "Trung tâm Văn hóa - Thông tin và Thể thao phường", "lead"),
        ("III.1", "Công an phường", "lead"),
        ("III.1", "Ban Chỉ huy Quân sự phường", "coordinate"),
        ("III.2", "các tổ dân phố", "lead"),
    ]
    assert _deadlines(plan) == [
        ("II.1.a", "trước ngày 15/3/2026", "once", None, None, "2026-03-15"),
        ("II.1.b", "hàng quý", "quarterly", None, None, None),
        ("II.2", "Thời gian: thường xuyên", "ongoing", None, None, None),
        ("III.2", "trước ngày 10/12 hàng năm", "yearly", 12, 10, None),
    ]


def test_table_of_tasks_with_flattened_header() -> None:
    plan = _fixture("table_tasks.txt")
    assert (plan["full_number"], plan["place"], plan["date"], plan["issuer"]) == (
        "45/KH-UBND", "Thanh Xuân", "2026-03-10", "ỦY BAN NHÂN DÂN PHƯỜNG THANH XUÂN",
    )
    assert plan["signer"] == {"authority": "KT.", "title": "PHÓ CHỦ TỊCH", "name": "Trần Văn Bình"}
    assert [(s["label"], len(s["items"])) for s in plan["sections"]] == [("I", 0), ("II", 4), ("III", 0)]
    assert plan["sections"][1]["items"][0] == {
        "label": "1", "path": "II.1", "text": "Xây dựng, đăng ký mô hình “Dân vận khéo”", "items": [],
    }
    assert _units(plan) == [
        ("II.1", "Văn phòng HĐND và UBND phường", "lead"),
        ("II.1", "các tổ dân phố", "coordinate"),
        ("II.2", "UBND phường", "lead"),
        ("II.2", "Văn phòng HĐND và UBND phường", "coordinate"),
        ("II.2", "Ủy ban MTTQ phường", "coordinate"),
        ("II.3", "Phòng Văn hóa - Xã hội", "lead"),
        ("II.4", "Phòng Văn hóa - Xã hội", "lead"),
        ("II.4", "Văn phòng HĐND và UBND phường", "lead"),
    ]
    assert _deadlines(plan) == [
        ("II.1", "Quý II/2026", "once", None, None, "2026-06-30"),
        ("II.2", "Thường xuyên", "ongoing", None, None, None),
        ("II.3", "Trước ngày 15/3/2026", "once", None, None, "2026-03-15"),
        ("II.4", "Hàng quý", "quarterly", None, None, None),
    ]
    assert [r["full_number"] for r in plan["references"]] == ["114-KL/TW"]


def test_web_post_without_national_header() -> None:
    plan = _fixture("webpost.txt")
    assert plan["full_number"] == "09/KH-UBND"
    assert plan["date"] == "2026-01-08"
    assert plan["issuer"] == "UBND phường Phương Liệt"
    assert plan["subject"] == "Về thực hiện công tác dân vận chính quyền năm 2026"
    assert plan["place"] == "Phương Liệt"  # the issuer's locality
    assert plan["signer"] == {"authority": None, "title": None, "name": None}
    assert plan["recipients"] == [] and plan["archive"] is None
    assert [s["title"] for s in plan["sections"]] == [
        "MỤC ĐÍCH, YÊU CẦU", "NHIỆM VỤ VÀ GIẢI PHÁP", "TỔ CHỨC THỰC HIỆN",
    ]
    assert _all_paths(plan) == ["I.1", "I.2", "II.1", "II.1.a", "II.1.b", "II.2", "II.2.a", "II.2.b"]
    sub = plan["sections"][1]["items"][1]["items"][0]
    assert sub["label"] == "a"
    assert sub["text"].startswith("Trung tâm Văn hóa - Thông tin và Thể thao phường xây")
    assert _units(plan) == [
        ("II.1.a", "Văn phòng HĐND và UBND phường", "lead"),
        ("II.1.b", "UBND phường", "lead"),
        ("II.2.a", "Trung tâm Văn hóa - Thông tin và Thể thao phường", "lead"),
        ("II.2.b", "các chi bộ, tổ dân phố", "lead"),
        ("III", "các đơn vị, tổ dân phố", "lead"),
    ]
    assert _deadlines(plan) == [
        ("II.1.b", "trước ngày 20 hàng tháng", "monthly", None, 20, None),
        ("II.2.b", "trong tháng 4/2026", "once", None, None, "2026-04-30"),
        ("III", "trước ngày 25/11 hàng năm", "yearly", 11, 25, None),
    ]
    assert [(r["full_number"], r["date"]) for r in plan["references"]] == [
        ("18-NQ/TW", "2017-10-25"), ("19-NQ/TW", "2017-10-25"),
    ]


def test_decimal_numbering_signature_before_recipients() -> None:
    plan = _fixture("numbered_1_1.txt")
    assert plan["full_number"] == "88/KH-UBND"
    assert (plan["place"], plan["date"]) == ("Cầu Giấy", "2023-04-03")
    assert plan["issuer"] == "ỦY BAN NHÂN DÂN QUẬN CẦU GIẤY"
    assert plan["signer"] == {"authority": "KT.", "title": "PHÓ CHỦ TỊCH", "name": "Lê Minh Hải"}
    assert plan["recipients"] == ["Thường trực Quận ủy", "Ủy ban MTTQ quận", "UBND các phường"]
    assert plan["archive"] == "Lưu: VT, NV."
    assert _all_paths(plan) == [
        "I.1.1", "I.1.2", "II.1", "II.1.1", "II.1.2", "II.2", "II.2.1", "II.2.2", "III.1", "III.2",
    ]
    assert [len(s["items"]) for s in plan["sections"]] == [2, 2, 2]
    assert plan["sections"][1]["items"][1]["items"][0]["label"] == "2.1"
    assert _units(plan) == [
        ("II.2.1", "Phòng Nội vụ", "lead"),
        ("II.2.1", "Văn phòng HĐND và UBND quận", "coordinate"),
        ("II.2.1", "Phòng Tư pháp", "coordinate"),
        ("II.2.2", "Phòng Tài chính - Kế hoạch", "lead"),
        ("III.1", "Ủy ban MTTQ quận", "coordinate"),  # "phối hợp tuyên truyền": it coordinates
        ("III.2", "UBND các phường", "lead"),
    ]
    assert _deadlines(plan) == [
        ("II.1.1", "trong Quý III/2023", "once", None, None, "2023-09-30"),
        ("II.2.1", "hoàn thành trước ngày 30/6/2023", "once", None, None, "2023-06-30"),
        ("III.2", "Thời gian thực hiện: Thường xuyên", "ongoing", None, None, None),
    ]
    # The closing paragraph ("Trong quá trình thực hiện ...") is not part of III.2.
    assert "Trong quá trình" not in plan["sections"][2]["items"][1]["text"]


# ------------------------------------------------------------------------------------------ files


def _build_docx(path: Path) -> None:
    import docx

    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN NHÂN DÂN\nPHƯỜNG THANH XUÂN"
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc"
    header.cell(1, 0).text = "Số: 12/KH-UBND"
    header.cell(1, 1).text = "Thanh Xuân, ngày 02 tháng 3 năm 2026"
    document.add_paragraph("KẾ HOẠCH")
    document.add_paragraph("Tổ chức đối thoại với nhân dân năm 2026")
    document.add_paragraph(
        "Thực hiện Kế hoạch số 15/KH-UBND ngày 20/01/2026 của UBND Thành phố, UBND phường xây dựng kế hoạch:"
    )
    document.add_paragraph("I. NỘI DUNG")
    tasks = document.add_table(rows=3, cols=5)
    titles = ["TT", "Nội dung", "Chủ trì", "Phối hợp", "Thời gian"]
    for cell, text in zip(tasks.rows[0].cells, titles, strict=True):
        cell.text = text
    rows = [
        ["1", "Tổ chức hội nghị đối thoại", "Văn phòng HĐND và UBND phường", "Ủy ban MTTQ phường",
         "Quý II/2026"],
        ["2", "Tiếp nhận, giải quyết kiến nghị", "Phòng Kinh tế", "", "Thường xuyên"],
    ]
    for row, values in zip(tasks.rows[1:], rows, strict=True):
        for cell, text in zip(row.cells, values, strict=True):
            cell.text = text
    document.add_paragraph("II. TỔ CHỨC THỰC HIỆN")
    document.add_paragraph("1. Giao Phòng Văn hóa - Xã hội tổng hợp kết quả trước ngày 15/12 hàng năm.")
    document.add_paragraph("Trên đây là kế hoạch của UBND phường./.")
    trailer = document.add_table(rows=1, cols=2)
    trailer.cell(0, 0).text = "Nơi nhận:\n- UBND Thành phố;\n- Lưu: VT."
    trailer.cell(0, 1).text = "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nPhạm Văn Tâm"
    document.save(str(path))


def test_docx_paragraphs_and_tables_in_body_order(tmp_path: Path) -> None:
    path = tmp_path / "kh-12.docx"
    _build_docx(path)
    text = read_plan_file(path)
    assert text.index("Số: 12/KH-UBND") < text.index("KẾ HOẠCH") < text.index("| TT | Nội dung |")
    plan = parse_plan(text).as_dict()
    assert (plan["full_number"], plan["place"], plan["date"]) == ("12/KH-UBND", "Thanh Xuân", "2026-03-02")
    assert plan["issuer"] == "ỦY BAN NHÂN DÂN PHƯỜNG THANH XUÂN"
    assert plan["subject"] == "Tổ chức đối thoại với nhân dân năm 2026"
    assert plan["signer"] == {"authority": "TM.", "title": "CHỦ TỊCH", "name": "Phạm Văn Tâm"}
    assert plan["recipients"] == ["UBND Thành phố"] and plan["archive"] == "Lưu: VT."
    assert _all_paths(plan) == ["I.1", "I.2", "II.1"]
    assert _units(plan) == [
        ("I.1", "Văn phòng HĐND và UBND phường", "lead"),
        ("I.1", "Ủy ban MTTQ phường", "coordinate"),
        ("I.2", "Phòng Kinh tế", "lead"),
        ("II.1", "Phòng Văn hóa - Xã hội", "lead"),
    ]
    assert _deadlines(plan) == [
        ("I.1", "Quý II/2026", "once", None, None, "2026-06-30"),
        ("I.2", "Thường xuyên", "ongoing", None, None, None),
        ("II.1", "trước ngày 15/12 hàng năm", "yearly", 12, 15, None),
    ]
    assert [r["full_number"] for r in plan["references"]] == ["15/KH-UBND"]


def test_txt_encodings(tmp_path: Path) -> None:
    text = "KẾ HOẠCH\nVề công tác dân vận\n\nI. NỘI DUNG\n1. Phòng Nội vụ tham mưu.\n"
    bom = tmp_path / "bom.txt"
    bom.write_bytes(text.encode("utf-8-sig"))
    assert read_plan_file(bom) == text
    legacy = tmp_path / "legacy.txt"
    # Windows-1258 writes most tones as combining marks: "Nội" is "Nô" + U+0323.
    legacy.write_bytes("Hà Nô\u0323i".encode("cp1258"))
    assert read_plan_file(legacy) == "Hà Nội"


def test_unsupported_file_type(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    path.write_bytes(b"%PDF-1.4")
    with pytest.raises(PlanParseError, match="không được hỗ trợ"):
        read_plan_file(path)
    with pytest.raises(PlanParseError):
        parse_plan("   ")


def test_lettered_and_numbered_need_sequence() -> None:
    text = (
        "KẾ HOẠCH\nVề thử\n\nI. NỘI DUNG\n1. Tổ chức hội nghị vào năm\n2021. Các nội dung khác.\n"
        "2. Thực hiện báo cáo.\nb) không phải mục con.\n"
    )
    plan = parse_plan(text).as_dict()
    assert _all_paths(plan) == ["I.1", "I.2"]
    assert plan["sections"][0]["items"][0]["text"] == "Tổ chức hội nghị vào năm 2021. Các nội dung khác."


def test_seed_survives_crlf_nbsp_and_an_issuer_header() -> None:
    if not SEED.exists():
        pytest.skip("seed plan not available")
    text = SEED.read_text(encoding="utf-8")
    plain = parse_plan(text).as_dict()
    messy = "ỦY BAN NHÂN DÂN\nQUẬN THANH XUÂN\n" + text.replace("\n", "\r\n").replace(" của ", "\u00a0của ")
    parsed = parse_plan(messy).as_dict()
    assert parsed["issuer"] == "ỦY BAN NHÂN DÂN QUẬN THANH XUÂN"
    parsed["issuer"] = None
    assert parsed == plain


def test_result_is_typed_and_survives_its_json_shape() -> None:
    if not SEED.exists():
        pytest.skip("seed plan not available")
    plan = parse_plan(read_plan_file(SEED))
    assert isinstance(plan, ParsedPlan)
    assert plan.signer.name == "Võ Đăng Dũng" and plan.type_code == "KH"
    assert [node.path for node, _depth in plan.walk_items()][:3] == ["I.1", "I.2", "I.3"]
    assert plan.assignments[-1].item == "closing" and plan.deadlines[0].rule == "yearly"
    stored = json.loads(json.dumps(plan.as_dict(), ensure_ascii=False))
    assert ParsedPlan.from_dict(stored) == plan
