"""Figures for reports: per own unit, fixed number of queries, right on a small dataset."""

from __future__ import annotations

from datetime import date

from danvan.core.indicators import IndicatorSpec
from danvan.reception import figures, services


def test_indicators_follow_the_contract():
    codes = [spec.code for spec in figures.INDICATORS]
    assert len(codes) == len(set(codes))
    assert all(isinstance(s, IndicatorSpec) and s.code.startswith("reception.") for s in figures.INDICATORS)


def test_figures_on_a_small_dataset(users, demo_org, django_assert_max_num_queries):
    ward, other = demo_org["tx-thuong-dinh"], demo_org["tx-khuong-dinh"]
    held = [date(2025, 6, 5), date(2025, 6, 12), date(2025, 6, 12)]  # two sessions on one day count once
    sessions = [services.create_session(actor=None, unit=ward, leader=users["phuong"], date=d, status="held")[0]
                for d in held]
    services.create_session(actor=None, unit=ward, date=date(2025, 6, 19), status="held")  # no leader: not counted
    services.record_entry(actor=None, session=sessions[0], citizen_name="A", kind="complaint", summary="x")
    e = services.record_entry(actor=None, session=sessions[1], citizen_name="B", kind="recommendation",
                              summary="y", people_count=12, representatives="R1\nR2")
    services.record_reply(actor=None, entry=e, replied_on=date(2025, 6, 20))
    services.record_entry(actor=None, unit=other, received_on=date(2025, 6, 10), citizen_name="C",
                          kind="feedback", summary="z", people_count=2)
    d = services.create_dialogue(actor=None, unit=ward, kind="conference", held_on=date(2025, 6, 6), topic="HN")
    services.create_dialogue(actor=None, unit=ward, kind="case", held_on=date(2025, 6, 9), topic="VV")
    services.add_commitment(actor=None, dialogue=d, owner_unit=ward, due_on=date(2025, 6, 20), text="late")
    done = services.add_commitment(actor=None, dialogue=d, owner_unit=other, due_on=date(2025, 6, 25), text="ok")
    services.complete_commitment(actor=None, commitment=done, done_on=date(2025, 6, 24))

    with django_assert_max_num_queries(6):
        values = figures.compute(date(2025, 6, 1), date(2025, 6, 30))
    assert values["reception.days_held"] == {ward.pk: 2}
    assert values["reception.days_required"][ward.pk] == 5  # weeks 23–27 of 2025 (27 clipped to Mon 30/06)
    assert values["reception.days_required"][demo_org["tx-ubnd"].pk] == 2  # district chairman: 2 in June
    assert values["reception.days_required"][demo_org["tx-noi-vu"].pk] == 1
    assert demo_org["tx-mttq"].pk not in values["reception.days_required"]
    assert values["reception.entries"] == {ward.pk: 2, other.pk: 1}
    assert values["reception.people"] == {ward.pk: 13, other.pk: 2}
    assert values["reception.collective"] == {ward.pk: 1, other.pk: 0}
    assert values["reception.entries_complaint"] == {ward.pk: 1}
    assert values["reception.replied_on_time"][ward.pk] == 1
    assert values["reception.reply_overdue"][ward.pk] == 1  # A: due 19/06/2025, never answered
    assert values["reception.dialogues"] == {ward.pk: 2}
    assert values["reception.dialogue_conferences"] == {ward.pk: 1}
    assert values["reception.commitments_made"] == {ward.pk: 1, other.pk: 1}
    assert values["reception.commitments_done"] == {other.pk: 1}
    assert values["reception.commitments_overdue"] == {ward.pk: 1}

    only = figures.compute(date(2025, 6, 1), date(2025, 6, 30), unit_ids=[other.pk])
    assert only["reception.entries"] == {other.pk: 1} and only["reception.days_held"] == {}
    assert only["reception.days_required"] == {other.pk: 5}
