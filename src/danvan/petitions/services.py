"""Every write to petitions: one function per use case, atomic, permission-checked, in history.

``actor`` is the officer doing it; ``None`` means the citizen (public form, tracking page) or the
system (demo loader). Input is validated completely *before* anything is written — files
included — so bad input never leaves half a case behind. Deadlines are recomputed on every change
(:func:`recompute_deadlines`) and stored on the case.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core.deadlines import DeadlineError
from danvan.core.vntext import clean_text, format_date
from danvan.documents import uploads
from danvan.legal.selectors import compute_due, current_calendar
from danvan.org import policy
from danvan.org.audit import check_version
from danvan.org.audit import record_change as _history
from danvan.org.models import Staff, Unit
from danvan.petitions.models import (
    COMPLAINT_KINDS,
    OPEN_STATUSES,
    Attachment,
    Channel,
    Field,
    IdentityAccessLog,
    Kind,
    Note,
    Outcome,
    Petition,
    PetitionerIdentity,
    PetitionLink,
    PublicStatus,
    Rating,
    Status,
    TriageReason,
)

ALLOWED_TYPES = {
    "image/jpeg": "jpg",
    "image/png": "png",
    "image/webp": "webp",
    "image/heic": "heic",
    "application/pdf": "pdf",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.oasis.opendocument.text": "odt",
}
_TAG = re.compile(r"<\s*/?\s*[a-zA-Z!][^>]*>")

# The state machine. Resuming a suspended case goes back to where it was (``suspended_from``).
TRANSITIONS: dict[str, set[str]] = {
    Status.RECEIVED: {Status.TRIAGED, Status.ACCEPTED, Status.FORWARDED, Status.GUIDED, Status.ARCHIVED,
                      Status.WITHDRAWN},
    Status.TRIAGED: {Status.ACCEPTED, Status.FORWARDED, Status.GUIDED, Status.ARCHIVED, Status.WITHDRAWN},
    Status.ACCEPTED: {Status.VERIFYING, Status.DIALOGUE, Status.SUSPENDED, Status.RESOLVED, Status.CONCLUDED,
                      Status.WITHDRAWN},
    Status.VERIFYING: {Status.DIALOGUE, Status.SUSPENDED, Status.RESOLVED, Status.CONCLUDED, Status.WITHDRAWN},
    Status.DIALOGUE: {Status.VERIFYING, Status.SUSPENDED, Status.RESOLVED, Status.CONCLUDED, Status.WITHDRAWN},
    Status.SUSPENDED: {Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE},
    Status.RESOLVED: {Status.NOTIFIED, Status.CLOSED, Status.VERIFYING},
    Status.CONCLUDED: {Status.NOTIFIED, Status.CLOSED},
    Status.NOTIFIED: {Status.CLOSED, Status.APPEALED, Status.VERIFYING},
    Status.CLOSED: {Status.APPEALED, Status.VERIFYING},
}
# Moves done by the dedicated services below, not by :func:`transition`.
_SPECIAL = {Status.ACCEPTED, Status.FORWARDED, Status.GUIDED, Status.ARCHIVED, Status.RESOLVED,
            Status.CONCLUDED, Status.CLOSED, Status.APPEALED}

def _check_version(obj: Any, version: int | None) -> None:
    check_version(obj, version, _("Hồ sơ này"))



@dataclass(frozen=True)
class Submitted:
    """What the citizen must keep: the tracking code and the secret (shown once, stored hashed)."""

    petition: Petition
    code: str
    secret: str


# --- helpers ------------------------------------------------------------------------------------


def _today() -> date:
    return timezone.localdate()


def safe_text(value: str | None, field: str, *, multiline: bool = False, errors: dict | None = None) -> str:
    """NFC-clean text and refuse markup: a citizen's letter never needs HTML, and a tag is an attack."""
    text = clean_text(value, multiline=multiline)
    if _TAG.search(text):
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


# --- deadlines ----------------------------------------------------------------------------------


def _engine_kind(kind: str) -> str:
    return {Kind.COMPLAINT_FIRST: "complaint", Kind.COMPLAINT_SECOND: "complaint-2",
            Kind.DENUNCIATION: "denunciation"}.get(kind, "petition")


def _entry(milestone: str, due: Any) -> dict[str, Any]:
    return {"milestone": milestone, "due": due.due.isoformat(), "rule": due.rule, "explanation": due.explanation}


def recompute_deadlines(petition: Petition) -> None:
    """Compute every legal milestone of the case from its dates and flags, and store them.

    Pre-acceptance: accept (complaints), triage (denunciations, other petitions). After
    acceptance: resolve (complaints, denunciations by the engine; recommendations and feedback
    by the field's own period, there being no general statutory one). After resolution: send the
    decision (complaints) or notify the conclusion (denunciations).
    """
    kind = _engine_kind(petition.kind)
    opts = dict(received=petition.received_on, complex=petition.is_complex,
                very_complex=petition.is_very_complex, remote=petition.is_remote,
                several_places=petition.several_places)
    entries: list[dict[str, Any]] = []
    petition.triage_due = petition.resolve_due = petition.notify_due = None
    petition.triage_rule = petition.resolve_rule = petition.notify_rule = ""

    pre = "accept" if petition.kind in COMPLAINT_KINDS else "triage"
    due = compute_due(kind, pre, petition.received_on, received=petition.received_on,
                      several_places=petition.several_places)
    petition.triage_due, petition.triage_rule = due.due, due.rule
    entries.append(_entry(pre, due))

    start = petition.accepted_on
    if start is not None:
        if petition.kind in (Kind.RECOMMENDATION, Kind.FEEDBACK):
            start = petition.reopened_on or start
            days = petition.field.resolve_days
            resolve = current_calendar().add_workdays(start, days)
            petition.resolve_due, petition.resolve_rule = resolve, f"FIELD-{petition.field.code}"[:40]
            entries.append({
                "milestone": "resolve", "due": resolve.isoformat(), "rule": petition.resolve_rule,
                "explanation": _("Hạn trả lời: %(due)s — %(days)s ngày làm việc kể từ ngày thụ lý %(start)s, "
                                 "thời hạn đơn vị đặt cho lĩnh vực “%(field)s” (kiến nghị, phản ánh không có "
                                 "thời hạn giải quyết chung theo luật; Luật Tiếp công dân 2013 Điều 28 áp dụng "
                                 "cho việc trả lời tiếp nhận).")
                % {"due": format_date(resolve), "days": days, "start": format_date(start),
                   "field": petition.field.name}})
        else:
            due = compute_due(kind, "resolve", start, extensions=petition.extensions, **opts)
            petition.resolve_due, petition.resolve_rule = due.due, due.rule
            entries.append(_entry("resolve", due))
            if petition.kind == Kind.DENUNCIATION and petition.resolved_on is None:
                due = compute_due(kind, "notify", start, received=petition.received_on)
                petition.notify_due, petition.notify_rule = due.due, due.rule
                entries.append(_entry("notify", due))
    if petition.resolved_on is not None and petition.kind != Kind.RECOMMENDATION and \
            petition.kind != Kind.FEEDBACK:
        milestone = "conclude" if petition.kind == Kind.DENUNCIATION else "send"
        due = compute_due(kind, milestone, petition.resolved_on, received=petition.received_on)
        petition.notify_due, petition.notify_rule = due.due, due.rule
        entries.append(_entry(milestone, due))

    status = petition.status
    if status in (Status.RECEIVED, Status.TRIAGED):
        petition.next_due = petition.triage_due
    elif status in (Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE):
        petition.next_due = petition.resolve_due
    elif status in (Status.RESOLVED, Status.CONCLUDED):
        petition.next_due = petition.notify_due
    else:
        petition.next_due = None  # suspended (time stops), finished, forwarded…
    petition.deadlines = entries


def _save(petition: Petition, actor: Staff | None, reason: str) -> Petition:
    recompute_deadlines(petition)
    petition.refresh_search_key()
    petition.version += 1
    _history(petition, actor, reason)
    petition.save()
    return petition


def _lock(petition: Petition) -> Petition:
    return Petition.objects.select_for_update().select_related("field", "handling_unit", "unit").get(pk=petition.pk)


# --- intake -------------------------------------------------------------------------------------


def _representative_limit(signers: int) -> int:
    """Law on Citizen Reception art. 29: 5–10 people choose 1–2 representatives; more than 10, up to 5."""
    if signers < 5:
        return signers
    return 2 if signers <= 10 else 5


@transaction.atomic
def submit_petition(
    *, actor: Staff | None, kind: str, field: Field, unit: Unit, channel: str, received_on: date | None,
    subject: str, content: str, requested_outcome: str = "", location: str = "",
    petitioners: list[dict[str, str]] | None = None, is_signed: bool = False, is_anonymous: bool = False,
    is_collective: bool = False, signers_count: int = 1, representatives_count: int = 0,
    is_complex: bool = False, is_very_complex: bool = False, is_remote: bool = False,
    several_places: bool = False, forwarded_by: str = "", forwarding_document: str = "",
    handling_unit: Unit | None = None, assigned_to: Staff | None = None,
    files: list[UploadedFile] | None = None, public_files: bool = False,
) -> Submitted:
    """Record a petition from any channel; the public form (``actor=None``) uses it too.

    Returns the case with its tracking code and the secret, which is never stored in clear.
    """
    handling_unit = handling_unit or unit
    if actor is not None:
        policy.require(actor, "petition.create", handling_unit)
    errors: dict[str, Any] = {}
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
        _history(person, actor)
        person.save()
    saved: list[Attachment] = []
    try:
        _store_attachments(petition, checked, actor, purpose=Attachment.Purpose.SUBMISSION,
                           is_public=public_files, confidential=kind == Kind.DENUNCIATION, saved=saved)
        suggest_links(petition)
    except Exception:
        _cleanup(saved)
        raise
    return Submitted(petition=petition, code=petition.code, secret=secret)


def suggest_links(petition: Petition) -> list[PetitionLink]:
    """Suggest earlier cases: the same normalised content, or the same petitioner in the same field.

    Identity is never used to link a denunciation (a link would tell the other case's readers who
    denounced); the officer confirms or dismisses each suggestion.
    """
    earlier = Petition.objects.exclude(pk=petition.pk).filter(received_on__lte=petition.received_on)
    same_content = set(earlier.filter(content_key=petition.content_key).values_list("pk", flat=True)[:20])
    same_person: set[int] = set()
    if petition.kind != Kind.DENUNCIATION:
        keys = list(petition.identities.values_list("identity_key", flat=True))
        if keys:
            same_person = set(
                earlier.exclude(kind=Kind.DENUNCIATION)
                .filter(identities__identity_key__in=keys, field_id=petition.field_id)
                .values_list("pk", flat=True)[:20])
    links = []
    for pk in sorted(same_content | same_person):
        if pk in same_content and pk in same_person:
            relation = PetitionLink.Relation.DUPLICATE
        elif pk in same_person:
            relation = PetitionLink.Relation.EARLIER
        else:
            relation = PetitionLink.Relation.SIMILAR
        link = PetitionLink(petition=petition, earlier_id=pk, relation=relation)
        _history(link, None, _("Gợi ý đơn trùng"))
        link.save()
        links.append(link)
    return links


@transaction.atomic
def decide_link(*, actor: Staff, link: PetitionLink, confirm: bool) -> PetitionLink:
    policy.require(actor, "petition.handle", link.petition)
    link.confirmed, link.dismissed, link.decided_by = confirm, not confirm, actor
    _history(link, actor, _("Xác nhận đơn trùng") if confirm else _("Bỏ gợi ý đơn trùng"))
    link.save()
    return link


@transaction.atomic
def add_attachment(*, actor: Staff, petition: Petition, upload: UploadedFile, purpose: str = "working",
                   is_public: bool = False) -> Attachment:
    policy.require(actor, "petition.handle", petition)
    mime = check_upload(upload)
    if purpose not in Attachment.Purpose.values:
        raise ValidationError(_("Loại tài liệu không hợp lệ."))
    saved: list[Attachment] = []
    try:
        _store_attachments(petition, [(upload, mime)], actor, purpose=purpose, is_public=is_public,
                           confidential=petition.kind == Kind.DENUNCIATION and purpose == "submission", saved=saved)
    except Exception:
        _cleanup(saved)
        raise
    return saved[0]


@transaction.atomic
def add_note(*, actor: Staff, petition: Petition, text: str, is_public: bool = False) -> Note:
    policy.require(actor, "petition.handle", petition)
    text = safe_text(text, "text", multiline=True)
    if not text:
        raise ValidationError({"text": _("Hãy nhập nội dung ghi chú.")})
    note = Note(petition=petition, author=actor, text=text, is_public=is_public)
    _history(note, actor, _("Thêm ghi chú"))
    note.save()
    return note


@transaction.atomic
def assign(*, actor: Staff, petition: Petition, officer: Staff | None, verifier: Staff | None = None,
           version: int | None = None) -> Petition:
    petition = _lock(petition)
    policy.require(actor, "petition.assign", petition)
    _check_version(petition, version)
    for person in (officer, verifier):
        if person is not None and not policy.in_scope(person, petition.handling_unit) and \
                not policy.is_administrator(actor):
            raise ValidationError(_("Cán bộ được giao phải thuộc đơn vị xử lý đơn."))
    if officer is not None and verifier is not None and officer.pk == verifier.pk:
        raise ValidationError(_("Cán bộ xác minh phải khác cán bộ xử lý."))
    petition.assigned_to = officer
    if verifier is not None:
        petition.verifier = verifier
    return _save(petition, actor, _("Giao cán bộ xử lý"))


# --- triage and transitions ---------------------------------------------------------------------


def _refuse(petition: Petition, target: str) -> None:
    raise ValidationError(
        _("Không thể chuyển hồ sơ từ trạng thái “%(from)s” sang “%(to)s”.")
        % {"from": Status(petition.status).label, "to": Status(target).label})


def _check_move(petition: Petition, target: str) -> None:
    if target not in TRANSITIONS.get(petition.status, set()):
        _refuse(petition, target)


TRIAGE_DECISIONS = ("accept", "forward", "guide", "archive")


@transaction.atomic
def triage(*, actor: Staff, petition: Petition, decision: str, reason: str = "", forwarded_to: str = "",
           note: str = "", on: date | None = None, version: int | None = None) -> Petition:
    """Xử lý đơn: accept (thụ lý), forward with a slip, guide the citizen, or archive with a legal reason."""
    petition = _lock(petition)
    policy.require(actor, "petition.handle", petition)
    _check_version(petition, version)
    on = on or _today()
    if on < petition.received_on:
        raise ValidationError(_("Ngày xử lý đơn không thể trước ngày nhận đơn."))
    if on > _today():
        raise ValidationError(_("Ngày xử lý đơn không thể sau ngày hôm nay."))
    note = safe_text(note, "note", multiline=True)
    forwarded_to = safe_text(forwarded_to, "forwarded_to")
    target = {"accept": Status.ACCEPTED, "forward": Status.FORWARDED, "guide": Status.GUIDED,
              "archive": Status.ARCHIVED}.get(decision)
    if target is None:
        raise ValidationError(_("Hãy chọn cách xử lý đơn: thụ lý, chuyển đơn, hướng dẫn hoặc lưu đơn."))
    _check_move(petition, target)
    if decision == "accept":
        if petition.kind in COMPLAINT_KINDS and not petition.is_signed:
            raise ValidationError(_("Không thể thụ lý đơn khiếu nại không có chữ ký hoặc điểm chỉ: hãy lưu đơn với "
                                    "lý do “không có chữ ký”."))
        if petition.kind == Kind.DENUNCIATION and petition.is_anonymous:
            raise ValidationError(_("Tố cáo nặc danh không được thụ lý giải quyết như tố cáo (Điều 25 Luật Tố cáo "
                                    "2018): hãy lưu đơn; nếu nội dung cụ thể có thể chuyển thanh tra, kiểm tra."))
        petition.accepted_on = on
        if petition.assigned_to_id is None and actor.unit_id == petition.handling_unit_id:
            petition.assigned_to = actor
    elif decision in ("forward", "guide"):
        if not forwarded_to:
            raise ValidationError({"forwarded_to": _("Hãy ghi cơ quan có thẩm quyền mà đơn được chuyển đến, "
                                                     "hoặc nơi hướng dẫn công dân đến.")})
        petition.forwarded_to = forwarded_to
    else:
        if reason not in TriageReason.values:
            raise ValidationError({"reason": _("Hãy chọn lý do lưu đơn theo quy định của pháp luật.")})
        petition.triage_reason = reason
    petition.triage_note = note
    petition.triaged_on = on
    petition.status = target
    if target != Status.ACCEPTED:
        petition.closed_on = on
    labels = {"accept": _("Thụ lý đơn"), "forward": _("Chuyển đơn"), "guide": _("Hướng dẫn công dân"),
              "archive": _("Lưu đơn")}
    return _save(petition, actor, labels[decision])


@transaction.atomic
def transition(*, actor: Staff, petition: Petition, to: str, note: str = "", version: int | None = None) -> Petition:
    """The simple moves: triaged, verifying, dialogue, suspend, resume, notified, withdrawn."""
    petition = _lock(petition)
    policy.require(actor, "petition.handle", petition)
    _check_version(petition, version)
    if to == "resume":
        if petition.status != Status.SUSPENDED:
            raise ValidationError(_("Chỉ tiếp tục được hồ sơ đang tạm đình chỉ."))
        to = petition.suspended_from or Status.ACCEPTED
    elif to in _SPECIAL or to not in Status.values:
        raise ValidationError(_("Thao tác này cần dùng chức năng riêng (thụ lý, giải quyết, kết thúc…)."))
    _check_move(petition, to)
    if to == Status.SUSPENDED:
        petition.suspended_from = petition.status
    if to == Status.NOTIFIED and not petition.answer:
        raise ValidationError(_("Chưa có nội dung trả lời, kết luận để thông báo cho công dân."))
    if to == Status.WITHDRAWN:
        petition.closed_on = _today()
    note_text = safe_text(note, "note", multiline=True)
    petition.status = to
    _save(petition, actor, Status(to).label)
    if note_text:
        add_note(actor=actor, petition=petition, text=note_text)
    return petition


@transaction.atomic
def extend(*, actor: Staff, petition: Petition, reason: str, version: int | None = None) -> Petition:
    """One more extension of the resolution period, by written decision; the legal limit is the engine's."""
    petition = _lock(petition)
    policy.require(actor, "petition.handle", petition)
    _check_version(petition, version)
    reason = safe_text(reason, "reason", multiline=True)
    if not reason:
        raise ValidationError({"reason": _("Gia hạn phải có lý do bằng văn bản (số, ngày quyết định gia hạn).")})
    if petition.status not in (Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE) or petition.accepted_on is None:
        raise ValidationError(_("Chỉ gia hạn được hồ sơ đã thụ lý và đang giải quyết."))
    if petition.kind in (Kind.RECOMMENDATION, Kind.FEEDBACK):
        raise ValidationError(_("Kiến nghị, phản ánh không có chế định gia hạn theo luật: hãy trả lời công dân về "
                                "tiến độ bằng một ghi chú công khai."))
    try:
        compute_due(_engine_kind(petition.kind), "resolve", petition.accepted_on, received=petition.received_on,
                    complex=petition.is_complex, very_complex=petition.is_very_complex, remote=petition.is_remote,
                    several_places=petition.several_places, extensions=petition.extensions + 1)
    except DeadlineError as exc:
        raise ValidationError(str(exc)) from exc
    petition.extensions += 1
    _save(petition, actor, _("Gia hạn giải quyết lần %(n)s") % {"n": petition.extensions})
    add_note(actor=actor, petition=petition, text=_("Gia hạn lần %(n)s: %(reason)s") % {
        "n": petition.extensions, "reason": reason})
    return petition


@transaction.atomic
def resolve(*, actor: Staff, petition: Petition, answer: str, outcome: str, on: date | None = None,
            version: int | None = None) -> Petition:
    """Record the resolution (decision, conclusion or answer) and the text the citizen will read."""
    petition = _lock(petition)
    policy.require(actor, "petition.handle", petition)
    _check_version(petition, version)
    target = Status.CONCLUDED if petition.kind == Kind.DENUNCIATION else Status.RESOLVED
    _check_move(petition, target)
    answer = safe_text(answer, "answer", multiline=True)
    errors = {}
    if not answer:
        errors["answer"] = _("Hãy nhập nội dung trả lời, kết quả giải quyết gửi công dân.")
    if outcome not in Outcome.values:
        errors["outcome"] = _("Hãy chọn kết quả giải quyết.")
    on = on or _today()
    if on > _today() or (petition.accepted_on and on < petition.accepted_on):
        errors["on"] = _("Ngày giải quyết phải từ ngày thụ lý đến hôm nay.")
    if errors:
        raise ValidationError(errors)
    petition.answer, petition.outcome, petition.resolved_on = answer, outcome, on
    petition.status = target
    return _save(petition, actor, Status(target).label)


@transaction.atomic
def close(*, actor: Staff, petition: Petition, answer: str = "", outcome: str = "",
          evidence: UploadedFile | None = None, on: date | None = None, version: int | None = None) -> Petition:
    """Close the case. An answer text is required and, where the field demands it, evidence.

    From an open, accepted case this resolves and closes in one step (the usual path for feedback).
    """
    petition = _lock(petition)
    policy.require(actor, "petition.handle", petition)
    _check_version(petition, version)
    answer = safe_text(answer, "answer", multiline=True) or petition.answer
    mime = check_upload(evidence) if evidence is not None else None
    errors: dict[str, str] = {}
    if not answer:
        errors["answer"] = _("Không thể kết thúc hồ sơ khi chưa có nội dung trả lời công dân.")
    has_evidence = mime is not None or petition.attachments.filter(purpose=Attachment.Purpose.EVIDENCE).exists()
    if petition.field.evidence_required and not has_evidence:
        errors["evidence"] = _("Lĩnh vực “%(field)s” yêu cầu minh chứng (ảnh chụp hoặc tài liệu) "
                               "khi kết thúc hồ sơ.") % {"field": petition.field.name}
    if petition.status in (Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE):
        if outcome not in Outcome.values:
            errors["outcome"] = _("Hãy chọn kết quả giải quyết.")
    elif petition.status not in (Status.RESOLVED, Status.CONCLUDED, Status.NOTIFIED):
        _refuse(petition, Status.CLOSED)
    if errors:
        raise ValidationError(errors)
    on = on or _today()
    if petition.resolved_on is None or petition.status in (Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE):
        petition.resolved_on = on
        petition.outcome = outcome
    petition.answer = answer
    petition.status = Status.CLOSED
    petition.closed_on = on
    _save(petition, actor, _("Kết thúc hồ sơ"))
    if mime is not None:
        saved: list[Attachment] = []
        try:
            _store_attachments(petition, [(evidence, mime)], actor, purpose=Attachment.Purpose.EVIDENCE,
                               is_public=petition.kind != Kind.DENUNCIATION, confidential=False, saved=saved)
        except Exception:
            _cleanup(saved)
            raise
    return petition


@transaction.atomic
def appeal(*, actor: Staff, petition: Petition, received_on: date | None = None, handling_unit: Unit | None = None,
           content: str = "") -> Petition:
    """A second-round complaint against the first decision: a new case linked to the first."""
    petition = _lock(petition)
    policy.require(actor, "petition.handle", petition)
    if petition.kind != Kind.COMPLAINT_FIRST:
        raise ValidationError(_("Chỉ khiếu nại lần đầu mới có thể khiếu nại lần hai."))
    _check_move(petition, Status.APPEALED)
    received_on = received_on or _today()
    unit = handling_unit or petition.handling_unit.parent or petition.handling_unit
    people = [dict(full_name=p.full_name, address=p.address, id_number=p.id_number, phone=p.phone,
                   email=p.email, is_representative=p.is_representative) for p in petition.identities.all()]
    second = submit_petition(
        actor=None, kind=Kind.COMPLAINT_SECOND, field=petition.field, unit=petition.unit, handling_unit=unit,
        channel=Channel.FORWARDED if unit != petition.handling_unit else petition.channel,
        forwarding_document=_("Khiếu nại lần hai đối với hồ sơ %(code)s") % {"code": petition.code},
        received_on=received_on, subject=petition.subject, content=content or petition.content,
        requested_outcome=petition.requested_outcome, petitioners=people, is_signed=True,
        is_collective=petition.is_collective, signers_count=petition.signers_count,
        representatives_count=petition.representatives_count, is_remote=petition.is_remote).petition
    second.previous = petition
    second.save(update_fields=["previous"])
    PetitionLink.objects.get_or_create(petition=second, earlier=petition, defaults={
        "relation": PetitionLink.Relation.SECOND_ROUND, "confirmed": True, "decided_by": actor})
    petition.status = Status.APPEALED
    _save(petition, actor, _("Công dân khiếu nại lần hai"))
    return second


# --- confidentiality ----------------------------------------------------------------------------


def identities_for(*, actor: Staff, petition: Petition, context: str) -> list[PetitionerIdentity]:
    """The petitioners, if ``actor`` may see them; each view of a denouncer is logged.

    This is the only door to a petitioner's identity for officers: pages and exports call it.
    """
    if not policy.can(actor, "petition.identity", petition):
        return []
    people = list(petition.identities.all())
    if petition.kind == Kind.DENUNCIATION and people:
        IdentityAccessLog.objects.create(petition=petition, staff=actor, context=context[:100])
    return people


# --- the citizen's side -------------------------------------------------------------------------


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


# --- fields -------------------------------------------------------------------------------------


@transaction.atomic
def save_field(*, actor: Staff | None, field: Field | None = None, **values: Any) -> Field:
    if actor is not None:
        policy.require(actor, "petition.field.change")
    field = field or Field()
    for key in ("code", "name"):
        if key in values:
            values[key] = clean_text(values[key])
    for key, value in values.items():
        setattr(field, key, value)
    field.full_clean()
    _history(field, actor, _("Sửa lĩnh vực"))
    field.save()
    return field


def open_statuses() -> tuple[str, ...]:
    return tuple(OPEN_STATUSES)
