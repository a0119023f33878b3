"""A ward officer logs in, finds their ward without typing diacritics, and is refused another ward."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_ward_officer_searches_without_diacritics_and_is_refused_other_ward(page, live_server, demo_org, login):
    login("canbo")
    expect(page.locator("[data-testid=current-user]")).to_contain_text("Đỗ Minh Tuấn")

    page.click("text=Đơn vị")
    page.fill("input[name=q]", "thuong dinh")
    page.click("button:has-text('Tìm')")
    link = page.get_by_role("link", name="UBND phường Thượng Đình")
    expect(link).to_be_visible()
    link.click()
    expect(page.locator("h1")).to_have_text("UBND phường Thượng Đình")
    expect(page.get_by_text("Đỗ Minh Tuấn").first).to_be_visible()

    other = demo_org["tx-khuong-dinh"].staff.first()
    response = page.goto(f"{live_server.url}/can-bo/{other.pk}/")
    assert response.status == 403
    assert re.search("Khương Đình|Hoàng Đức Anh", page.content()) is None


def test_language_switch_to_english_and_back(page, live_server, demo_org, login):
    login("noivu")
    page.select_option("select[name=language]", "en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.select_option("select[name=language]", "vi")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
