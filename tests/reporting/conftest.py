"""Fixtures of the reporting tests: the shipped Plan 307 template and a 2026 yearly request."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.reporting import services
from danvan.reporting.catalogue import PLAN_307_CODE
from danvan.reporting.models import DeadlinePolicy, ReportTemplate


@pytest.fixture
def template(db):
    return ReportTemplate.objects.get(code=PLAN_307_CODE)


@pytest.fixture
def request_2026(template, demo_org, users):
    """UBND quận Thanh Xuân asks every department and ward for the 2026 yearly report by 30/11/2026."""
    return services.create_request(
        actor=users["noivu"], template=template, requesting_unit=demo_org["tx-ubnd"], period_kind="yearly",
        year=2026, deadline=date(2026, 11, 30), deadline_policy=DeadlinePolicy.NEXT_WORKDAY,
        plan_reference="307/KH-UBND")
