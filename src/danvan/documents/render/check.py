"""Read a .docx back and list where it breaks the format of Decree 30/2020/NĐ-CP.

The renderer is meant to be right by construction; this checker is the independent proof. It
does not trust how a document was made: it opens the bytes with python-docx, resolves every
property the way Word does (run, character style, paragraph style chain, document defaults)
and compares with the rules of legal-rules.md §8. Plan exports, reports and notices reuse it in
their tests, so each rule is explicit and each violation names its rule::

    [place_date] Ngày dưới 10 phải có số 0 đứng trước: "Hà Nội, ngày 5 tháng 02 năm 2026".

No Django import here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.oxml.ns import qn
from docx.table import Table as DocxTable
from docx.text.paragraph import Paragraph as DocxParagraph

from danvan.core.vntext import fold

from .officialdoc import AUTHORITIES, NATIONAL_MOTTO, NATIONAL_TITLE, TYPE_NAMES

__all__ = ["RULES", "Violation", "check_docx", "find_violations", "word_width_pt"]

FONT = "Times New Roman"
MAX_PER_RULE = 10

# Each rule the checker knows, with the part of §8 it enforces.
RULES = {
    "file": "the file is a readable .docx",
    "page_size": "A4 portrait, 210 × 297 mm; landscape only for a table wider than a portrait page",
    "margins": "top/bottom 20–25 mm, left 30–35 mm, right 15–20 mm",
    "font": "Times New Roman in every run (ascii, hAnsi, and cs/eastAsia when named)",
    "national_title": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM, 12–13 pt, bold, upper case",
    "motto": "Độc lập - Tự do - Hạnh phúc, 13–14 pt, bold, with a line under it",
    "issuing_body": "issuing body bold upper case (parent body upper case, regular), 12–13 pt",
    "number": "Số: 07/KH-UBND, 13 pt, leading zero below 10, no /CV- symbol",
    "place_date": "place and date italic 13–14 pt, leading zero for days < 10 and months 1–2 only",
    "type_name": "type name bold upper case 13–14 pt, centred, matching the symbol",
    "subject": "subject bold 13–14 pt centred; a công văn's V/v 12–13 pt upright",
    "body_size": "body text 13–14 pt",
    "body_alignment": "body text justified",
    "body_indent": "first-line indent 1–1.27 cm in justified body text",
    "recipients_heading": "Nơi nhận: 12 pt bold italic",
    "recipients": "recipient list 11 pt, '- ' lines ending with ';', last '- Lưu: VT, <unit>.'",
    "signer_authority": "authority and title lines bold upper case 13–14 pt, authority TM./KT./Q./TL./TUQ.",
    "signer_name": "signer's name bold 13–14 pt",
    "page_number": "no page number on page 1; page numbers at the top, centred, 13–14 pt",
    "table_width": "every table fits the text width of its page (a wide table goes on a landscape page)",
    "cell_wrap": "no word of a table cell (a date, STT, a code) is wider than its column: none wraps mid-word",
    "signature_keep": "the signature block cannot split and keeps with the content before it (never alone)",
    "rule_lines": "the short lines under the issuing body, motto and subject are drawn below the text, not through it",
}

# Advance widths of Times New Roman (per 1000 em), regular and bold, for the characters of tables.
# Vietnamese letters are measured as their base letter (the marks sit above or below it).
_TIMES = dict(zip(
    "0123456789/-.,:;()%+ ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    [500] * 10 + [278, 333, 250, 250, 278, 278, 333, 333, 833, 564, 250]
    + [722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667, 556, 611, 722,
       722, 944, 722, 722, 611]
    + [444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500,
       500, 722, 500, 500, 444], strict=True))
_TIMES_BOLD = dict(zip(
    "0123456789/-.,:;()%+ ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    [500] * 10 + [278, 333, 250, 250, 333, 333, 333, 333, 1000, 570, 250]
    + [722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722, 556, 667, 722,
       722, 1000, 722, 722, 667]
    + [500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556,
       500, 722, 500, 500, 444], strict=True))
_DEFAULT_CELL_MARGIN_TWIPS = 108  # Word's left and right cell margin when a table names none (0.075")
_TWIPS_PER_MM = 1440 / 25.4


def word_width_pt(word: str, size: float, bold: bool = False) -> float:
    """How wide ``word`` prints in Times New Roman at ``size`` points."""
    import unicodedata

    table = _TIMES_BOLD if bold else _TIMES
    total = 0
    for char in word:
        base = unicodedata.normalize("NFD", char.replace("đ", "d").replace("Đ", "D"))[0]
        total += table.get(base, 556)
    return total * size / 1000

_NUMBER = re.compile(r"^Số: (?P<num>\d+|\s+)/(?P<symbol>\S+)$")
_SYMBOL = re.compile(r"^[A-Za-zĐđ][A-Za-zĐđ0-9.]*(-[A-Za-zĐđ][A-Za-zĐđ0-9.]*)*$")
_PLACE_DATE = re.compile(r"^(?P<place>[^,]+), ngày (?P<d>\d+) tháng (?P<m>\d+) năm (?P<y>\d{4})$")
_ARCHIVE = re.compile(r"^- Lưu: VT(,\s*\S.*)?\.$")
_TRUE = {"1", "true", "on"}


@dataclass(frozen=True)
class Violation:
    """One breach of the format: ``rule`` is a key of :data:`RULES`, ``message`` is for people."""

    rule: str
    message: str

    def __str__(self) -> str:
        return f"[{self.rule}] {self.message}"


# --- resolving properties the way Word does ----------------------------------------------------


class _Resolver:
    """Effective run and paragraph properties: direct → character style → paragraph styles → defaults."""

    def __init__(self, document: DocxDocument) -> None:
        styles = document.styles.element
        self.styles = {s.get(qn("w:styleId")): s for s in styles.findall(qn("w:style"))}
        self.default_para_style = next(
            (
                s
                for s in self.styles.values()
                if s.get(qn("w:type")) == "paragraph" and s.get(qn("w:default")) in _TRUE
            ),
            None,
        )
        self.default_rpr = styles.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
        self.default_ppr = styles.find(f"{qn('w:docDefaults')}/{qn('w:pPrDefault')}/{qn('w:pPr')}")

    def _style_chain(self, style_id: str | None, fallback=None) -> list:
        style = self.styles.get(style_id) if style_id else fallback
        chain, seen = [], set()
        while style is not None and id(style) not in seen:
            seen.add(id(style))
            chain.append(style)
            based = style.find(qn("w:basedOn"))
            style = self.styles.get(based.get(qn("w:val"))) if based is not None else None
        return chain

    def _para_style_id(self, p) -> str | None:
        ppr = p.find(qn("w:pPr"))
        pstyle = ppr.find(qn("w:pStyle")) if ppr is not None else None
        return pstyle.get(qn("w:val")) if pstyle is not None else None

    def _rprs(self, run_el, p_el) -> list:
        rprs = []
        rpr = run_el.find(qn("w:rPr"))
        if rpr is not None:
            rprs.append(rpr)
            rstyle = rpr.find(qn("w:rStyle"))
            if rstyle is not None:
                rprs += [s.find(qn("w:rPr")) for s in self._style_chain(rstyle.get(qn("w:val")))]
        rprs += [
            s.find(qn("w:rPr")) for s in self._style_chain(self._para_style_id(p_el), self.default_para_style)
        ]
        rprs.append(self.default_rpr)
        return [r for r in rprs if r is not None]

    def _pprs(self, p_el) -> list:
        pprs = [p_el.find(qn("w:pPr"))]
        pprs += [
            s.find(qn("w:pPr")) for s in self._style_chain(self._para_style_id(p_el), self.default_para_style)
        ]
        pprs.append(self.default_ppr)
        return [p for p in pprs if p is not None]

    def toggle(self, run_el, p_el, tag: str) -> bool:
        for rpr in self._rprs(run_el, p_el):
            el = rpr.find(qn(f"w:{tag}"))
            if el is not None:
                val = el.get(qn("w:val"))
                return val is None or val.lower() in _TRUE
        return False

    def size(self, run_el, p_el) -> float:
        for rpr in self._rprs(run_el, p_el):
            el = rpr.find(qn("w:sz"))
            if el is not None and el.get(qn("w:val")):
                return int(el.get(qn("w:val"))) / 2
        return 10.0  # Word's built-in default when nothing names a size

    def fonts(self, run_el, p_el) -> dict[str, str | None]:
        """The font of each rFonts slot; a theme font wins over a named one, as in Word."""
        result: dict[str, str | None] = {}
        for slot, theme in (
            ("ascii", "asciiTheme"),
            ("hAnsi", "hAnsiTheme"),
            ("cs", "cstheme"),
            ("eastAsia", "eastAsiaTheme"),
        ):
            result[slot] = None
            for rpr in self._rprs(run_el, p_el):
                el = rpr.find(qn("w:rFonts"))
                if el is None:
                    continue
                if el.get(qn(f"w:{theme}")):
                    result[slot] = f"theme:{el.get(qn(f'w:{theme}'))}"
                    break
                if el.get(qn(f"w:{slot}")):
                    result[slot] = el.get(qn(f"w:{slot}"))
                    break
        return result

    def alignment(self, p_el) -> str:
        for ppr in self._pprs(p_el):
            el = ppr.find(qn("w:jc"))
            if el is not None:
                return el.get(qn("w:val"))
        return "left"

    def first_line_cm(self, p_el) -> float:
        for ppr in self._pprs(p_el):
            el = ppr.find(qn("w:ind"))
            if el is None:
                continue
            if el.get(qn("w:firstLine")) is not None:
                return int(el.get(qn("w:firstLine"))) / 567
            if el.get(qn("w:hanging")) is not None:
                return -int(el.get(qn("w:hanging"))) / 567
        return 0.0


# --- walking the document ----------------------------------------------------------------------


@dataclass
class _Para:
    paragraph: DocxParagraph
    top_level: bool
    table_index: int | None = None  # index of the top-level table holding it
    cell: object = None  # the python-docx _Cell holding it

    @property
    def text(self) -> str:
        return self.paragraph.text.strip()


def _walk(document: DocxDocument) -> list:
    """Top-level blocks in order: ``_Para`` for paragraphs, ``DocxTable`` for tables."""
    return list(document.iter_inner_content())


def _table_paras(table: DocxTable, index: int) -> Iterator[_Para]:
    seen = set()
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) in seen:
                continue
            seen.add(id(cell._tc))
            for paragraph in cell.paragraphs:
                yield _Para(paragraph, False, index, cell)
            for inner in cell.tables:
                yield from _table_paras(inner, index)


def _mm(points: float) -> str:
    """Points as millimetres with a decimal comma ("8,7")."""
    return f"{points / 72 * 25.4:.1f}".replace(".", ",")


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return f"“{text[: limit - 1]}…”" if len(text) > limit else f"“{text}”"


def _has_page_field(part_element) -> bool:
    instr = " ".join(t.text or "" for t in part_element.iter(qn("w:instrText")))
    simple = " ".join(f.get(qn("w:instr")) or "" for f in part_element.iter(qn("w:fldSimple")))
    return "PAGE" in instr.upper() or "PAGE" in simple.upper()


class _Checker:
    def __init__(self, document: DocxDocument) -> None:
        self.document = document
        self.r = _Resolver(document)
        self.violations: list[Violation] = []
        self.blocks = _walk(document)
        self.paras: list[_Para] = []
        self.table_count = 0
        for block in self.blocks:
            if isinstance(block, DocxTable):
                self.paras.extend(_table_paras(block, self.table_count))
                self.table_count += 1
            else:
                self.paras.append(_Para(block, True))

    def add(self, rule: str, message: str) -> None:
        self.violations.append(Violation(rule, message))

    # run-level helpers over a paragraph's visible runs
    def _runs(self, para: _Para):
        return [r for r in para.paragraph.runs if r.text.strip()]

    def all_bold(self, para: _Para) -> bool:
        runs = self._runs(para)
        return bool(runs) and all(self.r.toggle(r._r, para.paragraph._p, "b") for r in runs)

    def all_italic(self, para: _Para) -> bool:
        runs = self._runs(para)
        return bool(runs) and all(self.r.toggle(r._r, para.paragraph._p, "i") for r in runs)

    def any_italic(self, para: _Para) -> bool:
        return any(self.r.toggle(r._r, para.paragraph._p, "i") for r in self._runs(para))

    def sizes(self, para: _Para) -> set[float]:
        return {self.r.size(r._r, para.paragraph._p) for r in self._runs(para)}

    def size_in(self, para: _Para, low: float, high: float, rule: str, what: str) -> bool:
        bad = sorted(s for s in self.sizes(para) if not low <= s <= high)
        if bad:
            wanted = f"{low:g}" if low == high else f"{low:g}–{high:g}"
            got = ", ".join(f"{s:g}" for s in bad)
            self.add(rule, f"{what} {_short(para.text)} cỡ chữ {got} pt, phải {wanted} pt.")
            return False
        return True

    # --- rules ---------------------------------------------------------------------------------

    def page(self) -> None:
        for number, section in enumerate(self.document.sections, start=1):
            where = f"Phần {number}: " if len(self.document.sections) > 1 else ""
            width, height = section.page_width, section.page_height
            portrait = width is not None and height is not None and abs(width.mm - 210) <= 0.5 \
                and abs(height.mm - 297) <= 0.5
            landscape = width is not None and height is not None and abs(width.mm - 297) <= 0.5 \
                and abs(height.mm - 210) <= 0.5
            if landscape and not self._wide_table():
                self.add("page_size", f"{where}Khổ A4 ngang chỉ dùng khi bảng rộng hơn trang dọc; văn bản này "
                                      "không có bảng như vậy: phải A4 đứng 210 × 297 mm.")
            elif not (portrait or landscape):
                got = f"{width.mm:.0f} × {height.mm:.0f} mm" if width and height else "không khai báo"
                self.add("page_size", f"{where}Khổ giấy {got}, phải A4 đứng 210 × 297 mm.")
            for name, label, low, high in (
                ("top_margin", "trên", 20, 25),
                ("bottom_margin", "dưới", 20, 25),
                ("left_margin", "trái", 30, 35),
                ("right_margin", "phải", 15, 20),
            ):
                value = getattr(section, name)
                mm = value.mm if value is not None else None
                if mm is None or not low - 0.05 <= mm <= high + 0.05:
                    got = f"{mm:.1f} mm" if mm is not None else "không khai báo"
                    self.add("margins", f"{where}Lề {label} {got}, phải từ {low} đến {high} mm.")

    def fonts(self) -> None:
        paras = [p.paragraph for p in self.paras]
        for section in self.document.sections:
            for part in (
                section.header,
                section.footer,
                section.first_page_header,
                section.first_page_footer,
                section.even_page_header,
                section.even_page_footer,
            ):
                if not part.is_linked_to_previous:
                    paras.extend(part.paragraphs)
                    for table in part.tables:
                        paras.extend(p.paragraph for p in _table_paras(table, -1))
        for paragraph in paras:
            wrong: set[str] = set()
            for run in paragraph.runs:
                if not run.text.strip() and not run._r.findall(qn("w:instrText")):
                    continue
                fonts = self.r.fonts(run._r, paragraph._p)
                for slot in ("ascii", "hAnsi"):
                    if fonts[slot] != FONT:
                        wrong.add(fonts[slot] or "không khai báo")
                for slot in ("cs", "eastAsia"):
                    if fonts[slot] is not None and fonts[slot] != FONT:
                        wrong.add(fonts[slot])
            if wrong:
                text = paragraph.text.strip() or "(trường số trang)"
                self.add("font", f"Phông {', '.join(sorted(wrong))} tại {_short(text)}: phải dùng {FONT}.")

    def _header_paras(self) -> list[_Para]:
        first = next(
            (b for b in self.blocks if not (isinstance(b, DocxParagraph) and not b.text.strip())), None
        )
        if isinstance(first, DocxTable):
            return [p for p in self.paras if p.table_index == 0]
        return [p for p in self.paras if p.top_level and p.text][:12]

    def _find(self, paras: list[_Para], expected: str) -> tuple[_Para | None, bool]:
        """The paragraph showing ``expected``: (paragraph, exact?) — near misses are found too."""
        key = " ".join(fold(expected).replace("–", "-").split())
        near = None
        for para in paras:
            if para.text == expected:
                return para, True
            if near is None and " ".join(fold(para.text).replace("–", "-").replace("—", "-").split()) == key:
                near = para
        return near, False

    def national_title(self, header: list[_Para]) -> None:
        para, exact = self._find(header, NATIONAL_TITLE)
        if para is None:
            self.add("national_title", f"Thiếu Quốc hiệu “{NATIONAL_TITLE}” ở phần đầu văn bản.")
            return
        if not exact:
            self.add("national_title", f"Quốc hiệu ghi {_short(para.text)}, phải “{NATIONAL_TITLE}”.")
        self.size_in(para, 12, 13, "national_title", "Quốc hiệu")
        if not self.all_bold(para):
            self.add("national_title", "Quốc hiệu phải in đậm.")

    def motto(self, header: list[_Para]) -> None:
        para, exact = self._find(header, NATIONAL_MOTTO)
        if para is None:
            self.add("motto", f"Thiếu Tiêu ngữ “{NATIONAL_MOTTO}” dưới Quốc hiệu.")
            return
        if not exact:
            self.add("motto", f"Tiêu ngữ ghi {_short(para.text)}, phải “{NATIONAL_MOTTO}”.")
        self.size_in(para, 13, 14, "motto", "Tiêu ngữ")
        if not self.all_bold(para):
            self.add("motto", "Tiêu ngữ phải in đậm.")
        if self.any_italic(para):
            self.add("motto", "Tiêu ngữ phải in đứng, không nghiêng.")
        if not self._line_after(para):
            self.add("motto", "Thiếu đường kẻ ngang dưới Tiêu ngữ.")

    def _line_after(self, para: _Para) -> bool:
        p = para.paragraph._p
        if p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:bottom')}") is not None:
            return True
        following = p.getnext()
        while following is not None and following.tag == qn("w:p"):
            if following.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:top')}") is not None:
                return True
            if any(following.iter(qn("w:drawing"), qn("w:pict"))):
                return True
            if "".join(t.text or "" for t in following.iter(qn("w:t"))).strip():
                return False
            following = following.getnext()
        return False

    def number(self, header: list[_Para]) -> tuple[_Para | None, str | None]:
        """Check "Số: …" and return it with its type code (None for a công văn)."""
        para = next((p for p in header if re.match(r"^S[ốo]\s*:?", p.text) and "/" in p.text), None)
        if para is None:
            self.add("number", "Thiếu số, ký hiệu văn bản (“Số: 07/KH-UBND”).")
            return None, None
        text = para.paragraph.text.strip("\t\r\n")
        match = _NUMBER.match(text)
        if not match:
            self.add("number", f"Số, ký hiệu {_short(text)} sai mẫu “Số: 07/KH-UBND”.")
            return para, None
        num, symbol = match["num"], match["symbol"]
        if num.strip():
            value = int(num)
            if value == 0:
                self.add("number", f"Số văn bản {_short(text)} không được là 0.")
            elif value < 10 and len(num) != 2:
                self.add(
                    "number",
                    f"Số dưới 10 phải có số 0 đứng trước: {_short(text)} → “Số: {value:02d}/{symbol}”.",
                )
            elif value >= 10 and num.startswith("0"):
                self.add("number", f"Số từ 10 trở lên không có số 0 đứng trước: {_short(text)}.")
        if not _SYMBOL.match(symbol):
            self.add("number", f"Ký hiệu “{symbol}” không hợp lệ.")
        head = symbol.split("-", 1)[0]
        if head.upper() == "CV":
            self.add("number", f"Công văn không dùng ký hiệu “CV”: {_short(text)} (ví dụ “Số: 12/UBND-VX”).")
        self.size_in(para, 13, 13, "number", "Số, ký hiệu")
        if self.any_italic(para):
            self.add("number", "Số, ký hiệu phải in đứng, không nghiêng.")
        return para, (head if head in TYPE_NAMES else None)

    def issuing_body(self, number_para: _Para | None) -> None:
        if number_para is None or number_para.cell is None:
            self.add("issuing_body", "Không tìm thấy tên cơ quan ban hành ở ô bên trái phần đầu văn bản.")
            return
        cell_paras = [
            _Para(p, False, number_para.table_index, number_para.cell) for p in number_para.cell.paragraphs
        ]
        index = next(i for i, p in enumerate(cell_paras) if p.paragraph._p is number_para.paragraph._p)
        names = [p for p in cell_paras[:index] if p.text]
        if not names:
            self.add("issuing_body", "Thiếu tên cơ quan ban hành trên số, ký hiệu.")
            return
        *parents, issuer = names
        for para in names:
            if para.text != para.text.upper():
                self.add("issuing_body", f"Tên cơ quan {_short(para.text)} phải in hoa.")
            self.size_in(para, 12, 13, "issuing_body", "Tên cơ quan")
        if not self.all_bold(issuer):
            self.add("issuing_body", f"Tên cơ quan ban hành {_short(issuer.text)} phải in đậm.")
        for para in parents:
            if any(self.r.toggle(r._r, para.paragraph._p, "b") for r in self._runs(para)):
                self.add("issuing_body", f"Tên cơ quan chủ quản {_short(para.text)} in đứng, không đậm.")

    def place_date(self, header: list[_Para]) -> None:
        para = next(
            (p for p in header if {"ngay", "thang", "nam"} <= set(re.findall(r"\w+", fold(p.text)))), None
        )
        if para is None:
            self.add("place_date", "Thiếu địa danh và ngày, tháng, năm ban hành.")
            return
        text = para.text
        match = _PLACE_DATE.match(text)
        if not match:
            self.add(
                "place_date",
                f"Địa danh, ngày tháng {_short(text)} sai mẫu “Hà Nội, ngày 05 tháng 02 năm 2026”.",
            )
        else:
            day, month, year = match["d"], match["m"], match["y"]
            try:
                Date(int(year), int(month), int(day))
            except ValueError:
                self.add("place_date", f"Ngày tháng {_short(text)} không có thật.")
            if len(day) != 2:
                self.add("place_date", f"Ngày dưới 10 phải có số 0 đứng trước: {_short(text)}.")
            if int(month) <= 2 and len(month) != 2:
                self.add("place_date", f"Tháng 1, 2 phải có số 0 đứng trước: {_short(text)}.")
            if int(month) >= 3 and month.startswith("0"):
                self.add("place_date", f"Tháng từ 3 đến 12 không có số 0 đứng trước: {_short(text)}.")
        if not self.all_italic(para):
            self.add("place_date", f"Địa danh, ngày tháng {_short(text)} phải in nghiêng.")
        self.size_in(para, 13, 14, "place_date", "Địa danh, ngày tháng")

    def title(self, number_para: _Para | None, type_code: str | None) -> int:
        """Check type name and subject; return the index in ``blocks`` where the body starts."""
        start = 0
        if self.blocks and isinstance(self.blocks[0], DocxTable):
            start = 1
        if type_code is None:
            self._cong_van_subject(number_para)
            return start
        rest = [(i, b) for i, b in enumerate(self.blocks) if i >= start and isinstance(b, DocxParagraph)]
        filled = [(i, b) for i, b in rest if b.text.strip()]
        if not filled:
            self.add("type_name", "Thiếu tên loại văn bản.")
            return start
        index, paragraph = filled[0]
        para = _Para(paragraph, True)
        expected = TYPE_NAMES[type_code]
        if para.text != expected:
            self.add(
                "type_name",
                f"Tên loại {_short(para.text)} không khớp ký hiệu {type_code}: phải “{expected}”.",
            )
        if para.text != para.text.upper():
            self.add("type_name", f"Tên loại {_short(para.text)} phải in hoa.")
        if not self.all_bold(para):
            self.add("type_name", "Tên loại văn bản phải in đậm.")
        self.size_in(para, 13, 14, "type_name", "Tên loại")
        if self.r.alignment(paragraph._p) != "center":
            self.add("type_name", "Tên loại văn bản phải canh giữa.")
        if len(filled) < 2:
            self.add("subject", "Thiếu trích yếu nội dung dưới tên loại.")
            return index + 1
        index, paragraph = filled[1]
        para = _Para(paragraph, True)
        if not self.all_bold(para):
            self.add("subject", f"Trích yếu {_short(para.text)} phải in đậm.")
        self.size_in(para, 13, 14, "subject", "Trích yếu")
        if self.r.alignment(paragraph._p) != "center":
            self.add("subject", "Trích yếu phải canh giữa.")
        return index + 1

    def _cong_van_subject(self, number_para: _Para | None) -> None:
        if number_para is None or number_para.cell is None:
            self.add("subject", "Thiếu trích yếu “V/v …” dưới số, ký hiệu công văn.")
            return
        paras = [
            _Para(p, False, number_para.table_index, number_para.cell) for p in number_para.cell.paragraphs
        ]
        para = next((p for p in paras if p.text.startswith("V/v")), None)
        if para is None:
            self.add("subject", "Thiếu trích yếu “V/v …” dưới số, ký hiệu công văn.")
            return
        self.size_in(para, 12, 13, "subject", "Trích yếu công văn")
        if self.any_italic(para):
            self.add("subject", "Trích yếu công văn phải in đứng, không nghiêng.")

    def body(self, start: int) -> None:
        for block in self.blocks[start:]:
            if not isinstance(block, DocxParagraph) or not block.text.strip():
                continue
            para = _Para(block, True)
            self.size_in(para, 13, 14, "body_size", "Đoạn")
            alignment = self.r.alignment(block._p)
            if alignment not in ("both", "center", "distribute"):
                self.add("body_alignment", f"Đoạn {_short(para.text)} phải canh đều hai lề.")
            elif alignment in ("both", "distribute"):
                indent = self.r.first_line_cm(block._p)
                if not 0.95 <= indent <= 1.3:
                    self.add(
                        "body_indent",
                        f"Đoạn {_short(para.text)} lùi đầu dòng {indent:.2f} cm, phải 1–1,27 cm.",
                    )

    def signature(self) -> None:
        heading = next((p for p in self.paras if p.text.startswith("Nơi nhận")), None)
        if heading is None:
            self.add("recipients_heading", "Thiếu “Nơi nhận:”.")
            self.add("signer_authority", "Không tìm thấy khối chữ ký (cạnh “Nơi nhận:”).")
            return
        if heading.text != "Nơi nhận:":
            self.add("recipients_heading", f"Ghi {_short(heading.text)}, phải “Nơi nhận:”.")
        if not (self.all_bold(heading) and self.all_italic(heading)):
            self.add("recipients_heading", "“Nơi nhận:” phải in đậm, nghiêng.")
        self.size_in(heading, 12, 12, "recipients_heading", "Chữ")
        if heading.cell is not None:
            paras = [_Para(p, False, heading.table_index, heading.cell) for p in heading.cell.paragraphs]
        else:
            paras = [p for p in self.paras if p.top_level]
        index = next(i for i, p in enumerate(paras) if p.paragraph._p is heading.paragraph._p)
        items = []
        for para in paras[index + 1 :]:
            if not para.text:
                if items:
                    break
                continue
            if not para.text.startswith("-"):
                break
            items.append(para)
        if not items:
            self.add("recipients", "Thiếu danh sách nơi nhận dưới “Nơi nhận:”.")
        for number, para in enumerate(items):
            self.size_in(para, 11, 11, "recipients", "Nơi nhận")
            last = number == len(items) - 1
            if not para.text.startswith("- "):
                self.add("recipients", f"Nơi nhận {_short(para.text)} phải bắt đầu bằng “- ”.")
            if last and not _ARCHIVE.match(para.text):
                self.add(
                    "recipients", f"Dòng cuối nơi nhận {_short(para.text)} phải là “- Lưu: VT, <đơn vị>.”."
                )
            if not last and not para.text.endswith(";"):
                self.add("recipients", f"Nơi nhận {_short(para.text)} phải kết thúc bằng “;”.")
        self._signer(heading)

    def _signer(self, heading: _Para) -> None:
        cell = heading.cell
        right = None
        if cell is not None:
            tc = cell._tc
            row_cells = tc.getparent().findall(qn("w:tc"))
            position = row_cells.index(tc)
            if position + 1 < len(row_cells):
                from docx.table import _Cell

                right = _Cell(row_cells[position + 1], cell._parent)
        if right is None:
            self.add("signer_authority", "Khối chữ ký phải nằm ở ô bên phải “Nơi nhận:”.")
            return
        lines = [_Para(p, False, heading.table_index, right) for p in right.paragraphs if p.text.strip()]
        if len(lines) < 2:
            self.add("signer_authority", "Khối chữ ký cần chức vụ người ký và họ tên.")
            return
        *titles, name = lines
        for para in titles:
            token = para.text.split()[0]
            if token.endswith(".") and token not in AUTHORITIES:
                self.add(
                    "signer_authority",
                    f"Thẩm quyền ký {_short(para.text)} không hợp lệ: {', '.join(AUTHORITIES)}.",
                )
            if para.text != para.text.upper():
                self.add("signer_authority", f"Chức vụ người ký {_short(para.text)} phải in hoa.")
            if not self.all_bold(para):
                self.add("signer_authority", f"Chức vụ người ký {_short(para.text)} phải in đậm.")
            self.size_in(para, 13, 14, "signer_authority", "Chức vụ người ký")
        if not self.all_bold(name):
            self.add("signer_name", f"Họ tên người ký {_short(name.text)} phải in đậm.")
        self.size_in(name, 13, 14, "signer_name", "Họ tên người ký")

    def page_numbers(self) -> None:
        section = self.document.sections[0]
        for part, label in ((section.footer, "chân trang"), (section.first_page_footer, "chân trang 1")):
            if not part.is_linked_to_previous and _has_page_field(part._element):
                self.add("page_number", f"Số trang đặt ở lề trên, không ở {label}.")
        if section.different_first_page_header_footer:
            first = section.first_page_header
            if not first.is_linked_to_previous and _has_page_field(first._element):
                self.add("page_number", "Trang 1 không được hiển thị số trang.")
        elif not section.header.is_linked_to_previous and _has_page_field(section.header._element):
            self.add(
                "page_number", "Trang 1 không được hiển thị số trang (cần trang đầu khác các trang sau)."
            )
        header = section.header
        if not header.is_linked_to_previous and _has_page_field(header._element):
            for paragraph in header.paragraphs:
                if not _has_page_field(paragraph._p):
                    continue
                if self.r.alignment(paragraph._p) != "center":
                    self.add("page_number", "Số trang phải canh giữa.")
                sizes = {self.r.size(r._r, paragraph._p) for r in paragraph.runs}
                if any(not 13 <= s <= 14 for s in sizes):
                    self.add("page_number", "Số trang cỡ chữ 13–14 pt.")

    # --- tables, signature keeping, header lines -----------------------------------------------

    def _text_width_twips(self) -> float:
        section = self.document.sections[0]
        if section.page_width is None:
            return 165 * _TWIPS_PER_MM
        return (section.page_width - (section.left_margin or 0) - (section.right_margin or 0)) / 635

    @staticmethod
    def _grid(table_el) -> list[int]:
        grid = table_el.find(qn("w:tblGrid"))
        if grid is None:
            return []
        return [int(col.get(qn("w:w")) or 0) for col in grid.findall(qn("w:gridCol"))]

    def _content_tables(self) -> list:
        """Top-level tables with borders (the layout tables of header and signature have none)."""
        tables = []
        for block in self.blocks:
            if not isinstance(block, DocxTable):
                continue
            borders = block._tbl.tblPr.find(qn("w:tblBorders"))
            if borders is None:
                continue
            top = borders.find(qn("w:top"))
            if top is not None and top.get(qn("w:val")) in ("nil", "none"):
                continue
            tables.append(block)
        return tables

    def _wide_table(self) -> bool:
        portrait_text = (210 - 30 - 15) * _TWIPS_PER_MM
        return any(sum(self._grid(t._tbl)) > portrait_text + 30 for t in self._content_tables())

    def tables(self) -> None:
        available = self._text_width_twips()
        for number, table in enumerate(self._content_tables(), start=1):
            grid = self._grid(table._tbl)
            if sum(grid) > available + 30:
                self.add("table_width", f"Bảng {number} rộng {sum(grid) / _TWIPS_PER_MM:.0f} mm, vượt khổ chữ "
                                        f"{available / _TWIPS_PER_MM:.0f} mm của trang: hãy dùng trang ngang "
                                        "hoặc thu hẹp cột.")
            self._cell_words(table, grid)

    def _cell_margins(self, table) -> float:
        margins = table._tbl.tblPr.find(qn("w:tblCellMar"))
        total = 0.0
        for side in ("left", "right"):
            el = margins.find(qn(f"w:{side}")) if margins is not None else None
            if el is None and margins is not None:
                el = margins.find(qn("w:start" if side == "left" else "w:end"))
            total += int(el.get(qn("w:w"))) if el is not None and el.get(qn("w:w")) else _DEFAULT_CELL_MARGIN_TWIPS
        return total

    def _cell_words(self, table, grid: list[int]) -> None:
        margins = self._cell_margins(table)
        reported: set[str] = set()
        for tr in table._tbl.findall(qn("w:tr")):
            column = 0
            for tc in tr.findall(qn("w:tc")):
                span_el = tc.find(f"{qn('w:tcPr')}/{qn('w:gridSpan')}")
                span = int(span_el.get(qn("w:val"))) if span_el is not None else 1
                width = sum(grid[column:column + span]) if grid else 0
                column += span
                if not width:
                    continue
                room_pt = (width - margins) / 20
                for p_el in tc.iter(qn("w:p")):
                    paragraph = DocxParagraph(p_el, table)
                    for run in paragraph.runs:
                        size = self.r.size(run._r, p_el)
                        bold = self.r.toggle(run._r, p_el, "b")
                        for word in run.text.split():
                            needed = word_width_pt(word, size, bold)
                            # one point of slack: word processors round their measures differently
                            if needed > room_pt - 1 and word not in reported:
                                reported.add(word)
                                self.add("cell_wrap", f"“{word}” rộng {_mm(needed)} mm, cột chỉ còn "
                                                      f"{_mm(room_pt)} mm: chữ bị ngắt giữa chừng; "
                                                      "hãy nới rộng cột.")

    def _keep_next(self, p_el) -> bool:
        for ppr in self.r._pprs(p_el):
            el = ppr.find(qn("w:keepNext"))
            if el is not None:
                val = el.get(qn("w:val"))
                return val is None or val.lower() in _TRUE
        return False

    def signature_keep(self) -> None:
        heading = next((p for p in self.paras if p.text.startswith("Nơi nhận")), None)
        if heading is None or heading.table_index is None:
            return
        tables = [b for b in self.blocks if isinstance(b, DocxTable)]
        table = tables[heading.table_index]
        first_row = table._tbl.find(qn("w:tr"))
        cant_split = first_row is not None and first_row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
        if not cant_split:
            self.add("signature_keep", "Khối chữ ký (hàng “Nơi nhận:” – người ký) phải không bị tách sang hai trang.")
        element = table._tbl.getprevious()
        while element is not None:
            if element.tag == qn("w:p"):
                text = "".join(t.text or "" for t in element.iter(qn("w:t"))).strip()
                if not self._keep_next(element):
                    what = _short(text) if text else "đoạn trống"
                    self.add("signature_keep", f"Đoạn {what} ngay trước khối chữ ký phải “giữ cùng đoạn sau” "
                                               "để khối chữ ký không đứng một mình ở trang cuối.")
                    return
                if text:
                    return
            elif element.tag == qn("w:tbl"):
                rows = element.findall(qn("w:tr"))
                last = rows[-1] if rows else None
                if last is not None and not all(self._keep_next(p) for p in last.iter(qn("w:p"))):
                    self.add("signature_keep", "Dòng cuối của bảng ngay trước khối chữ ký phải “giữ cùng đoạn "
                                               "sau” để khối chữ ký không đứng một mình ở trang cuối.")
                return
            element = element.getprevious()

    def rule_lines(self) -> None:
        for para in self.paras:
            p = para.paragraph._p
            if para.text or p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:top')}") is None:
                continue
            previous = p.getprevious()
            if previous is None or previous.tag != qn("w:p"):
                continue
            before = 0.0
            for ppr in self.r._pprs(p):
                spacing = ppr.find(qn("w:spacing"))
                if spacing is not None and spacing.get(qn("w:before")) is not None:
                    before = int(spacing.get(qn("w:before"))) / 20
                    break
            if before < 2:
                above = "".join(t.text or "" for t in previous.iter(qn("w:t"))).strip()
                self.add("rule_lines", f"Đường kẻ dưới {_short(above)} sát chữ (cách {before:g} pt): phải cách "
                                       "ít nhất 2 pt để kẻ dưới chữ, không đè lên chữ.")

    def run(self) -> list[Violation]:
        self.page()
        self.fonts()
        header = self._header_paras()
        self.national_title(header)
        self.motto(header)
        number_para, type_code = self.number(header)
        self.issuing_body(number_para)
        self.place_date(header)
        start = self.title(number_para, type_code)
        self.body(start)
        self.signature()
        self.signature_keep()
        self.tables()
        self.rule_lines()
        self.page_numbers()
        return self.violations


def _cap(violations: list[Violation]) -> list[Violation]:
    """At most MAX_PER_RULE messages per rule, then one line saying how many more."""
    counts: dict[str, int] = {}
    out = []
    for violation in violations:
        counts[violation.rule] = counts.get(violation.rule, 0) + 1
        if counts[violation.rule] <= MAX_PER_RULE:
            out.append(violation)
    for rule, count in counts.items():
        if count > MAX_PER_RULE:
            out.append(Violation(rule, f"… và {count - MAX_PER_RULE} lỗi cùng loại khác."))
    return out


def find_violations(data: bytes) -> list[Violation]:
    """Every breach of the Decree 30/2020 format found in the .docx ``data``."""
    try:
        document = Document(BytesIO(data))
    except Exception as exc:  # python-docx raises zip, XML and package errors alike
        return [Violation("file", f"Không mở được tệp .docx: {exc}")]
    return _cap(_Checker(document).run())


def check_docx(data: bytes) -> list[str]:
    """Human-readable violations, "[rule] message" each; an empty list means the file conforms."""
    return [str(v) for v in find_violations(data)]
