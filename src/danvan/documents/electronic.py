"""Writes of electronic documents: an outgoing document drafted → numbered → signed → issued, and the check
of a PDF that comes into the registry.

The services of this app (``services.py`` re-exports these): keyword-only, one use case each, permission
asked, history written. Converting and signing take seconds, so they run before the transaction that
records the result, and that transaction checks again that nobody signed the document meanwhile.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.vntext import clean_text, slug_key
from danvan.documents.issuer import issuer_for
from danvan.documents.models import (
    Document,
    ImmutableDocument,
    OutgoingDocument,
    OutgoingStatus,
    PdfCheck,
    SigningKey,
    TrustedRoot,
)
from danvan.documents.pdf import PdfConversionError, convert_docx_to_pdfa, signature_place
from danvan.documents.render import OfficialDocument, render_docx
from danvan.documents.signing import SigningKeyError, Verification, sign_official, verify_pdf
from danvan.documents.signing.verify import load_roots
from danvan.org import clock, policy
from danvan.org.audit import record_change as _history
from danvan.org.models import Staff, Unit

__all__ = ["check_pdf", "issue_outgoing", "prepare_outgoing", "replace_outgoing", "sign_outgoing",
           "signed_pdf_of", "trust_roots", "verify"]


def trust_roots() -> list:
    """The trusted roots: those kept in the database, and the PEM files of ``DANVAN_TRUST_ROOTS``."""
    texts: list[str | bytes] = list(TrustedRoot.objects.values_list("certificate", flat=True))
    for path in getattr(settings, "DANVAN_TRUST_ROOTS", []):
        if Path(path).is_file():
            texts.append(Path(path).read_bytes())
    return load_roots(texts)


def verify(data: bytes) -> Verification:
    return verify_pdf(data, trust_roots=trust_roots())


def for_signature(document: OfficialDocument, issuer: Unit) -> OfficialDocument:
    """The document with the signature block of the person who signs it now (the issuer's signing leader)."""
    return dataclasses.replace(document, signer=issuer_for(issuer).signer)


def _full_number(document: OfficialDocument) -> str:
    if document.number is None:
        return ""
    return clean_text(document.number_line.removeprefix("Số:").strip())


def _fill(outgoing: OutgoingDocument, document: OfficialDocument) -> None:
    outgoing.full_number = _full_number(document)
    outgoing.type_name = (document.type_name or _("Công văn")).capitalize()
    outgoing.date = document.date if document.number is not None else None
    outgoing.subject = clean_text(document.subject)
    outgoing.signer_name = clean_text(document.signer.name)
    outgoing.signer_title = clean_text(document.signer.heading_lines[-1]) if document.signer.heading_lines else ""
    outgoing.status = OutgoingStatus.NUMBERED if outgoing.full_number else OutgoingStatus.DRAFTED
    stem = slug_key(outgoing.full_number or outgoing.subject[:40]).replace(" ", "-") or "van-ban"
    outgoing.docx.save(f"{stem}.docx", ContentFile(render_docx(document)), save=False)


@transaction.atomic
def prepare_outgoing(*, actor: Staff | None, source: str, issuer: Unit, document: OfficialDocument) -> OutgoingDocument:
    """The electronic document of ``source`` with the current text: made, or brought up to date while unsigned.

    A signed or issued document is never changed: the officer is told to make a replacement.
    """
    if actor is not None:
        policy.require(actor, "document.outgoing.prepare", issuer)
    current = OutgoingDocument.objects.select_for_update().filter(source=source).order_by("-pk").first()
    if current is not None and current.is_signed:
        raise ValidationError(_("Văn bản %(number)s đã ký số, không sửa được nữa: nếu cần đính chính, hãy lập văn "
                                "bản mới thay thế.") % {"number": current.full_number})
    outgoing = current or OutgoingDocument(source=source, issuer=issuer)
    _fill(outgoing, document)
    if current is not None:
        outgoing.version += 1
    _history(outgoing, actor, _("Lập văn bản điện tử") if current is None else _("Cập nhật dự thảo văn bản"))
    outgoing.save()
    return outgoing


@transaction.atomic
def replace_outgoing(*, actor: Staff | None, outgoing: OutgoingDocument,
                     document: OfficialDocument) -> OutgoingDocument:
    """A correction of a signed document: a new document that replaces it (the signed one stays as it is)."""
    if actor is not None:
        policy.require(actor, "document.outgoing.prepare", outgoing.issuer)
    outgoing = OutgoingDocument.objects.select_for_update().get(pk=outgoing.pk)
    if not outgoing.is_signed:
        raise ValidationError(_("Văn bản chưa ký số: hãy sửa dự thảo, không cần lập văn bản thay thế."))
    if outgoing.replaced_by.exists():
        raise ValidationError(_("Văn bản này đã có văn bản thay thế."))
    replacement = OutgoingDocument(source=outgoing.source, issuer=outgoing.issuer, replaces=outgoing)
    _fill(replacement, document)
    if replacement.full_number and replacement.full_number == outgoing.full_number:
        raise ValidationError(_("Văn bản thay thế phải có số mới, khác số %(number)s của văn bản bị thay thế.")
                              % {"number": outgoing.full_number})
    _history(replacement, actor, _("Lập văn bản thay thế %(number)s") % {"number": outgoing.full_number})
    replacement.save()
    return replacement


def _key(*, unit: Unit | None = None, staff: Staff | None = None) -> SigningKey:
    keys = SigningKey.objects.filter(is_active=True).select_related("unit", "staff")
    key = (keys.filter(unit=unit) if unit is not None else keys.filter(staff=staff)).order_by("-pk").first()
    if key is None:
        who = unit.name if unit is not None else staff.full_name
        raise ValidationError(_("Chưa khai báo khóa ký số của %(who)s: quản trị hệ thống khai báo ở trang quản trị, "
                                "mục “Khóa ký số”.") % {"who": who})
    return key


def sign_outgoing(*, actor: Staff | None, outgoing: OutgoingDocument) -> OutgoingDocument:
    """The person with authority signs, then the agency: the PDF/A of the .docx, signed as the decree shows it.

    ``actor`` None (the command line) signs with the keys of the issuer's signing leader.
    """
    outgoing = OutgoingDocument.objects.select_related("issuer").get(pk=outgoing.pk)
    if actor is not None:
        policy.require(actor, "document.sign", outgoing)
    if outgoing.status == OutgoingStatus.DRAFTED:
        raise ValidationError(_("Văn bản chưa được cấp số: cấp số trước khi ký."))
    if outgoing.is_signed:
        raise ValidationError(_("Văn bản đã được ký số."))
    person = actor if actor is not None else issuer_for(outgoing.issuer).require_leader()
    if clean_text(person.full_name) != outgoing.signer_name:
        raise ValidationError(_("Văn bản ghi người ký là %(printed)s, không phải %(person)s: hãy lập lại dự thảo với "
                                "đúng người ký.") % {"printed": outgoing.signer_name, "person": person.full_name})
    person_key, unit_key = _key(staff=person), _key(unit=outgoing.issuer)
    try:
        pdf = convert_docx_to_pdfa(outgoing.docx.open("rb").read(), soffice=settings.DANVAN_SOFFICE or None,
                                   timeout=settings.DANVAN_PDF_TIMEOUT)
        outgoing.docx.close()
        place = signature_place(pdf, name=outgoing.signer_name, title=outgoing.signer_title)
        signed = sign_official(pdf, person=person_key.spec(), agency=unit_key.spec(),
                               agency_name=outgoing.issuer.name, place=place,
                               tsa_url=settings.DANVAN_TSA_URL or None)
    except (PdfConversionError, SigningKeyError, ValueError) as exc:
        raise ValidationError(str(exc)) from exc
    check = verify(signed)
    with transaction.atomic():
        outgoing = OutgoingDocument.objects.select_for_update().get(pk=outgoing.pk)
        if outgoing.is_signed:
            raise ValidationError(_("Văn bản đã được ký số."))
        stem = slug_key(outgoing.full_number).replace(" ", "-") or "van-ban"
        outgoing.pdf.save(f"{stem}.pdf", ContentFile(signed), save=False)
        outgoing.pdf_sha256 = hashlib.sha256(signed).hexdigest()
        outgoing.status = OutgoingStatus.SIGNED
        outgoing.signed_by = person
        outgoing.signed_at = clock.now()
        outgoing.verification = check.as_dict()
        outgoing.version += 1
        _history(outgoing, actor, _("Ký số văn bản"))
        outgoing.save()
    return outgoing


@transaction.atomic
def issue_outgoing(*, actor: Staff | None, outgoing: OutgoingDocument) -> OutgoingDocument:
    """The signed document is issued: it enters the registry with its signed PDF."""
    outgoing = OutgoingDocument.objects.select_for_update().select_related("issuer").get(pk=outgoing.pk)
    if actor is not None:
        policy.require(actor, "document.issue", outgoing)
    if outgoing.status != OutgoingStatus.SIGNED:
        raise ValidationError(_("Chỉ ban hành được văn bản đã ký số (hiện: %(status)s).")
                              % {"status": outgoing.get_status_display()})
    from danvan.documents.services import register_document

    data = outgoing.pdf.open("rb").read()
    outgoing.pdf.close()
    name = Path(outgoing.pdf.name).name
    registry, _created = register_document(
        actor=None, full_number=outgoing.full_number, type_name=outgoing.type_name,
        date=outgoing.date, issuer=outgoing.issuer.name, issuer_unit=outgoing.issuer, subject=outgoing.subject,
        file=ContentFile(data, name=name))
    check_pdf(document=registry, data=data)
    if outgoing.replaces_id:
        from danvan.documents.services import set_status

        old = outgoing.replaces.registry_document
        if old is not None and old.pk != registry.pk:
            set_status(actor=None, document=old, status="replaced", replaced_by=registry)
    outgoing.status = OutgoingStatus.ISSUED
    outgoing.issued_at = clock.now()
    outgoing.registry_document = registry
    outgoing.version += 1
    _history(outgoing, actor, _("Ban hành văn bản"))
    outgoing.save()
    return outgoing


def check_pdf(*, document: Document, data: bytes) -> PdfCheck:
    """Check the signatures of a registry document's PDF and keep the result (shown on its page)."""
    result = verify(data)
    return PdfCheck.objects.create(document=document, checked_at=clock.now(), sha256=result.sha256,
                                   status=result.status, result=result.as_dict())


def signed_pdf_of(outgoing: OutgoingDocument) -> bytes:
    with outgoing.pdf.open("rb") as handle:
        return handle.read()


__all__ += ["ImmutableDocument", "for_signature"]
