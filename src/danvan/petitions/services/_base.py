"""What every petition write shares: clean text, checked uploads, the case code, saving with deadlines and history."""

from __future__ import annotations

import secrets
from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _

from danvan.core.vntext import clean_text, looks_like_markup
from danvan.documents import uploads
from danvan.documents.render import DOCX, XLSX
from danvan.org import clock
from danvan.org.audit import check_version
from danvan.org.audit import record_change as _history
from danvan.org.models import Staff
from danvan.petitions.models import Attachment, Petition

ALLOWED_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/heic": "heic",
    "application/pdf": "pdf",
    DOCX: "docx",
    XLSX: "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
}


def _check_version(obj: Petition, version: int | None) -> None:
    check_version(obj, version, _("Hồ sơ này"))


# --- helpers ------------------------------------------------------------------------------------


def _today() -> date:
    return clock.today()


def safe_text(value: str | None, field: str, *, multiline: bool = False, errors: dict[str, str] | None = None) -> str:
    """NFC-clean text and refuse real markup: a citizen's letter never needs HTML, and a tag is an attack.

    Writing that merely uses < and > ("a<b và c>d", "diện tích < 50 m²") is accepted as typed; pages
    escape it when they show it."""
    text = clean_text(value, multiline=multiline)
    if looks_like_markup(text):
        message = _("Nội dung không được chứa thẻ HTML hoặc mã lệnh (ví dụ <script>). Hãy nhập văn bản thường.")
        if errors is None:
            raise ValidationError({field: message})
        errors[field] = message
    return text


def check_upload(upload: UploadedFile) -> str:
    """Return the real content type of ``upload`` or raise: size limit, then magic bytes.

    The one upload check of danvan (``documents.uploads``) with the types a citizen may send; its
    message is shown on top of the form, not on a field, because petitions take several files.
    """
    try:
        mime, _extension = uploads.check_upload(upload, ALLOWED_TYPES)
    except ValidationError as exc:
        raise ValidationError(exc.messages) from None
    return mime


def _store_attachments(petition: Petition, files: Iterable[tuple[UploadedFile, str]], actor: Staff | None, *,
                       purpose: str, is_public: bool, confidential: bool, saved: list[Attachment]) -> None:
    for upload, mime in files:
        att = Attachment(petition=petition, original_name=clean_text(upload.name)[:255], content_type=mime,
                         size=upload.size or 0, purpose=purpose, is_public=is_public, confidential=confidential,
                         uploaded_by=actor)
        att.file.save(f"upload.{ALLOWED_TYPES[mime]}", upload, save=False)
        saved.append(att)
        _history(att, actor, _("Đính kèm tệp"))
        att.save()


def _cleanup(saved: list[Attachment]) -> None:
    """The transaction rolled back: remove the files already written so nothing is half-saved."""
    for att in saved:
        try:
            att.file.storage.delete(att.file.name)
        except OSError:  # pragma: no cover - best effort
            pass


def _new_code(year: int) -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    while True:
        code = f"DT{year % 100:02d}-" + "".join(secrets.choice(alphabet) for _i in range(6))
        if not Petition.objects.filter(code=code).exists():
            return code


from danvan.petitions.services.deadlines import recompute_deadlines  # noqa: E402


def _save(petition: Petition, actor: Staff | None, reason: str) -> Petition:
    recompute_deadlines(petition)
    petition.refresh_search_key()
    petition.refresh_public_key()
    petition.version += 1
    _history(petition, actor, reason)
    petition.save()
    return petition


def _lock(petition: Petition) -> Petition:
    return Petition.objects.select_for_update().select_related("field", "handling_unit", "unit").get(pk=petition.pk)


