"""The life of an electronic outgoing document without converting anything: drafted → numbered → signed →
issued, a signed document never changed (a correction is a new document that replaces it), who may sign,
and the check of PDFs that come into the registry (signed ones made here with the demo keys).
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.documents import demo, services
from danvan.documents.issuer import issuer_for
from danvan.documents.models import Document, ImmutableDocument, OutgoingDocument, OutgoingStatus, PdfCheck
from danvan.documents.render import OfficialDocument, Paragraph
from danvan.org import clock
from tests.documents.electronic import blank_pdf, sign_blank


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path), "base_url": "/files/"}}}


@pytest.fixture
def keys(demo_org):
    demo.load(io.StringIO())
    return demo_org


def _notice(unit, number: int | None, subject: str = "Về việc thử ký số") -> OfficialDocument:
    issuer = issuer_for(unit)
    return OfficialDocument(
        issuing_body=issuer.issuing_body, parent_body=issuer.parent_body, place=issuer.place, date=date(2026, 11, 2),
        subject=subject, signer=issuer.signer, number=number, type_code="TB", issuer_code=issuer.issuer_code,
        body=[Paragraph("Nội dung thông báo.")], recipients=["UBND các phường"])


def _as_signed(outgoing: OutgoingDocument) -> OutgoingDocument:
    """Bring a numbered document to "signed" the way the signing service records it (file, hash, time)."""
    outgoing.pdf.save("thu.pdf", ContentFile(b"%PDF-1.7 da ky"), save=False)
    outgoing.pdf_sha256 = "0" * 64
    outgoing.status = OutgoingStatus.SIGNED
    outgoing.signed_at = clock.now()
    outgoing.save()
    return outgoing


def test_a_draft_without_number_then_numbered(keys, users):
    committee = keys["tx-ubnd"]
    draft = services.prepare_outgoing(actor=users["noivu"], source="thu:1", issuer=committee,
                                      document=_notice(committee, None))
    assert draft.status == OutgoingStatus.DRAFTED and draft.full_number == ""
    with pytest.raises(ValidationError, match="chưa được cấp số"):
        services.sign_outgoing(actor=users["chutich"], outgoing=draft)
    numbered = services.prepare_outgoing(actor=users["noivu"], source="thu:1", issuer=committee,
                                         document=_notice(committee, 7))
    assert numbered.pk == draft.pk and numbered.status == OutgoingStatus.NUMBERED
    assert numbered.full_number == "07/TB-UBND" and numbered.signer_name == "Trần Văn Minh"
    assert numbered.history.count() == 2


def test_a_signed_document_is_never_changed_and_a_correction_replaces_it(keys, users):
    committee = keys["tx-ubnd"]
    outgoing = services.prepare_outgoing(actor=None, source="thu:2", issuer=committee, document=_notice(committee, 8))
    _as_signed(outgoing)
    # Neither through the service …
    with pytest.raises(ValidationError, match="đã ký số, không sửa được"):
        services.prepare_outgoing(actor=None, source="thu:2", issuer=committee,
                                  document=_notice(committee, 8, "Trích yếu khác"))
    # … nor by saving the row.
    outgoing.refresh_from_db()
    outgoing.subject = "Trích yếu khác"
    with pytest.raises(ImmutableDocument):
        outgoing.save()
    outgoing.refresh_from_db()
    assert outgoing.subject == "Về việc thử ký số" and outgoing.status == OutgoingStatus.SIGNED
    # A correction under the same number is refused; with a new number it replaces the signed one.
    with pytest.raises(ValidationError, match="phải có số mới"):
        services.replace_outgoing(actor=None, outgoing=outgoing, document=_notice(committee, 8, "Đính chính"))
    replacement = services.replace_outgoing(actor=users["noivu"], outgoing=outgoing,
                                            document=_notice(committee, 9, "Đính chính"))
    assert replacement.replaces == outgoing and replacement.status == OutgoingStatus.NUMBERED
    outgoing.refresh_from_db()
    assert outgoing.subject == "Về việc thử ký số" and outgoing.pdf_sha256 == "0" * 64
    with pytest.raises(ValidationError, match="đã có văn bản thay thế"):
        services.replace_outgoing(actor=None, outgoing=outgoing, document=_notice(committee, 10))


def test_only_the_person_with_authority_signs(keys, users):
    committee = keys["tx-ubnd"]
    outgoing = services.prepare_outgoing(actor=None, source="thu:3", issuer=committee, document=_notice(committee, 3))
    for username in ("noivu", "admin", "phuong", "canbo"):
        with pytest.raises(PermissionDenied):
            services.sign_outgoing(actor=users[username], outgoing=outgoing)
    with pytest.raises(PermissionDenied):
        services.prepare_outgoing(actor=users["canbo"], source="thu:4", issuer=committee,
                                  document=_notice(committee, 4))


def test_a_missing_key_is_named(demo_org, users):
    committee = demo_org["tx-ubnd"]
    outgoing = services.prepare_outgoing(actor=None, source="thu:5", issuer=committee, document=_notice(committee, 5))
    with pytest.raises(ValidationError, match="Chưa khai báo khóa ký số của Trần Văn Minh"):
        services.sign_outgoing(actor=users["chutich"], outgoing=outgoing)


def test_issuing_needs_a_signature(keys, users):
    committee = keys["tx-ubnd"]
    outgoing = services.prepare_outgoing(actor=None, source="thu:6", issuer=committee, document=_notice(committee, 6))
    with pytest.raises(ValidationError, match="Chỉ ban hành được văn bản đã ký số"):
        services.issue_outgoing(actor=users["noivu"], outgoing=outgoing)


def test_demo_keys_are_made_once_and_marked(keys):
    from danvan.documents.models import OutgoingNumber, SigningKey, TrustedRoot

    def rows():
        tables = (SigningKey, TrustedRoot, OutgoingDocument, OutgoingNumber, SigningKey.history.model,
                  TrustedRoot.history.model, OutgoingDocument.history.model, OutgoingNumber.history.model)
        return [list(model.objects.order_by("pk").values()) for model in tables]

    before_files = sorted((p.name, p.stat().st_mtime_ns) for p in demo.demo_dir().iterdir())
    before = rows()
    demo.load(io.StringIO())
    # Running the demo again only adds what is missing: no file remade, no row changed or added.
    assert sorted((p.name, p.stat().st_mtime_ns) for p in demo.demo_dir().iterdir()) == before_files
    assert rows() == before
    assert SigningKey.objects.filter(is_demo=True).count() == 2
    assert TrustedRoot.objects.get(is_demo=True).name.endswith("CHỈ DÙNG THỬ — không có giá trị pháp lý")
    assert OutgoingDocument.objects.filter(source=demo.DEMO_SOURCE, status=OutgoingStatus.NUMBERED).count() == 1


# --- incoming PDFs ------------------------------------------------------------------------------------------


def _signed_pdf(users) -> bytes:
    from danvan.documents.models import SigningKey

    return sign_blank(SigningKey.objects.get(staff=users["chutich"]).spec())


def _upload(client, name: str, number: str, data: bytes):
    return client.post(reverse("documents:document_create"), {
        "type_name": "Công văn", "full_number": number, "date": "02/11/2026", "issuer": "UBND quận Thanh Xuân",
        "subject": "Văn bản đến", "status": "in_force",
        "file": SimpleUploadedFile(name, data, content_type="application/pdf")})


def test_an_incoming_signed_pdf_is_checked_and_shown(keys, users, client_for, freeze_clock):
    freeze_clock(date(2026, 11, 27))
    signed = _signed_pdf(users)
    client = client_for(users["noivu"])
    assert _upload(client, "den.pdf", "12/UBND-VP", signed).status_code == 302
    document = Document.objects.get(number_key="12/ubnd-vp")
    check = PdfCheck.objects.get(document=document)
    assert check.status == "valid"
    names = [s["signer"] for s in check.result["signatures"]]
    assert names[0].startswith("Trần Văn Minh") and names[1].startswith("UBND quận Thanh Xuân")
    html = client_for(users["canbo"]).get(document.get_absolute_url()).content.decode()
    assert "Chữ ký số hợp lệ" in html and "Trần Văn Minh" in html and "(UTC+07:00)" in html
    assert "chỉ dùng thử, không có giá trị pháp lý" in html
    # The same file with one byte changed: reported as altered.
    client = client_for(users["noivu"])
    changed = bytearray(signed)
    changed[changed.index(b"/MediaBox") + 12] ^= 0x01
    assert _upload(client, "den-sua.pdf", "13/UBND-VP", bytes(changed)).status_code == 302
    document = Document.objects.get(number_key="13/ubnd-vp")
    assert PdfCheck.objects.get(document=document).status == "altered"
    html = client.get(document.get_absolute_url()).content.decode()
    assert "Văn bản đã bị thay đổi sau khi ký" in html


def test_an_unsigned_or_untrusted_pdf_says_so(demo_org, keys, users, client_for):
    client = client_for(users["noivu"])
    assert _upload(client, "khong-ky.pdf", "14/UBND-VP", blank_pdf()).status_code == 302
    assert PdfCheck.objects.get(document__number_key="14/ubnd-vp").status == "unsigned"
    signed = _signed_pdf(users)
    from danvan.documents.models import TrustedRoot

    TrustedRoot.objects.all().delete()  # nobody trusts the demo root any more
    assert _upload(client, "la.pdf", "15/UBND-VP", signed).status_code == 302
    check = PdfCheck.objects.get(document__number_key="15/ubnd-vp")
    assert check.status == "untrusted"
    assert all(s["intact"] and not s["trusted"] for s in check.result["signatures"])


def test_outgoing_pages_and_files_stay_in_scope(keys, users, client_for):
    committee = keys["tx-ubnd"]
    outgoing = services.prepare_outgoing(actor=None, source="thu:7", issuer=committee, document=_notice(committee, 7))
    page = client_for(users["chutich"]).get(outgoing.get_absolute_url())
    assert page.status_code == 200
    html = page.content.decode()
    assert "Đã cấp số" in html and 'data-testid="sign"' in html
    assert client_for(users["noivu"]).get(outgoing.get_absolute_url()).status_code == 200
    # A ward's officer sees neither the page nor its file, and cannot sign.
    other = client_for(users["canbo"])
    assert other.get(outgoing.get_absolute_url()).status_code == 403
    assert other.get(reverse("documents:outgoing_file", args=[outgoing.pk, "docx"])).status_code == 403
    assert other.post(reverse("documents:outgoing_sign", args=[outgoing.pk]), {"confirm": "1"}).status_code == 403


def test_an_attachment_carries_the_agencys_signature_without_image_at_the_top_right(keys):
    from danvan.documents.electronic import trust_roots
    from danvan.documents.models import SigningKey
    from danvan.documents.signing import sign_attachment, verify_pdf
    from danvan.documents.signing.sign import ATTACHMENT_FIELD
    from tests.documents.electronic import signature_widgets

    agency = SigningKey.objects.get(unit__code="tx-ubnd").spec()
    signed = sign_attachment(blank_pdf(), agency=agency, number="07/TB-UBND")
    page, box = signature_widgets(signed)[ATTACHMENT_FIELD]
    assert page == 0 and box.x1 > 595 / 2 and box.y1 > 842 * 0.8  # top right of the first page
    result = verify_pdf(signed, trust_roots=trust_roots())
    assert result.status == "valid" and [s.organisation for s in result.signatures] == ["UBND quận Thanh Xuân"]
    # No image: the appearance is text only.
    assert b"/Subtype /Image" not in signed[len(blank_pdf()):]


def test_a_plan_page_offers_its_electronic_document(keys, users, client_for):
    from danvan.plans.demo import load_plan_307

    plan = load_plan_307()
    page = client_for(users["noivu"]).get(reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert 'data-testid="plan-electronic"' in page
    response = client_for(users["noivu"]).post(reverse("plans:plan_outgoing", args=[plan.pk]))
    outgoing = OutgoingDocument.objects.get(source=f"plans.plan:{plan.pk}")
    assert response.status_code == 302 and response["Location"] == outgoing.get_absolute_url()
    # Numbered already (307/KH-UBND); printed for the committee's chairman who will sign it.
    assert outgoing.status == OutgoingStatus.NUMBERED and outgoing.full_number == "307/KH-UBND"
    assert outgoing.signer_name == "Trần Văn Minh"
    # An officer of a ward neither sees the offer nor makes the document.
    officer = client_for(users["canbo"])
    assert 'data-testid="plan-electronic"' not in officer.get(
        reverse("plans:plan_detail", args=[plan.pk])).content.decode()
    assert officer.post(reverse("plans:plan_outgoing", args=[plan.pk])).status_code == 403
