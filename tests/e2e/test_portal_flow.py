"""The citizens' portal on a phone (390×844): file feedback, track it, the officer closes it with a
published answer, the citizen reads it; no page of the portal shows the petitioner's name, phone or
address."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect

from danvan.carryover import demo as reform_demo
from danvan.org import services
from danvan.org.demo import DEMO_PASSWORD
from danvan.petitions.models import Field, Petition
from tests.confidential import forms_of
from tests.e2e.a11y import PHONE
from tests.petitions.helpers import png_bytes

pytestmark = pytest.mark.django_db(transaction=True)

NAME, PHONE_NUMBER, ADDRESS = "Phạm Thị Riêng", "0977123456", "Số 18 ngõ 4 Khương Trung"


@pytest.fixture
def browser_context_args(browser_context_args):
    """The citizen's browser is a phone; axe checks each page the test opens (tests/e2e/conftest.py)."""
    return {**browser_context_args, "viewport": PHONE, "is_mobile": True, "has_touch": True}


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _portal_pages(base: str, code: str, case: str) -> list[str]:
    return [f"{base}/cong-thong-tin/", f"{base}/cong-thong-tin/{code}/", f"{base}/cong-thong-tin/{code}/tra-loi/",
            f"{base}/cong-thong-tin/{code}/tra-loi/?q=o+ga", f"{base}/cong-thong-tin/{code}/tra-loi/{case}/",
            f"{base}/cong-thong-tin/{code}/cong-khai/", f"{base}/cong-thong-tin/{code}/tin-tuc/",
            f"{base}/cong-thong-tin/{code}/van-ban/"]


def test_feedback_to_published_answer_on_a_phone(page, browser, live_server, demo_org):
    field = Field.objects.get(code="trat-tu-do-thi")
    ward = demo_org["hn-thanh-xuan"]
    reform_demo.load(io.StringIO())
    services.create_staff(actor=None, username="canbo3", full_name="Lê Thị Hồng", unit=ward,
                          position="Công chức Văn phòng - Thống kê phường Thanh Xuân", password=DEMO_PASSWORD)
    assert page.viewport_size == PHONE
    base = live_server.url

    # 1. From the ward's portal home the citizen opens the form and files feedback, without an account.
    page.goto(f"{base}/cong-thong-tin/{ward.code}/")
    expect(page.locator("[data-testid=guide]")).to_contain_text("Khiếu nại")
    page.get_by_role("link", name="Gửi phản ánh, kiến nghị").first.click()
    assert page.url.endswith("/cong-thong-tin/gui/")
    page.select_option("#id_kind", "feedback")
    page.select_option("#id_field", str(field.pk))
    page.select_option("#id_unit", str(ward.pk))
    page.fill("#id_subject", "Ổ gà lớn trên phố Khương Trung")
    page.fill("#id_content", "Ổ gà sâu trước nhà văn hóa, xe máy đã ngã hai lần.")
    page.fill("#id_full_name", NAME)
    page.fill("#id_phone", PHONE_NUMBER)
    page.fill("#id_address", ADDRESS)
    page.click("[data-testid=public-form] button[type=submit]")
    code = page.inner_text("[data-testid=code]").strip()
    secret = page.inner_text("[data-testid=secret]").strip()
    assert re.match(r"^DT\d\d-[A-Z0-9]{6}$", code)

    # 2. The citizen tracks it: received.
    page.goto(f"{base}/cong-thong-tin/tra-cuu/")
    page.fill("#id_code", code)
    page.fill("#id_secret", secret)
    page.click("[data-testid=track-form] button[type=submit]")
    assert page.inner_text("[data-testid=public-status-label]") == "Đã tiếp nhận"

    # 3. The ward officer accepts it and closes it with an answer published on the portal.
    officer = browser.new_context()
    desk = officer.new_page()
    desk.goto(f"{base}/dang-nhap/")
    desk.fill("#id_username", "canbo3")
    desk.fill("#id_password", DEMO_PASSWORD)
    desk.click("button[type=submit]")
    desk.goto(f"{base}/don-thu/")
    desk.click(f"text={code}")
    step = desk.locator("[data-testid=next-step]")
    step.locator("#decision").select_option("accept")
    step.locator("[data-testid=triage-form] button[type=submit]").click()
    desk.fill("#answer", "Phường đã vá ổ gà ngày hôm qua; mặt đường đã bằng phẳng.")
    desk.select_option("#outcome", "fixed")
    desk.set_input_files("#evidence", files=[{"name": "o-ga.png", "mimeType": "image/png", "buffer": png_bytes()}])
    desk.check("#close_publish")
    desk.fill("#close_public_title", "Vá ổ gà trên phố Khương Trung")
    desk.check("#close_confirm")
    desk.click("[data-testid=close-form] button[type=submit]")
    assert desk.inner_text("[data-testid=status]") == "Đã kết thúc"
    officer.close()
    assert Petition.objects.get(code=code).published_on is not None

    # 4. The citizen sees the closing on the tracking page, then the published answer on the portal.
    page.goto(f"{base}/cong-thong-tin/tra-cuu/")
    page.fill("#id_code", code)
    page.fill("#id_secret", secret)
    page.click("[data-testid=track-form] button[type=submit]")
    assert page.inner_text("[data-testid=public-status-label]") == "Đã kết thúc"
    page.goto(f"{base}/cong-thong-tin/{ward.code}/tra-loi/")
    page.fill("#id_q", "o ga khuong trung")
    page.get_by_role("button", name="Tìm").click()
    page.get_by_role("link", name="Vá ổ gà trên phố Khương Trung").click()
    expect(page.locator("[data-testid=answer-text]")).to_contain_text("Phường đã vá ổ gà")

    # 5. No page of the portal shows who filed it, in any spelling.
    secret_forms = forms_of(NAME, PHONE_NUMBER, ADDRESS)
    for url in _portal_pages(base, ward.code, code):
        response = page.goto(url)
        assert response.status == 200, url
        html = page.content()
        found = sorted(f for f in secret_forms if f in html)
        assert found == [], (url, found)
