"""At phone size: the tracking page of a closed case offers the survey, the citizen answers it
(a conditional question appears as they choose), the offer disappears, the officer sees the result."""

from __future__ import annotations

from datetime import date

import pytest
from playwright.sync_api import expect

from danvan.org import clock
from danvan.petitions import services as petitions
from danvan.petitions.models import Field
from danvan.surveys import services
from danvan.surveys.models import QuestionKind, Response, SurveyStatus, Target
from tests.e2e import a11y
from tests.petitions.helpers import png_upload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def _survey(ward, officer):
    survey = services.create_survey(actor=officer, unit=ward, title="Khảo sát hài lòng năm 2026",
                                    target=Target.CASES, starts_on=date(clock.today().year, 1, 1),
                                    ends_on=date(clock.today().year, 12, 31))
    services.add_question(actor=officer, survey=survey, kind=QuestionKind.SCALE, aspect="civil_servants",
                          text="Cán bộ có lịch sự, tôn trọng bạn không?")
    result = services.add_question(actor=officer, survey=survey, kind=QuestionKind.SINGLE, aspect="results",
                                   text="Kết quả có đáp ứng yêu cầu của bạn không?",
                                   options="Đáp ứng đầy đủ\nMột phần\nKhông đáp ứng",
                                   satisfied_options="Đáp ứng đầy đủ")
    services.add_question(actor=officer, survey=survey, kind=QuestionKind.MULTIPLE, text="Điều gì chưa đáp ứng?",
                          options="Thời gian\nThái độ\nNội dung trả lời", condition_question=result,
                          condition_values="Một phần\nKhông đáp ứng")
    return services.set_status(actor=officer, survey=survey, version=survey.version, status=SurveyStatus.OPEN)


def test_citizen_answers_the_survey_after_closing_on_a_phone(page, live_server, login, demo_org, users):
    ward, officer = demo_org["tx-thuong-dinh"], users["canbo"]
    survey = _survey(ward, officer)
    sub = petitions.submit_petition(
        actor=officer, kind="feedback", field=Field.objects.get(code="trat-tu-do-thi"), unit=ward, channel="web",
        received_on=clock.today(), subject="Đèn đường hỏng ngõ 12", content="Đèn đường ngõ 12 hỏng đã 2 tuần.",
        petitioners=[{"full_name": "Nguyễn Văn Bình", "address": "Số 3 ngõ 12", "phone": "0912345678"}])
    case = petitions.triage(actor=officer, petition=sub.petition, decision="accept")
    petitions.close(actor=officer, petition=case, answer="Đã thay bóng đèn.", outcome="fixed", evidence=png_upload())

    page.set_viewport_size(a11y.PHONE)

    def track():
        page.goto(f"{live_server.url}/don-thu/tra-cuu/")
        page.fill("#id_code", case.code)
        page.fill("#id_secret", sub.secret)
        page.click("[data-testid=track-form] button[type=submit]")

    # 1. The tracking page of the closed case offers the survey.
    track()
    expect(page.locator("[data-testid=survey-offer]")).to_contain_text("Mời bạn đánh giá sự phục vụ")
    page.click("[data-testid=survey-offer-link]")

    # 2. The citizen answers; "Một phần" brings the conditional question at once.
    why = page.locator("fieldset", has_text="Điều gì chưa đáp ứng?")
    expect(why).to_be_hidden()
    page.get_by_label("4 – Hài lòng").check()
    page.get_by_label("Một phần").check()
    expect(why).to_be_visible()
    page.get_by_label("Thời gian").check()
    assert not page.evaluate(a11y.OVERFLOW)  # nothing wider than the phone
    page.click("[data-testid=survey-form] button[type=submit]")
    expect(page.locator("[data-testid=survey-done]")).to_contain_text("Cảm ơn bạn đã trả lời")
    response = Response.objects.get()
    assert response.petition_id == case.pk and response.answers.filter(text="Thời gian").exists()

    # 3. The offer has gone from the tracking page.
    track()
    expect(page.locator("[data-testid=survey-offer-link]")).to_have_count(0)
    expect(page.locator("[data-testid=survey-answered]")).to_be_visible()

    # 4. The officer sees the result: one response, civil servants 100 %, results 0 %, index 50 %.
    page.set_viewport_size({"width": 1280, "height": 900})
    login("canbo")
    page.goto(f"{live_server.url}/khao-sat/{survey.pk}/ket-qua/")
    expect(page.locator("[data-testid=sipas-summary]")).to_contain_text("Tính trên 1 phiếu trả lời")
    expect(page.locator("[data-testid=sipas-overall]")).to_have_text("50,0%")
    expect(page.locator("[data-testid=low-sample]")).to_be_visible()
