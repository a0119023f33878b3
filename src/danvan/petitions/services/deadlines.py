"""Legal milestones of a case: computed from its dates and flags on every change, stored and indexed."""

from __future__ import annotations

from typing import TypedDict

from django.utils.translation import gettext as _

from danvan.core.deadlines import DueDate
from danvan.core.vntext import format_date
from danvan.legal.selectors import compute_due, current_calendar
from danvan.petitions.models import (
    COMPLAINT_KINDS,
    Kind,
    Petition,
    Status,
)


def _engine_kind(kind: str) -> str:
    return {Kind.COMPLAINT_FIRST: "complaint", Kind.COMPLAINT_SECOND: "complaint-2",
            Kind.DENUNCIATION: "denunciation"}.get(kind, "petition")


class DeadlineEntry(TypedDict):
    """One stored milestone of a case (``Petition.deadlines`` is a JSON list of these)."""

    milestone: str
    due: str  # ISO date
    rule: str
    explanation: str


def _entry(milestone: str, due: DueDate) -> DeadlineEntry:
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
    entries: list[DeadlineEntry] = []
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

