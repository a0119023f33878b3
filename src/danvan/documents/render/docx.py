"""Write an :class:`OfficialDocument` as .docx in the format of Decree 30/2020/NĐ-CP.

Every outgoing document (plans, reports, notices, công văn) goes through :func:`render_docx`,
so that the layout rules of the decree (Appendix I) live in one place and :mod:`.check` can
verify the result. Every run carries its font, size and emphasis explicitly: Word on an
officer's machine then shows the same thing whatever its default template says, and Vietnamese
letters stay in Times New Roman because all four rFonts slots (ascii, hAnsi, cs, eastAsia) are
set and the theme fonts of the python-docx template are removed.

No Django import here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date as Date
from io import BytesIO

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Mm, Pt
from docx.table import Table as DocxTable
from docx.table import _Cell
from docx.text.paragraph import Paragraph as DocxParagraph

from danvan.core.vntext import format_date

from .officialdoc import (
    NATIONAL_MOTTO,
    NATIONAL_TITLE,
    SPAN_LEFT,
    SPAN_UP,
    Block,
    DocumentError,
    Image,
    OfficialDocument,
    PageBreak,
    Paragraph,
    Table,
)

__all__ = ["FONT", "LANDSCAPE_TEXT_WIDTH_MM", "MARGINS_MM", "PAGE_SIZE_MM", "TEXT_WIDTH_MM", "is_landscape",
           "render_docx"]

FONT = "Times New Roman"
PAGE_SIZE_MM = (210, 297)
# Decree 30/2020: top and bottom 20–25 mm, left 30–35 mm, right 15–20 mm.
MARGINS_MM = {"top": 20, "bottom": 20, "left": 30, "right": 15}
TEXT_WIDTH_MM = PAGE_SIZE_MM[0] - MARGINS_MM["left"] - MARGINS_MM["right"]
LANDSCAPE_TEXT_WIDTH_MM = PAGE_SIZE_MM[1] - MARGINS_MM["left"] - MARGINS_MM["right"]
HEADER_COLUMNS_MM = (65.0, 100.0)
SIGNATURE_COLUMNS_MM = (80.0, 85.0)
BODY_SIZE = 14
TABLE_SIZE = 13
FIRST_LINE_INDENT = Cm(1)
SIGNATURE_SPACE = Pt(72)  # room for the handwritten signature and the seal
RULE_GAP_PT = 4  # space between a line of text and the short line drawn under it

_ALIGN = {
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
}
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


# --- low-level helpers -------------------------------------------------------------------------


def _set_rfonts(rpr) -> None:
    """Name Times New Roman in all four slots and drop theme fonts, which would win over them."""
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in _THEME_ATTRS:
        rfonts.attrib.pop(qn(attr), None)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        rfonts.set(qn(attr), FONT)


def _set_lang(rpr) -> None:
    lang = rpr.find(qn("w:lang"))
    if lang is None:
        lang = OxmlElement("w:lang")
        rpr.append(lang)
    lang.set(qn("w:val"), "vi-VN")


def _style_document(document: DocxDocument) -> None:
    styles_el = document.styles.element
    defaults = styles_el.find(qn("w:docDefaults"))
    if defaults is not None:
        rpr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if rpr is not None:
            _set_rfonts(rpr)
            _set_lang(rpr)
    for style in document.styles:
        element = style.element
        rpr = element.find(qn("w:rPr"))
        if rpr is not None and rpr.find(qn("w:rFonts")) is not None:
            _set_rfonts(rpr)
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_SIZE)
    _set_rfonts(normal.element.get_or_add_rPr())
    _set_lang(normal.element.get_or_add_rPr())


def _run(paragraph: DocxParagraph, text: str, size: float, *, bold: bool = False, italic: bool = False):
    run = paragraph.add_run(text)
    run.font.name = FONT
    _set_rfonts(run._r.get_or_add_rPr())
    run.font.size = Pt(size)
    run.font.bold = bold
    run.font.italic = italic
    return run


def _format(
    paragraph: DocxParagraph,
    *,
    align: str = "center",
    before: float = 0,
    after: float = 0,
    indent: bool = False,
    line_spacing: float = 1.0,
    mark_size: float | None = None,
) -> DocxParagraph:
    fmt = paragraph.paragraph_format
    fmt.alignment = _ALIGN[align]
    fmt.space_before = Pt(before)
    fmt.space_after = Pt(after)
    fmt.line_spacing = line_spacing
    if indent:
        fmt.first_line_indent = FIRST_LINE_INDENT
    if mark_size is not None:
        # The paragraph mark's own size decides the height of an empty paragraph.
        ppr = paragraph._p.get_or_add_pPr()
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = OxmlElement("w:rPr")
            ppr.append(rpr)  # rPr is the last child of pPr; later properties insert before it
        _set_rfonts(rpr)
        size = OxmlElement("w:sz")
        size.set(qn("w:val"), str(int(mark_size * 2)))
        rpr.append(size)
    return paragraph


class _CellWriter:
    """Adds paragraphs to a table cell, reusing the empty paragraph every new cell starts with."""

    def __init__(self, cell: _Cell) -> None:
        self.cell = cell
        self.used = False

    def paragraph(self) -> DocxParagraph:
        if not self.used:
            self.used = True
            return self.cell.paragraphs[0]
        return self.cell.add_paragraph()


def _text_line(target, text: str, size: float, *, bold=False, italic=False, **fmt) -> DocxParagraph:
    paragraph = target.paragraph() if isinstance(target, _CellWriter) else target.add_paragraph()
    _format(paragraph, **fmt)
    _run(paragraph, text, size, bold=bold, italic=italic)
    return paragraph


def _rule(target, width_mm: float, column_mm: float) -> DocxParagraph:
    """A short centred horizontal line (the line under the issuing body, motto and subject).

    It is an empty paragraph with a top border, indented so that the border is ``width_mm``
    long: no drawing objects, so it prints the same in Word, LibreOffice and converters.
    """
    paragraph = target.paragraph() if isinstance(target, _CellWriter) else target.add_paragraph()
    # Space above the border keeps the line clear of the text above it (a border drawn at the
    # paragraph's very top touches the descenders of the line above, and looks struck through).
    _format(paragraph, mark_size=2, before=RULE_GAP_PT)
    side = max((column_mm - width_mm) / 2, 0)
    paragraph.paragraph_format.left_indent = Mm(side)
    paragraph.paragraph_format.right_indent = Mm(side)
    ppr = paragraph._p.get_or_add_pPr()
    borders = OxmlElement("w:pBdr")
    top = OxmlElement("w:top")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "000000")):
        top.set(qn(key), value)
    borders.append(top)
    # pBdr must precede spacing/ind/jc in pPr (schema order), so insert it after pStyle/keepNext...
    anchor = ppr.find(qn("w:spacing"))
    if anchor is None:
        anchor = ppr.find(qn("w:ind"))
    if anchor is not None:
        anchor.addprevious(borders)
    else:
        ppr.append(borders)
    return paragraph


def _set_table_borders(table: DocxTable, value: str) -> None:
    tbl_pr = table._tbl.tblPr
    existing = tbl_pr.find(qn("w:tblBorders"))
    if existing is not None:
        tbl_pr.remove(existing)
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), value)
        if value != "nil":
            element.set(qn("w:sz"), "4")
            element.set(qn("w:space"), "0")
            element.set(qn("w:color"), "000000")
        borders.append(element)
    # Schema order inside tblPr: tblStyle, ..., tblW, jc, ..., tblBorders, ..., tblLayout, ...
    layout = tbl_pr.find(qn("w:tblLayout"))
    if layout is not None:
        layout.addprevious(borders)
    else:
        tbl_pr.append(borders)


_TBL_PR_ORDER = [
    qn(f"w:{name}")
    for name in (
        "tblStyle",
        "tblpPr",
        "tblOverlap",
        "bidiVisual",
        "tblStyleRowBandSize",
        "tblStyleColBandSize",
        "tblW",
        "jc",
        "tblCellSpacing",
        "tblInd",
        "tblBorders",
        "shd",
        "tblLayout",
        "tblCellMar",
        "tblLook",
        "tblCaption",
        "tblDescription",
    )
]


def _fix_widths(table: DocxTable, widths_mm: Sequence[float]) -> None:
    """Fixed layout with explicit widths, so Word and LibreOffice draw the same columns."""
    table.autofit = False
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    for index, width in enumerate(widths_mm):
        table.columns[index].width = Mm(width)
    # Straight through the XML: python-docx's cell accessors rebuild the whole grid on each call,
    # which makes a 500-row table take minutes.
    for tr in table._tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, widths_mm, strict=False):
            tc.width = Mm(width)
    tbl_pr = table._tbl.tblPr
    tbl_w = tbl_pr.find(qn("w:tblW"))
    if tbl_w is None:
        tbl_w = OxmlElement("w:tblW")
        tbl_pr.append(tbl_w)
    tbl_w.set(qn("w:type"), "dxa")
    tbl_w.set(qn("w:w"), str(int(sum(Mm(w).twips for w in widths_mm))))
    # python-docx appends some properties out of schema order; Word is strict about it.
    children = sorted(
        tbl_pr, key=lambda el: _TBL_PR_ORDER.index(el.tag) if el.tag in _TBL_PR_ORDER else len(_TBL_PR_ORDER)
    )
    for child in children:
        tbl_pr.append(child)


def _layout_table(document: DocxDocument, widths_mm: Sequence[float], *, borders: bool) -> DocxTable:
    table = document.add_table(rows=1, cols=len(widths_mm))
    _set_table_borders(table, "single" if borders else "nil")
    _fix_widths(table, widths_mm)  # after the borders: it also puts tblPr in schema order
    return table


# --- the parts of the document -----------------------------------------------------------------


def _text_width(document: DocxDocument) -> float:
    section = document.sections[0]
    return (section.page_width - section.left_margin - section.right_margin) / Mm(1)


def _spread(columns: tuple[float, float], width: float) -> tuple[float, float]:
    """Two layout columns stretched to the text width (landscape pages are wider)."""
    scale = width / sum(columns)
    return (round(columns[0] * scale, 1), round(columns[1] * scale, 1))


def _header(document: DocxDocument, doc: OfficialDocument) -> None:
    # The issuing body keeps its portrait width on a landscape page, so that its name breaks where
    # it does on paper ("ỦY BAN NHÂN DÂN / PHƯỜNG THƯỢNG ĐÌNH"); the title block takes the rest.
    columns = (HEADER_COLUMNS_MM[0], round(_text_width(document) - HEADER_COLUMNS_MM[0], 1))
    left_mm, right_mm = columns
    table = _layout_table(document, columns, borders=False)
    left, right = (_CellWriter(c) for c in table.rows[0].cells)

    if doc.parent_body:
        _text_line(left, doc.parent_body.upper(), 13)
    _text_line(left, doc.issuing_body.upper(), 13, bold=True)
    _rule(left, 22, left_mm)
    _text_line(left, doc.number_line, 13, before=4)
    if doc.is_cong_van:
        _text_line(left, doc.subject_line, 12, before=6)

    _text_line(right, NATIONAL_TITLE, 12, bold=True)
    _text_line(right, NATIONAL_MOTTO, 13, bold=True)
    _rule(right, 60, right_mm)
    _text_line(right, doc.place_date_line, 14, italic=True, before=4)


def _title(document: DocxDocument, doc: OfficialDocument) -> None:
    if doc.is_cong_van:
        document.add_paragraph()  # one blank line between the header and the content
        return
    _text_line(document, (doc.type_name or "").upper(), BODY_SIZE, bold=True, before=18)
    _text_line(document, doc.subject, BODY_SIZE, bold=True)
    _rule(document, 40, _text_width(document)).paragraph_format.space_after = Pt(6)


def _paragraph(document: DocxDocument, block: Paragraph) -> None:
    paragraph = document.add_paragraph()
    justified = block.align == "justify"
    _format(paragraph, align=block.align, after=6, indent=justified, line_spacing=1.15)
    bold = block.bold or block.level in (1, 2, 3)
    italic = block.italic or block.level == 3
    if block.level:
        paragraph.paragraph_format.keep_with_next = True
    for span in block.spans:
        _run(paragraph, span.text, BODY_SIZE, bold=bold or span.bold, italic=italic or span.italic)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "Có" if value else "Không"
    if isinstance(value, int):
        return f"{value:,}".replace(",", ".")  # Vietnamese thousands separator
    if isinstance(value, float):
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
        return text.replace(",", " ").replace(".", ",").replace(" ", ".")
    if isinstance(value, Date):
        return format_date(value)
    return str(value)


def _table(document: DocxDocument, block: Table) -> None:
    columns = block.column_count
    if columns == 0:
        return
    widths = list(block.column_widths or [_text_width(document) / columns] * columns)
    if block.title:
        _text_line(document, block.title, BODY_SIZE, bold=True, before=6, after=6)
    all_rows = [list(r) + [None] * (columns - len(r)) for r in (*block.header, *block.rows)]
    table = document.add_table(rows=len(all_rows), cols=columns)
    _set_table_borders(table, "single")
    _fix_widths(table, widths)
    header_count = len(block.header)
    origin: dict[tuple[int, int], tuple[int, int]] = {}
    for r, (values, tr) in enumerate(zip(all_rows, table._tbl.tr_lst, strict=True)):
        is_header = r < header_count
        cells = tr.tc_lst
        if is_header:
            tr_pr = tr.get_or_add_trPr()
            tr_pr.append(OxmlElement("w:tblHeader"))
        for c, value in enumerate(values):
            if is_header and value is SPAN_LEFT and c > 0:
                origin[(r, c)] = origin[(r, c - 1)]
                continue
            if is_header and value is SPAN_UP and r > 0:
                origin[(r, c)] = origin[(r - 1, c)]
                continue
            if value is SPAN_LEFT or value is SPAN_UP:
                raise DocumentError("Chỉ gộp ô ở dòng tiêu đề của bảng, và không gộp ô đầu tiên.")
            origin[(r, c)] = (r, c)
            numeric = isinstance(value, int | float | Date) and not isinstance(value, bool)
            align = "center" if is_header or numeric else "left"
            paragraph = DocxParagraph(cells[c].p_lst[0], table)
            _format(paragraph, align=align, before=2, after=2)
            _run(paragraph, _cell_text(value), TABLE_SIZE, bold=is_header)
    groups: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for position, start in origin.items():
        groups.setdefault(start, []).append(position)
    for start, positions in groups.items():
        if len(positions) > 1:
            bottom = max(p[0] for p in positions)
            right = max(p[1] for p in positions)
            table.cell(*start).merge(table.cell(bottom, right))
    # A little air after the table before the next paragraph.
    _format(document.add_paragraph(), mark_size=6)


def _image(document: DocxDocument, block: Image) -> None:
    paragraph = _format(document.add_paragraph(), before=6, after=6)
    run = paragraph.add_run()
    try:
        run.add_picture(BytesIO(block.png), width=Mm(min(block.width, _text_width(document))))
    except Exception as exc:  # python-docx raises several kinds for unreadable images
        raise DocumentError("Không đọc được ảnh (biểu đồ) chèn vào văn bản: cần tệp PNG hợp lệ.") from exc
    if block.caption:
        _text_line(document, block.caption, 13, italic=True, after=6)


def _blocks(document: DocxDocument, blocks: Sequence[Block]) -> None:
    for block in blocks:
        if isinstance(block, Paragraph):
            _paragraph(document, block)
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, Image):
            _image(document, block)
        elif isinstance(block, PageBreak):
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _keep_with_signature(document: DocxDocument) -> None:
    """The signature block never stands alone on a page: the content just before it moves with it.

    The last paragraph of the content (or the last row of a closing table, and the small spacer
    after it) keeps with the next block, and the signature row itself cannot be split.
    """
    body = document.element.body
    for element in reversed(list(body.iterchildren())):
        if element.tag == qn("w:p"):
            DocxParagraph(element, document._body).paragraph_format.keep_with_next = True
            if "".join(t.text or "" for t in element.iter(qn("w:t"))).strip():
                return
        elif element.tag == qn("w:tbl"):
            rows = element.findall(qn("w:tr"))
            if not rows:
                continue
            for p in rows[-1].iter(qn("w:p")):
                DocxParagraph(p, document._body).paragraph_format.keep_with_next = True
            return


def _signature(document: DocxDocument, doc: OfficialDocument) -> None:
    _keep_with_signature(document)
    table = _layout_table(document, _spread(SIGNATURE_COLUMNS_MM, _text_width(document)), borders=False)
    table.rows[0]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    left, right = (_CellWriter(c) for c in table.rows[0].cells)
    _text_line(left, "Nơi nhận:", 12, bold=True, italic=True, align="left", before=6)
    for line in doc.recipient_lines:
        _text_line(left, line, 11, align="left")
    for index, line in enumerate(doc.signer.heading_lines):
        _text_line(right, line, BODY_SIZE, bold=True, before=6 if index == 0 else 0)
    _text_line(right, doc.signer.name, BODY_SIZE, bold=True, before=SIGNATURE_SPACE.pt)
    # Word expects a paragraph after a table that ends the body; keep it tiny so it adds no page.
    _format(document.add_paragraph(), mark_size=2)


def _page_numbers(document: DocxDocument) -> None:
    """Centred page number at the top from page 2 on: page 1 gets its own, empty header."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    first = section.first_page_header
    first.is_linked_to_previous = False
    paragraph = section.header.paragraphs[0]
    _format(paragraph)
    for kind, text in (("begin", None), (None, " PAGE "), ("separate", None), (None, "2"), ("end", None)):
        run = _run(paragraph, "", BODY_SIZE)
        if kind:
            field = OxmlElement("w:fldChar")
            field.set(qn("w:fldCharType"), kind)
            run._r.append(field)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text


def is_landscape(doc: OfficialDocument) -> bool:
    """Landscape when asked, or when a table is wider than a portrait page's text."""
    if doc.landscape is not None:
        return doc.landscape
    return any(isinstance(b, Table) and b.column_widths and sum(b.column_widths) > TEXT_WIDTH_MM + 0.5
               for b in (*doc.body, *doc.appendix))


def _page_setup(document: DocxDocument, landscape: bool = False) -> None:
    section = document.sections[0]
    width, height = PAGE_SIZE_MM if not landscape else (PAGE_SIZE_MM[1], PAGE_SIZE_MM[0])
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width = Mm(width)
    section.page_height = Mm(height)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    section.header_distance = Mm(10)
    section.footer_distance = Mm(10)


def render_docx(doc: OfficialDocument) -> bytes:
    """Lay out ``doc`` in the Decree 30/2020 format and return the .docx file's bytes."""
    if not isinstance(doc, OfficialDocument):
        raise DocumentError("Không có văn bản để trình bày.")
    document = Document()
    _style_document(document)
    _page_setup(document, is_landscape(doc))
    # The template starts with no paragraphs; the header table is the first block.
    _header(document, doc)
    _title(document, doc)
    _blocks(document, doc.body)
    _signature(document, doc)
    if doc.appendix:
        document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        _text_line(document, doc.appendix_title.upper(), BODY_SIZE, bold=True)
        _text_line(document, doc.appendix_reference, BODY_SIZE, italic=True, after=12)
        _blocks(document, doc.appendix)
    _page_numbers(document)
    props = document.core_properties
    props.title = f"{doc.type_name or 'Công văn'} {doc.subject}"[:250]
    props.author = doc.issuing_body
    props.language = "vi-VN"
    props.comments = ""
    out = BytesIO()
    document.save(out)
    return out.getvalue()
