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


def _clock_from_environment():
    """DANVAN_TEST_TODAY=YYYY-MM-DD runs the suite as if on that day (the CI's January and Tết runs)."""
    value = os.environ.get("DANVAN_TEST_TODAY", "").strip()
    return date.fromisoformat(value) if value else None


@pytest.fixture(autouse=True)
def _one_clock():
    """Every test starts on the same clock: the real one, or the day DANVAN_TEST_TODAY names."""
    from danvan.org import clock

    clock.freeze(_clock_from_environment())
    yield
    clock.freeze(None)


@pytest.fixture
def freeze_clock():
    """``freeze_clock(date(2027, 1, 2))`` moves danvan's one clock to that day for the test."""
    from danvan.org import clock

    return clock.freeze


@contextlib.contextmanager
def demo_for_module(django_db_blocker, today: date | None = None):
    """The whole ``danvan demo`` loaded once for a test module, inside a transaction that is rolled
    back when the module ends.

    Loading the demo costs seconds (more on PostgreSQL); the modules that read it (dashboard,
    emulation, carry-over) did so before every test. Each test still starts from the freshly loaded
    demo: pytest-django runs it in a savepoint inside this transaction and rolls that back. Modules
    that use it must hold no transactional test (a flush would empty the outer transaction).
    ``today`` is the day the demo is loaded as of (default: the run's clock).
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
                clock.freeze(today or _clock_from_environment())
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
