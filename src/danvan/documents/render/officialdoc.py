"""The data of an official document (văn bản hành chính), independent of any output format.

Decree 30/2020/NĐ-CP fixes the components of every administrative document: national title
and motto, issuing body, number and symbol, place and date, type name and subject, content,
signature block and recipients. Plans, reports, notices and công văn are all built as an
:class:`OfficialDocument` and handed to the one renderer (:mod:`.docx`), so the format is
decided in one place and checked in one place (:mod:`.check`).

No Django import here: the command line, reports, plans and notices all build these objects.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date as Date

from danvan.core.vntext import clean_text, format_date, nfc

__all__ = [
    "AUTHORITIES",
    "NATIONAL_MOTTO",
    "NATIONAL_TITLE",
    "SPAN_LEFT",
    "SPAN_UP",
    "TYPE_NAMES",
    "Block",
    "DocumentError",
    "Image",
    "OfficialDocument",
    "PageBreak",
    "Paragraph",
    "Signer",
    "Span",
    "Table",
    "number_line",
    "place_date_line",
]

NATIONAL_TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
NATIONAL_MOTTO = "Độc lập - Tự do - Hạnh phúc"

# Signing authorities of Decree 30/2020 (art. 13): on behalf of a collective body, signed for
# the head, acting head, signed by order of the head, signed under the head's authorisation.
AUTHORITIES = ("TM.", "KT.", "Q.", "TL.", "TUQ.")

# Type abbreviations of Decree 30/2020, Appendix III. A công văn has none ("Số: 12/UBND-VX").
TYPE_NAMES: dict[str, str] = {
    "NQ": "NGHỊ QUYẾT",
    "QĐ": "QUYẾT ĐỊNH",
    "CT": "CHỈ THỊ",
    "QC": "QUY CHẾ",
    "QyĐ": "QUY ĐỊNH",
    "TB": "THÔNG BÁO",
    "HD": "HƯỚNG DẪN",
    "CTr": "CHƯƠNG TRÌNH",
    "KH": "KẾ HOẠCH",
    "PA": "PHƯƠNG ÁN",
    "ĐA": "ĐỀ ÁN",
    "DA": "DỰ ÁN",
    "BC": "BÁO CÁO",
    "BB": "BIÊN BẢN",
    "TTr": "TỜ TRÌNH",
    "HĐ": "HỢP ĐỒNG",
    "CĐ": "CÔNG ĐIỆN",
    "BGN": "BẢN GHI NHỚ",
    "BTT": "BẢN THỎA THUẬN",
    "GUQ": "GIẤY ỦY QUYỀN",
    "GM": "GIẤY MỜI",
    "GGT": "GIẤY GIỚI THIỆU",
    "GNP": "GIẤY NGHỈ PHÉP",
    "PG": "PHIẾU GỬI",
    "PC": "PHIẾU CHUYỂN",
    "PB": "PHIẾU BÁO",
}

_CODE = re.compile(r"^[A-Za-zĐđ][A-Za-zĐđ0-9.]*$")
# What a draft shows in place of the number until the clerk registers it.
DRAFT_NUMBER = "     "


class DocumentError(ValueError):
    """An official document cannot be rendered; the message is shown to the officer as is."""


# --- blocks of content -------------------------------------------------------------------------


@dataclass(frozen=True)
class Span:
    """A piece of a paragraph with its own emphasis (e.g. *“Dân vận khéo”* in italics)."""

    text: str
    bold: bool = False
    italic: bool = False


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of content.

    ``level`` 0 is body text; 1 is a section heading ("I. MỤC ĐÍCH, YÊU CẦU", bold), 2 a
    numbered heading (bold), 3 a sub-heading (bold italic). ``text`` is a string or a sequence
    of :class:`Span` when part of the paragraph needs its own emphasis.
    """

    text: str | Sequence[Span]
    level: int = 0
    bold: bool = False
    italic: bool = False
    align: str = "justify"  # "justify", "center", "left" or "right"

    @property
    def spans(self) -> tuple[Span, ...]:
        if isinstance(self.text, str):
            return (Span(nfc(self.text)),)
        return tuple(Span(nfc(s.text), s.bold, s.italic) for s in self.text)


class _Spanned:
    """Marker of a merged table cell; compared by identity."""

    def __init__(self, name: str) -> None:
        self.name = name

    def __repr__(self) -> str:
        return self.name


# Put one of these in a header cell to merge it with the cell on its left / above.
SPAN_LEFT = _Spanned("SPAN_LEFT")
SPAN_UP = _Spanned("SPAN_UP")

Cell = str | int | float | Date | None | _Spanned


@dataclass(frozen=True)
class Table:
    """A bordered table (indicator tables, lists of tasks).

    ``header`` holds zero or more header rows (bold, centred, repeated on each page). Header
    cells may be :data:`SPAN_LEFT` / :data:`SPAN_UP` to merge them. ``column_widths`` are in
    millimetres; without them the text width is shared equally.
    """

    header: Sequence[Sequence[Cell]]
    rows: Sequence[Sequence[Cell]]
    column_widths: Sequence[float] | None = None
    title: str | None = None

    @property
    def column_count(self) -> int:
        lengths = {len(r) for r in (*self.header, *self.rows)}
        return max(lengths) if lengths else 0


@dataclass(frozen=True)
class PageBreak:
    """Start the next block on a new page."""


@dataclass(frozen=True)
class Image:
    """A PNG picture (a chart), centred, ``width`` in millimetres, with an optional caption."""

    png: bytes
    width: float = 150.0
    caption: str | None = None


Block = Paragraph | Table | PageBreak | Image


# --- signature ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Signer:
    """The signing authority, title and name (Decree 30/2020, art. 13 and Appendix I).

    ``Signer("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Võ Đăng Dũng")`` prints
    "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH / … / Võ Đăng Dũng". A deputy signing for the chairman of a
    collective body adds ``collective_body``: ``Signer("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", name,
    collective_body="ỦY BAN NHÂN DÂN")`` prints "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH / PHÓ CHỦ
    TỊCH". A head signing in their own right has no authority and no body line.
    """

    authority: str | None
    body_line: str | None
    title: str
    name: str
    collective_body: str | None = None

    def __post_init__(self) -> None:
        if self.authority is not None and self.authority not in AUTHORITIES:
            raise DocumentError(
                f"Thẩm quyền ký “{self.authority}” không hợp lệ; chỉ dùng: {', '.join(AUTHORITIES)}."
            )
        if self.authority is not None and not clean_text(self.body_line):
            raise DocumentError(f"Thiếu chức vụ/tên cơ quan sau “{self.authority}”.")
        if self.authority is None and self.collective_body:
            raise DocumentError("Ký thay mặt tập thể cần có thẩm quyền ký (KT., Q., …).")
        if not clean_text(self.title):
            raise DocumentError("Thiếu chức vụ của người ký.")
        if not clean_text(self.name):
            raise DocumentError("Thiếu họ tên người ký.")

    @property
    def heading_lines(self) -> list[str]:
        """The bold upper-case lines above the signature, in order."""
        lines = []
        if self.collective_body:
            lines.append(f"TM. {clean_text(self.collective_body).upper()}")
        if self.authority:
            lines.append(f"{self.authority} {clean_text(self.body_line).upper()}")
        lines.append(clean_text(self.title).upper())
        return lines


# --- helpers -----------------------------------------------------------------------------------


def _number_text(number: int | None) -> str:
    if number is None:
        return DRAFT_NUMBER
    if isinstance(number, bool) or not isinstance(number, int) or number < 1:
        raise DocumentError(f"Số văn bản “{number}” không hợp lệ: phải là số nguyên dương.")
    return f"{number:02d}"


def _check_code(value: str, what: str) -> str:
    value = clean_text(value)
    if not _CODE.match(value):
        raise DocumentError(f"Ký hiệu {what} “{value}” không hợp lệ.")
    return value


def number_line(
    number: int | None,
    type_code: str | None,
    issuer_code: str,
    drafting_code: str | None = None,
) -> str:
    """The "Số: 07/KH-UBND" line.

    Numbers below 10 take a leading zero; a draft (``number`` None) leaves blanks for the
    clerk. A công văn has no type code: its symbol is the issuer's code and the drafting
    unit's ("Số: 12/UBND-VX"), never "/CV-".
    """
    issuer = _check_code(issuer_code, "cơ quan ban hành")
    if type_code is not None:
        code = _check_code(type_code, "loại văn bản")
        if code.upper() == "CV":
            raise DocumentError(
                "Công văn không có ký hiệu loại văn bản: viết “Số: 12/UBND-VX”, không “/CV-”."
            )
        symbol = f"{code}-{issuer}"
    elif drafting_code:
        symbol = f"{issuer}-{_check_code(drafting_code, 'đơn vị soạn thảo')}"
    else:
        symbol = issuer
    return f"Số: {_number_text(number)}/{symbol}"


def place_date_line(place: str, date: Date) -> str:
    """ "Hà Nội, ngày 05 tháng 02 năm 2026": days below 10 and months 1–2 take a leading zero."""
    place = clean_text(place)
    if not place:
        raise DocumentError("Thiếu địa danh ghi trên văn bản.")
    if not isinstance(date, Date):
        raise DocumentError("Thiếu ngày, tháng, năm ban hành văn bản.")
    month = f"{date.month:02d}" if date.month < 3 else str(date.month)
    return f"{place}, ngày {date.day:02d} tháng {month} năm {date.year}"


def _recipient_line(text: str) -> str:
    text = clean_text(text)
    text = re.sub(r"^[-–•+]\s*", "", text).rstrip(";,. ")
    return text


# --- the document ------------------------------------------------------------------------------


@dataclass(kw_only=True)
class OfficialDocument:
    """Everything the renderer needs to lay out one outgoing document.

    ``type_code`` None makes a công văn: no type name, the subject ("V/v …") goes under the
    number, and ``drafting_code`` completes the symbol. ``type_name`` defaults from the code.
    ``number`` None renders a draft with blanks in place of the number.
    """

    issuing_body: str
    place: str
    date: Date
    subject: str
    signer: Signer
    parent_body: str | None = None
    number: int | None = None
    year: int | None = None
    type_code: str | None = None
    issuer_code: str = "UBND"
    drafting_code: str | None = None
    type_name: str | None = None
    body: list[Block] = field(default_factory=list)
    appendix: list[Block] = field(default_factory=list)
    appendix_title: str = "PHỤ LỤC"
    recipients: list[str] = field(default_factory=list)
    archive: str = "Lưu: VT, NV."
    # The issuing body as written in running text ("UBND quận Thanh Xuân"), for references.
    issuer_name: str | None = None
    # Page orientation: None lets the renderer choose (landscape when a table is wider than a
    # portrait page's text, as Decree 30/2020 allows for tables), True/False forces it.
    landscape: bool | None = None

    def __post_init__(self) -> None:
        self.issuing_body = clean_text(self.issuing_body)
        self.parent_body = clean_text(self.parent_body) or None
        self.subject = clean_text(self.subject)
        if not self.issuing_body:
            raise DocumentError("Thiếu tên cơ quan ban hành văn bản.")
        if not self.subject:
            raise DocumentError("Thiếu trích yếu nội dung văn bản.")
        if not isinstance(self.signer, Signer):
            raise DocumentError("Thiếu người ký văn bản.")
        if not isinstance(self.date, Date):
            raise DocumentError("Thiếu ngày, tháng, năm ban hành văn bản.")
        if self.year is None:
            self.year = self.date.year
        elif self.year != self.date.year:
            # Numbering restarts on 1 January: a number belongs to the year of the date.
            raise DocumentError(
                f"Năm đăng ký số ({self.year}) khác năm ban hành ({self.date.year}): "
                "số văn bản được đánh lại từ 01 mỗi năm."
            )
        if self.type_code is not None and self.type_name is None:
            self.type_name = TYPE_NAMES.get(self.type_code)
            if self.type_name is None:
                raise DocumentError(f"Chưa biết tên loại của ký hiệu “{self.type_code}”: hãy ghi tên loại.")
        if self.type_code is None and self.type_name:
            raise DocumentError("Văn bản có tên loại phải có ký hiệu loại (KH, BC, QĐ, …).")
        # Validate the symbol and the place early, so the officer sees the error before rendering.
        number_line(self.number, self.type_code, self.issuer_code, self.drafting_code)
        place_date_line(self.place, self.date)
        for block in (*self.body, *self.appendix):
            if not isinstance(block, Paragraph | Table | PageBreak | Image):
                raise DocumentError(f"Khối nội dung không hợp lệ: {type(block).__name__}.")
            if isinstance(block, Table) and block.column_widths is not None:
                if len(block.column_widths) != block.column_count:
                    raise DocumentError("Số độ rộng cột không khớp số cột của bảng.")
        archive = clean_text(self.archive)
        if not archive.startswith("Lưu:"):
            raise DocumentError("Dòng lưu phải bắt đầu bằng “Lưu:” (ví dụ “Lưu: VT, NV.”).")
        self.archive = archive if archive.endswith(".") else archive + "."

    @property
    def is_cong_van(self) -> bool:
        return self.type_code is None

    @property
    def number_line(self) -> str:
        return number_line(self.number, self.type_code, self.issuer_code, self.drafting_code)

    @property
    def symbol(self) -> str:
        return self.number_line.split("/", 1)[1]

    @property
    def place_date_line(self) -> str:
        return place_date_line(self.place, self.date)

    @property
    def subject_line(self) -> str:
        """The subject as printed: a công văn's starts with "V/v"."""
        if self.is_cong_van and not self.subject.lower().startswith("v/v"):
            return f"V/v {self.subject[0].lower()}{self.subject[1:]}"
        return self.subject

    @property
    def recipient_lines(self) -> list[str]:
        """ "- UBND Thành phố;" … "- Lưu: VT, NV." as printed under "Nơi nhận:"."""
        lines = [f"- {_recipient_line(r)};" for r in self.recipients if _recipient_line(r)]
        lines.append(f"- {self.archive}")
        return lines

    @property
    def appendix_reference(self) -> str:
        """ "(Kèm theo Kế hoạch số 307/KH-UBND ngày 16/12/2021 của UBND …)" under an appendix."""
        kind = (self.type_name or "Công văn").capitalize()
        number = "" if self.number is None else f" số {self.number:02d}/{self.symbol}"
        issuer = f" của {clean_text(self.issuer_name)}" if clean_text(self.issuer_name) else ""
        return f"(Kèm theo {kind}{number} ngày {format_date(self.date)}{issuer})"
