"""The scoring rules without a database: each shape of criterion, and the ranking's tie-breaks."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from danvan.core import scoring
from danvan.core.scoring import FORMULAS, rank, score


def test_ratio_gives_the_share_of_the_maximum_and_full_points_when_nothing_was_due():
    f = FORMULAS["cases_on_time"]
    assert score(f, {"petitions.resolved": 3, "petitions.resolved_on_time": 1}, max_points=D(20)).points == D("6.67")
    nothing = score(f, {}, max_points=D(20))
    assert nothing.points == D(20) and nothing.not_applicable


def test_rates_on_a_scale_and_more_held_than_required_never_exceed_the_maximum():
    assert score(FORMULAS["citizen_ratings"], {"petitions.rating_mean": 4, "petitions.rated": 7},
                 max_points=D(10)).points == D(8)
    assert score(FORMULAS["plan_progress"], {"plans.task_progress": 50, "plans.task_weight": 3},
                 max_points=D(20)).points == D(10)
    assert score(FORMULAS["reception_days"], {"reception.days_held": 60, "reception.days_required": 48},
                 max_points=D(15)).points == D(15)


def test_deductions_take_points_per_record_up_to_the_maximum():
    f = FORMULAS["cases_overdue"]
    assert score(f, {"petitions.overdue_open": 3}, max_points=D(10), per_item=D(2)).points == D(-6)
    assert score(f, {"petitions.overdue_open": 9}, max_points=D(10), per_item=D(2)).points == D(-10)
    assert score(f, {}, max_points=D(10), per_item=D(2)).points == 0


def test_counts_and_yes_no():
    assert score(FORMULAS["models_recognised"], {"emulation.exemplary_models": 3}, max_points=D(10),
                 per_item=D(5)).points == D(10)
    assert score(FORMULAS["dialogue_held"], {"reception.dialogues": 1}, max_points=D(10)).points == D(10)
    assert score(FORMULAS["dialogue_held"], {}, max_points=D(10)).points == 0


def test_manual_points_stay_within_the_maximum():
    assert scoring.manual(D("4.5"), max_points=D(5)) == D("4.50")
    assert scoring.manual(D(2), max_points=D(5), deduction=True) == D(-2)
    with pytest.raises(ValueError):
        scoring.manual(D(6), max_points=D(5))


def test_ties_are_broken_by_fewer_deductions_then_criteria_in_order_then_name():
    ranked = rank([
        ("a", D(80), D(-2), [D(40), D(42)], "phuong a"),
        ("b", D(80), D(0), [D(30), D(50)], "phuong b"),
        ("c", D(90), D(0), [D(45), D(45)], "phuong c"),
        ("d", D(70), D(0), [D(35), D(35)], "phuong e"),
        ("e", D(70), D(0), [D(35), D(35)], "phuong d"),
        ("f", D(70), D(0), [D(40), D(30)], "phuong f"),
    ])
    assert [(r.key, r.rank) for r in ranked] == [("c", 1), ("b", 2), ("a", 3), ("f", 4), ("e", 5), ("d", 6)]
    reasons = {r.key: r.decided_by for r in ranked}
    assert reasons["c"] == "" and reasons["b"] == "ít điểm trừ hơn"
    assert reasons["e"] == "tên đơn vị theo thứ tự chữ cái"
