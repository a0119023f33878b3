from __future__ import annotations

from datetime import date

import pytest

from danvan.org import clock
from tests.conftest import demo_for_module

# The demo's scheme is for 2026 and the tests' worked examples score it inside that year; on the
# CI's runs as if in January or at Tết of next year the clock is put back into it.
SCORING_DAY = date(2026, 11, 27)


@pytest.fixture(scope="module")
def _demo_loaded(django_db_setup, django_db_blocker):
    with demo_for_module(django_db_blocker, today=SCORING_DAY):
        yield


@pytest.fixture
def full_demo(_demo_loaded, db):
    """Everything ``danvan demo`` loads (once per module, each test rolled back to it), on 2026's clock."""
    clock.freeze(SCORING_DAY)
