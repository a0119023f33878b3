"""Who reports a dialogue's commitment done: the unit that owns it, and the unit that ran the dialogue."""

from __future__ import annotations

import pytest

from danvan.org import policy
from tests.permission_table import stand_in

pytestmark = pytest.mark.django_db


def test_the_owner_unit_and_the_dialogues_unit_may_each_report_a_commitment_done(demo_org, users):
    owned_by_my_ward = stand_in(
        owner_unit=demo_org["tx-thuong-dinh"], dialogue=stand_in(unit=demo_org["tx-khuong-dinh"])
    )
    run_by_my_ward = stand_in(owner_unit=demo_org["tx-khuong-dinh"], dialogue=stand_in(unit=demo_org["tx-thuong-dinh"]))
    neither = stand_in(owner_unit=demo_org["tx-khuong-dinh"], dialogue=stand_in(unit=demo_org["tx-khuong-dinh"]))
    assert policy.can(users["canbo"], "commitment.complete", owned_by_my_ward)
    assert policy.can(users["canbo"], "commitment.complete", run_by_my_ward)
    assert not policy.can(users["canbo"], "commitment.complete", neither)
