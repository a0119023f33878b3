"""Keyboard only: a citizen files feedback, tracks it and rates the answer; an officer triages a case.

No mouse click anywhere: Tab moves between controls (each one shows a visible focus ring), arrow keys
choose in lists, Enter follows links and submits. The accessibility check of conftest runs on every
page these walks open, public ones also at phone size.
"""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.petitions import services
from danvan.petitions.demo import ensure_fields
from danvan.petitions.models import Field, Petition
from tests.petitions.helpers import png_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"

FOCUSED = "(s) => !!document.activeElement && document.activeElement.matches(s)"
RING = """() => { const st = getComputedStyle(document.activeElement);
  return st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) >= 2; }"""


def tab_to(page, selector: str, limit: int = 90) -> None:
    """Press Tab until the control matching ``selector`` has the focus, which must be visible."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED, selector):
            assert page.evaluate(RING), f"no visible focus on {selector}"
            return
    raise AssertionError(f"Tab never reached {selector} on {page.url}")


def choose(page, value: str) -> None:
    """In the focused list, press ↓ until ``value`` is chosen."""
    for _ in range(60):
        if page.evaluate("() => document.activeElement.value") == value:
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"option {value} not reached with the arrow keys")


def type_into(page, selector: str, text: str) -> None:
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def test_citizen_files_tracks_and_rates_with_the_keyboard_only(page, live_server, demo_org):
    ensure_fields()
    field = Field.objects.get(code="trat-tu-do-thi")
    ward = demo_org["hn-thanh-xuan"]  # the public form offers only wards that exist today
    page.goto(f"{live_server.url}/cong-thong-tin/gui/")

    # The first Tab reaches the skip link, which takes the focus past the menu to the content.
    page.keyboard.press("Tab")
    assert page.evaluate(FOCUSED, "a.dv-skip-link") and page.evaluate(RING)
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"

    tab_to(page, "#id_kind")
    choose(page, "feedback")
    tab_to(page, "#id_field")
    choose(page, str(field.pk))
    tab_to(page, "#id_unit")
    choose(page, str(ward.pk))
    type_into(page, "#id_subject", "Đèn chiếu sáng ngõ 214 hỏng")
    type_into(page, "#id_content", "Đèn ngõ 214 Nguyễn Xiển hỏng hơn một tuần, buổi tối rất tối.")
    type_into(page, "#id_full_name", "Trần Văn Khiếm")
    type_into(page, "#id_phone", "0912000222")
    tab_to(page, "[data-testid=public-form] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=code]")
    code = page.inner_text("[data-testid=code]").strip()
    secret = page.inner_text("[data-testid=secret]").strip()

    # The ward answers (outside this walk), then the citizen follows the link to the tracking page.
    petition = Petition.objects.get(code=code)
    from danvan.org.models import Staff
    officer = Staff.objects.get(username="admin")
    petition = services.triage(actor=officer, petition=petition, decision="accept")
    services.close(actor=officer, petition=petition, answer="Phường đã thay bóng đèn ngày hôm qua.", outcome="fixed",
                   evidence=SimpleUploadedFile("den.png", png_bytes(), content_type="image/png"))

    tab_to(page, "a[href*='/cong-thong-tin/tra-cuu/']")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=track-form]")
    type_into(page, "#id_code", code)
    type_into(page, "#id_secret", secret)
    page.keyboard.press("Enter")  # Enter in a field submits its form
    page.wait_for_selector("[data-testid=public-status]")
    assert page.inner_text("[data-testid=public-status-label]") == "Đã kết thúc"

    tab_to(page, "#id_score")
    choose(page, "4")
    type_into(page, "#id_comment", "Đã sáng, cảm ơn phường.")
    tab_to(page, "[data-testid=rating-form] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Cảm ơn bạn đã đánh giá")
    assert petition.ratings.get().score == 4


def test_officer_triages_a_case_with_the_keyboard_only(page, live_server, demo_org):
    from tests.petitions.helpers import feedback

    ensure_fields()
    from danvan.org.demo import DEMO_PASSWORD

    case = feedback(demo_org).petition
    page.goto(f"{live_server.url}/dang-nhap/")
    type_into(page, "#id_username", "canbo")
    type_into(page, "#id_password", DEMO_PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=current-user]")

    tab_to(page, "nav a[href='/don-thu/']")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=petition-list]")
    tab_to(page, f"a[href='/don-thu/{case.pk}/']")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-testid=triage-form]")
    tab_to(page, "#decision")
    choose(page, "accept")
    tab_to(page, "[data-testid=triage-form] button[type=submit]")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('[data-testid=status]').innerText === 'Đã thụ lý'")
    case.refresh_from_db()
    assert case.status == "accepted"
    assert re.search(r"\d\d/\d\d/\d{4}", page.inner_text("[data-testid=deadlines]"))
