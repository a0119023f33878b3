"""The daily figures kept on write give what counting the cases gives, after every kind of write.

The dashboard and the reports read ``figures.compute`` (the kept rows); ``compute_from_cases``
counts the cases themselves. Each step below changes one case the way the software does (a save,
a rating, a move, a deletion) and checks both agree over several periods: the year, a period that
starts and ends inside months, one day, and one that spans two years.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.org import clock
from danvan.org.keptfigures import FigureSpan
from danvan.petitions import daily, figures
from danvan.petitions.models import DailyFieldFigure, DailyFigure, Petition, Rating

from .helpers import feedback, field

pytestmark = pytest.mark.django_db


def _periods() -> list[tuple[date, date]]:
    today = clock.today()
    return [(date(today.year, 1, 1), today), (today - timedelta(days=75), today - timedelta(days=3)),
            (today, today), (date(today.year - 1, 6, 15), today + timedelta(days=30))]


def _agree() -> None:
    for start, end in _periods():
        assert daily.differences(start, end) == {}, (start, end)


def _received(unit, start, end) -> int:
    return figures.compute(start, end, [unit.pk]).get("petitions.received", {}).get(unit.pk, 0)


def _set(p: Petition, **values) -> None:
    for name, value in values.items():
        setattr(p, name, value)
    p.save()


def test_every_write_moves_the_figures(demo_org):
    today = clock.today()
    ward, other = demo_org["tx-thuong-dinh"], demo_org["tx-khuong-dinh"]
    year = (today - timedelta(days=400), today)  # holds every date below, whatever day the suite runs on
    p = feedback(demo_org).petition
    _agree()
    assert _received(ward, *year) == 1

    steps = [
        ("accepted", dict(accepted_on=today - timedelta(days=2))),
        ("due date set", dict(resolve_due=today + timedelta(days=10))),
        ("resolved on time", dict(resolved_on=today)),
        ("due date moved before the answer (now late)", dict(resolve_due=today - timedelta(days=1))),
        ("received date corrected into last month", dict(received_on=today - timedelta(days=40))),
        ("kind corrected", dict(kind="recommendation")),
        ("field corrected", dict(field=field("moi-truong"))),
    ]
    for _name, values in steps:
        _set(p, **values)
        _agree()
    late = figures.compute(*year, [ward.pk])
    assert late["petitions.resolved"] == {ward.pk: 1} and "petitions.resolved_on_time" not in late
    assert late["petitions.received.recommendation"] == {ward.pk: 1}
    assert late["petitions.received.field.moi-truong"] == {ward.pk: 1}

    # A rating counts on the day it is given, for the unit handling the case.
    Rating.objects.create(petition=p, score=4)
    Rating.objects.create(petition=p, score=5)
    _agree()
    assert figures.compute(*year, [ward.pk])["petitions.rating_mean"] == {ward.pk: 4.5}

    # Handed to another ward: the case and its ratings count there now, and no longer here.
    _set(p, handling_unit=other)
    _agree()
    assert _received(ward, *year) == 0 and _received(other, *year) == 1
    assert figures.compute(*year, [other.pk])["petitions.rated"] == {other.pk: 2}

    # Read again, or read in part, then saved: the old counts are read before they are moved.
    p.refresh_from_db()
    _set(p, received_on=today - timedelta(days=5))
    _agree()
    _set(p, received_on=(today - timedelta(days=6)).isoformat())  # as a form or an import may leave it
    _agree()
    partial = Petition.objects.only("pk", "status").get(pk=p.pk)
    partial.resolved_on = today - timedelta(days=1)
    partial.save(update_fields=["resolved_on"])
    _agree()
    unsaved = Petition.objects.get(pk=p.pk)
    unsaved.kind = "complaint_first"  # changed in memory, never saved
    unsaved.resolve_due = today + timedelta(days=3)
    unsaved.save(update_fields=["resolve_due"])
    _agree()
    built = Petition.objects.get(pk=p.pk)
    built._figure_state = None
    _set(built, accepted_on=None)
    _agree()

    # A rating corrected, a rating removed, then the case itself deleted.
    rating = Rating.objects.filter(petition=p).first()
    rating.score = 1
    rating.save()
    _agree()
    rating.delete()
    _agree()
    Petition.objects.get(pk=p.pk).delete()
    _agree()
    assert _received(other, *year) == 0


def test_a_save_that_changes_nothing_counted_writes_no_figure(demo_org):
    p = feedback(demo_org).petition
    p = Petition.objects.get(pk=p.pk)
    p.subject = "Đèn đường hỏng ngõ 12 (bổ sung)"
    with CaptureQueriesContext(connection) as ctx:
        p.save()
    assert not [q for q in ctx.captured_queries if "dailyfigure" in q["sql"] or "dailyfieldfigure" in q["sql"]]
    p.status = "closed"
    with CaptureQueriesContext(connection) as ctx:
        p.save(update_fields=["status"])
    assert not [q for q in ctx.captured_queries if "dailyfigure" in q["sql"] or "dailyfieldfigure" in q["sql"]]


def test_a_new_case_costs_two_statements_and_the_figures_three_queries(demo_org, django_assert_num_queries):
    with CaptureQueriesContext(connection) as ctx:
        feedback(demo_org)
    written = [q["sql"] for q in ctx.captured_queries if "dailyfigure" in q["sql"] or "dailyfieldfigure" in q["sql"]]
    assert len(written) == 2  # one upsert per table (its day's row and its month's in one statement each)
    for _i in range(5):
        feedback(demo_org, received_on=clock.today() - timedelta(days=_i * 20))
    today = clock.today()
    with django_assert_num_queries(3):
        figures.compute(today - timedelta(days=100), today)
    with django_assert_num_queries(1):
        figures.monthly(today - timedelta(days=100), today)


def test_month_rows_are_the_sums_of_their_days_and_rebuild_makes_the_same_rows(demo_org):
    today = clock.today()
    for days_ago in (0, 1, 33, 34, 70, 400):
        p = feedback(demo_org, received_on=today - timedelta(days=days_ago)).petition
        _set(p, accepted_on=p.received_on, resolved_on=p.received_on + timedelta(days=1),
             resolve_due=p.received_on + timedelta(days=days_ago % 3))
        Rating.objects.create(petition=p, score=3 + days_ago % 3)

    def rows() -> tuple[set, set]:
        columns = ("unit_id", "span", "day", *daily.DAILY_COLUMNS)
        kept = {r for r in DailyFigure.objects.values_list(*columns) if any(r[3:])}
        by_field = set(DailyFieldFigure.objects.exclude(received=0).values_list("unit_id", "span", "day", "field_id",
                                                                                 "received"))
        return kept, by_field

    kept = rows()
    months = [r for r in kept[0] if r[1] == FigureSpan.MONTH]
    assert months and all(r[2].day == 1 for r in months)
    for month in months:
        days = [r for r in kept[0] if r[1] == FigureSpan.DAY and r[0] == month[0]
                and (r[2].year, r[2].month) == (month[2].year, month[2].month)]
        assert tuple(sum(r[i] for r in days) for i in range(3, len(month))) == month[3:]
    made = daily.rebuild()
    assert made["days"] == len([r for r in kept[0] if r[1] == FigureSpan.DAY])
    assert rows() == kept


def test_the_check_command_finds_a_wrong_row_and_rebuild_mends_it(demo_org):
    feedback(demo_org)
    out = io.StringIO()
    call_command("figures", "--check", stdout=out)
    assert "khớp" in out.getvalue()
    DailyFigure.objects.filter(span=FigureSpan.DAY).update(received_feedback=7)
    out = io.StringIO()
    with pytest.raises(CommandError, match="khác số đếm lại"):
        call_command("figures", "--check", stdout=out)
    assert "petitions.received" in out.getvalue()
    assert demo_org["tx-thuong-dinh"].name in out.getvalue()  # the unit by its name, not its number
    call_command("figures", "--rebuild", stdout=io.StringIO())
    call_command("figures", "--check", stdout=io.StringIO())
    with pytest.raises(CommandError, match="dd/mm/yyyy"):
        call_command("figures", "--check", "--from", "2026-01-01")
    with pytest.raises(CommandError, match="sau ngày bắt đầu"):
        call_command("figures", "--check", "--from", "10/01/2026", "--to", "01/01/2026")
