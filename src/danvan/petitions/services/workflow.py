"""Triage and the state machine: accept, forward, guide, archive, the simple moves, extension, closing, appeal."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.deadlines import DeadlineError
from danvan.legal.selectors import compute_due
from danvan.org import policy
from danvan.org.models import Staff, Unit
from danvan.petitions import hooks
from danvan.petitions.models import (
    COMPLAINT_KINDS,
    Attachment,
    Channel,
    Kind,
    Outcome,
    Petition,
    PetitionLink,
    Status,
    TriageReason,
)
from danvan.petitions.services._base import (
    _check_version,
    _cleanup,
    _lock,
    _save,
    _store_attachments,
    _today,
    check_upload,
    safe_text,
)
from danvan.petitions.services.deadlines import _engine_kind
from danvan.petitions.services.handling import add_note
from danvan.petitions.services.intake import PetitionerInput, submit_petition

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
    petition = _save(petition, actor, labels[decision])
    # Apps above petitions follow the officer's decision (the triage assistant records it).
    hooks.triaged(actor=actor, petition=petition, decision=decision)
    return petition


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
    people = [PetitionerInput(full_name=p.full_name, address=p.address, id_number=p.id_number, phone=p.phone,
                              email=p.email, is_representative=p.is_representative)
              for p in petition.identities.all()]
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


