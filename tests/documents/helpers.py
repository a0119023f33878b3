"""Reading an outgoing .docx back as a reader sees it: its signature block and its text."""

from __future__ import annotations

from io import BytesIO

import docx


def signer_lines(data: bytes) -> list[str]:
    """The signature block as printed: the cell to the right of "Nơi nhận:"."""
    document = docx.Document(BytesIO(data))
    for table in document.tables:
        cells = table.rows[0].cells
        if len(cells) == 2 and cells[0].text.strip().startswith("Nơi nhận"):
            return [p.text.strip() for p in cells[1].paragraphs if p.text.strip()]
    raise AssertionError("no signature block")


def text_of(data: bytes) -> str:
    document = docx.Document(BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)
