"""Who may use the carry-over (rows collected by the central permission-table test)."""

from __future__ import annotations

import pytest

from danvan.org import policy
from danvan.org.models import Role, Staff

ROWS = [
    ("carryover.run", Role.COORDINATOR, "in_scope", True),
    ("carryover.run", Role.COORDINATOR, "out_of_scope", False),
    ("carryover.run", Role.COORDINATOR, "no_unit", False),
    ("carryover.run", Role.ADMINISTRATOR, "in_scope", True),
    ("carryover.run", Role.ADMINISTRATOR, "out_of_scope", True),
    ("carryover.run", Role.LEADER, "in_scope", False),
    ("carryover.run", Role.INSPECTOR, "in_scope", False),
    ("carryover.run", Role.UNIT_HEAD, "in_scope", False),
    ("carryover.run", Role.OFFICER, "in_scope", False),
    ("carryover.run", Role.OFFICER, "superuser_not_admin", True),
    # the rest of the role × situation grid (the central table asks for every cell)
    ("carryover.run", Role.ADMINISTRATOR, "no_unit", True),
    ("carryover.run", Role.ADMINISTRATOR, "superuser_not_admin", True),
    ("carryover.run", Role.COORDINATOR, "superuser_not_admin", True),
    *[("carryover.run", role, situation, situation == "superuser_not_admin")
      for role in (Role.LEADER, Role.INSPECTOR, Role.UNIT_HEAD, Role.OFFICER)
      for situation in ("out_of_scope", "no_unit", "superuser_not_admin") if (role, situation) != (
          Role.OFFICER, "superuser_not_admin")],
]


@pytest.mark.parametrize(("name", "role", "situation", "expected"), ROWS)
def test_row(name, role, situation, expected, demo_org):
    # The user sits in the district's Internal Affairs office; the object is the dissolved district,
    # or for "out_of_scope" a ward of another committee (the city's own department is not theirs).
    unit = None if situation == "no_unit" else demo_org["tx-noi-vu"]
    if situation == "out_of_scope" and role != Role.ADMINISTRATOR:
        unit = demo_org["tx-thuong-dinh"]
    user = Staff.objects.create(username=f"u-{role}-{situation}", full_name="Người thử", role=role, unit=unit,
                                is_superuser=situation == "superuser_not_admin")
    target = demo_org["tx-ubnd"]
    if situation == "out_of_scope":
        target = demo_org["tx-khuong-dinh"] if role != Role.ADMINISTRATOR else demo_org["hn"]
    assert policy.can(user, name, target) is expected
