"""Reports leave as official documents: reopened with python-docx/openpyxl and checked against Decree 30/2020."""

from __future__ import annotations

from datetime import date, datetime
from io import BytesIO
from zoneinfo import ZoneInfo

import docx
import openpyxl

from danvan.documents.render import check_docx
from danvan.reporting import exports, services

WHEN = datetime(2026, 11, 20, 9, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))


def _text(data: bytes) -> str:
    document = docx.Document(BytesIO(data))
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts.extend(cell.text for cell in row.cells)
    return "\n".join(parts)


def test_ward_report_is_an_official_document(request_2026, demo_org, users):
    submission = services.open_submission(actor=None, request=request_2026, unit=demo_org["tx-thuong-dinh"])
    services.save_draft(actor=None, submission=submission, values={"commendation.individuals": "2"},
                        narratives={"II.5": "Tiếp 52 lượt công dân.\nĐối thoại 4 cuộc."})
    submission = services.submit(actor=users["phuong"], submission=submission, now=WHEN)
    data = exports.submission_docx(submission)
    assert check_docx(data) == []
    text = _text(data)
    assert "ỦY BAN NHÂN DÂN PHƯỜNG THƯỢNG ĐÌNH" in text and "UBND QUẬN THANH XUÂN" in text
    assert "Số: 01/BC-UBND" in text and "Thượng Đình, ngày 20 tháng 11 năm 2026" in text
    assert "Kết quả thực hiện công tác dân vận chính quyền năm 2026" in text
    assert "Tiếp 52 lượt công dân." in text and "Vũ Thị Mai" in text
    assert "UBND quận Thanh Xuân (qua Phòng Nội vụ)" in text and "- Lưu: VT." in text
    sheet = openpyxl.load_workbook(BytesIO(exports.submission_xlsx(submission))).active
    rows = {row[1]: row[3] for row in sheet.iter_rows(values_only=True) if row and row[1]}
    assert rows["Số cá nhân được biểu dương, khen thưởng"] == 2


def test_department_report_signed_by_its_head(request_2026, demo_org, users):
    submission = services.open_submission(actor=None, request=request_2026, unit=demo_org["tx-vhtt"])
    submission = services.submit(actor=users["truongphong"], submission=submission, now=WHEN)
    data = exports.submission_docx(submission)
    assert check_docx(data) == []
    text = _text(data)
    assert "PHÒNG VĂN HÓA VÀ THÔNG TIN" in text and "Số: 01/BC-VHTT" in text and "TRƯỞNG PHÒNG" in text


def test_consolidated_report_of_the_district(request_2026, demo_org, users):
    for code in ("tx-thuong-dinh", "tx-khuong-dinh", "tx-ha-dinh"):
        submission = services.open_submission(actor=None, request=request_2026, unit=demo_org[code])
        services.save_draft(actor=None, submission=submission, values={"commendation.individuals": "2"},
                            narratives={"II.7": f"Mô hình của {demo_org[code].name}."})
        services.submit(actor=None, submission=submission, now=WHEN)
    draft = exports.consolidated_docx(request_2026)
    assert check_docx(draft) == []  # a draft: blanks for the number
    issued = services.issue_consolidated(actor=users["noivu"], request=request_2026, on=date(2026, 12, 3))
    data = exports.consolidated_docx(request_2026)
    assert check_docx(data) == []
    text = _text(data)
    assert f"Số: {issued.doc_number:02d}/BC-UBND" in text
    assert "ỦY BAN NHÂN DÂN QUẬN THANH XUÂN" in text and "UBND THÀNH PHỐ HÀ NỘI" in text
    assert "Thanh Xuân, ngày 03 tháng 12 năm 2026" in text
    assert "TM. ỦY BAN NHÂN DÂN" in text and "Trần Văn Minh" in text
    assert "Đã có 3/" in text and "UBND phường Kim Giang" in text  # the missing units are named
    assert "- UBND phường Thượng Đình: Mô hình của UBND phường Thượng Đình." in text
    assert "- Lưu: VT, NV." in text and "UBND Thành phố" in text
    sheet = openpyxl.load_workbook(BytesIO(exports.consolidation_xlsx(request_2026))).active
    total = next(row for row in sheet.iter_rows(values_only=True) if row and row[1] == "Tổng hợp")
    header = next(row for row in sheet.iter_rows(values_only=True) if row and row[0] == "STT")
    column = next(i for i, h in enumerate(header) if h and h.startswith("Số cá nhân được biểu dương"))
    assert total[column] == 6


def test_the_numbered_consolidated_report_becomes_one_electronic_document_shown_on_its_page(
        request_2026, demo_org, users, client_for):
    from django.urls import reverse

    from danvan.documents.models import OutgoingDocument
    from tests.once_helpers import token_for

    client = client_for(users["noivu"])
    page = reverse("reporting:consolidation", args=[request_2026.pk])
    make = reverse("reporting:consolidated_outgoing", args=[request_2026.pk])
    assert make not in client.get(page).content.decode()  # offered once the report has its number

    services.issue_consolidated(actor=users["noivu"], request=request_2026, on=date(2026, 12, 3))
    made = client.post(make, {"once": token_for(client.get(page).content.decode(), make)})
    document = OutgoingDocument.objects.get()
    assert made.status_code == 302 and made["Location"] == document.get_absolute_url()
    shown = client.get(page).content.decode()
    assert 'data-testid="electronic-document"' in shown and document.get_absolute_url() in shown
