"""The layout rules of the checker that go beyond fonts and sizes: page orientation for wide tables, words that
would wrap mid-word in a narrow column, a signature block that could stand alone on a page, and header lines
drawn through the text. Each rule is shown to pass on the renderer's output and to catch the fault."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import docx
import pytest
from docx.oxml.ns import qn

from danvan.documents.render import OfficialDocument, Paragraph, Signer, Table, find_violations, render_docx
from danvan.documents.render.check import word_width_pt


def _doc(*body, landscape=None) -> OfficialDocument:
    return OfficialDocument(
        parent_body="UBND QUẬN THANH XUÂN", issuing_body="ỦY BAN NHÂN DÂN PHƯỜNG THƯỢNG ĐÌNH", number=3,
        type_code="BC", place="Thượng Đình", date=date(2026, 11, 27), subject="Trích sổ tiếp công dân năm 2026",
        body=[Paragraph("Sổ tiếp công dân năm 2026 như sau:"), *body],
        signer=Signer("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Vũ Thị Mai"), recipients=["UBND quận"],
        landscape=landscape)


def _rules(data: bytes) -> list[str]:
    return [v.rule for v in find_violations(data)]


def _table(widths):
    return Table(header=[["STT", "Ngày tiếp", "Nội dung"][: len(widths)]],
                 rows=[[1, date(2026, 3, 12), "Phản ánh đèn chiếu sáng hỏng"][: len(widths)]], column_widths=widths)


def test_the_renderer_output_passes_every_layout_rule():
    assert find_violations(render_docx(_doc(_table([14, 26, 125])))) == []


# columns (mm) → the rule a reader would see broken
LAYOUTS = [
    ([9, 26, 130], None, "cell_wrap"),  # "STT" breaks into "ST" / "T"
    ([14, 18, 133], None, "cell_wrap"),  # "12/03/2026" breaks in two
    ([14, 26, 200], False, "table_width"),  # forced portrait: the table runs off the page
    ([14, 26, 125], True, "page_size"),  # landscape without a wide table
]


@pytest.mark.parametrize(("widths", "landscape", "rule"), LAYOUTS)
def test_layout_faults_are_caught(widths, landscape, rule):
    assert rule in _rules(render_docx(_doc(_table(widths), landscape=landscape)))


def test_a_wide_table_is_laid_out_landscape_and_passes():
    data = render_docx(_doc(_table([14, 26, 200])))
    section = docx.Document(BytesIO(data)).sections[0]
    assert round(section.page_width.mm) == 297 and round(section.page_height.mm) == 210
    assert find_violations(data) == []


def test_word_widths_match_times_new_roman():
    assert round(word_width_pt("STT", 13, bold=True), 1) == 24.6
    assert round(word_width_pt("12/03/2026", 13), 1) == 59.2
    assert word_width_pt("Đường", 13) == word_width_pt("Duong", 13)


def _edit(data: bytes, change) -> bytes:
    document = docx.Document(BytesIO(data))
    change(document)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def test_signature_block_left_alone_is_caught():
    data = render_docx(_doc(Paragraph("Trên đây là báo cáo của UBND phường./.")))
    assert "signature_keep" not in _rules(data)

    def drop_keep(document):
        for p in document.paragraphs:
            p.paragraph_format.keep_with_next = None

    assert "signature_keep" in _rules(_edit(data, drop_keep))

    def drop_cant_split(document):
        for el in document.element.body.iter(qn("w:cantSplit")):
            el.getparent().remove(el)

    assert "signature_keep" in _rules(_edit(data, drop_cant_split))


def test_header_line_touching_the_text_is_caught():
    data = render_docx(_doc())

    def no_gap(document):
        for p in document.element.body.iter(qn("w:p")):
            if p.find(f"{qn('w:pPr')}/{qn('w:pBdr')}") is not None:
                p.find(f"{qn('w:pPr')}/{qn('w:spacing')}").set(qn("w:before"), "0")

    assert "rule_lines" in _rules(_edit(data, no_gap))
