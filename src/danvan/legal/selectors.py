"""The deadline engine as the rest of danvan calls it: the core rules plus what administrators declared.

Other apps (petitions, reception, reporting) call :func:`compute_due` here, never the core one
directly, so that the declared days and rule rows an administrator keeps in the database apply
everywhere at once.

Building a calendar or a rule set costs milliseconds, and a list of 1,000 cases asks for a due
date 1,000 times, so both are cached per process. The cache is keyed on a cheap "last changed"
stamp of the two tables (row count and latest ``updated_at``): it is dropped at once when this
process saves or deletes a row (signals), re-checked at the start of every web request, and
otherwise at most every :data:`RECHECK_SECONDS` — so a worker or another web process sees an
administrator's correction within seconds without querying the stamp for every case.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.db import DatabaseError, connections, router
from django.utils.translation import gettext as _

from danvan.core.deadlines import DueDate, Rule, RuleSet, default_rules
from danvan.core.deadlines import compute_due as core_compute_due
from danvan.core.workdays import DayEntry, WorkCalendar, calendar_with_overrides, default_calendar
from danvan.legal.labels import kind_label, milestone_label
from danvan.org import clock

log = logging.getLogger(__name__)

RECHECK_SECONDS = 2.0


@dataclass(frozen=True)
class _State:
    stamp: tuple[Any, ...]
    calendar: WorkCalendar
    rules: RuleSet
    checked_at: float
    confirmed: frozenset[int] = frozenset()


_lock = threading.Lock()
_state: _State | None = None
# Set by pinned(): the state a bulk job keeps for its whole run.
_held: ContextVar[_State | None] = ContextVar("legal_state_held", default=None)


def invalidate(**_: Any) -> None:
    """Forget the cached calendar and rules (after a save or delete, or in tests)."""
    global _state
    with _lock:
        _state = None


def _recheck_soon(**_: Any) -> None:
    """At the start of a request: keep the cache but compare its stamp with the database again."""
    global _state
    state = _state
    if state is not None:
        _state = _State(state.stamp, state.calendar, state.rules, checked_at=float("-inf"),
                        confirmed=state.confirmed)


def connect_signals() -> None:
    from django.core.signals import request_started
    from django.db.models.signals import post_delete, post_save

    from danvan.legal.models import ConfirmedYear, DeadlineRuleRow, DeclaredDay

    for model in (DeclaredDay, DeadlineRuleRow, ConfirmedYear):
        post_save.connect(invalidate, sender=model, dispatch_uid=f"legal-invalidate-save-{model.__name__}")
        post_delete.connect(invalidate, sender=model, dispatch_uid=f"legal-invalidate-delete-{model.__name__}")
    request_started.connect(_recheck_soon, dispatch_uid="legal-recheck-on-request")


def _stamp() -> tuple[Any, ...] | None:
    """(count, last change) of both tables; ``None`` when the tables do not exist yet (no migrate)."""
    from danvan.legal.models import ConfirmedYear, DeadlineRuleRow, DeclaredDay

    # One statement for the three tables, not three: it runs at the start of every request that computes
    # a deadline (each citizen's filing among them).
    connection = connections[router.db_for_read(DeclaredDay)]
    parts = []
    tables = ((DeclaredDay, "updated_at"), (DeadlineRuleRow, "updated_at"), (ConfirmedYear, "confirmed_at"))
    for model, changed in tables:
        table = connection.ops.quote_name(model._meta.db_table)
        column = connection.ops.quote_name(model._meta.get_field(changed).column)
        parts.append(f"(SELECT COUNT(*) FROM {table}), (SELECT MAX({column}) FROM {table})")
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT " + ", ".join(parts))
            return tuple(cursor.fetchone())
    except DatabaseError:  # a fresh install before `danvan migrate`: there are no corrections yet
        log.warning("legal tables unavailable; using the shipped calendar and rules only")
        return None


def _build(stamp: tuple[Any, ...] | None) -> _State:
    from danvan.legal.models import ConfirmedYear, DeadlineRuleRow, DeclaredDay

    now = time.monotonic()
    if stamp is None or (stamp[0] == 0 and stamp[2] == 0 and stamp[4] == 0):
        calendar = default_calendar()
        return _State(stamp or (), calendar, default_rules(), now, calendar.declared_years)
    records = [d.as_record() for d in DeclaredDay.objects.order_by("date")]
    rows = [r.as_row() for r in DeadlineRuleRow.objects.order_by("pk")]
    calendar = calendar_with_overrides(records) if records else default_calendar()
    rules = RuleSet.load(rows) if rows else default_rules()
    confirmed = calendar.declared_years | set(ConfirmedYear.objects.values_list("year", flat=True))
    return _State(stamp, calendar, rules, now, frozenset(confirmed))


@contextmanager
def pinned() -> Iterator[None]:
    """Keep the calendar and rules in force now for the duration, without re-checking the database.

    For a bulk job (``danvan generate``) that computes due dates while its connection streams a
    ``COPY``: the re-check every :data:`RECHECK_SECONDS` would be a query in the middle of it.
    The job runs in one transaction anyway, so it would not see a correction made meanwhile.
    """
    token = _held.set(_current())
    try:
        yield
    finally:
        _held.reset(token)


def _current() -> _State:
    global _state
    held_state = _held.get()
    if held_state is not None:
        return held_state
    state = _state
    if state is not None and time.monotonic() - state.checked_at < RECHECK_SECONDS:
        return state
    stamp = _stamp()
    with _lock:
        state = _state
        if state is not None and state.stamp == (stamp or ()):
            state = _state = _State(state.stamp, state.calendar, state.rules, time.monotonic(), state.confirmed)
            return state
        state = _state = _build(stamp)
        return state


def current_calendar() -> WorkCalendar:
    """The working-day calendar in force: shipped data plus the administrators' declared days."""
    return _current().calendar


def current_rules() -> RuleSet:
    """The deadline rules in force: shipped rows plus the administrators' rule rows."""
    return _current().rules


def compute_due(kind: str, milestone: str, from_date: date, **options: Any) -> DueDate:
    """:func:`danvan.core.deadlines.compute_due` with the calendar and rules in force.

    Raises :class:`danvan.core.deadlines.DeadlineError` (a Vietnamese message) on bad input.
    """
    state = _current()
    return core_compute_due(kind, milestone, from_date, calendar=state.calendar, rules=state.rules, **options)


# --- years whose days off nobody has confirmed yet -----------------------------------------------


def confirmed_years() -> frozenset[int]:
    """Years whose days off are known: shipped in the declared-days file or confirmed by an administrator."""
    return _current().confirmed


def unconfirmed_years(*days: date | None) -> list[int]:
    """The years from the earliest to the latest of ``days`` whose calendar is not confirmed."""
    known = [d for d in days if d is not None]
    if not known:
        return []
    confirmed = confirmed_years()
    return [y for y in range(min(known).year, max(known).year + 1) if y not in confirmed]


def calendar_notice(year: int) -> str:
    return _("Lịch nghỉ năm %(year)s chưa được xác nhận: thời hạn tính theo ngày lễ của Bộ luật Lao động, "
             "chưa có ngày nghỉ bù, làm bù do Chính phủ công bố.") % {"year": year}


def calendar_notices(*days: date | None) -> list[str]:
    """What a page or a command says beside a deadline that runs through an unconfirmed year."""
    return [calendar_notice(year) for year in unconfirmed_years(*days)]


def years_to_confirm(today: date | None = None) -> list[int]:
    """The administrator's task: this year, and from October the next one, until confirmed."""
    today = today or clock.today()
    wanted = [today.year] + ([today.year + 1] if today.month >= 10 else [])
    confirmed = confirmed_years()
    return [y for y in wanted if y not in confirmed]


# --- what the pages show ----------------------------------------------------------------------

@dataclass(frozen=True)
class RuleView:
    rule: Rule
    in_force: bool
    overridden: bool  # a database row replaced or added it

    @property
    def variants(self) -> list[tuple[str, int]]:
        r = self.rule
        pairs = [("complex", r.days_complex), ("remote", r.days_remote), ("remote_complex", r.days_remote_complex),
                 ("several_places", r.days_several_places)]
        return [(name, days) for name, days in pairs if days is not None]

    @property
    def kind_label(self) -> str:
        return kind_label(self.rule.kind)

    @property
    def milestone_label(self) -> str:
        return milestone_label(self.rule.milestone)


def rule_table(*, today: date | None = None) -> list[RuleView]:
    """Every version of every rule in force or in history, in a stable order for the table."""
    from danvan.legal.models import DeadlineRuleRow

    today = today or clock.today()
    rules = current_rules()
    db_keys = {(r.rule_id, r.valid_from) for r in DeadlineRuleRow.objects.filter(active=True)}
    ordered = sorted(rules.rules, key=lambda r: (r.kind, r.milestone, r.id, r.valid_from or date.min))
    return [RuleView(r, r.applies_on(today), r.key() in db_keys) for r in ordered]


def find_rule(rule_id: str, valid_from: date | None) -> Rule | None:
    for rule in current_rules().by_id(rule_id):
        if rule.valid_from == valid_from:
            return rule
    return None


def calendar_year(year: int) -> list[DayEntry]:
    """The explicit days off of ``year`` (weekends inside a holiday included) and make-up working days.

    Weekday entries of kind "work" (a day the package calls a holiday but we do not) are left
    out: the officer asked for days off; the page shows them among the differences instead.
    """
    entries = current_calendar().year_entries(year)
    return [e for d, e in sorted(entries.items()) if e.kind == "off" or d.weekday() >= 5]


@dataclass(frozen=True)
class HolidayPeriod:
    start: date
    end: date
    reasons: tuple[str, ...]

    @property
    def length(self) -> int:
        return (self.end - self.start).days + 1


def holiday_periods(year: int) -> list[HolidayPeriod]:
    """Runs of consecutive days off around a holiday (e.g. Tết 14/02–22/02/2026, weekends included).

    Officers think in periods ("nghỉ Tết 9 ngày"), the law counts days: both are shown.
    """
    calendar = current_calendar()
    entries = calendar.year_entries(year)
    holiday_days = {d for d, e in entries.items() if e.kind == "off" and d.weekday() < 5}
    periods: list[HolidayPeriod] = []
    day = date(year, 1, 1)
    end_of_year = date(year, 12, 31)
    one = timedelta(days=1)
    while day <= end_of_year:
        if calendar.is_workday(day):
            day += one
            continue
        start = day
        while day + one <= end_of_year and not calendar.is_workday(day + one):
            day += one
        run = [start + timedelta(days=i) for i in range((day - start).days + 1)]
        if any(d in holiday_days for d in run):
            reasons: list[str] = []
            for d in run:
                entry = entries.get(d)
                if entry is not None and entry.kind == "off" and entry.reason not in reasons:
                    reasons.append(entry.reason)
            periods.append(HolidayPeriod(start, day, tuple(reasons)))
        day += one
    return periods


def declared_days(year: int | None = None):
    from danvan.legal.models import DeclaredDay

    qs = DeclaredDay.objects.all()
    return qs.filter(date__year=year) if year else qs


def rule_rows():
    from danvan.legal.models import DeadlineRuleRow

    return DeadlineRuleRow.objects.all()


def vocabulary() -> dict[str, tuple[str, ...]]:
    """Kinds and their milestones, for the compute form's choices."""
    return current_rules().vocabulary
