"""The reception book's figures kept on write agree with the book counted line by line, after every write.

"Replies overdue" depends on the cut-off day (the end of the period, or today): the periods below
end today, in the past (a line entered before the end and due after it is not yet overdue), and
inside a month, so that month rows, day rows and the correction for lines not yet due all count.
"""

from __future__ import annotations

import io
from datetime import date, timedelta

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.org import clock
from danvan.reception import daily, figures, services
from danvan.reception.models import ReceptionDailyFigure, ReceptionEntry

pytestmark = pytest.mark.django_db


def _agree(extra: list[tuple[date, date]] = ()) -> None:
    today = clock.today()
    for start, end in [(date(today.year, 1, 1), today), (today - timedelta(days=90), today - timedelta(days=8)),
                       (today - timedelta(days=20), today - timedelta(days=2)), (today, today), *extra]:
        assert daily.differences(start, end) == {}, (start, end)


def _line(unit, received_on, **values) -> ReceptionEntry:
    return services.record_entry(actor=None, unit=unit, received_on=received_on, citizen_name="Nguyễn Văn An",
                                 kind=values.pop("kind", "complaint"), summary="Đề nghị giải quyết tranh chấp lối đi",
                                 **values)


def test_every_write_moves_the_book_figures(demo_org):
    today = clock.today()
    ward, other = demo_org["tx-thuong-dinh"], demo_org["tx-khuong-dinh"]
    old = _line(ward, today - timedelta(days=40))  # due long ago, never answered: overdue
    recent = _line(ward, today - timedelta(days=3), kind="feedback", people_count=4)  # not yet due
    answered = _line(ward, today - timedelta(days=30), kind="recommendation")
    _agree()
    year = (today - timedelta(days=400), today)  # holds every line below, whatever day the suite runs on
    values = figures.compute(*year, [ward.pk])
    assert values["reception.entries"] == {ward.pk: 3}
    assert values["reception.reply_overdue"] == {ward.pk: 2}  # the old one and the unanswered recommendation
    # A period that ended five days after the recent line: it was not yet due then.
    cut = (today - timedelta(days=60), today - timedelta(days=2))
    assert figures.compute(*cut, [ward.pk])["reception.reply_overdue"] == {ward.pk: 2}

    services.record_reply(actor=None, entry=answered, replied_on=answered.reply_due)  # on time
    _agree()
    services.record_reply(actor=None, entry=old, replied_on=today)  # late, and stays late
    _agree()
    assert figures.compute(*year, [ward.pk])["reception.reply_overdue"] == {ward.pk: 1}
    assert figures.compute(*year, [ward.pk])["reception.replied_on_time"] == {ward.pk: 1}
    # Answered late after a period ended, yet due before its end: overdue in that period too.
    before = (today - timedelta(days=60), old.reply_due + timedelta(days=1))
    _agree([before])
    services.update_entry(actor=None, entry=recent, kind="complaint", people_count=12,
                          representatives="Trần Văn Bình\nLê Thị Cúc")  # now a delegation
    _agree()
    assert figures.compute(*year, [ward.pk])["reception.collective"] == {ward.pk: 1}
    recent = ReceptionEntry.objects.get(pk=recent.pk)
    recent.unit = other
    recent.save()
    _agree()
    assert figures.compute(*year, [other.pk])["reception.people"] == {other.pk: 12}
    ReceptionEntry.objects.get(pk=recent.pk).delete()
    _agree()
    assert figures.compute(*year, [other.pk]).get("reception.entries", {}) == {}


def test_a_line_costs_one_statement_and_the_figures_a_fixed_number_of_queries(demo_org,
                                                                              django_assert_num_queries):
    ward = demo_org["tx-thuong-dinh"]
    with CaptureQueriesContext(connection) as ctx:
        _line(ward, clock.today())
    assert len([q for q in ctx.captured_queries if "receptiondailyfigure" in q["sql"]]) == 1
    today = clock.today()
    figures.compute(today - timedelta(days=100), today)  # warms the calendar
    with CaptureQueriesContext(connection) as few:
        figures.compute(today - timedelta(days=100), today)
    for days_ago in range(0, 100, 7):
        _line(ward, today - timedelta(days=days_ago))
    with django_assert_num_queries(len(few.captured_queries)):
        figures.compute(today - timedelta(days=100), today)


def test_rebuild_makes_the_same_rows_and_the_check_finds_a_wrong_one(demo_org):
    today = clock.today()
    ward = demo_org["tx-thuong-dinh"]
    for days_ago in (0, 2, 31, 45, 70):
        entry = _line(ward, today - timedelta(days=days_ago), people_count=1 + days_ago % 4)
        if days_ago % 2:
            services.record_reply(actor=None, entry=entry, replied_on=today)
    columns = ("unit_id", "span", "day", *daily.COLUMNS)
    kept = {r for r in ReceptionDailyFigure.objects.values_list(*columns) if any(r[3:])}
    daily.rebuild()
    assert {r for r in ReceptionDailyFigure.objects.values_list(*columns) if any(r[3:])} == kept
    ReceptionDailyFigure.objects.filter(span="M").update(people=99)
    out = io.StringIO()
    since = f"--from={today - timedelta(days=100):%d/%m/%Y}"  # the corrupted months, also in early January
    with pytest.raises(CommandError, match="khác số đếm lại"):
        call_command("figures", "--check", since, stdout=out)
    assert "reception.people" in out.getvalue()
    call_command("figures", "--rebuild", stdout=io.StringIO())
    call_command("figures", "--check", since, stdout=io.StringIO())
