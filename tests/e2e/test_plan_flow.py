"""A ward officer finishes a task of ward Thượng Đình; the district coordinator sees the tree updated."""

from __future__ import annotations

import io

import pytest
from playwright.sync_api import expect

from danvan.plans import demo
from danvan.plans.models import Plan, Task, TaskKind

pytestmark = pytest.mark.django_db(transaction=True)


def test_ward_finishes_task_and_district_tree_updates(page, live_server, demo_org, login):
    demo.load(io.StringIO())
    plan = Plan.objects.get(full_number="307/KH-UBND")
    ward = demo_org["tx-thuong-dinh"]
    task = Task.objects.get(plan=plan, lead_unit=ward, kind=TaskKind.DRAFT_PLAN)

    login("noivu")
    page.goto(f"{live_server.url}/ke-hoach/{plan.pk}/tien-do/")
    row = page.locator(f"[data-testid=unit-{ward.pk}]")
    expect(row).to_contain_text("0/2")
    page.click("text=Đăng xuất")

    login("canbo")
    page.goto(f"{live_server.url}/ke-hoach/nhiem-vu/")
    expect(page.locator("[data-testid=duties]")).not_to_contain_text("Khương Đình")
    page.get_by_role("link", name="Xây dựng kế hoạch cụ thể").click()
    page.select_option("select[name=status]", "done")
    page.click("button:has-text('Cập nhật tiến độ')")
    expect(page.locator("[data-testid=task-status]")).to_contain_text("100%")
    assert task.__class__.objects.get(pk=task.pk).status == "done"
    page.click("text=Đăng xuất")

    login("noivu")
    page.goto(f"{live_server.url}/ke-hoach/{plan.pk}/tien-do/")
    expect(page.locator(f"[data-testid=unit-{ward.pk}]")).to_contain_text("1/2")
    expect(page.locator(f"[data-testid=unit-{ward.pk}] [data-testid=progress-value]")).to_have_text("50%")
