"""Results per unit and period: the SIPAS index of a unit equals a hand computation."""

from __future__ import annotations

from datetime import date

import pytest

from danvan.surveys import figures, services

pytestmark = pytest.mark.django_db

# Ten people answered the Thượng Đình survey (access, civil servants: 1–5; result: satisfied option or not):
#   access          5 5 4 4 4 3 2 5 4 1  → 7 of 10 rate 4–5 → 70 %
#   civil servants  5 4 4 3 3 3 5 5 2 4  → 6 of 10          → 60 %
#   result          F F F P N F F P F –  → 6 of 9 answered "Đáp ứng đầy đủ" (one left it) → 66.67 %
#   index (equal weights over the three aspects answered) = (70 + 60 + 66.67) / 3 = 65.56 % → 65.6
ACCESS = [5, 5, 4, 4, 4, 3, 2, 5, 4, 1]
STAFF = [5, 4, 4, 3, 3, 3, 5, 5, 2, 4]
RESULT = ["F", "F", "F", "P", "N", "F", "F", "P", "F", None]
OPTION = {"F": "Đáp ứng đầy đủ", "P": "Một phần", "N": "Không đáp ứng"}


def _answer_fixture(survey, on=date(2026, 3, 10)):
    q = survey.q
    for i in range(10):
        raw = {q["access"].pk: [str(ACCESS[i])], q["staff"].pk: [str(STAFF[i])]}
        if RESULT[i]:
            raw[q["result"].pk] = [OPTION[RESULT[i]]]
            if RESULT[i] != "F":
                raw[q["why"].pk] = ["Thời gian"]
        else:
            raw[q["result"].pk] = []
        q["result"].required = False
        services.submit_response(survey=survey, token=f"t{i}", raw=raw, on=on)


@pytest.fixture
def answered(survey):
    survey.q["result"].required = False
    survey.q["result"].save()
    _answer_fixture(survey)
    return survey


def test_the_sipas_index_of_a_unit_equals_a_hand_computation(answered, ward, settings):
    settings.DANVAN_SIPAS_MIN_SAMPLE = 30
    value = figures.satisfaction(date(2026, 1, 1), date(2026, 12, 31))[ward.pk]
    assert value.sample == 10
    assert value.aspects == {"access": 70.0, "procedures": None, "civil_servants": 60.0, "results": 66.7,
                             "feedback": None}
    assert value.index == 65.6
    assert value.low_sample is True
    computed = figures.compute(date(2026, 1, 1), date(2026, 12, 31))
    assert computed["surveys.responses"] == {ward.pk: 10}
    assert computed["surveys.sipas_index"] == {ward.pk: 65.6}
    assert computed["surveys.sipas.results"] == {ward.pk: 66.7}


def test_weights_are_a_setting(answered, ward, settings):
    # access twice as heavy: (2 × 70 + 60 + 66.67) / 4 = 66.67
    settings.DANVAN_SIPAS_WEIGHTS = {"access": 2, "procedures": 1, "civil_servants": 1, "results": 1, "feedback": 1}
    settings.DANVAN_SIPAS_MIN_SAMPLE = 10
    value = figures.satisfaction(date(2026, 1, 1), date(2026, 12, 31))[ward.pk]
    assert value.index == 66.7 and value.low_sample is False


def test_the_period_selects_the_answers(answered, ward):
    assert figures.satisfaction(date(2026, 4, 1), date(2026, 12, 31)) == {}
    assert figures.compute(date(2026, 4, 1), date(2026, 12, 31))["surveys.responses"] == {}


def test_results_page_shows_sample_scores_and_the_low_sample_flag(answered, client_for, users,
                                                                 django_assert_max_num_queries):
    client = client_for(users["canbo"])
    url = f"/khao-sat/{answered.pk}/ket-qua/"
    client.get(url)
    with django_assert_max_num_queries(16):
        page = client.get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert 'data-testid="sipas-overall">65,6%' in html or 'data-testid="sipas-overall">65.6%' in html
    assert "Tính trên 10 phiếu trả lời" in html
    assert 'data-testid="low-sample"' in html
    assert "7/10 câu trả lời hài lòng" in html and "6/9 câu trả lời hài lòng" in html
    empty = client.get(url + "?start=01/04/2026&end=31/12/2026").content.decode()
    assert "Tính trên 0 phiếu trả lời" in empty and "chưa có" in empty
    bad = client.get(url + "?start=hom-qua").content.decode()
    assert "ngày/tháng/năm" in bad


def test_results_page_queries_do_not_grow_with_answers(survey, client_for, users, django_assert_max_num_queries):
    client = client_for(users["canbo"])
    url = f"/khao-sat/{survey.pk}/ket-qua/"
    for i in range(25):
        services.submit_response(survey=survey, token=f"x{i}", on=date(2026, 5, 1), raw={
            survey.q["access"].pk: ["4"], survey.q["staff"].pk: ["2"], survey.q["result"].pk: ["Một phần"],
            survey.q["why"].pk: ["Thái độ"], survey.q["comment"].pk: [f"Góp ý số {i}"]})
    client.get(url)
    with django_assert_max_num_queries(16):
        assert client.get(url).status_code == 200


def test_figures_run_a_fixed_number_of_queries(answered, django_assert_max_num_queries):
    with django_assert_max_num_queries(2):
        figures.compute(date(2026, 1, 1), date(2026, 12, 31))


def test_reports_find_the_satisfaction_figures():
    from danvan.reporting.sources import known_specs

    assert known_specs()["surveys.sipas_index"].weight_code == "surveys.responses"
