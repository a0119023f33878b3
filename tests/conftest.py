"""Shared fixtures: the demo district, and a log-in per role.

Tests run against the real database of the run (SQLite, then PostgreSQL in CI).
"""

from __future__ import annotations

import contextlib
import io
import os
from datetime import date

import pytest

from danvan.org.models import Staff, Unit


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    """PBKDF2 at production strength costs seconds per demo load; tests only need a hash."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _private_cache(settings):
    """Each test gets an empty in-memory cache: throttling counters must not leak between tests or runs."""
    from django.core.cache import cache

    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _fresh_legal_cache():
    """A test's declared days and rule rows are rolled back without signals: never let the cached
    calendar of one test decide another test's deadlines."""
    from danvan.legal import selectors

    selectors.invalidate()
    yield
    selectors.invalidate()


def _days_from_environment() -> list[date]:
    """DANVAN_TEST_TODAY=YYYY-MM-DD runs the suite as if on that day; several days, separated by
    commas, run every test once per day in one process (the CI's January and Tết runs share one
    test database that way instead of building it twice)."""
    value = os.environ.get("DANVAN_TEST_TODAY", "")
    return [date.fromisoformat(part.strip()) for part in value.split(",") if part.strip()]


def _clock_from_environment():
    days = _days_from_environment()
    return days[0] if days else None


def pytest_generate_tests(metafunc):
    days = _days_from_environment()
    if len(days) > 1:
        # Module scope: pytest then runs a module's tests for one day, then for the next, so that a
        # module's shared fixtures (the demo loaded once) are built once per day.
        metafunc.fixturenames.append("run_day")
        metafunc.parametrize("run_day", days, ids=[f"as-of-{d.isoformat()}" for d in days], indirect=True,
                             scope="module")


@pytest.fixture(scope="module")
def run_day(request):
    """The day the module's tests run as of: one of DANVAN_TEST_TODAY's days, or None (the real day)."""
    return getattr(request, "param", None) or _clock_from_environment()


@pytest.fixture(autouse=True)
def _one_clock(run_day):
    """Every test starts on the same clock: the real one, or the day DANVAN_TEST_TODAY names."""
    from danvan.org import clock

    clock.freeze(run_day)
    yield
    clock.freeze(None)


@pytest.fixture
def freeze_clock():
    """``freeze_clock(date(2027, 1, 2))`` moves danvan's one clock to that day for the test."""
    from danvan.org import clock

    return clock.freeze


@contextlib.contextmanager
def demo_for_module(django_db_blocker, today: date | None):
    """The whole ``danvan demo`` loaded once for a test module, inside a transaction that is rolled
    back when the module ends.

    Loading the demo costs seconds (more on PostgreSQL); the modules that read it (dashboard,
    emulation, carry-over) did so before every test. Each test still starts from the freshly loaded
    demo: pytest-django runs it in a savepoint inside this transaction and rolls that back. Modules
    that use it must hold no transactional test (a flush would empty the outer transaction).
    ``today`` is the day the demo is loaded as of (the module's ``run_day``, or a fixed day).
    """
    from django.core.cache import cache
    from django.core.management import call_command
    from django.db import connections, transaction
    from django.test.utils import override_settings

    from danvan.legal import selectors
    from danvan.org import clock

    local = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    with django_db_blocker.unblock():
        outer = {alias: transaction.atomic(using=alias) for alias in connections}
        for atomic in outer.values():
            atomic.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"], CACHES=local):
                clock.freeze(today)
                selectors.invalidate()
                try:
                    call_command("demo", stdout=io.StringIO())
                finally:
                    cache.clear()
                    selectors.invalidate()
                    clock.freeze(None)
        except BaseException:
            _roll_back(outer)
            raise
    try:
        yield
    finally:
        with django_db_blocker.unblock():
            _roll_back(outer)


def _roll_back(outer) -> None:
    from django.db import transaction

    for alias, atomic in reversed(list(outer.items())):
        transaction.set_rollback(True, using=alias)
        atomic.__exit__(None, None, None)


@pytest.fixture
def demo_org(db):
    """The demo organisation of ``danvan demo``: Hà Nội → Thanh Xuân → 11 wards, one user per role."""
    from danvan.org import demo

    demo.load(io.StringIO())
    return {u.code: u for u in Unit.objects.all()}


@pytest.fixture
def users(demo_org):
    return {s.username: s for s in Staff.objects.select_related("unit")}


@pytest.fixture
def client_for(client):
    """``client_for(user)`` → a test client logged in as that user."""

    def login(user):
        client.force_login(user)
        return client

    return login
