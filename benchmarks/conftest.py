"""The data the database benchmarks run on: the demo plus one generated batch, built once per session.

``danvan demo`` then ``danvan generate --units 200 --petitions 10000`` (see danvan.datagen) into
pytest-django's test database. Before generating, the query count of each benchmarked operation is
taken on the demo alone (tens of rows); the benchmarks assert the same count on the generated data
(thousands of rows): a query count that grows with the rows is a failure, not a slow benchmark.

Only tests that use the ``benchmark`` fixture need this, and pytest-benchmark skips those without
``--benchmark-only`` (``make bench``), so the normal test run never builds it.
"""

from __future__ import annotations

import io
import time
from dataclasses import dataclass, field
from datetime import date

import pytest
from django.test.utils import CaptureQueriesContext

BENCH_UNITS = 200
BENCH_PETITIONS = 10_000
BENCH_SEED = 2026
YEAR = 2026


@dataclass
class BenchData:
    year: int
    start: date
    end: date
    units: int = 0
    petitions: int = 0
    request_id: int | None = None
    demo_request_id: int | None = None
    seconds: float = 0.0
    baseline: dict[str, int] = field(default_factory=dict)  # operation → queries on the demo alone
    target_units: int = BENCH_UNITS
    target_petitions: int = BENCH_PETITIONS

    def operation(self, name: str, request_id: int | None = None):
        return run_operation(name, self, request_id)

    @staticmethod
    def count_queries(fn) -> tuple[int, object]:
        return count_queries(fn)


def count_queries(fn) -> tuple[int, object]:
    from django.db import connection

    with CaptureQueriesContext(connection) as ctx:
        result = fn()
    return len(ctx.captured_queries), result


def list_page(client, user, query: str = ""):
    client.force_login(user)
    response = client.get(f"/don-thu/{query}")
    assert response.status_code == 200
    return response


OPERATIONS = ("list_page", "figures.petitions", "figures.reception", "figures.plans", "consolidate")


def run_operation(name: str, data: BenchData, request_id: int | None = None):
    from django.test import Client

    from danvan.org.models import Staff
    from danvan.petitions import figures as petition_figures
    from danvan.plans import figures as plan_figures
    from danvan.reception import figures as reception_figures
    from danvan.reporting.models import ReportRequest
    from danvan.reporting.selectors import consolidate

    if name == "list_page":
        user = Staff.objects.select_related("unit").get(username="noivu")
        client = Client()
        return lambda: list_page(client, user)
    if name == "figures.petitions":
        return lambda: petition_figures.compute(data.start, data.end)
    if name == "figures.reception":
        return lambda: reception_figures.compute(data.start, data.end)
    if name == "figures.plans":
        return lambda: plan_figures.compute(data.start, data.end)
    if name == "consolidate":
        request = ReportRequest.objects.select_related("template").get(pk=request_id or data.request_id)
        return lambda: consolidate(request)
    raise KeyError(name)


@pytest.fixture(scope="session")
def bench_data(django_db_setup, django_db_blocker) -> BenchData:
    from django.conf import settings
    from django.core.management import call_command

    from danvan.datagen import generate
    from danvan.reporting.models import ReportRequest

    data = BenchData(year=YEAR, start=date(YEAR, 1, 1), end=date(YEAR, 12, 31))
    with django_db_blocker.unblock():
        # The demo's log-ins hash a password; production-strength PBKDF2 would cost seconds here.
        settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
        call_command("demo", stdout=io.StringIO())
        demo_request = ReportRequest.objects.filter(year=YEAR).order_by("pk").first()
        data.demo_request_id = demo_request.pk if demo_request else None
        for name in OPERATIONS:
            if name == "consolidate" and demo_request is None:
                continue
            fn = run_operation(name, data, request_id=data.demo_request_id)
            fn()  # warm caches (calendar, rules, figure modules) so the count is the steady one
            data.baseline[name], _result = count_queries(fn)
        started = time.monotonic()
        summary = generate(units=BENCH_UNITS, petitions=BENCH_PETITIONS, seed=BENCH_SEED, year=YEAR,
                           progress=lambda _text: None)
        data.seconds = time.monotonic() - started
        data.units, data.petitions, data.request_id = summary.units, summary.petitions, summary.request_id
    return data
