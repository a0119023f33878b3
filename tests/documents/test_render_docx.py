"""The official-document renderer and its checker against Decree 30/2020 (legal-rules.md §8).

Each document is rendered, opened again with python-docx and inspected rule by rule; then the
checker must find nothing in it and must find every fault planted in a broken copy.
"""

from __future__ import annotations

import struct
import subprocess
import sys
import zlib
from datetime import date
from io import BytesIO

import docx
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from danvan.documents.render import (
    SPAN_LEFT,
    SPAN_UP,
    DocumentError,
    Image,
    OfficialDocument,
    PageBreak,
    Paragraph,
    Signer,
    Span,
    Table,
    check_docx,
    find_violations,
    number_line,
    place_date_line,
    render_docx,
)

FONT = "Times New Roman"

PLAN_RECIPIENTS = [
    "UBND Thành phố",
    "Sở Nội vụ",
    "TT Quận ủy",
    "TT HĐND quận",
    "Lãnh đạo UBND quận",
    "Ban Dân vận Quận ủy",
    "MTTQ và các đoàn thể quận",
    "Đảng ủy, UBND 11 phường",
    "Các phòng, ban, đơn vị sự nghiệp, trường học công lập thuộc quận",
    "Công thông tin điện tử quận",
]


def _png(width: int = 4, height: int = 3) -> bytes:
    """A tiny valid PNG, made here so the test needs no image library."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    raw = b"".join(b"\x00" + b"\xff\x00\x00" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def plan_307() -> OfficialDocument:
    return OfficialDocument(
        parent_body="UBND THÀNH PHỐ HÀ NỘI",
        issuing_body="ỦY BAN NHÂN DÂN QUẬN THANH XUÂN",
        number=307,
        type_code="KH",
        issuer_code="UBND",
        place="Thanh Xuân",
        date=date(2021, 12, 16),
        subject=(
            "Về đẩy mạnh, nâng cao chất lượng, hiệu quả công tác dân vận của các cơ quan "
            "nhà nước thuộc quận Thanh Xuân"
        ),
        issuer_name="UBND quận Thanh Xuân",
        body=[
            Paragraph(
                "Thực hiện Chỉ thị số 07-CT/TU ngày 01/10/2021 của Ban Thường vụ Thành ủy Hà Nội và Kế hoạch "
                "số 274/KH-UBND ngày 02/12/2021 của UBND thành phố Hà Nội; Ủy ban nhân dân quận xây dựng kế "
                "hoạch gồm các nội dung sau:"
            ),
            Paragraph("I. MỤC ĐÍCH, YÊU CẦU", level=1),
            Paragraph(
                "1. Triển khai thực hiện có hiệu quả Chỉ thị số 07-CT/TU ngày 01/10/2021 của Ban Thường vụ "
                "Thành ủy Hà Nội."
            ),
            Paragraph("II. NỘI DUNG THỰC HIỆN", level=1),
            Paragraph("1. Tăng cường công tác tuyên truyền", level=2),
            Paragraph(
                [
                    Span("Phòng Văn hóa và Thông tin tuyên truyền những mô hình, điển hình “"),
                    Span("Dân vận khéo", italic=True),
                    Span("”."),
                ]
            ),
            PageBreak(),
            Paragraph("III. TỔ CHỨC THỰC HIỆN", level=1),
            Paragraph(
                "Các phòng, ban, đơn vị thuộc quận báo cáo kết quả thực hiện về UBND quận (qua phòng Nội vụ) "
                "trước ngày 30/11 hàng năm để tổng hợp, báo cáo Thành phố theo quy định./."
            ),
        ],
        appendix=[
            Table(
                header=[["STT", "Nhiệm vụ", "Chủ trì", "Thời gian"]],
                rows=[[1, "Xây dựng kế hoạch cụ thể", "Các phòng, ban", "Quý I/2022"]],
                column_widths=[15, 80, 40, 30],
            )
        ],
        signer=Signer("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Võ Đăng Dũng"),
        recipients=PLAN_RECIPIENTS,
        archive="Lưu: VT, NV.",
    )


def report_07() -> OfficialDocument:
    return OfficialDocument(
        parent_body="UBND THÀNH PHỐ HÀ NỘI",
        issuing_body="ỦY BAN NHÂN DÂN PHƯỜNG THANH XUÂN",
        number=7,
        type_code="BC",
        place="Hà Nội",
        date=date(2026, 2, 5),
        subject="Kết quả thực hiện công tác dân vận chính quyền năm 2025",
        body=[
            Paragraph("I. KẾT QUẢ THỰC HIỆN", level=1),
            Paragraph("Kết quả các chỉ tiêu chủ yếu như sau:"),
            Table(
                title="Bảng 1. Chỉ tiêu chủ yếu",
                header=[
                    ["STT", "Chỉ tiêu", "Kết quả", SPAN_LEFT],
                    [SPAN_UP, SPAN_UP, "Số lượng", "Tỷ lệ (%)"],
                ],
                rows=[
                    [1, "Đơn thư đã giải quyết", 1250, 95.5],
                    [2, "Buổi đối thoại trực tiếp", 12, None],
                    [3, "Ngày chốt số liệu", date(2025, 12, 14), None],
                ],
                column_widths=[15, 80, 35, 35],
            ),
            Image(_png(), width=120, caption="Biểu đồ 1. Đơn thư theo tháng"),
            Paragraph("II. PHƯƠNG HƯỚNG, NHIỆM VỤ NĂM 2026", level=1),
            Paragraph("1. Tiếp tục thực hiện phong trào thi đua", level=2),
            Paragraph("a) Ở cơ sở", level=3),
            Paragraph("Trên đây là báo cáo kết quả thực hiện công tác dân vận chính quyền năm 2025./."),
        ],
        signer=Signer("KT.", "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Nguyễn Văn A", collective_body="ỦY BAN NHÂN DÂN"),
        recipients=["- Ban Dân vận Thành ủy;", "Sở Nội vụ;"],
        archive="Lưu: VT, VP",
    )


def cong_van_12() -> OfficialDocument:
    return OfficialDocument(
        issuing_body="ỦY BAN NHÂN DÂN PHƯỜNG KHƯƠNG ĐÌNH",
        number=12,
        type_code=None,
        issuer_code="UBND",
        drafting_code="VX",
        place="Hà Nội",
        date=date(2026, 3, 5),
        subject="báo cáo kết quả đối thoại quý I năm 2026",
        body=[
            Paragraph("Kính gửi: Ban Dân vận Thành ủy Hà Nội.", align="center"),
            Paragraph("Thực hiện đề nghị của Ban Dân vận Thành ủy, UBND phường báo cáo như sau: …/."),
        ],
        signer=Signer(None, None, "CHỦ TỊCH", "Trần Thị B"),
        recipients=["Như trên"],
        archive="Lưu: VT, VX.",
    )


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(BytesIO(data))


def _fonts(run) -> dict[str, str | None]:
    rfonts = run._r.rPr.find(qn("w:rFonts"))
    return {slot: rfonts.get(qn(f"w:{slot}")) for slot in ("ascii", "hAnsi", "cs", "eastAsia")}


def _para(container, text):
    return next(p for p in container.paragraphs if p.text.strip() == text)


# --- helpers: number and place/date lines ------------------------------------------------------


@pytest.mark.parametrize(
    ("number", "type_code", "issuer", "drafting", "expected"),
    [
        (7, "KH", "UBND", None, "Số: 07/KH-UBND"),
        (1, "BC", "UBND", None, "Số: 01/BC-UBND"),
        (9, "QĐ", "UBND", None, "Số: 09/QĐ-UBND"),
        (10, "BC", "UBND", None, "Số: 10/BC-UBND"),
        (307, "KH", "UBND", None, "Số: 307/KH-UBND"),
        (12, None, "UBND", "VX", "Số: 12/UBND-VX"),
        (3, None, "UBND", "VX", "Số: 03/UBND-VX"),
        (5, None, "BDV", None, "Số: 05/BDV"),
        (None, "BC", "UBND", None, "Số:      /BC-UBND"),
        (None, None, "UBND", "NV", "Số:      /UBND-NV"),
        (15, "CTr", "UBND", None, "Số: 15/CTr-UBND"),
    ],
)
def test_number_line(number, type_code, issuer, drafting, expected):
    assert number_line(number, type_code, issuer, drafting) == expected


@pytest.mark.parametrize(
    ("number", "type_code"),
    [(0, "KH"), (-1, "KH"), (12, "CV"), (12, "cv"), (True, "KH"), (1, "K H")],
)
def test_number_line_refuses(number, type_code):
    with pytest.raises(DocumentError):
        number_line(number, type_code, "UBND", "VX")


@pytest.mark.parametrize(
    ("place", "when", "expected"),
    [
        ("Hà Nội", date(2026, 2, 5), "Hà Nội, ngày 05 tháng 02 năm 2026"),
        ("Thanh Xuân", date(2021, 12, 16), "Thanh Xuân, ngày 16 tháng 12 năm 2021"),
        ("Hà Nội", date(2026, 3, 5), "Hà Nội, ngày 05 tháng 3 năm 2026"),
        ("Hà Nội", date(2026, 1, 1), "Hà Nội, ngày 01 tháng 01 năm 2026"),
        ("Hà Nội", date(2026, 1, 31), "Hà Nội, ngày 31 tháng 01 năm 2026"),
        ("Hà Nội", date(2026, 2, 28), "Hà Nội, ngày 28 tháng 02 năm 2026"),
        ("Hà Nội", date(2026, 10, 9), "Hà Nội, ngày 09 tháng 10 năm 2026"),
        ("  Hà   Nội ", date(2026, 9, 30), "Hà Nội, ngày 30 tháng 9 năm 2026"),
    ],
)
def test_place_date_line(place, when, expected):
    assert place_date_line(place, when) == expected


def test_place_date_line_refuses_missing_place():
    with pytest.raises(DocumentError, match="địa danh"):
        place_date_line(" ", date(2026, 1, 1))


# --- validation of the data --------------------------------------------------------------------


def test_missing_subject_is_refused_in_vietnamese():
    with pytest.raises(DocumentError, match="Thiếu trích yếu"):
        OfficialDocument(
            issuing_body="UBND",
            place="Hà Nội",
            date=date(2026, 1, 5),
            subject="  ",
            signer=Signer(None, None, "CHỦ TỊCH", "A"),
        )


@pytest.mark.parametrize("authority", ["TM", "T.M.", "KT", "Thay mặt", "XYZ."])
def test_bad_authority_is_refused(authority):
    with pytest.raises(DocumentError, match="Thẩm quyền ký"):
        Signer(authority, "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Võ Đăng Dũng")


def test_authority_needs_a_body_line_and_signer_needs_a_name():
    with pytest.raises(DocumentError):
        Signer("TM.", None, "CHỦ TỊCH", "Võ Đăng Dũng")
    with pytest.raises(DocumentError, match="họ tên"):
        Signer("TM.", "ỦY BAN NHÂN DÂN", "CHỦ TỊCH", " ")


def test_year_must_match_the_date_and_unknown_type_needs_a_name():
    kwargs = dict(
        issuing_body="UBND", place="Hà Nội", subject="x", signer=Signer(None, None, "CHỦ TỊCH", "A")
    )
    with pytest.raises(DocumentError, match="Năm"):
        OfficialDocument(date=date(2026, 1, 5), year=2025, number=1, type_code="BC", **kwargs)
    with pytest.raises(DocumentError, match="tên loại"):
        OfficialDocument(date=date(2026, 1, 5), number=1, type_code="XYZ", **kwargs)
    assert OfficialDocument(date=date(2026, 1, 5), type_code="XYZ", type_name="SỔ TAY", **kwargs).year == 2026


# --- the plan ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def plan_bytes() -> bytes:
    return render_docx(plan_307())


def test_plan_conforms(plan_bytes):
    assert check_docx(plan_bytes) == []


def test_plan_page_setup(plan_bytes):
    section = _open(plan_bytes).sections[0]
    assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
    assert round(section.top_margin.mm) == 20 and round(section.bottom_margin.mm) == 20
    assert round(section.left_margin.mm) == 30 and round(section.right_margin.mm) == 15


def test_plan_every_run_is_times_new_roman(plan_bytes):
    document = _open(plan_bytes)
    runs = [r for p in document.paragraphs for r in p.runs if r.text.strip()]
    runs += [
        r for t in document.tables for row in t.rows for c in row.cells for p in c.paragraphs for r in p.runs
    ]
    assert runs
    for run in runs:
        assert _fonts(run) == dict.fromkeys(("ascii", "hAnsi", "cs", "eastAsia"), FONT), run.text
    # No theme font may override the named one in the defaults either.
    defaults = document.styles.element.find(qn("w:docDefaults")).find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
    assert defaults.find(qn("w:rFonts")).get(qn("w:asciiTheme")) is None
    assert document.styles["Normal"].font.name == FONT


def test_plan_header_table(plan_bytes):
    document = _open(plan_bytes)
    header = document.tables[0]
    left, right = header.rows[0].cells
    borders = header._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"nil"}

    parent = _para(left, "UBND THÀNH PHỐ HÀ NỘI")
    assert parent.runs[0].font.size == Pt(13) and not parent.runs[0].font.bold
    issuer = _para(left, "ỦY BAN NHÂN DÂN QUẬN THANH XUÂN")
    assert issuer.runs[0].font.bold and issuer.runs[0].font.size == Pt(13)
    assert issuer._p.getnext().find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:top')}") is not None
    number = _para(left, "Số: 307/KH-UBND")
    assert number.runs[0].font.size == Pt(13)

    title = _para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")
    assert title.runs[0].font.bold and title.runs[0].font.size == Pt(12)
    motto = _para(right, "Độc lập - Tự do - Hạnh phúc")
    assert motto.runs[0].font.bold and motto.runs[0].font.size == Pt(13)
    line = motto._p.getnext()
    assert line.find(f"{qn('w:pPr')}/{qn('w:pBdr')}/{qn('w:top')}") is not None
    when = _para(right, "Thanh Xuân, ngày 16 tháng 12 năm 2021")
    assert when.runs[0].font.italic and when.runs[0].font.size == Pt(14)


def test_plan_title_and_body(plan_bytes):
    document = _open(plan_bytes)
    type_name = _para(document, "KẾ HOẠCH")
    assert type_name.runs[0].font.bold and type_name.runs[0].font.size == Pt(14)
    assert type_name.alignment == WD_ALIGN_PARAGRAPH.CENTER
    subject = next(p for p in document.paragraphs if p.text.startswith("Về đẩy mạnh"))
    assert subject.runs[0].font.bold and subject.alignment == WD_ALIGN_PARAGRAPH.CENTER

    body = next(p for p in document.paragraphs if p.text.startswith("Thực hiện Chỉ thị"))
    assert body.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY
    assert body.paragraph_format.first_line_indent.cm == pytest.approx(1.0, abs=0.01)
    assert body.paragraph_format.space_after == Pt(6)
    assert body.runs[0].font.size == Pt(14) and not body.runs[0].font.bold
    heading = _para(document, "I. MỤC ĐÍCH, YÊU CẦU")
    assert heading.runs[0].font.bold
    spans = next(p for p in document.paragraphs if "Dân vận khéo" in p.text)
    assert [(r.text, bool(r.font.italic)) for r in spans.runs][1] == ("Dân vận khéo", True)
    assert any(br.get(qn("w:type")) == "page" for br in document.element.body.iter(qn("w:br")))


def test_plan_signature_block(plan_bytes):
    document = _open(plan_bytes)
    table = next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text)
    left, right = table.rows[0].cells
    heading = _para(left, "Nơi nhận:")
    assert heading.runs[0].font.bold and heading.runs[0].font.italic and heading.runs[0].font.size == Pt(12)
    items = [p for p in left.paragraphs if p.text.startswith("- ")]
    assert [p.text for p in items] == [f"- {r};" for r in PLAN_RECIPIENTS] + ["- Lưu: VT, NV."]
    assert {p.runs[0].font.size for p in items} == {Pt(11)}

    lines = [p for p in right.paragraphs if p.text.strip()]
    assert [p.text for p in lines] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Võ Đăng Dũng"]
    assert all(p.runs[0].font.bold and p.runs[0].font.size == Pt(14) for p in lines)
    assert lines[-1].paragraph_format.space_before >= Pt(60)  # room for signature and seal


def test_plan_page_numbers_from_page_two(plan_bytes):
    section = _open(plan_bytes).sections[0]
    assert section.different_first_page_header_footer
    assert not section.first_page_header.is_linked_to_previous
    assert "PAGE" not in section.first_page_header._element.xml
    header_xml = section.header._element.xml
    assert "PAGE" in header_xml
    assert section.header.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert "PAGE" not in section.footer._element.xml


def test_plan_appendix(plan_bytes):
    document = _open(plan_bytes)
    assert _para(document, "PHỤ LỤC").runs[0].font.bold
    reference = _para(document, "(Kèm theo Kế hoạch số 307/KH-UBND ngày 16/12/2021 của UBND quận Thanh Xuân)")
    assert reference.runs[0].font.italic
    table = document.tables[-1]
    assert table.rows[1].cells[1].text == "Xây dựng kế hoạch cụ thể"


# --- the report -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def report_bytes() -> bytes:
    return render_docx(report_07())


def test_report_conforms(report_bytes):
    assert check_docx(report_bytes) == []


def test_report_number_and_date(report_bytes):
    document = _open(report_bytes)
    left, right = document.tables[0].rows[0].cells
    assert _para(left, "Số: 07/BC-UBND")
    assert _para(right, "Hà Nội, ngày 05 tháng 02 năm 2026").runs[0].font.italic
    assert _para(document, "BÁO CÁO").runs[0].font.bold


def test_report_indicator_table(report_bytes):
    document = _open(report_bytes)
    table = next(t for t in document.tables if t.rows[0].cells[0].text == "STT")
    borders = table._tbl.tblPr.find(qn("w:tblBorders"))
    assert {b.get(qn("w:val")) for b in borders} == {"single"}
    # "STT" spans two header rows, "Kết quả" two columns.
    assert table.cell(0, 0)._tc is table.cell(1, 0)._tc
    assert table.cell(0, 2)._tc is table.cell(0, 3)._tc
    assert [c.text for c in table.rows[1].cells] == ["STT", "Chỉ tiêu", "Số lượng", "Tỷ lệ (%)"]
    assert [c.text for c in table.rows[2].cells] == ["1", "Đơn thư đã giải quyết", "1.250", "95,5"]
    assert table.rows[4].cells[2].text == "14/12/2025"
    assert table.rows[0]._tr.trPr.find(qn("w:tblHeader")) is not None
    first = table.rows[2].cells[1].paragraphs[0].runs[0]
    assert first.font.size == Pt(13) and _fonts(first)["ascii"] == FONT
    assert table.rows[0].cells[0].paragraphs[0].runs[0].font.bold
    widths = [round(c.width.mm) for c in table.rows[2].cells]
    assert widths == [15, 80, 35, 35]


def test_report_image_and_signer(report_bytes):
    document = _open(report_bytes)
    assert len(document.inline_shapes) == 1
    assert round(document.inline_shapes[0].width.mm) == 120
    assert _para(document, "Biểu đồ 1. Đơn thư theo tháng").runs[0].font.italic
    right = next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text).rows[0].cells[1]
    assert [p.text for p in right.paragraphs if p.text.strip()] == [
        "TM. ỦY BAN NHÂN DÂN",
        "KT. CHỦ TỊCH",
        "PHÓ CHỦ TỊCH",
        "Nguyễn Văn A",
    ]
    left = next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text).rows[0].cells[0]
    assert [p.text for p in left.paragraphs if p.text.startswith("-")] == [
        "- Ban Dân vận Thành ủy;",
        "- Sở Nội vụ;",
        "- Lưu: VT, VP.",
    ]


# --- the công văn -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cong_van_bytes() -> bytes:
    return render_docx(cong_van_12())


def test_cong_van_conforms(cong_van_bytes):
    assert check_docx(cong_van_bytes) == []


def test_cong_van_layout(cong_van_bytes):
    document = _open(cong_van_bytes)
    left, right = document.tables[0].rows[0].cells
    assert _para(left, "Số: 12/UBND-VX")
    subject = _para(left, "V/v báo cáo kết quả đối thoại quý I năm 2026")
    assert subject.runs[0].font.size == Pt(12) and not subject.runs[0].font.italic
    assert _para(right, "Hà Nội, ngày 05 tháng 3 năm 2026")
    # No type name and no /CV- symbol anywhere.
    texts = [p.text for p in document.paragraphs]
    assert "CÔNG VĂN" not in texts
    assert "/CV-" not in document.element.xml
    signer = next(t for t in document.tables if "Nơi nhận:" in t.rows[0].cells[0].text).rows[0].cells[1]
    assert [p.text for p in signer.paragraphs if p.text.strip()] == ["CHỦ TỊCH", "Trần Thị B"]


def test_draft_without_number_conforms():
    doc = report_07()
    doc.number = None
    data = render_docx(doc)
    assert check_docx(data) == []
    assert _para(_open(data).tables[0].rows[0].cells[0], "Số:      /BC-UBND")


# --- the checker on broken documents -----------------------------------------------------------


def _rules(data: bytes) -> set[str]:
    return {v.rule for v in find_violations(data)}


def _edit(data: bytes, change) -> bytes:
    document = _open(data)
    change(document)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _runs_with(document, text):
    paragraphs = list(document.paragraphs)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                paragraphs.extend(cell.paragraphs)
    return [r for p in paragraphs if p.text.strip() == text for r in p.runs]


def test_broken_document_reports_each_violation(report_bytes):
    def breaking(document):
        body = next(p for p in document.paragraphs if p.text.startswith("Kết quả các chỉ tiêu"))
        body.runs[0].font.name = "Arial"
        for run in _runs_with(document, "Hà Nội, ngày 05 tháng 02 năm 2026"):
            run.font.italic = False
        for run in _runs_with(document, "Số: 07/BC-UBND"):
            run.text = "Số: 7/BC-UBND"

    violations = check_docx(_edit(report_bytes, breaking))
    assert any(v.startswith("[font]") and "Arial" in v and "Kết quả các chỉ tiêu" in v for v in violations)
    assert any(v.startswith("[place_date]") and "nghiêng" in v for v in violations)
    assert any(
        v.startswith("[number]") and "Số: 7/BC-UBND" in v and "Số: 07/BC-UBND" in v for v in violations
    )
    assert len(violations) == 3, violations


def _text(old: str, new: str):
    """A change that replaces the text of the paragraph showing ``old``."""
    return lambda d: [setattr(r, "text", new) for r in _runs_with(d, old)]


def _font(text: str, attr: str, value):
    """A change that sets a font attribute on the runs of the paragraph showing ``text``."""
    return lambda d: [setattr(r.font, attr, value) for r in _runs_with(d, text)]


def _paragraph_of(start: str, change):
    return lambda d: [change(p) for p in d.paragraphs if p.text.startswith(start)]


TITLE = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
DATE_LINE = "Hà Nội, ngày 05 tháng 02 năm 2026"
SUBJECT = "Kết quả thực hiện công tác dân vận chính quyền năm 2025"
BODY = "Kết quả các chỉ tiêu chủ yếu như sau:"


@pytest.mark.parametrize(
    ("rule", "change"),
    [
        ("page_size", lambda d: setattr(d.sections[0], "page_width", Pt(612))),
        ("margins", lambda d: setattr(d.sections[0], "left_margin", Pt(72))),
        ("margins", lambda d: setattr(d.sections[0], "top_margin", Pt(36))),
        ("national_title", _font(TITLE, "bold", False)),
        ("national_title", _text(TITLE, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
        ("national_title", _font(TITLE, "size", Pt(14))),
        ("motto", _text(MOTTO, "Độc lập – Tự do – Hạnh phúc")),
        ("motto", _font(MOTTO, "size", Pt(12))),
        ("issuing_body", _font("ỦY BAN NHÂN DÂN PHƯỜNG THANH XUÂN", "bold", False)),
        ("number", _text("Số: 07/BC-UBND", "Số: 07/CV-UBND")),
        ("number", _text("Số: 07/BC-UBND", "Số 07/BC-UBND")),
        ("number", _text("Số: 07/BC-UBND", "Số: 007/BC-UBND")),
        ("number", _font("Số: 07/BC-UBND", "size", Pt(14))),
        ("place_date", _text(DATE_LINE, "Hà Nội, ngày 5 tháng 02 năm 2026")),
        ("place_date", _text(DATE_LINE, "Hà Nội, ngày 05 tháng 2 năm 2026")),
        ("place_date", _text(DATE_LINE, "Hà Nội, ngày 05 tháng 03 năm 2026")),
        ("place_date", _text(DATE_LINE, "Hà Nội, ngày 30 tháng 02 năm 2026")),
        ("place_date", _text(DATE_LINE, "Hà Nội ngày 05/02/2026")),
        ("type_name", _text("BÁO CÁO", "Báo cáo")),
        ("type_name", _text("BÁO CÁO", "KẾ HOẠCH")),
        ("type_name", _font("BÁO CÁO", "bold", False)),
        ("subject", _font(SUBJECT, "bold", False)),
        ("body_size", _font(BODY, "size", Pt(12))),
        ("body_alignment", _paragraph_of(BODY, lambda p: setattr(p, "alignment", WD_ALIGN_PARAGRAPH.LEFT))),
        (
            "body_indent",
            _paragraph_of(BODY, lambda p: setattr(p.paragraph_format, "first_line_indent", Pt(0))),
        ),
        ("recipients_heading", _font("Nơi nhận:", "italic", False)),
        ("recipients_heading", _font("Nơi nhận:", "size", Pt(14))),
        ("recipients", _font("- Sở Nội vụ;", "size", Pt(12))),
        ("recipients", _text("- Lưu: VT, VP.", "- Lưu VT")),
        ("recipients", _text("- Sở Nội vụ;", "- Sở Nội vụ")),
        ("signer_authority", _text("KT. CHỦ TỊCH", "K.T. CHỦ TỊCH")),
        ("signer_authority", _text("PHÓ CHỦ TỊCH", "Phó Chủ tịch")),
        ("signer_authority", _font("PHÓ CHỦ TỊCH", "bold", False)),
        ("signer_name", _font("Nguyễn Văn A", "bold", False)),
        ("page_number", lambda d: setattr(d.sections[0], "different_first_page_header_footer", False)),
    ],
)
def test_checker_finds_each_rule(report_bytes, rule, change):
    found = find_violations(_edit(report_bytes, change))
    assert rule in {v.rule for v in found}, found


def test_checker_finds_theme_and_missing_fonts(report_bytes):
    def theme(document):
        run = _runs_with(document, "PHÓ CHỦ TỊCH")[0]
        run._r.rPr.find(qn("w:rFonts")).set(qn("w:asciiTheme"), "minorHAnsi")

    assert any("theme:minorHAnsi" in v for v in check_docx(_edit(report_bytes, theme)))


def test_checker_reports_missing_parts():
    blank = BytesIO()
    docx.Document().save(blank)
    rules = _rules(blank.getvalue())
    assert {
        "page_size",
        "margins",
        "national_title",
        "motto",
        "number",
        "place_date",
        "recipients_heading",
        "signer_authority",
    } <= rules


def test_checker_rejects_non_docx():
    assert check_docx(b"not a zip") and check_docx(b"not a zip")[0].startswith("[file]")


def test_checker_caps_repeated_messages(plan_bytes):
    def all_arial(document):
        for paragraph in document.paragraphs:
            for run in paragraph.runs:
                run.font.name = "Arial"

    font_messages = [v for v in find_violations(_edit(plan_bytes, all_arial)) if v.rule == "font"]
    assert len(font_messages) == 11 and font_messages[-1].message.startswith("… và")


def test_render_package_does_not_import_django():
    """The CLI and workers call the renderer without Django settings: keep it pure."""
    code = (
        "import sys, danvan.documents.render as r; "
        "assert not any(m == 'django' or m.startswith('django.') for m in sys.modules), 'django imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_body_ends_with_a_paragraph(plan_bytes, cong_van_bytes):
    for data in (plan_bytes, cong_van_bytes):
        body = _open(data).element.body
        assert body[-2].tag == qn("w:p")  # body[-1] is sectPr
