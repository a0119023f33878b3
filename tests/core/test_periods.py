"""A period cut into whole months and the days around them: together exactly the period, nothing twice."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from danvan.core.periods import cover


def _days(part) -> set[date]:
    out = set()
    if part.first_month is not None:
        day = part.first_month
        while day.replace(day=1) <= part.last_month:
            out.add(day)
            day += timedelta(days=1)
    for first, last in part.days:
        out |= {first + timedelta(days=n) for n in range((last - first).days + 1)}
    return out


D = date
CASES = [
    # (start, end, first whole month, last whole month, day ranges)
    (D(2026, 1, 1), D(2026, 11, 27), D(2026, 1, 1), D(2026, 10, 1), ((D(2026, 11, 1), D(2026, 11, 27)),)),
    (D(2026, 1, 1), D(2026, 12, 31), D(2026, 1, 1), D(2026, 12, 1), ()),
    (D(2026, 1, 15), D(2026, 3, 10), D(2026, 2, 1), D(2026, 2, 1),
     ((D(2026, 1, 15), D(2026, 1, 31)), (D(2026, 3, 1), D(2026, 3, 10)))),
    (D(2026, 1, 15), D(2026, 1, 20), None, None, ((D(2026, 1, 15), D(2026, 1, 20)),)),
    (D(2026, 2, 1), D(2026, 2, 28), D(2026, 2, 1), D(2026, 2, 1), ()),  # February of a common year, whole
    (D(2028, 2, 1), D(2028, 2, 28), None, None, ((D(2028, 2, 1), D(2028, 2, 28)),)),  # 29 February missing
    (D(2026, 1, 31), D(2026, 2, 1), None, None, ((D(2026, 1, 31), D(2026, 2, 1)),)),
    (D(2026, 12, 5), D(2027, 2, 28), D(2027, 1, 1), D(2027, 2, 1), ((D(2026, 12, 5), D(2026, 12, 31)),)),
    (D(2026, 3, 1), D(2026, 3, 1), None, None, ((D(2026, 3, 1), D(2026, 3, 1)),)),
    (D(2026, 7, 1), D(2026, 12, 31), D(2026, 7, 1), D(2026, 12, 1), ()),  # "6 tháng cuối năm"
]


@pytest.mark.parametrize(("start", "end", "first", "last", "days"), CASES)
def test_cover(start, end, first, last, days):
    part = cover(start, end)
    assert (part.first_month, part.last_month, part.days) == (first, last, days)
    expected = {start + timedelta(days=n) for n in range((end - start).days + 1)}
    assert _days(part) == expected


def test_an_empty_period_covers_nothing():
    part = cover(date(2026, 5, 2), date(2026, 5, 1))
    assert (part.first_month, part.last_month, part.days) == (None, None, ())
