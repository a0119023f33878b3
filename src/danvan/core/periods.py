"""Cutting a period of days into whole calendar months and the days left at either end.

Figures kept per day and per month (danvan.petitions.daily) add up a period from the month rows
for the months it covers whole and the day rows for the rest: 1 January – 27 November is ten
month rows and 27 day rows per unit, not 331.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Cover:
    """[first_month, last_month] as first days of months (None when no whole month), and day ranges."""

    first_month: date | None
    last_month: date | None
    days: tuple[tuple[date, date], ...]


def month_start(day: date) -> date:
    return day.replace(day=1)


def next_month(day: date) -> date:
    return date(day.year + day.month // 12, day.month % 12 + 1, 1)


def cover(start: date, end: date) -> Cover:
    """The whole months inside [start, end] and the day ranges around them; together exactly [start, end].

    1/1/2026 – 27/11/2026 is the months January to October and the days 1–27 November;
    15/01 – 10/03 is 15–31 January, the month of February and 1–10 March.
    """
    if end < start:
        return Cover(None, None, ())
    first = start if start.day == 1 else next_month(start)
    after = next_month(end) if next_month(end) - timedelta(days=1) == end else month_start(end)
    if first >= after:  # no whole month inside
        return Cover(None, None, ((start, end),))
    days = []
    if start < first:
        days.append((start, first - timedelta(days=1)))
    if after <= end:
        days.append((after, end))
    last = month_start(after - timedelta(days=1))
    return Cover(first, last, tuple(days))
