"""Who sees a case beyond the unit tree: the officer it is assigned to, its verifier, and both units
it names (the unit concerned and the handling unit). Direct checks of ``petition.view`` and
``petition.identity`` on cases the permission table's one-unit scene cannot build."""

from __future__ import annotations

import pytest

from danvan.org import policy
from danvan.petitions import permissions
from tests.permission_table import stand_in

pytestmark = pytest.mark.django_db


def _case(demo_org, *, handled_by, about, kind="feedback", assigned_to=None, verifier=None):
    handling, unit = demo_org[handled_by], demo_org[about]
    return stand_in(
        kind=kind,
        handling_unit=handling,
        handling_unit_id=handling.pk,
        unit=unit,
        unit_id=unit.pk,
        assigned_to_id=assigned_to and assigned_to.pk,
        verifier_id=verifier and verifier.pk,
    )


def test_the_officer_a_case_is_assigned_to_sees_it_from_another_ward(demo_org, users):
    canbo = users["canbo"]  # Thượng Đình
    assigned = _case(demo_org, handled_by="tx-khuong-dinh", about="tx-khuong-dinh", assigned_to=canbo)
    verifying = _case(demo_org, handled_by="tx-khuong-dinh", about="tx-khuong-dinh", verifier=canbo)
    neither = _case(demo_org, handled_by="tx-khuong-dinh", about="tx-khuong-dinh")
    someone_elses = _case(
        demo_org,
        handled_by="tx-khuong-dinh",
        about="tx-khuong-dinh",
        assigned_to=users["canbo2"],
        verifier=users["canbo2"],
    )
    assert policy.can(canbo, permissions.VIEW, assigned)
    assert policy.can(canbo, permissions.VIEW, verifying)
    assert not policy.can(canbo, permissions.VIEW, neither)
    assert not policy.can(canbo, permissions.VIEW, someone_elses)


def test_a_case_is_seen_from_the_unit_it_concerns_and_from_the_unit_handling_it(demo_org, users):
    canbo = users["canbo"]
    about_my_ward = _case(demo_org, handled_by="tx-khuong-dinh", about="tx-thuong-dinh")
    handled_by_my_ward = _case(demo_org, handled_by="tx-thuong-dinh", about="tx-khuong-dinh")
    assert policy.can(canbo, permissions.VIEW, about_my_ward)
    assert policy.can(canbo, permissions.VIEW, handled_by_my_ward)


def test_a_feedbacks_citizen_is_seen_by_whoever_sees_the_case_not_beyond(demo_org, users):
    mine = _case(demo_org, handled_by="tx-thuong-dinh", about="tx-thuong-dinh")
    theirs = _case(demo_org, handled_by="tx-khuong-dinh", about="tx-khuong-dinh")
    assert policy.can(users["canbo"], "petition.identity", mine)
    assert not policy.can(users["canbo"], "petition.identity", theirs)
