"""Dates are typed and picked as dd/mm/yyyy, whatever the browser's language."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "en-US"}  # an English browser, as on many office computers


def test_a_date_is_typed_or_picked_as_dd_mm_yyyy_in_an_english_browser(page, live_server, login, demo_org):
    login("noivu")
    page.goto(f"{live_server.url}/bao-cao/tao/")
    field = page.locator("#id_deadline")
    assert field.get_attribute("type") == "text" and field.get_attribute("placeholder") == "dd/mm/yyyy"
    field.click()  # the installed date picker opens on click
    picker = page.locator(".datepicker.active")
    expect(picker).to_be_visible()
    picker.locator(".datepicker-cell.day:not(.prev):not(.next)", has_text=re.compile(r"^15$")).first.click()
    assert re.fullmatch(r"15/\d\d/\d{4}", field.input_value())
    field.fill("05/03/2026")  # or typed
    assert field.input_value() == "05/03/2026"
