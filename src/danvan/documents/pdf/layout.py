"""Where the signatures go on a converted document (Decree 30/2020, Appendix I, part II).

- the signer's signature image: at the signing position, between the signer's title and name;
- the agency's signature (its seal, at the seal's real size): over about the left third of the signer's
  image, with the agency's name and the signing time in small italic next to it: under the seal and the
  signer's name, inside the signature column. Not to the seal's left: there the recipients' list ("Nơi
  nhận") runs down the left column beside the signature block, and the text would print over it;
- an attachment's agency signature: no image, at the top right of its first page.

The signature block's lines are found in the PDF's own text (the last occurrence of the signer's name,
looking from the last page back since an appendix may follow, and the heading line above it); the
horizontal centre is the centre of the right column of the renderer's signature table, which
LibreOffice lays out as the .docx says.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from io import BytesIO

from pypdf import PdfReader

from danvan.core.vntext import fold

__all__ = ["AGENCY_TEXT_HEIGHT", "ATTACHMENT_BOX_SIZE", "SEAL_SIZE_PT", "Box", "SignaturePlace", "attachment_box",
           "pdfa_part", "signature_place"]

MM = 72 / 25.4
# The renderer's page margins and signature columns (documents/render/docx.py).
LEFT_MARGIN, RIGHT_MARGIN = 30 * MM, 15 * MM
SIGNATURE_COLUMNS = (80.0, 85.0)
SEAL_SIZE_PT = 36 * MM  # a committee's round seal is about 36 mm across
SIGNATURE_IMAGE_RATIO = 2.0  # signature images are twice as wide as high
AGENCY_TEXT_HEIGHT = 24.0  # two lines of 10 pt
NAME_DESCENT = 4.0  # room under the baseline of the signer's name
ATTACHMENT_BOX_SIZE = (150.0, 30.0)


@dataclass(frozen=True)
class Box:
    """A rectangle in PDF points from the page's bottom-left corner."""

    x1: float
    y1: float
    x2: float
    y2: float

    @property
    def width(self) -> float:
        return self.x2 - self.x1

    @property
    def height(self) -> float:
        return self.y2 - self.y1

    def as_tuple(self) -> tuple[int, int, int, int]:
        return round(self.x1), round(self.y1), round(self.x2), round(self.y2)


@dataclass(frozen=True)
class SignaturePlace:
    page: int  # 0-based
    signer: Box  # the signer's signature image
    seal: Box  # the agency's seal image
    text: Box  # the agency's name and the signing time
    agency: Box  # the agency's widget: the seal, and its text under it


def _lines(reader: PdfReader, page_index: int) -> list[tuple[str, float, float, float]]:
    """(text, x, y, font size) of each piece of text on the page, in drawing order."""
    found: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, _font, size):
        if text.strip():
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            found.append((text.strip(), x, y, size * (tm[3] or 1)))

    reader.pages[page_index].extract_text(visitor_text=visit)
    return found


def _key(text: str) -> str:
    return re.sub(r"\s+", " ", fold(text)).strip()


def signature_place(pdf: bytes, *, name: str, title: str) -> SignaturePlace:
    """Where the signer's image and the agency's seal go, from the signer's ``name`` and ``title`` lines."""
    reader = PdfReader(BytesIO(pdf))
    name_key, title_key = _key(name), _key(title)
    # The block ends the text; an appendix may follow it on later pages, so look from the end.
    for page_index in range(len(reader.pages) - 1, -1, -1):
        lines = _lines(reader, page_index)
        name_at = next((i for i in range(len(lines) - 1, -1, -1) if _key(lines[i][0]) == name_key), None)
        if name_at is not None:
            break
    else:
        raise ValueError(f"Không tìm thấy tên người ký “{name}” trong văn bản để đặt chữ ký số.")
    _text, _x, name_y, size = lines[name_at]
    title_y = next((y for text, _x, y, _s in reversed(lines[:name_at]) if _key(text) == title_key and y > name_y),
                   name_y + 88)
    box = reader.pages[page_index].mediabox
    width = float(box.width)
    text_width = width - LEFT_MARGIN - RIGHT_MARGIN
    left_column = text_width * SIGNATURE_COLUMNS[0] / sum(SIGNATURE_COLUMNS)
    column = LEFT_MARGIN + left_column  # where the signer's column starts
    centre = column + (text_width - left_column) / 2
    bottom, top = name_y + size + 2, title_y - 5
    height = max(top - bottom, 24.0)
    signer = Box(centre - height * SIGNATURE_IMAGE_RATIO / 2, bottom, centre + height * SIGNATURE_IMAGE_RATIO / 2,
                 bottom + height)
    # The seal covers the left third of the signer's image: its right edge one third into it.
    seal_right = signer.x1 + signer.width / 3
    middle = (signer.y1 + signer.y2) / 2
    seal = Box(seal_right - SEAL_SIZE_PT, middle - SEAL_SIZE_PT / 2, seal_right, middle + SEAL_SIZE_PT / 2)
    # The agency's name and time: under the signer's name, from the seal's left edge (kept inside the signer's
    # column) to the right margin.
    text_top = name_y - NAME_DESCENT
    text = Box(max(seal.x1, column) + 2, text_top - AGENCY_TEXT_HEIGHT, width - RIGHT_MARGIN, text_top)
    agency = Box(min(seal.x1, text.x1), text.y1, max(seal.x2, text.x2), seal.y2)
    return SignaturePlace(page=page_index, signer=signer, seal=seal, text=text, agency=agency)


def attachment_box(pdf: bytes) -> tuple[int, Box]:
    """The top right corner of the first page, inside the margins, for an attachment's agency signature."""
    reader = PdfReader(BytesIO(pdf))
    box = reader.pages[0].mediabox
    right, top = float(box.width) - RIGHT_MARGIN, float(box.height) - 10 * MM
    width, height = ATTACHMENT_BOX_SIZE
    return 0, Box(right - width, top - height, right, top)


def pdfa_part(pdf: bytes) -> tuple[str, str] | None:
    """(part, conformance) that the PDF's XMP metadata declares ("2", "B"), or None."""
    reader = PdfReader(BytesIO(pdf))
    metadata = reader.trailer["/Root"].get("/Metadata")
    if metadata is None:
        return None
    xmp = metadata.get_object().get_data().decode("utf-8", "replace")
    part = re.search(r"pdfaid:part(?:>|=\")\s*(\d)", xmp)
    conformance = re.search(r"pdfaid:conformance(?:>|=\")\s*([ABU])", xmp)
    if not part:
        return None
    return part.group(1), conformance.group(1) if conformance else ""
