"""Fixtures of inspection tests: Plan 307, an inspection of two Thanh Xuân wards on II.5 and II.7."""

from __future__ import annotations

import io
from datetime import date

import pytest

from danvan.inspections import services
from danvan.inspections.models import TeamRole

TODAY = date(2026, 11, 27)


@pytest.fixture
def plan(demo_org, settings, tmp_path):
    from danvan.plans import demo as plan_demo

    settings.MEDIA_ROOT = tmp_path / "media"
    plan_demo.load(io.StringIO())
    return plan_demo.load_plan_307()


@pytest.fixture
def wards(demo_org):
    return [demo_org["tx-thuong-dinh"], demo_org["tx-khuong-dinh"]]


@pytest.fixture
def iii3_task(plan, demo_org):
    from danvan.plans.models import Task, TaskKind

    return Task.objects.get(plan=plan, item__path="III.3", lead_unit=demo_org["tx-noi-vu"], kind=TaskKind.DUTY)


@pytest.fixture
def drafted(plan, wards, users, demo_org, iii3_task, freeze_clock):
    freeze_clock(date(2026, 9, 1))
    items = list(plan.items.filter(path__in=["II.5", "II.7"]))
    inspection = services.create_inspection(
        actor=users["noivu"], title="Kiểm tra công tác dân vận chính quyền năm 2026", lead_unit=demo_org["tx-noi-vu"],
        units=wards, start_on=date(2026, 9, 14), end_on=date(2026, 9, 25), period_start=date(2025, 12, 15),
        period_end=date(2026, 9, 14), plan=plan, items=items, tasks=[iii3_task])
    services.add_team_member(actor=users["noivu"], inspection=inspection, staff=users["noivu"], role=TeamRole.HEAD)
    services.add_team_member(actor=users["noivu"], inspection=inspection, staff=users["kiemtra"],
                             role=TeamRole.MEMBER)
    return inspection


@pytest.fixture
def running(drafted, users, freeze_clock):
    inspection = services.approve(actor=users["noivu"], inspection=drafted, today=date(2026, 9, 5))
    freeze_clock(date(2026, 9, 14))
    return services.start(actor=users["noivu"], inspection=inspection)
