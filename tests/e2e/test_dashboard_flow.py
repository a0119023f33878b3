"""The district chairman opens the leaders' dashboard, sees its charts drawn, clicks a figure and
finds a list of exactly that many cases."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_chairman_clicks_a_figure_and_sees_a_list_of_the_same_count(page, live_server, login):
    from django.core.management import call_command

    call_command("demo", stdout=io.StringIO())
    login("chutich")
    page.get_by_role("link", name="Bảng điều hành").click()
    expect(page.locator("h1")).to_contain_text("Bảng điều hành")
    page.fill("#f-start", "01/01/2020")
    page.get_by_role("button", name="Xem").click()

    charts = page.locator("img[data-testid=chart]")
    expect(charts).to_have_count(4)
    for i in range(4):
        chart = charts.nth(i)
        chart.scroll_into_view_if_needed()
        page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=chart.element_handle())
        assert chart.get_attribute("alt")

    figure = page.locator("a[data-figure=received-total]")
    number = int(figure.inner_text())
    assert number > 0
    figure.click()
    expect(page.locator("h1")).to_contain_text("Đơn thư")
    expect(page.locator("[data-testid=page-count]")).to_contain_text(re.compile(rf"(^|\D){number} dòng"))

    page.go_back()
    overdue = page.locator("a[data-figure=overdue-total]")
    number = int(overdue.inner_text())
    overdue.click()
    expect(page.locator("[data-testid=page-count]")).to_contain_text(re.compile(rf"(^|\D){number} dòng"))
