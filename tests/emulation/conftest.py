from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command

from danvan.org import clock


@pytest.fixture
def full_demo(db):
    # The demo's scheme is for 2026 and the tests' worked examples score it inside that year; on the
    # CI's runs as if in January or at Tết of next year the clock is put back into it.
    clock.freeze(date(2026, 11, 27))
    call_command("demo", stdout=io.StringIO())
