"""The citizens' portal and the satisfaction survey on a phone (390×844), in one go: the citizen files
feedback, tracks it; the ward officer closes it and marks the answer public (through the services: the
officer's pages have browser tests of their own); the tracking page offers the survey once, the citizen
answers it (a conditional question appears as they choose), then finds the published answer. No portal
page the citizen saw, nor any of the portal's lists, shows the petitioner's name, phone or address."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from danvan.carryover import demo as reform_demo
from danvan.org import clock
from danvan.org import services as org_services
from danvan.petitions import services as petitions
from danvan.petitions.models import Field, Petition
from danvan.surveys import services as surveys
from danvan.surveys.models import QuestionKind, Response, SurveyStatus, Target
from tests.confidential import forms_of
from tests.e2e import a11y
from tests.petitions.helpers import png_upload

pytestmark = pytest.mark.django_db(transaction=True)

NAME, PHONE_NUMBER, ADDRESS = "Phạm Thị Riêng", "0977123456", "Số 18 ngõ 4 Khương Trung"


@pytest.fixture
def browser_context_args(browser_context_args):
    """The citizen's browser is a phone; axe checks each page the test opens (tests/e2e/conftest.py)."""
    return {**browser_context_args, "viewport": a11y.PHONE, "is_mobile": True, "has_touch": True}


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _survey(ward, officer):
    """The ward's survey of closed cases: a 1–5 scale, a choice, and a question asked only on a poor result."""
    year = clock.today().year
    survey = surveys.create_survey(actor=officer, unit=ward, title="Khảo sát hài lòng", target=Target.CASES,
                                   starts_on=date(year, 1, 1), ends_on=date(year, 12, 31))
    surveys.add_question(actor=officer, survey=survey, kind=QuestionKind.SCALE, aspect="civil_servants",
                         text="Cán bộ có lịch sự, tôn trọng bạn không?")
    result = surveys.add_question(actor=officer, survey=survey, kind=QuestionKind.SINGLE, aspect="results",
                                  text="Kết quả có đáp ứng yêu cầu của bạn không?",
                                  options="Đáp ứng đầy đủ\nMột phần\nKhông đáp ứng", satisfied_options="Đáp ứng đầy đủ")
    surveys.add_question(actor=officer, survey=survey, kind=QuestionKind.MULTIPLE, text="Điều gì chưa đáp ứng?",
                         options="Thời gian\nThái độ\nNội dung trả lời", condition_question=result,
                         condition_values="Một phần\nKhông đáp ứng")
    return surveys.set_status(actor=officer, survey=survey, version=survey.version, status=SurveyStatus.OPEN)


def test_feedback_survey_and_published_answer_on_a_phone(page, live_server, demo_org):
    field = Field.objects.get(code="trat-tu-do-thi")
    ward = demo_org["hn-thanh-xuan"]
    reform_demo.load(io.StringIO())
    officer = org_services.create_staff(actor=None, username="canbo3", full_name="Lê Thị Hồng", unit=ward,
                                        position="Công chức Văn phòng - Thống kê phường Thanh Xuân")
    _survey(ward, officer)
    assert page.viewport_size == a11y.PHONE
    base = live_server.url
    seen: list[tuple[str, str]] = []  # (address, HTML) of every page the citizen was shown

    def keep() -> None:
        seen.append((page.url, page.content()))

    def track() -> None:
        page.goto(f"{base}/cong-thong-tin/tra-cuu/")
        keep()
        page.fill("#id_code", code)
        page.fill("#id_secret", secret)
        page.click("[data-testid=track-form] button[type=submit]")
        keep()

    # 1. From the ward's portal home the citizen opens the form and files feedback, without an account.
    page.goto(f"{base}/cong-thong-tin/{ward.code}/")
    expect(page.locator("[data-testid=guide]")).to_contain_text("Khiếu nại")
    keep()
    page.get_by_role("link", name="Gửi phản ánh, kiến nghị").first.click()
    assert page.url.endswith("/cong-thong-tin/gui/")
    keep()
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
    keep()

    # 2. The citizen tracks it: received.
    track()
    assert page.inner_text("[data-testid=public-status-label]") == "Đã tiếp nhận"

    # 3. The ward officer accepts it, closes it with an answer and evidence, and publishes the answer.
    case = petitions.triage(actor=officer, petition=Petition.objects.get(code=code), decision="accept")
    case = petitions.close(actor=officer, petition=case, answer="Phường đã vá ổ gà ngày hôm qua; mặt đường đã "
                           "bằng phẳng.", outcome="fixed", evidence=png_upload("o-ga.png"))
    petitions.publish_answer(actor=officer, petition=case, title="Vá ổ gà trên phố Khương Trung")

    # 4. Tracking shows the closing and offers the survey; "Một phần" brings the conditional question at once.
    track()
    assert page.inner_text("[data-testid=public-status-label]") == "Đã kết thúc"
    expect(page.locator("[data-testid=survey-offer]")).to_contain_text("Mời bạn đánh giá sự phục vụ")
    page.click("[data-testid=survey-offer-link]")
    keep()
    why = page.locator("fieldset", has_text="Điều gì chưa đáp ứng?")
    expect(why).to_be_hidden()
    page.get_by_label("4 – Hài lòng").check()
    page.get_by_label("Một phần").check()
    expect(why).to_be_visible()
    page.get_by_label("Thời gian").check()
    assert not page.evaluate(a11y.OVERFLOW)  # nothing wider than the phone
    page.click("[data-testid=survey-form] button[type=submit]")
    expect(page.locator("[data-testid=survey-done]")).to_contain_text("Cảm ơn bạn đã trả lời")
    keep()
    response = Response.objects.get()
    assert response.petition_id == case.pk and response.answers.filter(text="Thời gian").exists()

    # 5. Once answered, the offer is gone from the tracking page.
    track()
    expect(page.locator("[data-testid=survey-offer-link]")).to_have_count(0)
    expect(page.locator("[data-testid=survey-answered]")).to_be_visible()

    # 6. The published answer, found without diacritics on the ward's answers.
    page.goto(f"{base}/cong-thong-tin/{ward.code}/tra-loi/")
    page.fill("#id_q", "o ga khuong trung")
    page.get_by_role("button", name="Tìm").click()
    keep()
    page.get_by_role("link", name="Vá ổ gà trên phố Khương Trung").click()
    expect(page.locator("[data-testid=answer-text]")).to_contain_text("Phường đã vá ổ gà")
    keep()

    # 7. Who filed it, in any spelling, is on none of those pages, nor on the portal's lists.
    for url in (f"{base}/cong-thong-tin/", f"{base}/cong-thong-tin/{ward.code}/",
                f"{base}/cong-thong-tin/{ward.code}/tra-loi/", f"{base}/cong-thong-tin/{ward.code}/cong-khai/",
                f"{base}/cong-thong-tin/{ward.code}/tin-tuc/", f"{base}/cong-thong-tin/{ward.code}/van-ban/"):
        assert page.goto(url).status == 200, url
        keep()
    secret_forms = forms_of(NAME, PHONE_NUMBER, ADDRESS)
    assert len(seen) >= 15
    for url, html in seen:
        found = sorted(f for f in secret_forms if f in html)
        assert found == [], (url, found)
