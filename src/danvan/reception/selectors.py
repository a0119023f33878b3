"""Reads for reception and dialogues, shaped for pages, exports and other apps.

Every function takes the viewing user and returns only what the policy lets them see, with the
joins done up front so a page runs a fixed number of queries whatever the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.shortcuts import get_object_or_404

from danvan.core.vntext import fold
from danvan.legal.selectors import current_calendar
from danvan.org import clock, policy
from danvan.org.figure_query import FigureQuery
from danvan.org.models import Level, Unit, UnitKind
from danvan.reception import frequency
from danvan.reception.models import (
    Commitment,
    CommitmentStatus,
    Dialogue,
    DialogueKind,
    ReceptionEntry,
    ReceptionSession,
    SessionStatus,
)
from danvan.reception.permissions import identity_shown_q

# --- one record by its number, 404 when there is none (the page then asks the policy) -------------


def session_or_404(pk: int) -> ReceptionSession:
    return get_object_or_404(ReceptionSession.objects.select_related("unit"), pk=pk)


def entry_or_404(pk: int, *related: str) -> ReceptionEntry:
    """A book line with its unit and what else the page shows (``related``: paths to join)."""
    return get_object_or_404(ReceptionEntry.objects.select_related("unit", *related), pk=pk)


def dialogue_or_404(pk: int) -> Dialogue:
    return get_object_or_404(Dialogue.objects.select_related("unit"), pk=pk)


def commitment_or_404(pk: int) -> Commitment:
    return get_object_or_404(Commitment.objects.select_related("dialogue__unit", "owner_unit"), pk=pk)


def _period(qs: QuerySet, field: str, start: date | None, end: date | None) -> QuerySet:
    if start:
        qs = qs.filter(**{f"{field}__gte": start})
    if end:
        qs = qs.filter(**{f"{field}__lte": end})
    return qs


def _search(qs: QuerySet, query: str) -> QuerySet:
    for word in fold(query).split():
        qs = qs.filter(search_key__contains=word)
    return qs


def session_list(user: Any, *, unit: Unit | None = None, start: date | None = None, end: date | None = None,
                 status: str = "") -> QuerySet[ReceptionSession]:
    # The count of lines is a subquery of each shown row, not a grouped join: the paginator's
    # count and the page then read only the sessions.
    entries = (ReceptionEntry.objects.filter(session=OuterRef("pk")).order_by().values("session")
               .annotate(n=Count("pk")).values("n"))
    qs = ReceptionSession.objects.filter(policy.unit_q(user, "unit")).select_related("unit", "leader").annotate(
        entry_count=Coalesce(Subquery(entries), 0)).prefetch_related("unit__successors")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if status:
        qs = qs.filter(status=status)
    return _period(qs, "date", start, end).order_by("-date", "-pk")


def upcoming_schedule(user: Any, *, day: date | None = None) -> QuerySet[ReceptionSession]:
    """The published schedule: planned sessions from ``day`` on, soonest first."""
    day = day or clock.today()
    return (ReceptionSession.objects.filter(policy.unit_q(user, "unit"), status=SessionStatus.PLANNED, date__gte=day)
            .select_related("unit", "leader").order_by("date", "pk"))


def session_detail(pk: int) -> ReceptionSession:
    return ReceptionSession.objects.select_related("unit", "leader").prefetch_related(
        Prefetch("entries", queryset=ReceptionEntry.objects.select_related("unit", "petition").order_by("pk")),
    ).get(pk=pk)


def reception_book(user: Any, *, unit: Unit | None = None, start: date | None = None, end: date | None = None,
                   kind: str = "", query: str = "", overdue: bool = False,
                   collective: bool = False) -> QuerySet[ReceptionEntry]:
    """The reception book as the viewer may read it: filtered by unit subtree, period, kind, search.

    Search never matches the identity of a denouncer for someone who may not see it: the folded
    key holds the name, so denunciation lines of other units are searched on their summary only.
    """
    qs = ReceptionEntry.objects.filter(policy.unit_q(user, "unit")).select_related("unit", "session", "petition")
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if kind:
        qs = qs.filter(kind=kind)
    if overdue:
        qs = qs.filter(replied_on__isnull=True, reply_due__lt=clock.today())
    if collective:
        qs = qs.filter(is_collective=True)
    qs = _period(qs, "received_on", start, end)
    if query:
        # Lines whose citizen the viewer may not see (a denouncer) are searched on their content only.
        shown = identity_shown_q(user)
        for word in fold(query).split():
            qs = qs.filter(Q(content_key__contains=word) | (shown & Q(search_key__contains=word)))
    return qs.order_by("-received_on", "-pk")


# --- frequency of personal reception -----------------------------------------------------------


@dataclass
class FrequencyRow:
    unit: Unit
    rule: frequency.FrequencyRule | None
    result: frequency.FrequencyResult


def frequency_units(user: Any, *, unit: Unit | None = None) -> QuerySet[Unit]:
    """Units whose head owes personal reception days: committees and specialised agencies."""
    qs = policy.visible_units(user).filter(kind__in=[UnitKind.COMMITTEE, *frequency.AGENCY_KINDS])
    if unit is not None:
        qs = qs.filter(path__startswith=unit.path)
    return qs.order_by("path")


def held_days(unit_ids: list[int] | None, start: date, end: date, *, leader_id: int | None = None
              ) -> dict[int, set[date]]:
    """Distinct days on which a leader personally received citizens, per unit (one query)."""
    qs = ReceptionSession.objects.filter(status=SessionStatus.HELD, leader__isnull=False, date__gte=start,
                                         date__lte=end)
    if unit_ids is not None:
        qs = qs.filter(unit_id__in=unit_ids)
    if leader_id is not None:
        qs = qs.filter(leader_id=leader_id)
    days: dict[int, set[date]] = {}
    for unit_id, day in qs.values_list("unit_id", "date").distinct():
        days.setdefault(unit_id, set()).add(day)
    return days


def check_unit(unit: Unit, days: set[date], start: date, end: date, calendar=None) -> FrequencyRow:
    """The frequency check of one unit over [start, end], clipped to the unit's validity."""
    calendar = calendar or current_calendar()
    lo = max(start, unit.valid_from or start)
    hi = min(end, unit.valid_to or end)
    rows = [frequency.check(rule, days, lo, hi, calendar) for rule in frequency.rules_for(unit.level, unit.kind)]
    owed = [(rule, r) for rule, r in zip(frequency.rules_for(unit.level, unit.kind), rows, strict=True) if r.periods]
    if not owed:
        return FrequencyRow(unit, None, frequency.FrequencyResult(None))
    # Rules are rows with validity dates: over a long period a unit may owe under two of them.
    rule, merged = owed[0]
    for _rule, other in owed[1:]:
        merged.periods.extend(other.periods)
        merged.exempt.extend(other.exempt)
    return FrequencyRow(unit, rule, merged)


def frequency_report(user: Any, start: date, end: date, *, unit: Unit | None = None) -> list[FrequencyRow]:
    """Per unit in scope: days owed, days held, and the weeks or months missed (two queries)."""
    units = list(frequency_units(user, unit=unit))
    days = held_days([u.pk for u in units], start, end)
    calendar = current_calendar()
    rows = [check_unit(u, days.get(u.pk, set()), start, end, calendar) for u in units]
    return [r for r in rows if r.rule is not None and (r.result.periods or days.get(r.unit.pk))]


# --- dialogues ----------------------------------------------------------------------------------


def dialogue_list(user: Any, *, unit: Unit | None = None, kind: str = "", start: date | None = None,
                  end: date | None = None, query: str = "") -> QuerySet[Dialogue]:
    today = clock.today()
    qs = Dialogue.objects.filter(policy.unit_q(user, "unit")).select_related("unit", "chaired_by").annotate(
        issue_count=Count("issues", distinct=True),
        commitment_count=Count("commitments", distinct=True),
        commitments_open=Count("commitments", filter=Q(commitments__status=CommitmentStatus.OPEN), distinct=True),
        commitments_overdue=Count("commitments", filter=Q(commitments__status=CommitmentStatus.OPEN,
                                                          commitments__due_on__lt=today), distinct=True),
    )
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if kind:
        qs = qs.filter(kind=kind)
    if query:
        qs = _search(qs, query)
    return _period(qs, "held_on", start, end).order_by("-held_on", "-pk")


def dialogue_detail(pk: int) -> Dialogue:
    return Dialogue.objects.select_related("unit", "chaired_by").prefetch_related(
        "issues", Prefetch("commitments", queryset=Commitment.objects.select_related("owner_unit"))).get(pk=pk)


def commitment_list(user: Any, *, overdue: bool = False, open_only: bool = False) -> QuerySet[Commitment]:
    """Commitments the viewer follows: those of dialogues in scope or owned by a unit in scope."""
    qs = Commitment.objects.filter(policy.unit_q(user, "dialogue__unit") | policy.unit_q(user, "owner_unit"))
    if open_only or overdue:
        qs = qs.filter(status=CommitmentStatus.OPEN)
    if overdue:
        qs = qs.filter(due_on__lt=clock.today())
    return qs.select_related("dialogue__unit", "owner_unit").order_by("due_on", "pk")


def _active_between(start: date, end: date) -> Q:
    return (Q(valid_from__isnull=True) | Q(valid_from__lte=end)) & (Q(valid_to__isnull=True) | Q(valid_to__gte=start))


def communes_without_conference(user: Any, year: int) -> QuerySet[Unit]:
    """Commune-level committees in scope, active in ``year``, that held no dialogue conference that year
    (Law 10/2022/QH15 art. 32: at least one per year). One query."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    held = Dialogue.objects.filter(unit=OuterRef("pk"), kind=DialogueKind.CONFERENCE, held_on__gte=start,
                                   held_on__lte=end)
    return (policy.visible_units(user).filter(kind=UnitKind.COMMITTEE, level=Level.COMMUNE)
            .filter(_active_between(start, end))
            .annotate(held=Exists(held)).filter(held=False).select_related("parent").order_by("path"))


def communes_conference_status(user: Any, year: int) -> QuerySet[Unit]:
    """Every commune in scope active in ``year`` with its number of dialogue conferences."""
    start, end = date(year, 1, 1), date(year, 12, 31)
    return (policy.visible_units(user).filter(kind=UnitKind.COMMITTEE, level=Level.COMMUNE)
            .filter(_active_between(start, end))
            .annotate(conferences=Count("dialogues", filter=Q(dialogues__kind=DialogueKind.CONFERENCE,
                                                              dialogues__held_on__gte=start,
                                                              dialogues__held_on__lte=end)))
            .select_related("parent").order_by("path"))


def commitment_states(start: date, end: date, cutoff: date) -> dict[str, Q]:
    """The three commitment figures as conditions on commitments made at dialogues held by ``end``:
    made in the period, done in the period, overdue on ``cutoff``. The list behind each dashboard
    figure filters with the same condition, so its count is the figure."""
    return {
        "made": Q(dialogue__held_on__gte=start),
        "done": Q(status=CommitmentStatus.DONE, done_on__gte=start, done_on__lte=end),
        "overdue": Q(due_on__lt=cutoff) & (Q(done_on__isnull=True) | Q(done_on__gt=cutoff)),
    }


#: The three commitment figures of the dashboard, in the order its table shows them.
COMMITMENT_FIGURES = ("made", "done", "overdue")


def figure_commitments(user: Any, query: FigureQuery, state: str) -> QuerySet[Commitment]:
    """The commitments behind a dashboard figure (``state`` one of COMMITMENT_FIGURES): the condition the
    reception figures count with, by owner unit and period, within what the user may see."""
    cutoff = min(query.end, clock.today())
    condition = commitment_states(query.start, query.end, cutoff)[state]
    return (Commitment.objects.filter(condition, policy.unit_q(user, "owner_unit"), dialogue__held_on__lte=query.end,
                                      **query.unit_filter("owner_unit"))
            .select_related("dialogue__unit", "owner_unit").prefetch_related("owner_unit__successors")
            .order_by("due_on", "pk"))
