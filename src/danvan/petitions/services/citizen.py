"""The citizen's side: the case opened by its code and secret, public files, rating, one request to reopen."""

from __future__ import annotations

from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.vntext import clean_text
from danvan.org.audit import record_change as _history
from danvan.petitions.models import (
    Attachment,
    Kind,
    Note,
    Petition,
    PublicStatus,
    Rating,
    Status,
)
from danvan.petitions.services._base import (
    _lock,
    _save,
    _today,
    safe_text,
)


def find_by_code(code: str, secret: str) -> Petition | None:
    """The case opened by a tracking code and its secret; ``None`` for any mismatch (no hint which)."""
    code = clean_text(code).upper()
    if not code or not secret:
        return None
    petition = Petition.objects.select_related("field", "handling_unit").filter(code=code).first()
    if petition is None or not petition.check_secret(secret):
        return None
    return petition


PUBLIC_FILE_MAX_AGE = 30 * 60  # seconds a download link on the tracking page stays valid
_PUBLIC_FILE_SALT = "danvan.petitions.public-attachment"


def public_attachments(petition: Petition) -> list[Attachment]:
    """The files the citizen may download: marked public, never one that could reveal a denouncer."""
    return list(petition.attachments.filter(is_public=True, confidential=False))


def public_attachment_token(attachment: Attachment) -> str:
    """A signed, short-lived token for one public file of a case opened with its code and secret (no login)."""
    return signing.dumps({"p": attachment.petition_id, "a": attachment.pk}, salt=_PUBLIC_FILE_SALT)


def public_attachment_from_token(token: str, *, max_age: int = PUBLIC_FILE_MAX_AGE) -> Attachment | None:
    """The file a token names, if the token is genuine, not expired, and the file is still public; else None."""
    try:
        data = signing.loads(token, salt=_PUBLIC_FILE_SALT, max_age=max_age)
        petition_id, attachment_id = int(data["p"]), int(data["a"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        return None
    return Attachment.objects.filter(pk=attachment_id, petition_id=petition_id, is_public=True,
                                     confidential=False).first()


@transaction.atomic
def rate(*, petition: Petition, secret: str, score: int, comment: str = "") -> Rating:
    petition = _lock(petition)
    if not petition.check_secret(secret):
        raise ValidationError(_("Mã tra cứu hoặc mã bí mật không đúng."))
    if petition.public_status not in (PublicStatus.ANSWERED, PublicStatus.CLOSED) or not petition.answer:
        raise ValidationError(_("Chỉ đánh giá được khi cơ quan đã trả lời."))
    if petition.ratings.count() > petition.reopen_count:
        raise ValidationError(_("Bạn đã đánh giá câu trả lời này."))
    try:
        score = int(score)
    except (TypeError, ValueError):
        score = 0
    if not 1 <= score <= 5:
        raise ValidationError({"score": _("Hãy chọn mức đánh giá từ 1 đến 5.")})
    rating = Rating(petition=petition, score=score, comment=safe_text(comment, "comment", multiline=True))
    _history(rating, None, _("Công dân đánh giá"))
    rating.save()
    return rating


@transaction.atomic
def request_reopen(*, petition: Petition, secret: str, reason: str) -> Petition:
    """The citizen is not satisfied: the case goes back to verification, once."""
    petition = _lock(petition)
    if not petition.check_secret(secret):
        raise ValidationError(_("Mã tra cứu hoặc mã bí mật không đúng."))
    reason = safe_text(reason, "reason", multiline=True)
    if not reason:
        raise ValidationError({"reason": _("Hãy cho biết lý do đề nghị xem xét lại.")})
    if petition.reopen_count >= 1:
        raise ValidationError(_("Mỗi hồ sơ chỉ được đề nghị xem xét lại một lần."))
    if petition.kind in (Kind.COMPLAINT_FIRST, Kind.COMPLAINT_SECOND):
        raise ValidationError(_("Không đồng ý với quyết định giải quyết khiếu nại, bạn có quyền khiếu nại lần hai "
                                "hoặc khởi kiện vụ án hành chính (Điều 7 Luật Khiếu nại 2011)."))
    if petition.status not in (Status.RESOLVED, Status.NOTIFIED, Status.CLOSED):
        raise ValidationError(_("Chỉ đề nghị xem xét lại được khi cơ quan đã trả lời."))
    petition.reopen_count += 1
    petition.status = Status.VERIFYING
    petition.closed_on = None
    petition.resolved_on = None
    # The field's period runs again from the request.
    petition.reopened_on = _today()
    _save(petition, None, _("Công dân đề nghị xem xét lại"))
    note = Note(petition=petition, author=None, is_public=True,
                text=_("Công dân đề nghị xem xét lại: %(reason)s") % {"reason": reason})
    _history(note, None)
    note.save()
    return petition


