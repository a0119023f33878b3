"""The whole demo (every app's records), on which the carry-over is tried."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

from danvan.org.models import Staff, Unit


@pytest.fixture
def full_demo(db):
    call_command("demo", stdout=io.StringIO())
    return {u.code: u for u in Unit.objects.all()}


@pytest.fixture
def demo_users(full_demo):
    return {s.username: s for s in Staff.objects.select_related("unit")}
