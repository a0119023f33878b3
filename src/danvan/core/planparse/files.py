"""Reading plan files: .txt in the encodings offices use, and .docx in body order."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from danvan.core.planparse.result import PlanParseError
from danvan.core.vntext import fold, nfc

_TABLE_HEADER_WORDS = ("noi dung", "chu tri", "phoi hop", "thoi gian", "thoi han", "don vi thuc hien")


def read_plan_file(path: str | Path) -> str:
    """Text of a plan file: .txt (UTF-8, UTF-8 with BOM, or Windows-1258) or .docx.

    A .docx gives its paragraphs and tables in body order. Task tables (a header row naming
    "Nội dung", "Chủ trì", ...) become pipe rows; layout tables (the two-column header and
    signature blocks) become their cells' lines, left column first, as a reader sees them.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "cp1258"):
            try:
                return nfc(raw.decode(encoding))
            except UnicodeDecodeError:
                continue
        raise PlanParseError(f"Không đọc được tệp {path.name}: bảng mã không được hỗ trợ.")
    if suffix == ".docx":
        return _read_docx(path)
    raise PlanParseError(
        f"Tệp {path.name} không được hỗ trợ: chỉ nhận tệp văn bản .txt hoặc Word .docx."
    )


def _read_docx(path: Path) -> str:
    import docx  # python-docx, a dependency: imported here so reading plain text does not load it
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for a damaged file
        raise PlanParseError(f"Không mở được tệp Word {path.name}: tệp hỏng hoặc không phải .docx.") from exc
    lines: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(Paragraph(child, document).text)
            lines.append("")
        elif tag == "tbl":
            lines.extend(_table_lines(Table(child, document)))
            lines.append("")
    return nfc("\n".join(lines))


def _table_lines(table: Any) -> list[str]:
    rows: list[list[str]] = []
    for row in table.rows:
        cells: list[str] = []
        previous = None
        for cell in row.cells:
            if previous is not None and cell._tc is previous:  # merged cells repeat
                continue
            previous = cell._tc
            cells.append(cell.text)
        rows.append(cells)
    if not rows:
        return []
    header = fold(" ".join(rows[0]))
    if any(word in header for word in _TABLE_HEADER_WORDS) and len(rows[0]) >= 3:
        out = []
        for cells in rows:
            flat = [re.sub(r"\s*\n\s*", " ", cell).strip().replace("|", "/") for cell in cells]
            out.append("| " + " | ".join(flat) + " |")
        return out
    out = []
    width = max(len(cells) for cells in rows)
    for column in range(width):
        for cells in rows:
            if column < len(cells):
                out.extend(cells[column].split("\n"))
                out.append("")
    return out
