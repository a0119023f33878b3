"""The whole demo (every app's records), on which the carry-over is tried: loaded once per module."""

from __future__ import annotations

import pytest

from danvan.org.models import Staff, Unit
from tests.conftest import demo_for_module


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker, run_day):
    with demo_for_module(django_db_blocker, run_day):
        yield


@pytest.fixture
def full_demo(_demo_loaded, db):
    return {u.code: u for u in Unit.objects.all()}


@pytest.fixture
def demo_users(full_demo):
    return {s.username: s for s in Staff.objects.select_related("unit")}
