"""The coordinator imports Plan 307 from its text: the preview says what saving will do, saving does it
(in the background worker, the job's page following its progress by itself), and importing it again
shows the changes and asks before updating."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from danvan.plans import demo
from danvan.plans.models import Plan, Task
from tests.notifications.helpers import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def test_import_preview_save_and_reimport(page, live_server, demo_org, login, tmp_path):
    source = tmp_path / "ke-hoach-307.txt"
    source.write_text(demo.seed_text(), encoding="utf-8")
    login("noivu")

    page.goto(f"{live_server.url}/ke-hoach/nhap/")
    page.set_input_files("#id_file", str(source))
    page.click("button:has-text('Đọc và xem trước')")
    expect(page.locator("[data-testid=progress]")).to_be_visible()  # the worker tries the save, rolled back
    run_worker("e2e-worker")  # the job's page sees it done and goes on to the preview by itself
    summary = page.locator("[data-testid=import-summary]")
    expect(summary).to_contain_text("Khi lưu, kế hoạch sẽ giao", timeout=15000)
    promised = re.search(r"giao (\d+) nhiệm vụ cho (\d+) đơn vị", summary.inner_text())
    expect(page.locator("[data-testid=plan-date]")).to_have_text("16/12/2021")
    expect(page.locator("[data-testid=assignments]")).to_contain_text("Đoạn kết")
    expect(page.locator("[data-testid=assignments]")).to_contain_text("Các đơn vị nhận kế hoạch (")
    expect(page.locator("[data-testid=deadlines]")).to_contain_text("trước ngày 30/11 hàng năm (Hằng năm)")
    page.click("button:has-text('Lưu kế hoạch và giao nhiệm vụ')")
    expect(page.locator("[data-testid=progress]")).to_be_visible()
    expect(page.locator("[data-testid=job-words]")).to_contain_text("Đang chờ tiến trình nền nhận việc")
    run_worker("e2e-worker")  # the page's script sees the job finished and shows the result

    saved = re.compile(r"Đã lưu kế hoạch 307/KH-UBND: \d+ nhiệm vụ đã giao cho \d+ đơn vị")
    expect(page.locator("[data-testid=job-words]")).to_have_text(saved, timeout=15000)
    plan = Plan.objects.get()
    assert Task.objects.filter(plan=plan).count() == int(promised.group(1))
    assert Task.objects.filter(plan=plan).values("lead_unit").distinct().count() == int(promised.group(2))

    page.goto(f"{live_server.url}/ke-hoach/nhap/")
    page.set_input_files("#id_file", str(source))
    page.click("button:has-text('Đọc và xem trước')")
    run_worker("e2e-worker")
    page.reload()
    expect(page.locator("[data-testid=existing-plan]")).to_contain_text("Kế hoạch 307/KH-UBND đã có trong hệ thống")
    expect(page.locator("[data-testid=no-changes]")).to_be_visible()
    page.click("button:has-text('Cập nhật kế hoạch đã có')")
    expect(page.get_by_role("alert").filter(has_text="xác nhận cập nhật")).to_be_visible()
    page.get_by_label("Tôi đã xem các thay đổi và đồng ý cập nhật kế hoạch đã có").check()
    page.click("button:has-text('Cập nhật kế hoạch đã có')")
    run_worker("e2e-worker")
    page.reload()
    expect(page.locator("[data-testid=job-words]")).to_contain_text("Đã cập nhật kế hoạch 307/KH-UBND")
    assert Plan.objects.count() == 1
