"""A ward head submits the yearly report, the coordinator returns it, the ward resubmits, the coordinator
accepts it and downloads the consolidated report as an official .docx."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from danvan.documents.render import check_docx
from danvan.org.models import Staff, Unit
from danvan.reporting import services
from danvan.reporting.catalogue import PLAN_307_CODE, install_templates
from danvan.reporting.models import DeadlinePolicy, ReportTemplate
from tests.notifications.helpers import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def _logout(page) -> None:
    page.click("button:has-text('Đăng xuất')")


def test_ward_submits_coordinator_returns_ward_resubmits_coordinator_accepts(page, live_server, demo_org, login,
                                                                              tmp_path):
    install_templates()
    request = services.create_request(
        actor=Staff.objects.get(username="noivu"), template=ReportTemplate.objects.get(code=PLAN_307_CODE),
        requesting_unit=Unit.objects.get(code="tx-ubnd"), period_kind="yearly", year=2026,
        deadline=date(2026, 11, 30), deadline_policy=DeadlinePolicy.NEXT_WORKDAY, plan_reference="307/KH-UBND")

    login("phuong")
    page.click("text=Báo cáo")
    page.click(f"text={request.title}")
    page.click("[data-testid=open-report]")
    row = page.locator("tr[data-code='responsible.assigned']")
    expect(row).to_contain_text("Tự động từ dữ liệu danvan")
    expect(page.locator("input[name='v-staff.count']")).to_have_value("2")
    page.fill("input[name='v-commendation.individuals']", "2")
    page.fill("#n-II\\.5", "Chủ tịch UBND phường tiếp công dân vào thứ Năm hằng tuần.")
    page.click("[data-testid=submit]")
    page.click("[data-testid=confirm-submit] [data-testid=confirm-button]")
    expect(page.locator("[data-testid=status]")).to_have_text("Đã nộp")
    report_url = page.url
    _logout(page)

    login("noivu")
    page.goto(report_url)
    page.fill("#comment", "Bổ sung số cuộc đối thoại với nhân dân.")
    page.click("[data-testid=return]")
    expect(page.locator("[data-testid=status]")).to_have_text("Bị trả lại")
    _logout(page)

    login("phuong")
    page.goto(report_url)
    expect(page.locator("[data-testid=review-comment]")).to_contain_text("Bổ sung số cuộc đối thoại")
    page.fill("#n-II\\.5", "Tiếp công dân vào thứ Năm hằng tuần; tổ chức 4 cuộc đối thoại.")
    page.click("[data-testid=submit]")
    page.click("[data-testid=confirm-submit] [data-testid=confirm-button]")
    expect(page.locator("[data-testid=status]")).to_have_text("Đã nộp")
    _logout(page)

    login("noivu")
    page.goto(report_url)
    page.click("[data-testid=accept]")
    expect(page.locator("[data-testid=status]")).to_have_text("Đã tiếp nhận")
    page.goto(f"{live_server.url}/bao-cao/{request.pk}/tong-hop/")
    expect(page.locator("[data-testid=reported]")).to_contain_text("Đã có 1/")
    expect(page.locator("tr[data-code='commendation.individuals'] .dv-total")).to_have_text("2")
    page.click("[data-testid=download-docx]")  # the consolidated report is made by the background worker
    expect(page.locator("[data-testid=progress]")).to_be_visible()
    run_worker("e2e-worker")
    page.reload()
    with page.expect_download() as info:
        page.click("[data-testid=job-download]")
    target = Path(tmp_path) / "tong-hop.docx"
    info.value.save_as(target)
    assert check_docx(target.read_bytes()) == []
