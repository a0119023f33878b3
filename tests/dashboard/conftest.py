import io

import pytest
from django.core.management import call_command


@pytest.fixture
def full_demo(db):
    """Everything ``danvan demo`` loads: units, staff, cases, reception, plans, reports."""
    call_command("demo", stdout=io.StringIO())
