"""The home page's counts stop at a cap: a district's open cases are not all read on each view, and
above the cap the page says "hơn …" instead of a number it did not count."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.org import clock
from danvan.reception import services
from danvan.web import selectors

from ..petitions.helpers import feedback

pytestmark = pytest.mark.django_db


def _shown(html: str, testid: str) -> str:
    return re.search(rf'data-testid="{testid}">([^<]*)<', html).group(1)


def _late_work(demo_org, users, n: int) -> None:
    for _i in range(n):
        feedback(demo_org, received_on=date(2025, 1, 6))  # open, long past its due date
        services.record_entry(actor=None, unit=users["canbo"].unit, received_on=clock.today() - timedelta(days=40),
                              citizen_name="Phạm Thị Dung", kind="recommendation",
                              summary="Đề nghị sửa rãnh thoát nước ngõ 5")


def test_counts_above_the_cap_say_more_than_the_cap(client_for, users, demo_org, monkeypatch):
    _late_work(demo_org, users, 3)
    coordinator = client_for(users["noivu"])
    exact = coordinator.get("/").context["work"]
    assert exact.petitions_overdue >= 3 and exact.replies_overdue >= 3
    monkeypatch.setattr(selectors, "COUNT_CAP", 2)
    services.record_entry(actor=None, unit=users["canbo"].unit, received_on=clock.today(),
                          citizen_name="Lê Văn Em", kind="feedback", summary="Phản ánh đèn đường hỏng")  # new version
    with CaptureQueriesContext(connection) as ctx:
        html = coordinator.get("/").content.decode()
    assert _shown(html, "petitions-overdue") == "hơn 2"
    assert _shown(html, "replies-overdue") == "hơn 2"
    assert "hơn 2 đang giải quyết" in html
    counts = [q["sql"] for q in ctx.captured_queries if "SELECT COUNT(*) FROM (SELECT" in q["sql"]]
    assert len(counts) == 1 and counts[0].count("LIMIT 3") == 4  # one statement, each count at most cap + 1 rows


def test_counts_below_the_cap_are_exact(client_for, users, demo_org, monkeypatch):
    _late_work(demo_org, users, 2)
    monkeypatch.setattr(selectors, "COUNT_CAP", 1000)
    officer = client_for(users["canbo"])
    html = officer.get("/").content.decode()
    work = selectors.workload(users["canbo"])
    assert _shown(html, "petitions-overdue") == str(work.petitions_overdue) and work.petitions_overdue >= 2
    assert _shown(html, "replies-overdue") == str(work.replies_overdue) and work.replies_overdue >= 2
    assert "hơn" not in _shown(html, "petitions-overdue")


def test_more_than_the_cap_in_english():
    from django.utils import translation

    from danvan.web.templatetags.danvan import upto

    assert upto(1000, 1000) == 1000 and upto(7, 1000) == 7
    assert upto(1001, 1000) == "hơn 1.000"
    with translation.override("en"):
        assert upto(1001, 1000).startswith("more than 1")


def test_an_officers_open_count_follows_every_status(client_for, users, demo_org):
    from danvan.petitions.models import OPEN_STATUSES, Petition, Status

    for status in Status.values:
        case = feedback(demo_org, received_on=date(2025, 1, 6)).petition
        Petition.objects.filter(pk=case.pk).update(status=status)
    work = client_for(users["canbo"]).get("/").context["work"]
    officers = selectors.workload(users["noivu"])  # the committee's count, through the open statuses
    assert work.petitions_open == len(OPEN_STATUSES) == officers.petitions_open
