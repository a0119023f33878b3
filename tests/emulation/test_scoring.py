"""Unit scoring: the demo's 2026 ranking, points that open down to their records, the same numbers as the
report, a year that stays as it was once frozen, and a fixed number of queries whatever the units."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.emulation import selectors, services
from danvan.emulation.models import Scheme, SchemeStatus
from danvan.org import clock
from danvan.org.models import Unit
from danvan.petitions.models import OPEN_STATUSES, Petition, Status


def _scheme() -> Scheme:
    return Scheme.objects.get(unit__code="tx-ubnd", year=2026)


def _line(row, formula):
    return next(line for line in row.lines if line.criterion.formula == formula)


@pytest.fixture
def kim_giang(full_demo):
    """A ward of the demo with one overdue case in 2026 (frozen clock inside the 2026 period)."""
    return Unit.objects.get(code="tx-kim-giang")


@pytest.mark.django_db
def test_demo_scheme_ranks_the_wards_and_a_sheet_opens_down_to_the_overdue_cases(kim_giang):
    scheme = _scheme()
    assert scheme.status == SchemeStatus.ACTIVE and scheme.published
    result = selectors.ranking(scheme)
    wards = set(Unit.objects.filter(parent=scheme.unit, level="commune").values_list("pk", flat=True))
    assert {r.unit.pk for r in result.rows} == wards
    assert [r.rank for r in result.rows] == list(range(1, len(wards) + 1))
    totals = [r.total for r in result.rows]
    assert totals == sorted(totals, reverse=True)
    assert all(r.total == sum(line.points for line in r.lines) for r in result.rows)

    _result, row = selectors.sheet(scheme, kim_giang)
    overdue = _line(row, "cases_overdue")
    cases = list(Petition.objects.filter(handling_unit=kim_giang, status__in=OPEN_STATUSES,
                                         next_due__lt=min(scheme.period_end, clock.today()),
                                         received_on__lte=scheme.period_end))
    assert cases, "the demo ward has an overdue case"
    assert overdue.value == len(cases)
    assert overdue.points == -min(overdue.criterion.max_points, overdue.criterion.per_item * len(cases))
    assert {r.url for r in overdue.records} == {p.get_absolute_url() for p in cases}
    # Every formula's list of counted records has as many lines as the figure it explains.
    for line in row.lines:
        f = line.formula
        if f is None or f.scale != 1:
            continue
        counted = [r for r in line.records if r.counted]
        if f.shape == "ratio" or f.code == "reception_days":
            assert len(counted) == (line.value or 0), line.criterion.name
            assert len(line.records) >= (line.due or 0) or f.code == "reception_days", line.criterion.name
        else:
            assert len(counted) == (line.value or 0), line.criterion.name

    # Inspection recommendations: Thượng Đình did its one on time, Khương Đình's is past due and not done.
    for code, kept in (("tx-thuong-dinh", True), ("tx-khuong-dinh", False)):
        _r, row = selectors.sheet(scheme, Unit.objects.get(code=code))
        line = _line(row, "recommendations_done")
        assert (line.due, line.value) == (1, 1 if kept else 0)
        assert line.points == (line.criterion.max_points if kept else 0)
        assert [r.counted for r in line.records] == [kept] and "/kiem-tra/kien-nghi/" in line.records[0].url


@pytest.mark.django_db
def test_resolving_an_overdue_case_changes_the_score_before_freezing_and_not_after(kim_giang):
    scheme = _scheme()
    case = Petition.objects.filter(handling_unit=kim_giang, status__in=OPEN_STATUSES,
                                   next_due__lt=clock.today()).first()
    before = selectors.ranking(scheme).row_for(kim_giang)

    # The officer records that the case was in fact resolved, on time.
    resolved_on = max(case.received_on, scheme.period_start)
    case.status, case.resolved_on, case.resolve_due = Status.CLOSED, resolved_on, resolved_on + timedelta(days=30)
    case.save(update_fields=["status", "resolved_on", "resolve_due"])
    after = selectors.ranking(scheme).row_for(kim_giang)
    assert _line(after, "cases_overdue").points == 0 > _line(before, "cases_overdue").points
    assert _line(after, "cases_on_time").value == (_line(before, "cases_on_time").value or 0) + 1
    assert after.total != before.total

    services.freeze(actor=None, scheme=scheme)
    frozen = selectors.ranking(Scheme.objects.get(pk=scheme.pk))
    assert frozen.frozen
    kept = frozen.row_for(kim_giang)
    assert kept.total == after.total

    # After the year is closed, the same case turning overdue again changes nothing.
    case.status, case.resolved_on, case.next_due = Status.ACCEPTED, None, clock.today() - timedelta(days=3)
    case.save(update_fields=["status", "resolved_on", "next_due"])
    again = selectors.ranking(Scheme.objects.get(pk=scheme.pk))
    assert again.row_for(kim_giang).total == kept.total
    assert [line.points for line in again.row_for(kim_giang).lines] == [line.points for line in kept.lines]
    # The sheet of a closed year still opens down to what was counted on freezing.
    _r, row = selectors.sheet(Scheme.objects.get(pk=scheme.pk), kim_giang)
    assert [r.label for r in _line(row, "cases_on_time").records if r.counted]


@pytest.mark.django_db
def test_sheet_numbers_equal_the_consolidated_report_of_the_same_period(kim_giang):
    from danvan.reporting import selectors as report_selectors
    from danvan.reporting import services as report_services
    from danvan.reporting.catalogue import PLAN_307_CODE
    from danvan.reporting.models import ReportTemplate

    scheme = _scheme()
    template = ReportTemplate.objects.get(code=PLAN_307_CODE)
    request = report_services.create_request(
        actor=None, template=template, requesting_unit=scheme.unit, period_kind="yearly", year=2026,
        deadline=date(2026, 12, 20), units=[kim_giang], period_start=scheme.period_start,
        period_end=scheme.period_end, title="Báo cáo năm 2026 để đối chiếu")
    submission = report_services.open_submission(actor=None, request=request, unit=kim_giang)
    report_services.submit(actor=None, submission=submission)
    consolidated = {r.indicator.code: r for r in report_selectors.consolidate(request).rows}

    _result, row = selectors.sheet(scheme, kim_giang)
    pairs = {"petitions.overdue": ("cases_overdue", "value"), "petitions.resolved": ("cases_on_time", "due"),
             "petitions.resolved_on_time": ("cases_on_time", "value"),
             "reception.days_held": ("reception_days", "value"), "reception.days_required": ("reception_days", "due"),
             "reception.dialogues": ("dialogue_held", "value"), "emulation.models": ("models_recognised", "value")}
    for code, (formula, attr) in pairs.items():
        reported = consolidated[code].value
        assert Decimal(str(reported or 0)) == Decimal(str(getattr(_line(row, formula), attr) or 0)), code
    assert Decimal(str(consolidated["emulation.models"].value)) == 1  # the ward's recognised model, not typed


@pytest.mark.django_db
def test_scores_command_prints_the_ranking_and_freezes_the_year(kim_giang):
    out = io.StringIO()
    call_command("scores", "compute", "--year", "2026", "--level", "commune", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert not data["frozen"] and len(data["ranking"]) == 11
    row = next(r for r in data["ranking"] if r["unit_code"] == "tx-kim-giang")
    overdue = next(c for c in row["criteria"] if c["formula"] == "cases_overdue")
    assert overdue["records"] == overdue["value"] >= 1 and overdue["points"] < 0
    text = io.StringIO()
    call_command("scores", "compute", "--year", "2026", stdout=text)
    assert "UBND phường Kim Giang" in text.getvalue() and "bản ghi" in text.getvalue()
    call_command("scores", "freeze", "--year", "2026", stdout=io.StringIO())
    out = io.StringIO()
    call_command("scores", "compute", "--year", "2026", "--json", stdout=out)
    frozen = json.loads(out.getvalue())
    assert frozen["frozen"] and [r["total"] for r in frozen["ranking"]] == [r["total"] for r in data["ranking"]]


def _queries(scheme) -> int:
    with CaptureQueriesContext(connection) as ctx:
        result = selectors.ranking(scheme)
    return len(ctx.captured_queries), len(result.rows)
