import pytest

from tests.conftest import demo_for_module


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker, run_day):
    with demo_for_module(django_db_blocker, run_day):
        yield


@pytest.fixture
def full_demo(_demo_loaded, db):
    """Everything ``danvan demo`` loads: units, staff, cases, reception, plans, reports (loaded once
    per module, each test rolled back to it)."""
