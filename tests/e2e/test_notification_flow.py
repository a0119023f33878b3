"""The officer sees the bell's count, opens the notifications, follows one to its case, and chooses a
daily digest instead of an e-mail each time."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_officer_reads_notifications_and_chooses_the_digest(page, live_server, login):
    from django.core.management import call_command

    from danvan.notifications.models import EmailMode, Preference
    from danvan.org.models import Staff

    call_command("demo", stdout=io.StringIO())
    login("canbo")
    bell = page.get_by_role("link", name=re.compile(r"Thông báo\s+\d+\s+chưa đọc"))
    expect(bell).to_be_visible()
    bell.click()
    expect(page.locator("h1")).to_have_text("Thông báo của tôi")
    rows = page.locator("[data-testid=notification]")
    expect(rows.first).to_contain_text("Mới")
    page.reload()
    expect(rows.first).not_to_contain_text("Mới")
    expect(page.get_by_role("link", name=re.compile(r"chưa đọc"))).to_have_count(0)
    rows.first.get_by_role("link").click()
    expect(page.locator("h1")).to_contain_text("DT")

    page.goto(f"{live_server.url}/thong-bao/cai-dat/")
    page.get_by_label("Gửi một thư tổng hợp mỗi ngày").check()
    page.get_by_role("button", name="Lưu").click()
    expect(page.get_by_role("status")).to_contain_text("Đã lưu cách nhận thông báo")
    expect(page.get_by_label("Gửi một thư tổng hợp mỗi ngày")).to_be_checked()
    assert Preference.objects.get(staff=Staff.objects.get(username="canbo")).email_mode == EmailMode.DIGEST
