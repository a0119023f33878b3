import unicodedata
from datetime import date

import pytest

from danvan.core.vntext import clean_text, fold, format_date, nfc, slug_key


@pytest.mark.parametrize(
    ("typed", "query"),
    [
        ("Khương Đình", "khuong dinh"),
        ("ĐẮK LẮK", "đắk lắk"),
        ("Thượng Đình", "thuong dinh"),
        ("hoà", "hòa"),  # old and new tone placement
        ("Uỷ ban", "Ủy ban"),
        ("Đống Đa", "dong da"),  # đ does not decompose: mapped explicitly
    ],
)
def test_fold_makes_search_diacritics_insensitive(typed, query):
    assert fold(typed) == fold(query)


def test_combining_marks_are_stored_precomposed():
    decomposed = unicodedata.normalize("NFD", "Phường Khương Đình")
    assert decomposed != "Phường Khương Đình"
    assert nfc(decomposed) == "Phường Khương Đình"
    assert clean_text(decomposed + "\u00a0 ") == "Phường Khương Đình"


def test_clean_text_keeps_lines_when_multiline():
    assert clean_text(" a  b \r\n c\u200b ", multiline=True) == "a b\nc"


def test_slug_key_ignores_case_punctuation_and_marks():
    assert slug_key("Phòng NV.") == slug_key("phòng  nv") == "phong nv"


@pytest.mark.parametrize(("value", "shown"), [(date(2026, 2, 5), "05/02/2026"), (None, "")])
def test_format_date_is_dd_mm_yyyy(value, shown):
    assert format_date(value) == shown


@pytest.mark.parametrize(("typed", "position", "before"), [
    ("Đã làm việc với cán bộ\x00 địa chính", 22, "Đã làm việc với cán bộ"),
    ("\x00", 0, ""),
    ("Biên bản\x07 hội nghị", 8, "Biên bản"),
    ("Tệp hỏng \ud800", 9, "Tệp hỏng"),
    ("Dòng 1\n\x1bDòng 2", 7, "Dòng 1"),
])
def test_text_that_cannot_be_stored_is_refused_with_its_place(typed, position, before):
    from danvan.core.vntext import UnstorableText

    for multiline in (False, True):
        with pytest.raises(UnstorableText) as caught:
            clean_text(typed, multiline=multiline)
        assert caught.value.position == position and caught.value.before == before


def test_word_and_pdf_breaks_are_line_breaks_not_errors():
    assert clean_text("Dòng một\x0bDòng hai\x0cTrang sau", multiline=True) == "Dòng một\nDòng hai\nTrang sau"
    assert clean_text("Tab\tvà xuống dòng\r\n", multiline=True) == "Tab và xuống dòng"


@pytest.mark.parametrize("size, text", [
    (30 * 1024 * 1024, "30 MB"), (int(1.5 * 1024 * 1024), "1,5 MB"), (820 * 1024, "820 KB"), (10, "10 B"),
])
def test_file_sizes_read_as_officers_write_them(size, text):
    from danvan.core.vntext import format_size

    assert format_size(size) == text
