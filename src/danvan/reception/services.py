"""Writes for reception and dialogues: one function per use case, each atomic and audited.

Each checks the policy when an ``actor`` is given (``None`` is the system: demo, import),
cleans text (NFC, tags stripped: what officers paste from Word or the web must never become
markup on a page), validates with Vietnamese messages that name the field, stores the legal
deadline computed by the deadline engine, and refuses a stale edit (``version``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from danvan.core.vntext import clean_text, fold, format_date
from danvan.legal.selectors import compute_due
from danvan.org import clock, policy
from danvan.org.audit import StaleEditError  # noqa: F401  (raised by services, caught by callers)
from danvan.org.audit import check_version as _check_version
from danvan.org.audit import record_change as _history
from danvan.org.models import Staff, Unit
from danvan.petitions import services as petition_services
from danvan.petitions.models import Channel, Field
from danvan.petitions.models import Kind as PetitionKind
from danvan.reception.models import (
    COLLECTIVE_THRESHOLD,
    Commitment,
    CommitmentStatus,
    Dialogue,
    DialogueIssue,
    DialogueKind,
    EntryIdentityView,
    EntryKind,
    ReceptionEntry,
    ReceptionSession,
    SessionKind,
    SessionStatus,
    max_representatives,
)

SESSION_FIELDS = ("unit", "leader", "date", "place", "kind", "status", "posted_on", "notes")
ENTRY_FIELDS = ("received_on", "citizen_name", "citizen_address", "id_number", "summary", "kind", "people_count",
                "representatives", "handled_before", "within_competence", "guided_to", "guide_document",
                "forwarded_to", "forward_document", "result", "notes", "replied_on")
DIALOGUE_FIELDS = ("unit", "kind", "topic", "held_on", "place", "chaired_by", "participants_count", "participants",
                   "minutes")
MULTILINE = {"summary", "representatives", "result", "notes", "participants", "minutes", "raised", "answer", "text",
             "done_note"}
_ID_NUMBER = re.compile(r"^\d{9}(\d{3})?$")
# The kinds of case a reception line may become (a complaint met at reception may be a second round).
PETITION_KINDS: dict[str, tuple[str, ...]] = {
    EntryKind.COMPLAINT: (PetitionKind.COMPLAINT_FIRST, PetitionKind.COMPLAINT_SECOND),
    EntryKind.DENUNCIATION: (PetitionKind.DENUNCIATION,),
    EntryKind.RECOMMENDATION: (PetitionKind.RECOMMENDATION,),
    EntryKind.FEEDBACK: (PetitionKind.FEEDBACK,),
}
SUBJECT_LENGTH = 200
_Edited = TypeVar("_Edited", ReceptionSession, ReceptionEntry, Dialogue)
_Checked = TypeVar("_Checked")


def today() -> date:
    """Today, in one place so tests can move the clock."""
    return clock.today()


def _text(value: Any, multiline: bool = False) -> str:
    """NFC, invisible characters gone, and no HTML: tags are removed, what remains is escaped on output."""
    if value is None:
        return ""
    return clean_text(strip_tags(str(value)), multiline=multiline)


def _clean(values: dict[str, Any]) -> dict[str, Any]:
    for key, value in values.items():
        if isinstance(value, str):
            values[key] = _text(value, multiline=key in MULTILINE)
    return values


def _update(queryset: QuerySet[_Edited], obj: _Edited, *, actor: Staff | None, permission: str,
            version: int | None, changes: dict[str, Any], fields: tuple[str, ...], reason: str,
            check: Callable[[_Edited], _Checked]) -> tuple[_Edited, _Checked]:
    """The one edit of sessions, book lines and dialogues.

    Lock the row; the actor may change the record where it is, the form was filled from the current
    version, only known fields change (cleaned like every text danvan stores), and the actor may
    still change it where it now is (a changed unit). ``check`` validates the result and derives
    what is stored from it (deadlines, search key); what it returns (warnings) goes back to the
    caller. Then the version moves on and the change is saved with its history.
    """
    obj = queryset.select_for_update().get(pk=obj.pk)
    if actor is not None:
        policy.require(actor, permission, obj.unit)
    _check_version(obj, version)
    unknown = set(changes) - set(fields)
    if unknown:
        raise ValueError(f"Unknown fields of {type(obj).__name__}: {sorted(unknown)}")
    for key, value in _clean(changes).items():
        setattr(obj, key, value)
    if actor is not None:
        policy.require(actor, permission, obj.unit)
    outcome = check(obj)
    obj.version += 1
    _history(obj, actor, reason)
    obj.save()
    return obj, outcome


def _not_future(errors: dict[str, str], field: str, value: date | None, what: str) -> None:
    if value is not None and value > today():
        errors[field] = _("%(what)s (%(d)s) chưa đến: không thể ghi nhận việc chưa diễn ra.") % {
            "what": what, "d": format_date(value)}


# --- sessions ---------------------------------------------------------------------------------


def _validate_session(session: ReceptionSession) -> list[str]:
    """Raise on errors; return warnings (late posting) the page shows without refusing."""
    errors: dict[str, str] = {}
    if session.date is None:
        errors["date"] = _("Hãy nhập ngày tiếp công dân.")
    if session.kind not in SessionKind.values:
        errors["kind"] = _("Hình thức tiếp không hợp lệ.")
    if session.status not in SessionStatus.values:
        errors["status"] = _("Tình trạng không hợp lệ.")
    if session.date and session.status == SessionStatus.HELD:
        _not_future(errors, "date", session.date, _("Ngày tiếp"))
    _not_future(errors, "posted_on", session.posted_on, _("Ngày niêm yết"))
    if session.leader_id and session.unit_id and session.leader.unit_id:
        leader_unit = session.leader.unit
        if not (leader_unit.is_within(session.unit) or session.unit.is_within(leader_unit.committee() or leader_unit)):
            errors["leader"] = _("Người tiếp phải là lãnh đạo của đơn vị (hoặc của ủy ban cấp trên).")
    if errors:
        raise ValidationError(errors)
    warnings = []
    if session.date:
        session.post_due = compute_due("reception", "post", session.date).due
        if session.kind == SessionKind.REGULAR and session.posted_on and session.posted_on > session.post_due:
            warnings.append(_("Lịch tiếp niêm yết ngày %(p)s, muộn hơn hạn %(d)s (5 ngày làm việc trước ngày tiếp, "
                              "khoản 4 Điều 24 Luật Tiếp công dân).") % {
                "p": format_date(session.posted_on), "d": format_date(session.post_due)})
    if session.unit_id and session.date and not session.unit.is_active_on(session.date):
        warnings.append(_("Đơn vị “%(u)s” không còn hiệu lực vào ngày %(d)s.") % {
            "u": session.unit.name, "d": format_date(session.date)})
    return warnings


@transaction.atomic
def create_session(*, actor: Staff | None, unit: Unit, date: date, leader: Staff | None = None, place: str = "",
                   kind: str = SessionKind.REGULAR, status: str = SessionStatus.PLANNED,
                   posted_on: date | None = None, notes: str = "") -> tuple[ReceptionSession, list[str]]:
    if actor is not None:
        policy.require(actor, "reception.change", unit)
    session = ReceptionSession(unit=unit, leader=leader, date=date, kind=kind, status=status, posted_on=posted_on,
                               **_clean({"place": place, "notes": notes}))
    warnings = _validate_session(session)
    _history(session, actor, _("Lập lịch tiếp công dân") if status == SessionStatus.PLANNED
             else _("Ghi nhận buổi tiếp công dân"))
    session.save()
    return session, warnings


@transaction.atomic
def update_session(*, actor: Staff | None, session: ReceptionSession, version: int | None = None,
                   **changes: Any) -> tuple[ReceptionSession, list[str]]:
    return _update(ReceptionSession.objects.all(), session, actor=actor, permission="reception.change",
                   version=version, changes=changes, fields=SESSION_FIELDS, check=_validate_session,
                   reason=_("Sửa buổi tiếp công dân"))


# --- the reception book -------------------------------------------------------------------------


def _validate_entry(entry: ReceptionEntry) -> None:
    errors: dict[str, str] = {}
    if entry.received_on is None:
        errors["received_on"] = _("Hãy nhập ngày tiếp.")
    else:
        _not_future(errors, "received_on", entry.received_on, _("Ngày tiếp"))
    if not entry.citizen_name:
        errors["citizen_name"] = _("Hãy nhập họ tên người đến.")
    if not entry.summary:
        errors["summary"] = _("Hãy ghi tóm tắt nội dung vụ việc.")
    if entry.kind not in EntryKind.values:
        errors["kind"] = _("Hãy chọn phân loại: khiếu nại, tố cáo, kiến nghị hoặc phản ánh.")
    if entry.people_count is None or entry.people_count < 1:
        errors["people_count"] = _("Số người phải từ 1 trở lên.")
    if entry.id_number and not _ID_NUMBER.match(entry.id_number):
        errors["id_number"] = _("Số CCCD gồm 12 chữ số (CMND cũ 9 chữ số).")
    if entry.people_count and entry.people_count >= COLLECTIVE_THRESHOLD:
        reps = [line for line in entry.representatives.splitlines() if line.strip()]
        limit = max_representatives(entry.people_count)
        if not reps:
            errors["representatives"] = _(
                "Đoàn %(n)s người: hãy ghi người đại diện (Điều 29 Luật Tiếp công dân).") % {"n": entry.people_count}
        elif len(reps) > limit:
            errors["representatives"] = _(
                "Đoàn %(n)s người cử không quá %(k)s người đại diện (Điều 29 Luật Tiếp công dân).") % {
                "n": entry.people_count, "k": limit}
    if entry.replied_on and entry.received_on and entry.replied_on < entry.received_on:
        errors["replied_on"] = _("Ngày trả lời không thể trước ngày tiếp.")
    _not_future(errors, "replied_on", entry.replied_on, _("Ngày trả lời"))
    if entry.session_id and entry.session.unit_id != entry.unit_id:
        errors["session"] = _("Buổi tiếp thuộc đơn vị khác.")
    if errors:
        raise ValidationError(errors)


def _derive_entry(entry: ReceptionEntry) -> None:
    due = compute_due("reception", "reply", entry.received_on)
    entry.reply_due, entry.reply_rule = due.due, due.rule
    entry.refresh_derived()


def _check_entry(entry: ReceptionEntry) -> None:
    _validate_entry(entry)
    _derive_entry(entry)


@transaction.atomic
def record_entry(*, actor: Staff | None, unit: Unit | None = None, session: ReceptionSession | None = None,
                 **values: Any) -> ReceptionEntry:
    """Write a line in the reception book; the reply deadline (10 working days, art. 28(1)) is stored."""
    if session is not None:
        unit = session.unit
        values.setdefault("received_on", session.date)
    if unit is None:
        raise ValidationError({"unit": _("Hãy chọn đơn vị tiếp công dân.")})
    if actor is not None:
        policy.require(actor, "reception.change", unit)
    unknown = set(values) - set(ENTRY_FIELDS)
    if unknown:
        raise ValueError(f"Unknown entry fields: {sorted(unknown)}")
    entry = ReceptionEntry(unit=unit, session=session, created_by=actor, **_clean(values))
    _check_entry(entry)
    if session is not None and session.status == SessionStatus.PLANNED:
        # A line written in a planned session proves the session took place.
        session.status = SessionStatus.HELD
        session.version += 1
        _history(session, actor, _("Ghi nhận đã tiếp (có lượt tiếp trong sổ)"))
        session.save()
    _history(entry, actor, _("Ghi sổ tiếp công dân"))
    entry.save()
    return entry


@transaction.atomic
def update_entry(*, actor: Staff | None, entry: ReceptionEntry, version: int | None = None,
                 **changes: Any) -> ReceptionEntry:
    entry, _none = _update(ReceptionEntry.objects.select_related("unit"), entry, actor=actor,
                           permission="reception.change", version=version, changes=changes, fields=ENTRY_FIELDS,
                           check=_check_entry, reason=_("Sửa sổ tiếp công dân"))
    return entry


@transaction.atomic
def record_reply(*, actor: Staff | None, entry: ReceptionEntry, replied_on: date, result: str = "",
                 version: int | None = None) -> ReceptionEntry:
    """The citizen got their answer (accepted / needs time / refused / forwarded)."""
    changes: dict[str, Any] = {"replied_on": replied_on}
    if result:
        changes["result"] = result
    return update_entry(actor=actor, entry=entry, version=version, **changes)


# --- from the reception book to a case ----------------------------------------------------------


def petition_subject(summary: str) -> str:
    """A one-line subject for the case: the first line of the summary, cut at a word."""
    line = next((x.strip() for x in (summary or "").splitlines() if x.strip()), "")
    if len(line) <= SUBJECT_LENGTH:
        return line
    return line[:SUBJECT_LENGTH].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"


def _entry_petitioners(entry: ReceptionEntry) -> tuple[list[petition_services.PetitionerInput], int]:
    """The person who came, then (for a group) its representatives; and the number of representatives."""
    people: list[petition_services.PetitionerInput] = [{
        "full_name": entry.citizen_name, "address": entry.citizen_address, "id_number": entry.id_number,
        "is_representative": True}]
    if not entry.is_collective:
        return people, 0
    representatives = [line.strip() for line in entry.representatives.splitlines() if line.strip()]
    for name in representatives:
        if fold(name) != fold(entry.citizen_name):
            people.append({"full_name": name, "is_representative": True})
    return people, len(representatives)


@transaction.atomic
def create_petition(*, actor: Staff | None, entry: ReceptionEntry, field: Field, kind: str = "", subject: str = "",
                    is_signed: bool = False, requested_outcome: str = "", location: str = "",
                    version: int | None = None) -> petition_services.Submitted:
    """Open the case (đơn thư) of a reception line in one step, and link the line to it.

    The line's kind, summary, people, citizen, date and unit go to the petitions' intake
    (channel: in person), which validates the law (a complaint must be signed and say who and
    where the complainant is…) and keeps a denouncer's identity in its separate record. One
    transaction: if the case is refused, nothing is written; a line gets at most one case.
    """
    entry = ReceptionEntry.objects.select_for_update(of=("self",)).select_related("unit", "session", "petition").get(
        pk=entry.pk)
    if actor is not None:
        policy.require(actor, "reception.create_petition", entry)
    if entry.petition_id is not None:
        raise ValidationError(_("Lượt tiếp này đã được tạo hồ sơ đơn thư %(code)s; mỗi lượt tiếp chỉ tạo một hồ sơ. "
                                "Hãy mở hồ sơ đó để tiếp tục xử lý.") % {"code": entry.petition.code})
    _check_version(entry, version)
    allowed = PETITION_KINDS.get(entry.kind, ())
    kind = kind or (allowed[0] if allowed else "")
    if kind not in allowed:
        raise ValidationError({"kind": _("Loại đơn không khớp với phân loại của lượt tiếp (%(kind)s).") % {
            "kind": entry.get_kind_display()}})
    if field is None:
        raise ValidationError({"field": _("Hãy chọn lĩnh vực của đơn thư.")})
    content = entry.summary
    if entry.handled_before:
        content += "\n" + _("Cơ quan đã giải quyết trước đó: %(body)s") % {"body": entry.handled_before}
    people, representatives = _entry_petitioners(entry)
    submitted = petition_services.submit_petition(
        actor=actor, kind=kind, field=field, unit=entry.unit, handling_unit=entry.unit, channel=Channel.IN_PERSON,
        received_on=entry.received_on, subject=subject or petition_subject(entry.summary), content=content,
        requested_outcome=requested_outcome, location=location, petitioners=people, is_signed=is_signed,
        is_collective=entry.is_collective, signers_count=entry.people_count, representatives_count=representatives)
    entry.petition = submitted.petition
    entry.version += 1
    _history(entry, actor, _("Tạo hồ sơ đơn thư %(code)s từ lượt tiếp") % {"code": submitted.code})
    entry.save()
    return submitted


def log_identity_views(*, actor: Staff, entries: Any, context: str) -> int:
    """Record that ``actor`` was shown the identity on these lines (denunciations only), in one INSERT.

    Callers pass the lines whose name, address or ID number the page actually displays.
    """
    rows = [EntryIdentityView(entry=e, staff=actor, context=context[:100]) for e in entries
            if e.kind == EntryKind.DENUNCIATION]
    if rows:
        EntryIdentityView.objects.bulk_create(rows)
    return len(rows)


# --- dialogues --------------------------------------------------------------------------------


def _validate_dialogue(dialogue: Dialogue) -> None:
    errors: dict[str, str] = {}
    if not dialogue.topic:
        errors["topic"] = _("Hãy nhập chủ đề hoặc vụ việc đối thoại.")
    if dialogue.kind not in DialogueKind.values:
        errors["kind"] = _("Loại đối thoại không hợp lệ.")
    if dialogue.held_on is None:
        errors["held_on"] = _("Hãy nhập ngày đối thoại.")
    if dialogue.participants_count is None or dialogue.participants_count < 0:
        errors["participants_count"] = _("Số người tham dự không hợp lệ.")
    if dialogue.kind == DialogueKind.CONFERENCE and dialogue.unit_id and dialogue.unit.level != "commune":
        errors["unit"] = _("Hội nghị đối thoại theo Điều 32 Luật Thực hiện dân chủ ở cơ sở do UBND cấp xã tổ chức.")
    if errors:
        raise ValidationError(errors)


def _check_dialogue(dialogue: Dialogue) -> None:
    _validate_dialogue(dialogue)
    dialogue.refresh_search_key()


@transaction.atomic
def create_dialogue(*, actor: Staff | None, unit: Unit, kind: str, topic: str, held_on: date,
                    chaired_by: Staff | None = None, place: str = "", participants_count: int = 0,
                    participants: str = "", minutes: str = "") -> Dialogue:
    if actor is not None:
        policy.require(actor, "dialogue.change", unit)
    dialogue = Dialogue(unit=unit, kind=kind, held_on=held_on, chaired_by=chaired_by,
                        participants_count=participants_count,
                        **_clean({"topic": topic, "place": place, "participants": participants, "minutes": minutes}))
    _check_dialogue(dialogue)
    _history(dialogue, actor, _("Ghi nhận cuộc đối thoại"))
    dialogue.save()
    return dialogue


@transaction.atomic
def update_dialogue(*, actor: Staff | None, dialogue: Dialogue, version: int | None = None,
                    **changes: Any) -> Dialogue:
    dialogue, _none = _update(Dialogue.objects.all(), dialogue, actor=actor, permission="dialogue.change",
                              version=version, changes=changes, fields=DIALOGUE_FIELDS, check=_check_dialogue,
                              reason=_("Sửa cuộc đối thoại"))
    return dialogue


@transaction.atomic
def add_issue(*, actor: Staff | None, dialogue: Dialogue, raised: str, answer: str = "",
              raised_by: str = "") -> DialogueIssue:
    if actor is not None:
        policy.require(actor, "dialogue.change", dialogue.unit)
    values = _clean({"raised": raised, "answer": answer, "raised_by": raised_by})
    if not values["raised"]:
        raise ValidationError({"raised": _("Hãy ghi ý kiến, kiến nghị được nêu.")})
    issue = DialogueIssue(dialogue=dialogue, **values)
    _history(issue, actor, _("Ghi ý kiến tại đối thoại"))
    issue.save()
    return issue


@transaction.atomic
def add_commitment(*, actor: Staff | None, dialogue: Dialogue, text: str, owner_unit: Unit,
                   due_on: date) -> Commitment:
    if actor is not None:
        policy.require(actor, "dialogue.change", dialogue.unit)
        if not policy.in_scope(actor, owner_unit) and not owner_unit.is_within(
                dialogue.unit.committee() or dialogue.unit):
            raise ValidationError({"owner_unit": _(
                "Đơn vị thực hiện phải thuộc phạm vi của đơn vị tổ chức đối thoại.")})
    text = _text(text, multiline=True)
    errors: dict[str, str] = {}
    if not text:
        errors["text"] = _("Hãy ghi nội dung cam kết.")
    if due_on is None:
        errors["due_on"] = _("Hãy nhập hạn thực hiện cam kết.")
    elif due_on < dialogue.held_on:
        errors["due_on"] = _("Hạn thực hiện không thể trước ngày đối thoại (%(d)s).") % {
            "d": format_date(dialogue.held_on)}
    if errors:
        raise ValidationError(errors)
    commitment = Commitment(dialogue=dialogue, text=text, owner_unit=owner_unit, due_on=due_on)
    _history(commitment, actor, _("Ghi cam kết tại đối thoại"))
    commitment.save()
    return commitment


@transaction.atomic
def complete_commitment(*, actor: Staff | None, commitment: Commitment, done_on: date, note: str = "",
                        version: int | None = None) -> Commitment:
    commitment = Commitment.objects.select_for_update().select_related("dialogue__unit", "owner_unit").get(
        pk=commitment.pk)
    if actor is not None:
        policy.require(actor, "commitment.complete", commitment)
    _check_version(commitment, version)
    errors: dict[str, str] = {}
    if done_on is None:
        errors["done_on"] = _("Hãy nhập ngày hoàn thành.")
    else:
        _not_future(errors, "done_on", done_on, _("Ngày hoàn thành"))
        if done_on < commitment.dialogue.held_on:
            errors["done_on"] = _("Ngày hoàn thành không thể trước ngày đối thoại.")
    if errors:
        raise ValidationError(errors)
    commitment.status = CommitmentStatus.DONE
    commitment.done_on = done_on
    commitment.done_note = _text(note, multiline=True)
    commitment.version += 1
    _history(commitment, actor, _("Báo cáo hoàn thành cam kết"))
    commitment.save()
    return commitment
