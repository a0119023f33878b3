from __future__ import annotations

import io

import pytest
from django.core.management import call_command


@pytest.fixture
def full_demo(db):
    call_command("demo", stdout=io.StringIO())
