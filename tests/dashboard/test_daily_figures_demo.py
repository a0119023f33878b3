"""After the whole demo (cases filed, triaged, moved, resolved, rated; lines written in the reception
book and answered, all through the services), the daily figures the dashboard reads agree with the
records, and making them again from the records changes nothing."""

from __future__ import annotations

from datetime import date

from danvan.org import clock
from danvan.petitions import daily
from danvan.petitions.models import DailyFieldFigure, DailyFigure
from danvan.reception import daily as reception_daily
from danvan.reception.models import ReceptionDailyFigure


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
        assert reception_daily.differences(start, end) == {}, (start, end)
    daily.rebuild()
    assert _rows() == kept
    columns = ("unit_id", "span", "day", *reception_daily.COLUMNS)
    book = {r for r in ReceptionDailyFigure.objects.values_list(*columns) if any(r[3:])}
    assert len(book) >= 10  # the demo's book: a check over nothing would prove nothing
    reception_daily.rebuild()
    assert {r for r in ReceptionDailyFigure.objects.values_list(*columns) if any(r[3:])} == book
