"""The coordinator hands the dissolved district's open work to the new wards: proposal, one line
changed, apply, the report downloaded in the official format."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_coordinator_proposes_changes_a_line_applies_and_downloads_the_report(page, live_server, login):
    from danvan.documents.render import check_docx
    from danvan.org.models import CarryOverRun, Unit
    from danvan.petitions.models import Petition

    call_command("demo", stdout=io.StringIO())
    district = Unit.objects.get(code="tx-ubnd")
    case = Petition.objects.get(subject__startswith="Quán karaoke")  # Kim Giang → Phương Liệt by address
    login("noivu")
    page.goto(f"{live_server.url}{district.get_absolute_url()}")
    page.click("[data-testid=carry-over-link]")
    expect(page.locator("h1")).to_contain_text("Phương án chuyển giao công việc của UBND quận Thanh Xuân")
    row = page.locator(f"tr[data-line=petition-{case.pk}]")
    expect(row).to_contain_text("Theo địa chỉ: phường Kim Giang thuộc phường Phương Liệt")
    select = row.get_by_label(f"Chuyển “{case.code} — {case.subject}” đến")
    expect(select).to_have_value(str(Unit.objects.get(code="hn-phuong-liet").pk))
    select.select_option(label="UBND phường Khương Đình (từ 2025)")
    page.click("[data-testid=carry-over-apply]")

    expect(page.locator("h1")).to_contain_text("Báo cáo chuyển giao công việc của UBND quận Thanh Xuân")
    expect(page.locator(".alert-success")).to_contain_text("Đã chuyển")
    expect(page.locator("[data-testid=left]")).to_have_text("Không còn")
    moved_row = page.locator("[data-testid=moves] tr", has_text=case.code)
    expect(moved_row).to_contain_text("UBND phường Khương Đình (từ 2025)")
    expect(moved_row).to_contain_text("đầu mối đã sửa")
    assert Petition.objects.get(pk=case.pk).handling_unit.code == "hn-khuong-dinh"
    assert Petition.objects.get(pk=case.pk).received_on == case.received_on

    with page.expect_download() as info:
        page.click("[data-testid=download-docx]")
    data = Path(info.value.path()).read_bytes()
    assert check_docx(data) == []
    assert CarryOverRun.objects.count() == 1
