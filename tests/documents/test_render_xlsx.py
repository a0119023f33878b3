"""Indicator tables and registers as .xlsx: written, opened again with openpyxl and inspected."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO

import openpyxl
import pytest

from danvan.documents.render import DocumentError, render_table_xlsx

HEADER = ["STT", "Đơn vị", "Số đơn thư", "Tỷ lệ giải quyết (%)", "Ngày báo cáo"]
ROWS = [
    [1, "Phường Thanh Xuân", 1250, 95.5, date(2026, 2, 5)],
    [2, "Phường Khương Đình", 87, 100.0, date(2026, 2, 4)],
    [3, "Phường Phương Liệt", 0, None, None],
]


def _open(data: bytes):
    return openpyxl.load_workbook(BytesIO(data)).active


@pytest.fixture(scope="module")
def sheet():
    data = render_table_xlsx(
        "Bảng tổng hợp đơn thư năm 2025",
        HEADER,
        ROWS,
        sheet_name="Đơn thư 2025",
        number_formats={"Tỷ lệ giải quyết (%)": "0.0"},
    )
    return _open(data)


def test_title_and_values(sheet):
    assert sheet.title == "Đơn thư 2025"
    assert sheet["A1"].value == "Bảng tổng hợp đơn thư năm 2025"
    assert sheet["A1"].font.bold and sheet["A1"].font.name == "Times New Roman"
    assert "A1:E1" in {str(r) for r in sheet.merged_cells.ranges}
    assert [c.value for c in sheet[3]] == HEADER
    assert [c.value for c in sheet[4]] == [1, "Phường Thanh Xuân", 1250, 95.5, datetime(2026, 2, 5)]
    assert [c.value for c in sheet[6]] == [3, "Phường Phương Liệt", 0, None, None]


def test_fonts_borders_and_header(sheet):
    for cell in sheet[3]:
        assert cell.font.bold and cell.font.name == "Times New Roman"
        assert cell.border.bottom.style == "thin"
    for row in sheet.iter_rows(min_row=4, max_row=6):
        for cell in row:
            assert cell.font.name == "Times New Roman" and not cell.font.bold
    assert sheet.freeze_panes == "A4"
    assert sheet.print_title_rows == "$3:$3"
    assert sheet.auto_filter.ref == "A3:E6"


def test_number_formats(sheet):
    assert sheet["E4"].number_format == "dd/mm/yyyy"
    assert sheet["C4"].number_format == "#,##0"
    assert sheet["D4"].number_format == "0.0"  # overridden by header text
    assert sheet["B4"].number_format == "General"


def test_column_widths_fit_content(sheet):
    widths = {col: sheet.column_dimensions[col].width for col in "ABCDE"}
    assert widths["B"] >= len("Phường Khương Đình")
    assert widths["D"] >= len("Tỷ lệ giải quyết (%)")
    assert widths["A"] < widths["B"]


def test_without_title_and_with_explicit_widths():
    data = render_table_xlsx(
        None,
        ["Ngày", "Nội dung"],
        [[datetime(2026, 3, 5, 8, 30), "Tiếp công dân"]],
        sheet_name="Sổ/tiếp: công dân [2026] rất dài vượt quá ba mươi mốt ký tự",
        number_formats={0: "dd/mm/yyyy"},
        column_widths=[14, 50],
    )
    sheet = _open(data)
    assert len(sheet.title) <= 31 and "/" not in sheet.title and ":" not in sheet.title
    assert sheet["A1"].value == "Ngày" and sheet["A1"].font.bold
    assert sheet["A2"].number_format == "dd/mm/yyyy"
    assert sheet.freeze_panes == "A2"
    assert sheet.column_dimensions["B"].width == 50


def test_datetime_default_format_and_nfc():
    decomposed = "Phu\u031bo\u031b\u0300ng"  # "Phường" typed with combining marks
    sheet = _open(render_table_xlsx(None, ["Lúc", "Đơn vị"], [[datetime(2026, 1, 2, 9, 0), decomposed]]))
    assert sheet["A2"].number_format == "dd/mm/yyyy hh:mm"
    assert sheet["B2"].value == "Phường"


@pytest.mark.parametrize(
    ("header", "rows", "kwargs"),
    [
        ([], [], {}),
        (["A"], [[1, 2]], {}),
        (["A"], [[1]], {"number_formats": {"B": "0"}}),
        (["A"], [[1]], {"number_formats": {3: "0"}}),
        (["A", "B"], [[1]], {"column_widths": [10]}),
    ],
)
def test_bad_input_is_refused(header, rows, kwargs):
    with pytest.raises(DocumentError):
        render_table_xlsx("x", header, rows, **kwargs)
