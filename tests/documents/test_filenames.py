"""Download names: Vietnamese without diacritics, the case code as typed, one name per period."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from danvan.documents.filenames import download_name
from danvan.org.models import Unit
from danvan.reporting.exports import filename


def test_names_are_without_marks_and_keep_codes():
    assert download_name("Thông báo thụ lý", "DT26-AB12CD", ext="docx") == "thong-bao-thu-ly-DT26-AB12CD.docx"
    assert download_name("Sổ tiếp công dân", "UBND phường Đống Đa", date(2026, 1, 5), ext="xlsx") == \
        "so-tiep-cong-dan-ubnd-phuong-dong-da-20260105.xlsx"
    assert download_name("", None, ext="docx") == "van-ban.docx"


def test_report_names_differ_per_period():
    ward = Unit(name="UBND phường Khương Đình (từ 2025)")
    yearly = SimpleNamespace(period_kind="yearly", year=2026, part=None, period_start=date(2025, 12, 15),
                             period_end=date(2026, 12, 14))
    quarter = SimpleNamespace(period_kind="quarterly", year=2026, part=2, period_start=date(2026, 3, 15),
                              period_end=date(2026, 6, 14))
    names = {filename("bao-cao", ward, r, "docx") for r in (yearly, quarter)}
    assert len(names) == 2
    assert "bao-cao-ubnd-phuong-khuong-dinh-nam-2026.docx" in names
    assert all(n.isascii() and " " not in n for n in names)
