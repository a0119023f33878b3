"""Indicator tables and registers as .xlsx, in the same Times New Roman as the documents.

Officers re-type numbers from reports into spreadsheets when they are not given one; every
indicator table, register and export goes out through :func:`render_table_xlsx` so the sheet is
ready to print and to sum: real numbers and dates (not text), dd/mm/yyyy dates, a bold frozen
header that repeats on each printed page, and column widths that fit the content.

No Django import here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter

from danvan.core.vntext import clean_text, nfc

from .officialdoc import DocumentError

__all__ = ["DATETIME_FORMAT", "DATE_FORMAT", "FONT", "render_table_xlsx"]

FONT = "Times New Roman"
DATE_FORMAT = "dd/mm/yyyy"
DATETIME_FORMAT = "dd/mm/yyyy hh:mm"
INTEGER_FORMAT = "#,##0"
DECIMAL_FORMAT = "#,##0.##"
MAX_WIDTH = 60
_INVALID_SHEET_CHARS = str.maketrans({c: " " for c in "[]:*?/\\"})
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)


def _sheet_title(name: str) -> str:
    """Excel refuses some characters and more than 31 of them in a sheet name."""
    title = clean_text(name).translate(_INVALID_SHEET_CHARS).strip("' ")[:31]
    return title or "Sheet1"


def _display_width(value) -> int:
    if value is None:
        return 0
    if isinstance(value, datetime):
        return 16
    if isinstance(value, date):
        return 10
    if isinstance(value, float):
        return len(f"{value:,.2f}")
    if isinstance(value, int):
        return len(f"{value:,}")
    return max((len(line) for line in str(value).splitlines()), default=0)


def _default_format(value) -> str | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return DATETIME_FORMAT
    if isinstance(value, date):
        return DATE_FORMAT
    if isinstance(value, int):
        return INTEGER_FORMAT
    if isinstance(value, float):
        return DECIMAL_FORMAT
    return None


def render_table_xlsx(
    title: str | None,
    header: Sequence[str],
    rows: Sequence[Sequence[object]],
    *,
    sheet_name: str = "Bảng",
    number_formats: Mapping[int | str, str] | None = None,
    column_widths: Sequence[float] | None = None,
) -> bytes:
    """Write one table to a one-sheet workbook and return the .xlsx bytes.

    ``title`` (optional) goes in bold on the first row, merged over the table's width; the
    header row follows, bold, bordered and frozen. Dates get dd/mm/yyyy, integers "#,##0".
    ``number_formats`` overrides the format of a column, by index (0-based) or header text.
    Column widths fit the longest value (capped) unless ``column_widths`` gives them.
    """
    header = [nfc(str(h)) for h in header]
    columns = len(header)
    if columns == 0:
        raise DocumentError("Bảng không có cột nào.")
    for number, row in enumerate(rows, start=1):
        if len(row) > columns:
            raise DocumentError(f"Dòng {number} có {len(row)} ô, nhiều hơn {columns} cột tiêu đề.")
    if column_widths is not None and len(column_widths) != columns:
        raise DocumentError("Số độ rộng cột không khớp số cột của bảng.")
    formats: dict[int, str] = {}
    for key, fmt in (number_formats or {}).items():
        index = header.index(key) if isinstance(key, str) and key in header else key
        if not isinstance(index, int) or not 0 <= index < columns:
            raise DocumentError(f"Không có cột “{key}” để định dạng.")
        formats[index] = fmt

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(sheet_name)
    plain = Font(name=FONT, size=12)
    bold = Font(name=FONT, size=12, bold=True)

    row_index = 1
    if title:
        cell = sheet.cell(row=1, column=1, value=nfc(title))
        cell.font = Font(name=FONT, size=14, bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        if columns > 1:
            sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=columns)
        row_index = 3  # a blank row between the title and the table
    header_row = row_index
    for col, text in enumerate(header, start=1):
        cell = sheet.cell(row=header_row, column=col, value=text)
        cell.font = bold
        cell.border = _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)

    widths = [_display_width(h) for h in header]
    for offset, row in enumerate(rows, start=1):
        for col in range(columns):
            value = row[col] if col < len(row) else None
            if isinstance(value, str):
                value = nfc(value)
            cell = sheet.cell(row=header_row + offset, column=col + 1, value=value)
            cell.font = plain
            cell.border = _BORDER
            fmt = formats.get(col) or _default_format(value)
            if fmt:
                cell.number_format = fmt
            numeric = isinstance(value, int | float | date) and not isinstance(value, bool)
            cell.alignment = Alignment(
                horizontal="center" if isinstance(value, date) else ("right" if numeric else "left"),
                vertical="top",
                wrap_text=isinstance(value, str),
            )
            widths[col] = max(widths[col], _display_width(value))

    for col in range(columns):
        width = column_widths[col] if column_widths is not None else min(max(widths[col] + 2, 6), MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(col + 1)].width = width

    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if len(rows):
        last = get_column_letter(columns)
        sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + len(rows)}"

    out = BytesIO()
    workbook.save(out)
    return out.getvalue()
