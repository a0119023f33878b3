"""Who may open the leaders' dashboard (rows collected by the central permission-table test)."""

from __future__ import annotations

import pytest

from danvan.org import policy
from danvan.org.models import Role, Staff

ROWS = [
    ("dashboard.view", Role.LEADER, "in_scope", True),
    ("dashboard.view", Role.LEADER, "out_of_scope", False),
    ("dashboard.view", Role.LEADER, "no_unit", False),
    ("dashboard.view", Role.COORDINATOR, "in_scope", True),
    ("dashboard.view", Role.COORDINATOR, "out_of_scope", False),
    ("dashboard.view", Role.COORDINATOR, "no_unit", False),
    ("dashboard.view", Role.ADMINISTRATOR, "in_scope", True),
    ("dashboard.view", Role.ADMINISTRATOR, "out_of_scope", True),
    ("dashboard.view", Role.INSPECTOR, "in_scope", False),
    ("dashboard.view", Role.UNIT_HEAD, "in_scope", False),
    ("dashboard.view", Role.OFFICER, "in_scope", False),
    ("dashboard.view", Role.OFFICER, "superuser_not_admin", True),
    # the rest of the role × situation grid (the central table asks for every cell)
    ("dashboard.view", Role.ADMINISTRATOR, "no_unit", True),
    *[("dashboard.view", role, "superuser_not_admin", True)
      for role in (Role.LEADER, Role.COORDINATOR, Role.ADMINISTRATOR, Role.INSPECTOR, Role.UNIT_HEAD)],
    *[("dashboard.view", role, situation, False)
      for role in (Role.INSPECTOR, Role.UNIT_HEAD, Role.OFFICER) for situation in ("out_of_scope", "no_unit")],
]


@pytest.mark.parametrize(("name", "role", "situation", "expected"), ROWS)
def test_row(name, role, situation, expected, demo_org):
    # The user sits in a ward (a ward chairman, a ward's coordinator); the object is that ward,
    # or for "out_of_scope" the district above it (administrators: the city).
    unit = None if situation == "no_unit" else demo_org["tx-thuong-dinh"]
    user = Staff.objects.create(username=f"u-{role}-{situation}", full_name="Người thử", role=role, unit=unit,
                                is_superuser=situation == "superuser_not_admin")
    target = demo_org["tx-thuong-dinh"]
    if situation == "out_of_scope":
        target = demo_org["tx-ubnd"] if role != Role.ADMINISTRATOR else demo_org["hn"]
    assert policy.can(user, name, target) is expected


def test_the_menu_question_without_a_unit(demo_org):
    """Without a unit (the menu's question) a leader is allowed, an officer or inspector is not."""
    def make(role):
        return Staff.objects.create(username=f"m-{role}", full_name="Người thử", role=role,
                                    unit=demo_org["tx-ubnd"])
    assert policy.can(make(Role.LEADER), "dashboard.view") is True
    assert policy.can(make(Role.COORDINATOR), "dashboard.view") is True
    assert policy.can(make(Role.INSPECTOR), "dashboard.view") is False
    assert policy.can(make(Role.OFFICER), "dashboard.view") is False
