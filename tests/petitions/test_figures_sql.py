"""The average days to resolve is one SQL aggregate, the same on SQLite and PostgreSQL as the old Python sum."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from danvan.org import clock
from danvan.petitions import figures
from danvan.petitions.models import Petition

from .helpers import feedback

pytestmark = pytest.mark.django_db


def _case(demo_org, unit_code: str, accepted: date | None, resolved: date | None) -> Petition:
    p = feedback(demo_org, unit=demo_org[unit_code]).petition
    p.accepted_on, p.resolved_on = accepted, resolved
    p.save(update_fields=["accepted_on", "resolved_on"])  # a save moves the daily figures; update() would not
    return p


def _python_reference(start: date, end: date) -> dict[int, float]:
    """The former computation, kept here as the oracle."""
    totals: dict[int, list[int]] = {}
    for unit, accepted, resolved in (Petition.objects.filter(resolved_on__range=(start, end), accepted_on__isnull=False)
                                     .values_list("handling_unit_id", "accepted_on", "resolved_on")):
        t = totals.setdefault(unit, [0, 0])
        t[0] += (resolved - accepted).days
        t[1] += 1
    return {unit: round(days / n, 1) for unit, (days, n) in totals.items()}


def test_average_days_to_resolve_in_sql(demo_org, django_assert_max_num_queries):
    today = clock.today()
    start, end = today - timedelta(days=120), today
    ward, other = demo_org["tx-thuong-dinh"], demo_org["tx-khuong-dinh"]
    for accepted_ago, resolved_ago in ((50, 47), (40, 36), (30, 26), (100, 10)):  # 3, 4, 4, 90 days
        _case(demo_org, "tx-thuong-dinh", today - timedelta(days=accepted_ago), today - timedelta(days=resolved_ago))
    _case(demo_org, "tx-thuong-dinh", today - timedelta(days=400), today - timedelta(days=300))  # outside the period
    _case(demo_org, "tx-thuong-dinh", today - timedelta(days=5), None)  # still open
    _case(demo_org, "tx-thuong-dinh", None, today - timedelta(days=3))  # resolved without acceptance date
    for accepted_ago, resolved_ago in ((20, 19), (20, 18), (9, 9)):  # 1, 2, 0 days
        _case(demo_org, "tx-khuong-dinh", today - timedelta(days=accepted_ago), today - timedelta(days=resolved_ago))
    with django_assert_max_num_queries(6):
        result = figures.compute(start, end)
    avg = result["petitions.avg_days_to_resolve"]
    assert avg == {ward.pk: 25.2, other.pk: 1.0}  # (3 + 4 + 4 + 90) / 4 = 25.25 → 25.2; (1 + 2 + 0) / 3
    assert avg == _python_reference(start, end)
    only_ward = figures.compute(start, end, unit_ids=[ward.pk])["petitions.avg_days_to_resolve"]
    assert only_ward == {ward.pk: 25.2}


def test_average_days_matches_the_python_sum_on_thirds_and_halves(demo_org):
    today = clock.today()
    for days in (1, 1, 2, 7, 8):  # 19 / 5 = 3.8 on one ward; 1 / 3 on another; 5 / 2 on a third
        _case(demo_org, "tx-thuong-dinh", today - timedelta(days=days + 1), today - timedelta(days=1))
    for days in (0, 0, 1):
        _case(demo_org, "tx-khuong-dinh", today - timedelta(days=days + 1), today - timedelta(days=1))
    for days in (2, 3):
        _case(demo_org, "tx-khuong-trung", today - timedelta(days=days + 1), today - timedelta(days=1))
    start = today - timedelta(days=30)
    avg = figures.compute(start, today)["petitions.avg_days_to_resolve"]
    assert avg == _python_reference(start, today)
    assert avg[demo_org["tx-thuong-dinh"].pk] == 3.8 and avg[demo_org["tx-khuong-dinh"].pk] == 0.3
    assert avg[demo_org["tx-khuong-trung"].pk] == 2.5
