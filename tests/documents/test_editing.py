"""Registry editing: who may create and edit, Vietnamese errors, files checked by content, search, history."""

from __future__ import annotations

import io
from datetime import date

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.documents import selectors, services
from danvan.documents.models import Document, DocumentStatus
from danvan.org import policy

PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def _docx_bytes() -> bytes:
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    return buffer.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path), "base_url": "/files/"}}}


# --- permission matrix rows --------------------------------------------------------------------------

MATRIX = [
    ("admin", "document.change", True),
    ("noivu", "document.change", True),
    ("chutich", "document.change", False),
    ("kiemtra", "document.change", False),
    ("truongphong", "document.change", False),
    ("canbo", "document.change", False),
    ("phuong", "document.change", False),
    ("admin", "document.view", True),
    ("canbo", "document.view", True),
    ("kiemtra", "document.view", True),
]


@pytest.mark.parametrize(("username", "permission", "expected"), MATRIX)
def test_permission_matrix(username, permission, expected, users):
    assert policy.can(users[username], permission, None) is expected


def test_officers_read_only(users, client_for):
    decree = services.create_document(actor=None, full_number="04/2015/NĐ-CP", type_name="Nghị định",
                                      date=date(2015, 1, 14), issuer="Chính phủ")
    client = client_for(users["canbo"])
    assert client.get(reverse("documents:document_detail", args=[decree.pk])).status_code == 200
    assert "edit-document" not in client.get(reverse("documents:document_detail", args=[decree.pk])).content.decode()
    assert client.get(reverse("documents:document_create")).status_code == 403
    assert client.post(reverse("documents:document_create"), {"full_number": "1/KH-UBND"}).status_code == 403
    assert client.get(reverse("documents:document_edit", args=[decree.pk])).status_code == 403
    assert client.post(reverse("documents:document_edit", args=[decree.pk]),
                       {"full_number": "9/2015/NĐ-CP", "status": "in_force"}).status_code == 403
    with pytest.raises(PermissionDenied):
        services.update_document(actor=users["canbo"], document=decree, full_number="9/2015/NĐ-CP")
    decree.refresh_from_db()
    assert decree.full_number == "04/2015/NĐ-CP"


# --- create and edit through the pages ---------------------------------------------------------------


def test_coordinator_creates_edits_and_marks_replaced(users, client_for, demo_org):
    from danvan.plans import demo

    plan = demo.load_plan_307()
    decree = Document.objects.get(number_key="4/2015/nd-cp")
    client = client_for(users["noivu"])
    response = client.post(reverse("documents:document_create"), {
        "type_name": "Luật", "full_number": "10/2022/QH15", "date": "10/11/2022", "issuer": "Quốc hội",
        "subject": "Luật Thực hiện dân chủ ở cơ sở", "status": "in_force",
        "file": SimpleUploadedFile("luat.pdf", PDF, content_type="application/pdf")})
    assert response.status_code == 302, response.content.decode()
    law = Document.objects.get(number_key="10/2022/qh15", issuer="Quốc hội")
    assert law.date == date(2022, 11, 10) and law.file.name.endswith(".pdf")
    # Mark the decree replaced by the law, with a note.
    response = client.post(reverse("documents:document_edit", args=[decree.pk]), {
        "type_name": decree.type_name, "full_number": decree.full_number, "issuer": "Chính phủ",
        "date": "", "subject": decree.subject, "status": "replaced", "replaced_by": law.pk,
        "status_note": "Thay thế theo Luật Thực hiện dân chủ ở cơ sở", "version": decree.version})
    assert response.status_code == 302, response.content.decode()
    decree.refresh_from_db()
    assert decree.status == DocumentStatus.REPLACED and decree.replaced_by == law
    html = client.get(reverse("documents:document_detail", args=[decree.pk])).content.decode()
    assert "đã được thay thế bởi" in html and "10/2022/QH15" in html
    assert "Sửa thông tin văn bản" in html  # history on the detail page
    # The plan citing the decree shows what replaced it, next to the citation as printed.
    html = client_for(users["canbo"]).get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert 'data-testid="replaced-by"' in html and "đã được thay thế bởi" in html and "10/2022/QH15" in html


def test_bad_dates_duplicates_and_wrong_files_in_vietnamese(users, client_for):
    client = client_for(users["noivu"])
    url = reverse("documents:document_create")
    base = {"type_name": "Kế hoạch", "full_number": "307/KH-UBND", "issuer": "UBND quận Thanh Xuân",
            "status": "in_force"}
    html = client.post(url, {**base, "date": "31/02/2021"}).content.decode()
    assert "Ngày không hợp lệ" in html
    html = client.post(url, {**base, "date": "05/02/2099"}).content.decode()
    assert "sau ngày hôm nay" in html
    html = client.post(url, {**base, "full_number": "04/2015/NĐ-CP", "date": "05/02/2016"}).content.decode()
    assert "không khớp năm 2015" in html
    html = client.post(url, {**base, "full_number": "abc"}).content.decode()
    assert "phải bắt đầu bằng số" in html
    html = client.post(url, {**base, "date": "23/12/2021", "status": "replaced"}).content.decode()
    assert "Hãy chọn văn bản thay thế" in html
    exe = SimpleUploadedFile("ke-hoach.pdf", EXE, content_type="application/pdf")
    html = client.post(url, {**base, "date": "23/12/2021", "file": exe}).content.decode()
    assert "không đúng loại" in html and "application/x-msdownload" in html
    zipped = SimpleUploadedFile("ke-hoach.docx", b"PK\x03\x04" + b"\x00" * 100)
    assert "không đúng loại" in client.post(url, {**base, "date": "23/12/2021", "file": zipped}).content.decode()
    assert not Document.objects.exists()
    good = SimpleUploadedFile("kh.docx", _docx_bytes())
    assert client.post(url, {**base, "date": "23/12/2021", "file": good}).status_code == 302
    # The same number, year and issuer (written differently) is a duplicate; another issuer's is not.
    html = client.post(url, {**base, "full_number": "307/kh-ubnd", "issuer": "ubnd quận  Thanh Xuân",
                             "date": "24/12/2021"}).content.decode()
    assert "Danh mục đã có văn bản 307/KH-UBND năm 2021 của UBND quận Thanh Xuân" in html
    assert client.post(url, {**base, "issuer": "UBND quận Cầu Giấy", "date": "23/12/2021"}).status_code == 302
    assert Document.objects.filter(number_key="307/kh-ubnd", year=2021).count() == 2


def test_file_size_limit(users, settings):
    settings.DANVAN_MAX_UPLOAD_MB = 1
    big = SimpleUploadedFile("big.pdf", PDF + b"0" * (1024 * 1024 + 1))
    with pytest.raises(ValidationError) as exc:
        services.create_document(actor=users["noivu"], full_number="1/KH-UBND", file=big)
    assert "vượt quá giới hạn 1 MB" in str(exc.value)


def test_stale_edit_refused_and_replacement_loop(users):
    a = services.create_document(actor=None, full_number="1/2020/NĐ-CP", issuer="Chính phủ")
    b = services.create_document(actor=None, full_number="2/2021/NĐ-CP", issuer="Chính phủ")
    services.update_document(actor=users["noivu"], document=b, version=b.version, full_number=b.full_number,
                             issuer="Chính phủ", status=DocumentStatus.REPLACED, replaced_by=a)
    with pytest.raises(ValidationError, match="vừa được người khác sửa"):
        services.update_document(actor=users["admin"], document=b, version=1, full_number=b.full_number,
                                 issuer="Chính phủ")
    b.refresh_from_db()
    with pytest.raises(ValidationError, match="lại được thay thế bởi"):
        services.update_document(actor=users["admin"], document=a, version=a.version, full_number=a.full_number,
                                 issuer="Chính phủ", status=DocumentStatus.REPLACED, replaced_by=b)


def test_file_served_through_the_policy(users, client, client_for):
    doc = services.create_document(actor=None, full_number="5/KH-UBND", issuer="UBND phường Thượng Đình",
                                   file=SimpleUploadedFile("x.pdf", PDF))
    url = reverse("documents:document_file", args=[doc.pk])
    assert client.get(url).status_code == 302  # anonymous: to the log-in page
    response = client_for(users["canbo2"]).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).startswith(b"%PDF")
    assert 'href="/files/' not in client_for(users["canbo"]).get(doc.get_absolute_url()).content.decode()


def test_search_without_diacritics(users, client_for, django_assert_max_num_queries):
    services.create_document(actor=None, full_number="04/2015/NĐ-CP", type_name="Nghị định",
                             issuer="Chính phủ", subject="Quy định về thực hiện dân chủ trong hoạt động của cơ quan")
    services.create_document(actor=None, full_number="10/2022/QH15", type_name="Luật", issuer="Quốc hội",
                             subject="Luật Thực hiện dân chủ ở cơ sở")
    found = lambda q: {d.full_number for d in selectors.document_list(query=q)}  # noqa: E731
    assert found("nghi dinh") == {"04/2015/NĐ-CP"}
    assert found("DÂN CHỦ ở cơ sở") == {"10/2022/QH15"}
    assert found("dan chu") == {"04/2015/NĐ-CP", "10/2022/QH15"}
    assert found("quoc hoi") == {"10/2022/QH15"}
    assert found("04/2015/nd-cp") == {"04/2015/NĐ-CP"}
    assert found("4/2015/NĐ-CP") == {"04/2015/NĐ-CP"}
    client = client_for(users["canbo"])
    with django_assert_max_num_queries(10):
        html = client.get(reverse("documents:document_list"), {"q": "chinh phu"}).content.decode()
    assert "04/2015/NĐ-CP" in html and "10/2022/QH15" not in html


def test_register_document_keeps_other_issuers_apart(db):
    ward_a, _c = services.register_document(full_number="05/KH-UBND", date=date(2026, 1, 5), issuer="UBND phường A")
    ward_b, created = services.register_document(full_number="05/KH-UBND", date=date(2026, 1, 7),
                                                 issuer="UBND phường B")
    assert created and ward_a.pk != ward_b.pk
    again, created = services.register_document(full_number="5/KH-UBND", date=date(2026, 1, 5), issuer="UBND phường A")
    assert not created and again.pk == ward_a.pk
