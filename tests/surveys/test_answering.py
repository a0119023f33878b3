"""Answering a survey without logging in: conditional questions without a script, one answer per
browser or per closed case, the offer on the tracking page of a closed case."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from danvan.org import clock
from danvan.petitions import services as petitions
from danvan.petitions.models import Field
from danvan.surveys import services
from danvan.surveys.models import Answer, Response, SurveyStatus

from ..once_helpers import token_for

pytestmark = pytest.mark.django_db


def _shown(html: str) -> str:
    return re.search(r'name="shown" value="([^"]*)"', html).group(1)


def _visible_legends(html: str) -> list[str]:
    found = re.findall(r'<fieldset class="mb-4" id="q\d+" data-question="\d+"[^>]*>\s*<legend[^>]*>([^<*]+)', html)
    hidden = re.findall(r'<fieldset[^>]*\bhidden\b[^>]*>\s*<legend[^>]*>([^<*]+)', html)
    return [f.strip() for f in found if f not in hidden]


def test_conditional_question_comes_as_a_second_step_without_javascript(survey):
    client = Client()
    url = survey.public_url()
    html = client.get(url).content.decode()
    assert "Điều gì chưa đáp ứng?" not in _visible_legends(html)
    q = survey.q
    first = {f"q{q['access'].pk}": "5", f"q{q['staff'].pk}": "4", f"q{q['result'].pk}": "Một phần",
             "shown": _shown(html), "once": token_for(html, url)}
    step = client.post(url, first)
    page = step.content.decode()
    assert step.status_code == 200 and "mở thêm câu hỏi" in page
    assert "Điều gì chưa đáp ứng?" in _visible_legends(page)
    assert 'value="Một phần" checked' in page  # the answers given are kept
    assert Response.objects.count() == 0
    missing = client.post(url, {**first, "shown": _shown(page), "once": token_for(page, url)})
    assert missing.status_code == 400 and "Hãy chọn một câu trả lời." in missing.content.decode()
    page = missing.content.decode()
    done = client.post(url, {**first, f"q{q['why'].pk}": ["Thời gian", "Thái độ"], "shown": _shown(page),
                             "once": token_for(page, url)})
    assert done.status_code == 302 and done["Location"] == "/khao-sat/tra-loi/cam-on/"
    response = Response.objects.get()
    assert response.unit == survey.unit and response.petition is None
    assert sorted(Answer.objects.filter(question=q["why"]).values_list("text", flat=True)) == ["Thái độ", "Thời gian"]
    assert Answer.objects.get(question=q["result"]).satisfied is False
    assert Answer.objects.get(question=q["access"]).satisfied is True
    again = client.get(url)
    assert "Bạn đã trả lời phiếu khảo sát này" in again.content.decode()
    assert again["Cache-Control"] == "private, no-store"


def test_with_the_script_one_post_is_enough_and_a_hidden_answer_is_ignored(survey):
    client = Client()
    url = survey.public_url()
    html = client.get(url).content.decode()
    q = survey.q
    all_ids = ",".join(str(x.pk) for x in q.values())
    done = client.post(url, {f"q{q['access'].pk}": "2", f"q{q['staff'].pk}": "3",
                             f"q{q['result'].pk}": "Đáp ứng đầy đủ", f"q{q['why'].pk}": "Thời gian",
                             f"q{q['comment'].pk}": "Cảm ơn <b>phường</b>",
                             "shown": all_ids, "once": token_for(html, url)})
    assert done.status_code == 302
    assert not Answer.objects.filter(question=q["why"]).exists()  # its condition did not match
    assert Answer.objects.get(question=q["comment"]).text == "Cảm ơn phường"


def test_bad_answers_are_refused_with_a_message(survey):
    client = Client()
    url = survey.public_url()
    html = client.get(url).content.decode()
    q = survey.q
    page = client.post(url, {f"q{q['access'].pk}": "9", f"q{q['result'].pk}": "Có lẽ", "shown": _shown(html),
                             "once": token_for(html, url)})
    text = page.content.decode()
    assert page.status_code == 400
    assert "Hãy chọn một điểm từ 1 đến 5." in text and "Hãy chọn trong các phương án đã cho." in text
    assert "Hãy chọn một câu trả lời." in text  # the staff question left empty
    assert Response.objects.count() == 0


def test_a_closed_or_draft_survey_takes_no_answer(survey, draft, users):
    services.set_status(actor=users["canbo"], survey=survey, version=survey.version, status=SurveyStatus.CLOSED)
    page = Client().get(survey.public_url())
    assert "không còn nhận ý kiến" in page.content.decode()


def _closed_case(demo_org, users, field_code="trat-tu-do-thi"):
    from ..petitions.helpers import png_upload

    canbo = users["canbo"]
    sub = petitions.submit_petition(
        actor=canbo, kind="feedback", field=Field.objects.get(code=field_code), unit=demo_org["tx-thuong-dinh"],
        channel="web", received_on=clock.today(), subject="Đèn đường hỏng ngõ 12",
        content="Đèn đường ngõ 12 hỏng đã 2 tuần.",
        petitioners=[{"full_name": "Nguyễn Văn Bình", "address": "Số 3 ngõ 12", "phone": "0912345678"}])
    p = petitions.triage(actor=canbo, petition=sub.petition, decision="accept")
    p = petitions.close(actor=canbo, petition=p, answer="Đã thay bóng đèn.", outcome="fixed", evidence=png_upload())
    return p, sub.secret


def _track(client, petition, secret) -> str:
    return client.post("/cong-thong-tin/tra-cuu/", {"code": petition.code, "secret": secret}).content.decode()


def test_tracking_page_of_a_closed_case_offers_the_survey_once(demo_org, users, survey,
                                                                django_assert_max_num_queries):
    petition, secret = _closed_case(demo_org, users)
    client = Client()
    page = _track(client, petition, secret)
    assert 'data-testid="survey-offer-link"' in page
    link = re.search(r'href="(/khao-sat/tra-loi/ho-so/[^"]+)"', page).group(1)
    # someone with the code only (the published answer) never gets the link
    assert "survey-offer" not in client.post("/cong-thong-tin/tra-cuu/", {"code": petition.code,
                                                                  "secret": "sai"}).content.decode()
    html = client.get(link).content.decode()
    assert "Hồ sơ" in html and petition.code in html
    q = survey.q
    done = client.post(link, {f"q{q['access'].pk}": "4", f"q{q['staff'].pk}": "5",
                              f"q{q['result'].pk}": "Đáp ứng đầy đủ", "shown": _shown(html),
                              "once": token_for(html, link)})
    assert done.status_code == 302
    response = Response.objects.get()
    assert response.petition == petition and response.unit == petition.handling_unit
    page = _track(Client(), petition, secret)
    assert 'data-testid="survey-offer-link"' not in page and "Bạn đã trả lời phiếu khảo sát" in page
    assert "Hồ sơ này đã có phiếu trả lời" in Client().get(link).content.decode()
    with pytest.raises(services.AlreadyAnswered):
        services.submit_response(survey=survey, token="khac", raw={q["access"].pk: ["5"]}, petition=petition)


def test_no_offer_on_an_open_case_nor_without_a_survey_of_closed_cases(demo_org, users, draft):
    petition, secret = _closed_case(demo_org, users)
    assert "survey-offer" not in _track(Client(), petition, secret)  # the survey is still a draft
    from ..petitions.helpers import feedback

    sub = feedback(demo_org, actor=users["canbo"])
    assert "survey-offer" not in _track(Client(), sub.petition, sub.secret)


def test_a_forged_case_link_is_not_found(survey):
    assert Client().get("/khao-sat/tra-loi/ho-so/gia-mao/").status_code == 404
    assert Client().get("/khao-sat/tra-loi/khong-co/").status_code == 404


def test_the_answer_page_fits_a_phone_and_labels_every_control(survey):
    html = Client().get(survey.public_url()).content.decode()
    assert 'name="viewport"' in html
    inputs = re.findall(r'<input class="form-check-input"[^>]*id="([^"]+)"', html)
    assert inputs and all(f'for="{i}"' in html for i in inputs)
    assert html.count("<legend") == len(survey.q)
