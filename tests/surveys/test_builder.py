"""Building a survey: what an officer may ask, with a Vietnamese message that says what to fix."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from danvan.petitions.models import Field
from danvan.surveys import services
from danvan.surveys.models import Question, QuestionKind, Survey, SurveyStatus, Target

pytestmark = pytest.mark.django_db


def _errors(exc: ValidationError) -> dict[str, list[str]]:
    return exc.message_dict


@pytest.mark.parametrize(("values", "field", "words"), [
    (dict(kind=QuestionKind.SCALE, text="Thái độ cán bộ?"), "aspect", "yếu tố SIPAS"),
    (dict(kind=QuestionKind.SINGLE, text="Kết quả?", options="Có"), "options", "ít nhất hai phương án"),
    (dict(kind=QuestionKind.SINGLE, text="Kết quả?", options="Có\ncó"), "options", "trùng"),
    (dict(kind=QuestionKind.SCALE, aspect="access", text="Tiếp cận?", options="A\nB"), "options", "Chỉ câu hỏi chọn"),
    (dict(kind=QuestionKind.TEXT, aspect="access", text="Góp ý?"), "aspect", "không tính điểm"),
    (dict(kind=QuestionKind.SINGLE, aspect="results", text="Kết quả?", options="Có\nKhông"), "satisfied_options",
     "tính là hài lòng"),
    (dict(kind=QuestionKind.SINGLE, aspect="results", text="Kết quả?", options="Có\nKhông",
          satisfied_options="Rất có"), "satisfied_options", "chép đúng"),
    (dict(kind=QuestionKind.SCALE, aspect="access", text=" <b> </b> "), "text", "nội dung câu hỏi"),
    (dict(kind=QuestionKind.TEXT, text="Vì sao?", condition_values="1"), "condition_question", "câu hỏi điều kiện"),
])
def test_a_wrong_question_is_refused_with_a_message_naming_the_field(draft, users, values, field, words):
    draft.status = SurveyStatus.DRAFT
    with pytest.raises(ValidationError) as caught:
        services.add_question(actor=users["canbo"], survey=draft, **values)
    assert any(words in m for m in _errors(caught.value)[field]), _errors(caught.value)


@pytest.mark.parametrize(("condition", "values", "field", "words"), [
    ("access", "6", "condition_values", "từ 1 đến 5"),
    ("result", "Có lẽ", "condition_values", "chép đúng một phương án"),
    ("result", "", "condition_values", "câu trả lời nào"),
    ("comment", "Có", "condition_question", "không theo câu trả lời tự do"),
])
def test_a_wrong_condition_is_refused(draft, users, condition, values, field, words):
    with pytest.raises(ValidationError) as caught:
        services.add_question(actor=users["canbo"], survey=draft, kind=QuestionKind.TEXT, text="Vì sao?",
                              condition_question=draft.q[condition], condition_values=values)
    assert any(words in m for m in _errors(caught.value)[field])


def test_conditions_and_satisfied_options_keep_the_officers_spelling(draft, users):
    question = services.add_question(actor=users["canbo"], survey=draft, kind=QuestionKind.TEXT, text="Vì sao?",
                                     condition_question=draft.q["result"], condition_values="không ĐÁP ỨNG")
    assert question.condition_list == ["Không đáp ứng"]
    assert draft.q["result"].satisfied_list == ["Đáp ứng đầy đủ"]
    assert question.order == 6


def test_a_survey_of_a_service_names_the_service(ward, users):
    with pytest.raises(ValidationError) as caught:
        services.create_survey(actor=users["canbo"], unit=ward, title="Khảo sát một cửa", target=Target.SERVICE,
                               starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    assert "dịch vụ, lĩnh vực" in _errors(caught.value)["field"][0]
    with pytest.raises(ValidationError) as caught:
        services.create_survey(actor=users["canbo"], unit=ward, title="Khảo sát", target=Target.UNIT,
                               starts_on=date(2026, 2, 1), ends_on=date(2026, 1, 1))
    assert "sau hoặc bằng ngày bắt đầu" in _errors(caught.value)["ends_on"][0]
    survey = services.create_survey(actor=users["canbo"], unit=ward, title="Khảo sát một cửa",
                                    target=Target.SERVICE, field=Field.objects.get(code="dat-dai"),
                                    starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    assert survey.field.code == "dat-dai" and Survey.objects.count() == 1


def test_opening_needs_a_scored_question_and_freezes_the_questions(ward, users):
    survey = services.create_survey(actor=users["canbo"], unit=ward, title="Khảo sát", target=Target.UNIT,
                                    starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    with pytest.raises(ValidationError, match="chưa có câu hỏi"):
        services.set_status(actor=users["canbo"], survey=survey, version=survey.version, status=SurveyStatus.OPEN)
    services.add_question(actor=users["canbo"], survey=survey, kind=QuestionKind.TEXT, text="Góp ý?")
    with pytest.raises(ValidationError, match="yếu tố SIPAS"):
        services.set_status(actor=users["canbo"], survey=survey, version=survey.version, status=SurveyStatus.OPEN)
    services.add_question(actor=users["canbo"], survey=survey, kind=QuestionKind.SCALE, aspect="access",
                          text="Tiếp cận?")
    survey = services.set_status(actor=users["canbo"], survey=survey, version=survey.version, status=SurveyStatus.OPEN)
    with pytest.raises(ValidationError, match="không sửa được câu hỏi"):
        services.add_question(actor=users["canbo"], survey=survey, kind=QuestionKind.TEXT, text="Thêm?")
    with pytest.raises(ValidationError, match="không sửa được câu hỏi"):
        services.delete_question(actor=users["canbo"], question=Question.objects.filter(survey=survey).first())
    with pytest.raises(ValidationError, match="người khác sửa"):
        services.set_status(actor=users["canbo"], survey=survey, version=1, status=SurveyStatus.CLOSED)


def test_a_question_others_depend_on_is_not_deleted_first(draft, users):
    with pytest.raises(ValidationError, match="xóa câu đó trước"):
        services.delete_question(actor=users["canbo"], question=draft.q["result"])
    services.delete_question(actor=users["canbo"], question=draft.q["why"])
    services.delete_question(actor=users["canbo"], question=draft.q["result"])
    assert draft.questions.count() == 3


def test_officers_of_another_ward_and_inspectors_do_not_build(draft, users):
    from django.core.exceptions import PermissionDenied

    for name in ("canbo2", "kiemtra"):
        with pytest.raises(PermissionDenied):
            services.add_question(actor=users[name], survey=draft, kind=QuestionKind.TEXT, text="Góp ý?")


def test_builder_pages(client_for, users, draft):
    client = client_for(users["canbo"])
    page = client.get(draft.get_absolute_url())
    assert page.status_code == 200 and "Thêm câu hỏi" in page.content.decode()
    bad = client.post(f"/khao-sat/{draft.pk}/cau-hoi/", {"text": "Thái độ?", "kind": QuestionKind.SCALE})
    assert bad.status_code == 400 and "phải gắn với một yếu tố SIPAS" in bad.content.decode()
    ok = client.post(f"/khao-sat/{draft.pk}/cau-hoi/", {"text": "Thái độ?", "kind": QuestionKind.SCALE,
                                                       "aspect": "civil_servants", "required": "on"})
    assert ok.status_code == 302 and draft.questions.count() == 6
    opened = client.post(f"/khao-sat/{draft.pk}/trang-thai/", {"version": draft.version,
                                                               "status": SurveyStatus.OPEN})
    assert opened.status_code == 302
    draft.refresh_from_db()
    assert draft.status == SurveyStatus.OPEN
    assert client_for(users["canbo2"]).get(draft.get_absolute_url()).status_code == 403
    assert client_for(users["canbo2"]).get(f"/khao-sat/{draft.pk}/ket-qua/").status_code == 403


def test_survey_created_once_when_posted_twice(client_for, users, ward):
    from ..once_helpers import post_twice

    post_twice(client_for(users["canbo"]), "/khao-sat/tao/", {
        "title": "Khảo sát một cửa", "unit": ward.pk, "target": Target.UNIT, "starts_on": "01/01/2026",
        "ends_on": "31/12/2026"}, Survey)


def test_question_added_once_when_posted_twice(client_for, users, draft):
    from ..once_helpers import post_twice

    post_twice(client_for(users["canbo"]), draft.get_absolute_url(), {
        "text": "Thái độ?", "kind": QuestionKind.SCALE, "aspect": "civil_servants"}, Question,
        action=f"/khao-sat/{draft.pk}/cau-hoi/")
