"""After the whole demo (cases filed, triaged, moved, resolved, rated through the services), the daily
figures the dashboard reads agree with the cases, and making them again from the cases changes nothing."""

from __future__ import annotations

from datetime import date

from danvan.org import clock
from danvan.petitions import daily
from danvan.petitions.models import DailyFieldFigure, DailyFigure


def _rows() -> tuple[set, set]:
    columns = ("unit_id", "span", "day", *daily.DAILY_COLUMNS)
    return ({r for r in DailyFigure.objects.values_list(*columns) if any(r[3:])},
            set(DailyFieldFigure.objects.exclude(received=0).values_list("unit_id", "span", "day", "field_id",
                                                                         "received")))


def test_the_demo_figures_agree_with_its_cases(full_demo):
    today = clock.today()
    kept = _rows()
    assert len(kept[0]) > 20  # the demo's cases left rows: a check over nothing would prove nothing
    for start, end in ((date(today.year, 1, 1), today), (date(today.year - 1, 1, 1), today),
                       (date(today.year - 1, 7, 15), date(today.year, 2, 10))):
        assert daily.differences(start, end) == {}, (start, end)
    daily.rebuild()
    assert _rows() == kept
