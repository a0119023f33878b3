"""Citation extraction: the seed plan's legal basis and the messy shapes real texts take."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from danvan.core.references import (
    Reference,
    extract_references,
    modern_tones,
    normalise_full_number,
    number_key,
    parse_number,
)

SEED = Path("/work/shared/seeds/plan-307-KH-UBND-thanh-xuan-2021.txt")
if not SEED.exists():  # the repository copy, if the shared folder is not mounted
    SEED = Path(__file__).parent / "fixtures" / "plan-307-KH-UBND-thanh-xuan-2021.txt"


@pytest.fixture(scope="module")
def seed_text() -> str:
    if not SEED.exists():
        pytest.skip("seed plan not available")
    return SEED.read_text(encoding="utf-8")


def test_seed_references_distinct_in_order(seed_text: str) -> None:
    refs = extract_references(seed_text, exclude="307/KH-UBND")
    assert [(r.full_number, r.type_name, r.date, r.issuer, r.type_code) for r in refs] == [
        ("07-CT/TU", "Chỉ thị", "2021-10-01", "Ban Thường vụ Thành ủy Hà Nội", "CT"),
        ("274/KH-UBND", "Kế hoạch", "2021-12-02", "UBND thành phố Hà Nội", "KH"),
        ("23-QĐ/TW", "Quyết định", "2021-07-30", "Bộ Chính trị", "QĐ"),
        ("114-KL/TW", "Kết luận", "2015-07-14", "Ban Bí thư", "KL"),
        ("97/2019/QH14", "Nghị quyết", "2019-11-27", "Quốc hội", "QH"),
        ("32/2021/NĐ-CP", "Nghị định", "2021-03-29", "Chính phủ", "NĐ"),
        ("04/2015/NĐ-CP", "Nghị định", "2015-01-09", "Chính phủ", "NĐ"),
        ("16/CT-TTg", "Chỉ thị", "2016-05-16", "Thủ tướng Chính phủ", "CT"),
        ("18-NQ/TW", "Nghị quyết", "2017-10-25", "Ban chấp hành Trung ương", "NQ"),
        ("19-NQ/TW", "Nghị quyết", "2017-10-25", "Ban chấp hành Trung ương", "NQ"),
    ]


def test_exclude_own_number_any_spelling() -> None:
    text = "Kế hoạch số 307/KH-UBND ngày 16/12/2021 của UBND quận; Chỉ thị số 07-CT/TU."
    assert [r.full_number for r in extract_references(text, exclude="307/kh-ubnd")] == ["07-CT/TU"]
    assert [r.full_number for r in extract_references(text, exclude=["307KH-UBND"])] == ["07-CT/TU"]


def test_shared_date_and_issuer_with_and_continuation() -> None:
    text = (
        "theo Nghị quyết số 18-NQ/TW và số 19-NQ/TW ngày 25 tháng 10 năm 2017 của Ban Chấp hành "
        "Trung ương khóa XII."
    )
    refs = extract_references(text)
    assert [(r.full_number, r.type_name, r.date, r.issuer) for r in refs] == [
        ("18-NQ/TW", "Nghị quyết", "2017-10-25", "Ban Chấp hành Trung ương khóa XII"),
        ("19-NQ/TW", "Nghị quyết", "2017-10-25", "Ban Chấp hành Trung ương khóa XII"),
    ]


def test_own_date_is_not_overwritten_by_the_next_citation() -> None:
    text = (
        "Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 và Nghị định số 32/2021/NĐ-CP ngày 29/3/2021 "
        "của Chính phủ"
    )
    refs = extract_references(text)
    assert refs[0].date == "2015-01-09" and refs[0].issuer == "Chính phủ"
    assert refs[1].date == "2021-03-29"


def test_messy_text_line_breaks_nbsp_old_tones_lower_case() -> None:
    text = (
        "Căn cứ Chỉ thị\nsố\u00a007-ct/tu  ngày 1/10/2021 của Ban Thường vụ Thành\nuỷ Hà Nội về công "
        "tác dân vận; CHỈ THỊ SỐ 07-CT/TU; Quyết định 1234/QĐ-UBND của UBND TP. Hà Nội ngày 3/4/2022 "
        "“Về việc ...”; Thông tư số 01/2021/TT-BVHTTDL của Bộ Văn hóa, Thể thao và Du lịch."
    )
    refs = extract_references(text)
    assert [(r.full_number, r.date, r.issuer) for r in refs] == [
        ("07-ct/tu", "2021-10-01", "Ban Thường vụ Thành ủy Hà Nội"),
        ("1234/QĐ-UBND", "2022-04-03", "UBND TP. Hà Nội"),
        ("01/2021/TT-BVHTTDL", None, "Bộ Văn hóa, Thể thao và Du lịch"),
    ]
    assert refs[0].type_code == "CT"


def test_issuer_stops_at_quote_and_ve() -> None:
    text = 'Nghị định số 04/2015/NĐ-CP ngày 09/01/2015 của Chính phủ “Về thực hiện dân chủ”'
    assert extract_references(text)[0].issuer == "Chính phủ"
    text = "Chỉ thị số 16/CT-TTg ngày 16/5/2016 của Thủ tướng Chính phủ về “Tăng cường”"
    assert extract_references(text)[0].issuer == "Thủ tướng Chính phủ"


def test_later_mention_fills_missing_fields() -> None:
    text = "Thực hiện Kết luận số 114-KL/TW. Kết luận số 114-KL/TW ngày 14/7/2015 của Ban Bí thư."
    refs = extract_references(text)
    assert refs == [Reference("114-KL/TW", "Kết luận", "2015-07-14", "Ban Bí thư", "KL")]
    assert refs[0].as_dict() == {
        "full_number": "114-KL/TW", "type_name": "Kết luận", "date": "2015-07-14", "issuer": "Ban Bí thư",
    }


def test_numbers_without_symbol_and_empty_text() -> None:
    assert extract_references("") == []
    assert extract_references("Kế hoạch số 12 năm 2021 của phường") == []


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("07-CT/TU", ("07", None, "CT", "TU")),
        ("274/KH-UBND", ("274", None, "KH", "UBND")),
        ("32/2021/NĐ-CP", ("32", 2021, "NĐ", "CP")),
        ("97/2019/QH14", ("97", 2019, "QH", "QH14")),
        ("16/CT-TTg", ("16", None, "CT", "TTg")),
        ("23-QĐ/TW", ("23", None, "QĐ", "TW")),
        ("114-KL/TW", ("114", None, "KL", "TW")),
        ("88KH-UBND", ("88", None, "KH", "UBND")),
        ("07-ct/tu", ("07", None, "CT", "tu")),
        ("12/UBND-VX", ("12", None, None, "UBND-VX")),
        ("15-CTr/QU", ("15", None, "CTr", "QU")),
    ],
)
def test_parse_number(printed: str, expected: tuple) -> None:
    assert parse_number(printed) == expected


@pytest.mark.parametrize(
    ("printed", "expected"),
    [
        ("88KH-UBND", "88/KH-UBND"),
        ("Số: 307 / KH - UBND", "307/KH-UBND"),
        ("07CT/TU", "07-CT/TU"),
        ("45/KH–UBND.", "45/KH-UBND"),
        ("32/2021/NĐ-CP", "32/2021/NĐ-CP"),
    ],
)
def test_normalise_full_number(printed: str, expected: str) -> None:
    assert normalise_full_number(printed) == expected


def test_number_key_ignores_case_d_and_leading_zero() -> None:
    assert number_key("23-QĐ/TW") == number_key("23-qd/tw") == number_key("023-QD/TW")
    assert number_key("88KH-UBND") == number_key("88/KH-UBND")
    assert number_key("18-NQ/TW") != number_key("19-NQ/TW")


def test_modern_tones() -> None:
    assert modern_tones("Uỷ ban, Thành uỷ, hoà, khoẻ, HOÀ") == "Ủy ban, Thành ủy, hòa, khỏe, HÒA"
    assert modern_tones("hoàn, quý, hoặc, thuở") == "hoàn, quý, hoặc, thuở"


_FILLER = st.text(alphabet="abcdeghiklmnoprstuvxyàáảãạđêôơư ,.;", max_size=40)


@given(before=_FILLER, after=_FILLER, spaces=st.sampled_from([" ", "  ", "\n", "\u00a0", " \n "]))
def test_citation_found_whatever_surrounds_it(before: str, after: str, spaces: str) -> None:
    text = f"{before} Chỉ thị{spaces}số 07-CT/TU{spaces}ngày 01/10/2021 của Ban Thường vụ. {after}"
    refs = extract_references(text)
    assert [r.full_number for r in refs] == ["07-CT/TU"]
    assert refs[0].date == "2021-10-01"
