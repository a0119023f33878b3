"""Intake from every channel (officer form, public form, reception book, appeal): one validated write."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypedDict

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from danvan.core.vntext import clean_text, format_date
from danvan.org import policy
from danvan.org.audit import record_change as _history
from danvan.org.models import Staff, Unit
from danvan.petitions.models import (
    COMPLAINT_KINDS,
    Attachment,
    Channel,
    Field,
    Kind,
    Petition,
    PetitionerIdentity,
)
from danvan.petitions.reminders import notify_assigned
from danvan.petitions.services._base import (
    _cleanup,
    _new_code,
    _store_attachments,
    _today,
    check_upload,
    safe_text,
)
from danvan.petitions.services.deadlines import recompute_deadlines
from danvan.petitions.services.handling import queue_suggestions, suggest_links


@dataclass(frozen=True)
class Submitted:
    """What the citizen must keep: the tracking code and the secret (shown once, stored hashed)."""

    petition: Petition
    code: str
    secret: str


class PetitionerInput(TypedDict, total=False):
    """One petitioner as a channel hands it in; only a name makes the person count."""

    full_name: str
    address: str
    id_number: str
    phone: str
    email: str
    is_representative: bool


def _representative_limit(signers: int) -> int:
    """Law on Citizen Reception art. 29: 5–10 people choose 1–2 representatives; more than 10, up to 5."""
    if signers < 5:
        return signers
    return 2 if signers <= 10 else 5


@transaction.atomic
def submit_petition(
    *, actor: Staff | None, kind: str, field: Field, unit: Unit, channel: str, received_on: date | None,
    subject: str, content: str, requested_outcome: str = "", location: str = "",
    petitioners: list[PetitionerInput] | None = None, is_signed: bool = False, is_anonymous: bool = False,
    is_collective: bool = False, signers_count: int = 1, representatives_count: int = 0,
    is_complex: bool = False, is_very_complex: bool = False, is_remote: bool = False,
    several_places: bool = False, forwarded_by: str = "", forwarding_document: str = "",
    handling_unit: Unit | None = None, assigned_to: Staff | None = None,
    files: list[UploadedFile] | None = None, public_files: bool = False, defer_suggestions: bool = False,
) -> Submitted:
    """Record a petition from any channel; the public form (``actor=None``) uses it too.

    Returns the case with its tracking code and the secret, which is never stored in clear.
    ``defer_suggestions``: the earlier-case suggestions are left to the worker (queued with the
    filing) instead of being written in this transaction — the public form, where the
    citizen waits for nothing they show; an officer at the desk sees them on the case page at once.
    """
    handling_unit = handling_unit or unit
    if actor is not None:
        policy.require(actor, "petition.create", handling_unit)
    errors: dict[str, str] = {}
    today = _today()
    if kind not in Kind.values:
        errors["kind"] = _("Loại đơn không hợp lệ.")
    if channel not in Channel.values:
        errors["channel"] = _("Nguồn đơn không hợp lệ.")
    if received_on is None:
        errors["received_on"] = _("Hãy nhập ngày nhận đơn.")
    elif received_on > today:
        errors["received_on"] = _("Ngày nhận đơn (%(d)s) không thể sau ngày hôm nay (%(t)s).") % {
            "d": format_date(received_on), "t": format_date(today)}
    subject = safe_text(subject, "subject", errors=errors)
    content = safe_text(content, "content", multiline=True, errors=errors)
    requested_outcome = safe_text(requested_outcome, "requested_outcome", multiline=True, errors=errors)
    location = safe_text(location, "location", errors=errors)
    forwarded_by = safe_text(forwarded_by, "forwarded_by", errors=errors)
    forwarding_document = safe_text(forwarding_document, "forwarding_document", errors=errors)
    if not subject and "subject" not in errors:
        errors["subject"] = _("Hãy nhập tóm tắt nội dung đơn.")
    if not content and "content" not in errors:
        errors["content"] = _("Hãy nhập nội dung đơn.")
    if kind in COMPLAINT_KINDS and not is_signed:
        errors["is_signed"] = _("Đơn khiếu nại phải có chữ ký hoặc điểm chỉ của người khiếu nại (Điều 8 Luật Khiếu "
                                "nại 2011). Hãy đề nghị công dân ký hoặc điểm chỉ vào đơn rồi đánh dấu ô "
                                "“Đơn có chữ ký”.")
    if channel == Channel.FORWARDED and not forwarding_document:
        errors["forwarding_document"] = _("Đơn do cơ quan khác chuyển đến: hãy nhập số, ngày văn bản chuyển đơn.")
    people: list[PetitionerIdentity] = []
    for index, raw in enumerate(petitioners or []):
        person = PetitionerIdentity(
            full_name=safe_text(raw.get("full_name"), "petitioner", errors=errors),
            address=safe_text(raw.get("address"), "petitioner", errors=errors),
            id_number=clean_text(raw.get("id_number")).replace(" ", ""),
            phone=clean_text(raw.get("phone")), email=clean_text(raw.get("email")),
            # A single petitioner stands for the case; a collective one names its representatives explicitly.
            is_representative=bool(raw.get("is_representative")) or (index == 0 and not is_collective))
        if person.full_name:
            people.append(person)
        if person.id_number and not person.id_number.isdigit():
            errors["petitioner"] = _("Số CCCD/định danh chỉ gồm chữ số.")
    if kind == Kind.DENUNCIATION and not people:
        is_anonymous = True
    if kind in COMPLAINT_KINDS and (not people or not people[0].address):
        errors["petitioner"] = _("Đơn khiếu nại phải ghi họ tên và địa chỉ người khiếu nại (Điều 8 Luật Khiếu nại).")
    if kind in (Kind.RECOMMENDATION, Kind.FEEDBACK) and actor is None and not people:
        errors["petitioner"] = _("Hãy cho biết họ tên và cách liên hệ để cơ quan trả lời bạn.")
    signers_count = max(int(signers_count or 1), 1)
    if len(people) > signers_count:
        errors["signers_count"] = _("Số người ký đơn (%(n)s) không thể ít hơn số người đã ghi tên (%(listed)s).") % {
            "n": signers_count, "listed": len(people)}
    if is_collective:
        if signers_count < 5:
            errors.setdefault("signers_count", _("Đơn đông người là đơn có từ 5 người cùng ký trở lên."))
        limit = _representative_limit(signers_count)
        if representatives_count < 1 or representatives_count > limit:
            errors["representatives_count"] = _(
                "Với %(n)s người, số người đại diện phải từ 1 đến %(limit)s (Điều 29 Luật Tiếp công dân 2013).") % {
                "n": signers_count, "limit": limit}
        marked = sum(1 for person in people if person.is_representative)
        if people and marked < representatives_count:
            errors["representatives"] = _(
                "Người đại diện phải là người có tên trong danh sách người ký đơn: đã khai %(count)s người đại "
                "diện nhưng chỉ đánh dấu %(marked)s người trong danh sách.") % {
                "count": representatives_count, "marked": marked}
    checked: list[tuple[UploadedFile, str]] = []
    for upload in files or []:
        try:
            checked.append((upload, check_upload(upload)))
        except ValidationError as exc:
            errors["files"] = exc.messages[0]
    if errors:
        raise ValidationError(errors)

    petition = Petition(
        kind=kind, field=field, unit=unit, handling_unit=handling_unit, channel=channel, received_on=received_on,
        subject=subject, content=content, requested_outcome=requested_outcome, location=location,
        is_collective=is_collective, signers_count=signers_count,
        representatives_count=representatives_count if is_collective else 0,
        is_signed=is_signed, is_anonymous=is_anonymous, is_complex=is_complex or is_very_complex,
        is_very_complex=is_very_complex, is_remote=is_remote, several_places=several_places,
        forwarded_by=forwarded_by, forwarding_document=forwarding_document,
        assigned_to=assigned_to or (actor if actor is not None and actor.unit_id == handling_unit.pk else None),
        code=_new_code(received_on.year),
    )
    secret = petition.set_secret()
    recompute_deadlines(petition)
    petition.refresh_search_key()
    _history(petition, actor, _("Tiếp nhận đơn"))
    petition.save()
    for person in people:
        person.petition = petition
        person.refresh_identity_key()
    if people:  # the petitioners and their history rows: two INSERTs whatever their number
        bulk_create_with_history(people, PetitionerIdentity, default_user=actor)
    saved: list[Attachment] = []
    try:
        _store_attachments(petition, checked, actor, purpose=Attachment.Purpose.SUBMISSION,
                           is_public=public_files, confidential=kind == Kind.DENUNCIATION, saved=saved)
        if defer_suggestions:
            queue_suggestions(petition)
        else:
            suggest_links(petition, identity_keys=[person.identity_key for person in people])
    except Exception:
        _cleanup(saved)
        raise
    notify_assigned(petition=petition, officer=petition.assigned_to, actor=actor)
    return Submitted(petition=petition, code=petition.code, secret=secret)


