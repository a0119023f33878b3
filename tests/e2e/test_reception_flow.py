"""A ward officer records a citizen received at a session of the ward, sees the reply deadline, and opens the
case (petition) from the reception line."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_ward_officer_records_a_reception_entry_and_sees_the_reply_deadline(page, live_server, demo_org, login):
    from danvan.org.models import Staff
    from danvan.reception import services

    services.create_session(actor=None, unit=demo_org["tx-thuong-dinh"], leader=Staff.objects.get(username="phuong"),
                            date=date(2026, 2, 10), place="Trụ sở UBND phường", posted_on=date(2026, 2, 2))
    login("canbo")
    page.click("text=Tiếp công dân, đối thoại")
    page.get_by_role("link", name="10/02/2026").first.click()
    expect(page.locator("h1")).to_contain_text("Buổi tiếp công dân ngày 10/02/2026")
    page.click("text=Ghi sổ lượt tiếp")
    page.fill("#id_citizen_name", "Lê Thị Thu")
    page.fill("#id_citizen_address", "Số 12 ngõ 214 Nguyễn Xiển")
    page.select_option("#id_kind", "feedback")
    page.fill("#id_summary", "Phản ánh đèn chiếu sáng ngõ 214 hỏng nhiều ngày.")
    page.click("button:has-text('Lưu')")
    expect(page.locator("[data-testid=reply-due]")).to_contain_text("Hạn trả lời công dân: 03/03/2026")
    expect(page.locator("[data-testid=reply-due]")).to_contain_text("Điều 28")
    page.click("text=buổi tiếp ngày 10/02/2026")
    expect(page.locator("[data-testid=session-entries]")).to_contain_text("Lê Thị Thu")

    # From the line, the case in one form: the two pages then link to each other.
    page.get_by_role("link", name="1", exact=True).click()
    page.click("text=Tạo hồ sơ đơn thư từ lượt tiếp")
    expect(page.locator("h1")).to_contain_text("Tạo hồ sơ đơn thư từ lượt tiếp")
    page.select_option("#id_field", label="Trật tự đô thị")
    page.click("button:has-text('Tạo hồ sơ')")
    expect(page.locator(".alert-success")).to_contain_text("Mã hồ sơ: DT26-")
    expect(page.locator("h1")).to_contain_text("Phản ánh đèn chiếu sáng ngõ 214 hỏng nhiều ngày.")
    expect(page.locator("[data-testid=status]")).to_contain_text("Đã tiếp nhận")
    expect(page.locator("[data-testid=identity]")).to_contain_text("Lê Thị Thu")
    page.locator("[data-testid=from-reception] a").first.click()
    expect(page.locator("[data-testid=entry-petition]")).to_contain_text("DT26-")
