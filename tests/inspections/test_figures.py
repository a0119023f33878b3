"""The figures inspections give to reports, the dashboard and emulation."""

from __future__ import annotations

from datetime import date

from danvan.core.indicators import IndicatorSpec
from danvan.inspections import figures, services
from danvan.inspections.models import Assessment
from tests.inspections.test_services import pdf

YEAR = (date(2025, 12, 15), date(2026, 12, 14))


def test_indicators_follow_the_contract():
    assert all(isinstance(s, IndicatorSpec) and s.code.startswith("inspections.") for s in figures.INDICATORS)
    assert {s.plan_item for s in figures.INDICATORS} == {"III.3"}


def test_recommendations_issued_done_on_time_and_overdue_per_unit(running, wards, users, freeze_clock, demo_org,
                                                                  django_assert_max_num_queries):
    for ward in wards:
        for line in running.checklist.all():
            services.record_finding(actor=users["kiemtra"], inspection=running, line=line, unit=ward,
                                    assessment=Assessment.MET)
    on_time = services.add_recommendation(actor=users["noivu"], inspection=running, unit=wards[0], text="Một.",
                                          due_workdays=10)
    late = services.add_recommendation(actor=users["noivu"], inspection=running, unit=wards[0], text="Hai.",
                                       due_workdays=10)
    services.add_recommendation(actor=users["noivu"], inspection=running, unit=wards[1], text="Ba.", due_workdays=10)
    assert figures.compute(*YEAR)["inspections.recommendations_issued"] == {}  # nothing issued before the conclusion
    freeze_clock(date(2026, 10, 5))
    services.conclude(actor=users["noivu"], inspection=running, summary="Tốt.")  # all due 19/10/2026
    freeze_clock(date(2026, 10, 30))
    on_time.refresh_from_db()
    late.refresh_from_db()
    services.complete_recommendation(actor=users["phuong"], recommendation=on_time, done_on=date(2026, 10, 16),
                                     note="Xong.", files=[pdf()])
    services.complete_recommendation(actor=users["phuong"], recommendation=late, done_on=date(2026, 10, 28),
                                     note="Xong muộn.", files=[pdf()])
    with django_assert_max_num_queries(3):
        out = figures.compute(*YEAR)
    td, kd = wards[0].pk, wards[1].pk
    assert out["inspections.held"] == {demo_org["tx-noi-vu"].pk: 1}
    assert out["inspections.units_inspected"] == {td: 1, kd: 1}
    assert out["inspections.recommendations_issued"] == {td: 2, kd: 1}
    assert out["inspections.recommendations_done"] == {td: 2}
    assert out["inspections.recommendations_done_on_time"] == {td: 1}
    assert out["inspections.recommendations_overdue"] == {kd: 1}
    # Due in the year: both of Thượng Đình's (one kept), Khương Đình's (past due, not done).
    assert out["inspections.recommendations_due"] == {td: 2, kd: 1}
    assert out["inspections.recommendations_due_kept"] == {td: 1}
    assert {r.pk for r in figures.due_recommendations(*YEAR) if r.done_on_time} == {on_time.pk}
    # On 17/10/2026, before the due date, only the one already done counts (and counts as kept).
    early = figures.compute(*YEAR, today=date(2026, 10, 17))
    assert early["inspections.recommendations_due"] == {td: 1} == early["inspections.recommendations_due_kept"]
    # Judged at the end of the period: on 17/10/2026 nothing was overdue yet.
    assert figures.compute(date(2026, 1, 1), date(2026, 10, 17))["inspections.recommendations_overdue"] == {}
    assert figures.compute(*YEAR, unit_ids=[kd])["inspections.recommendations_issued"] == {kd: 1}
