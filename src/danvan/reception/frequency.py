"""How often heads must receive citizens in person, and which weeks or months they missed.

The Law on Citizen Reception 42/2013/QH13 fixes a minimum per level; these rules are data
(one row each, with the article and the validity dates) so that an amendment or the end of the
district level on 30/06/2025 is a changed row, not changed code. The counting itself is pure
Python over a working-day calendar: a week (or month) is owed only when it holds at least one
working day inside the period checked, so a week wholly off for Tết is never "missed".

No Django model here: the selectors feed it the held dates and the unit.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.utils.translation import gettext_lazy as _

from danvan.core.vntext import format_date
from danvan.core.workdays import WorkCalendar

WEEK = "week"
MONTH = "month"


@dataclass(frozen=True)
class FrequencyRule:
    """At least ``min_days`` reception days per ``period`` for the head of a unit of this level/kind."""

    code: str
    label: Any  # a lazy Vietnamese string
    period: str  # WEEK or MONTH
    min_days: int
    levels: tuple[str, ...]  # unit levels the rule covers
    kinds: tuple[str, ...]  # unit kinds the rule covers
    source: str
    valid_from: date | None = None
    valid_to: date | None = None

    def applies(self, level: str, kind: str, day: date | None = None) -> bool:
        if level not in self.levels or kind not in self.kinds:
            return False
        if day is None:
            return True
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    @property
    def describe(self) -> str:
        per = _("tuần") if self.period == WEEK else _("tháng")
        return str(_("ít nhất %(n)s ngày mỗi %(per)s — %(source)s")) % {
            "n": self.min_days, "per": per, "source": self.source}


AGENCY_KINDS = ("department", "office")

RULES: tuple[FrequencyRule, ...] = (
    FrequencyRule("TCD-F-COMMUNE", _("Chủ tịch UBND cấp xã"), WEEK, 1, ("commune",), ("committee",),
                  "Điều 15 Luật Tiếp công dân 42/2013/QH13"),
    FrequencyRule("TCD-F-DISTRICT", _("Chủ tịch UBND cấp huyện"), MONTH, 2, ("district",), ("committee",),
                  "Điều 13 Luật Tiếp công dân 42/2013/QH13", valid_to=date(2025, 6, 30)),
    FrequencyRule("TCD-F-PROVINCE", _("Chủ tịch UBND cấp tỉnh"), MONTH, 1, ("province",), ("committee",),
                  "Điều 12 Luật Tiếp công dân 42/2013/QH13"),
    FrequencyRule("TCD-F-AGENCY", _("Thủ trưởng cơ quan chuyên môn, cơ quan hành chính"), MONTH, 1,
                  ("province", "district", "commune"), AGENCY_KINDS,
                  "Điều 18 Luật Tiếp công dân 42/2013/QH13"),
)


def rules_for(level: str, kind: str, rules: Iterable[FrequencyRule] = RULES) -> list[FrequencyRule]:
    """Every rule that covers a unit of this level and kind (any validity)."""
    return [r for r in rules if r.applies(level, kind)]


@dataclass(frozen=True)
class Period:
    """One week or month owed, clipped to the range checked."""

    start: date
    end: date
    label: str
    required: int
    held: int

    @property
    def missed(self) -> bool:
        return self.held < self.required


@dataclass
class FrequencyResult:
    rule: FrequencyRule | None
    periods: list[Period] = field(default_factory=list)
    exempt: list[str] = field(default_factory=list)  # periods with no working day (e.g. Tết week)

    @property
    def required_days(self) -> int:
        return sum(p.required for p in self.periods)

    @property
    def held_days(self) -> int:
        return sum(min(p.held, p.required) for p in self.periods)

    @property
    def missed(self) -> list[Period]:
        return [p for p in self.periods if p.missed]

    @property
    def ok(self) -> bool:
        return not self.missed


def _periods(kind: str, start: date, end: date):
    """Calendar weeks (Monday–Sunday) or months overlapping [start, end], clipped to it."""
    if kind == WEEK:
        monday = start - timedelta(days=start.weekday())
        while monday <= end:
            sunday = monday + timedelta(days=6)
            iso = monday.isocalendar()
            label = str(_("Tuần %(w)s/%(y)s (%(a)s – %(b)s)")) % {
                "w": iso.week, "y": iso.year, "a": format_date(monday), "b": format_date(sunday)}
            yield max(monday, start), min(sunday, end), label
            monday += timedelta(days=7)
    else:
        first = start.replace(day=1)
        while first <= end:
            nxt = (first.replace(day=28) + timedelta(days=4)).replace(day=1)
            label = str(_("Tháng %(m)02d/%(y)s")) % {"m": first.month, "y": first.year}
            yield max(first, start), min(nxt - timedelta(days=1), end), label
            first = nxt


def check(rule: FrequencyRule | None, held_dates: Iterable[date], start: date, end: date,
          calendar: WorkCalendar) -> FrequencyResult:
    """Which weeks/months of [start, end] owed ``rule.min_days`` reception days, and how many were held.

    The range should already be clipped to the unit's validity; the rule's own validity clips it
    again here (the district rule ends on 30/06/2025). Held days are distinct dates.
    """
    result = FrequencyResult(rule)
    if rule is None or end < start:
        return result
    lo = max(start, rule.valid_from or start)
    hi = min(end, rule.valid_to or end)
    if hi < lo:
        return result
    days = sorted({d for d in held_dates if lo <= d <= hi})
    for p_start, p_end, label in _periods(rule.period, lo, hi):
        has_workday = any(calendar.is_workday(p_start + timedelta(days=i)) for i in range((p_end - p_start).days + 1))
        if not has_workday:
            result.exempt.append(label)
            continue
        held = sum(1 for d in days if p_start <= d <= p_end)
        result.periods.append(Period(p_start, p_end, label, rule.min_days, held))
    return result
