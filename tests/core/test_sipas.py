"""The SIPAS-style index: question score, aspect mean, weighted overall, low-sample flag."""

from __future__ import annotations

from fractions import Fraction as F

import pytest

from danvan.core import sipas
from danvan.core.sipas import QuestionTally as T


@pytest.mark.parametrize(("valid", "satisfied", "expected"), [
    (10, 7, F(7, 10)),
    (3, 0, F(0)),
    (4, 4, F(1)),
    (0, 0, None),  # nobody answered validly: no score, not zero
])
def test_question_score_is_the_share_of_satisfied_answers(valid, satisfied, expected):
    assert sipas.question_score(valid, satisfied) == expected


@pytest.mark.parametrize(("value", "satisfied"), [(1, False), (2, False), (3, False), (4, True), (5, True)])
def test_four_and_five_count_as_satisfied(value, satisfied):
    assert sipas.is_satisfied_scale(value) is satisfied


# A unit's hand computation (the worked example of the user guide):
#   access:         q1 8/10, q2 6/10            → (0.8 + 0.6) / 2 = 0.70
#   procedures:     q3 9/10                     → 0.90
#   civil servants: q4 7/10, q5 10/10, q6 4/10  → (0.7 + 1.0 + 0.4) / 3 = 0.70
#   results:        q7 5/8                      → 0.625
#   feedback:       q8 3/6                      → 0.50
#   overall (equal weights) = (0.70 + 0.90 + 0.70 + 0.625 + 0.50) / 5 = 3.425 / 5 = 0.685 → 68.5 %
HAND = [T(1, "access", 10, 8), T(2, "access", 10, 6), T(3, "procedures", 10, 9), T(4, "civil_servants", 10, 7),
        T(5, "civil_servants", 10, 10), T(6, "civil_servants", 10, 4), T(7, "results", 8, 5), T(8, "feedback", 6, 3)]


def test_the_index_of_a_unit_equals_a_hand_computation():
    result = sipas.compute(HAND, sample=10, min_sample=30)
    assert result.aspects == {"access": F(7, 10), "procedures": F(9, 10), "civil_servants": F(7, 10),
                              "results": F(5, 8), "feedback": F(1, 2)}
    assert result.overall == F(685, 1000)
    assert sipas.percent(result.overall) == 68.5
    assert result.questions[7] == F(5, 8)
    assert result.low_sample is True


@pytest.mark.parametrize(("weights", "expected"), [
    (None, F(685, 1000)),
    ({"access": 1, "procedures": 1, "civil_servants": 1, "results": 1, "feedback": 1}, F(685, 1000)),
    # results counts double: (0.7 + 0.9 + 0.7 + 2 × 0.625 + 0.5) / 6 = 4.05 / 6 = 0.675
    ({"access": 1, "procedures": 1, "civil_servants": 1, "results": 2, "feedback": 1}, F(675, 1000)),
    # only procedures and feedback: (3 × 0.9 + 1 × 0.5) / 4 = 0.8
    ({"procedures": 3, "feedback": 1}, F(8, 10)),
    ({"access": "0.2", "procedures": "0.2", "civil_servants": "0.2", "results": "0.2", "feedback": "0.2"},
     F(685, 1000)),
])
def test_overall_is_the_weighted_mean_of_aspects(weights, expected):
    assert sipas.compute(HAND, sample=40, weights=weights).overall == expected


def test_an_aspect_nobody_answered_is_left_out_and_the_weights_renormalised():
    result = sipas.compute([T(1, "access", 4, 3), T(2, "results", 4, 1), T(3, "feedback", 0, 0)], sample=4)
    assert result.aspects["feedback"] is None and result.aspects["procedures"] is None
    assert result.overall == (F(3, 4) + F(1, 4)) / 2
    assert result.weights == {"access": F(1, 2), "results": F(1, 2)}


@pytest.mark.parametrize(("sample", "threshold", "low"), [(29, 30, True), (30, 30, False), (0, 1, True), (5, 5, False)])
def test_low_sample_flag_follows_the_threshold(sample, threshold, low):
    assert sipas.compute(HAND, sample=sample, min_sample=threshold).low_sample is low


def test_no_answers_no_index():
    result = sipas.compute([], sample=0)
    assert result.overall is None and sipas.percent(result.overall) is None


@pytest.mark.parametrize("weights", [{"speed": 1}, {"access": -1, "results": 2}, {"access": 0}])
def test_wrong_weights_are_refused(weights):
    with pytest.raises(ValueError):
        sipas.compute(HAND, sample=1, weights=weights)


@pytest.mark.parametrize(("tally_args"), [(1, "speed", 1, 1), (1, "access", 2, 3), (1, "access", -1, 0)])
def test_impossible_tallies_are_refused(tally_args):
    with pytest.raises(ValueError):
        T(*tally_args)


@pytest.mark.parametrize(("score", "expected"), [(F(685, 1000), 68.5), (F(2, 3), 66.7), (F(1, 3), 33.3),
                                                 (F(1, 8), 12.5), (F(0), 0.0), (F(1), 100.0)])
def test_percent_rounds_half_up(score, expected):
    assert sipas.percent(score) == expected


@pytest.mark.parametrize(("year", "count"), [(2011, 6), (2017, 6), (2018, 8), (2025, 8)])
def test_papi_has_six_dimensions_until_2017_and_eight_since_2018(year, count):
    from danvan.core import papi

    assert len(papi.dimensions_for(year)) == count


def test_papi_before_the_first_national_report_is_refused():
    from danvan.core import papi

    with pytest.raises(ValueError):
        papi.dimensions_for(2009)
