"""The shared scene of the permission tables (``tests/<app>/test_permission_table.py``).

Each app keeps ``ROWS = [(permission_name, role, situation, expected), ...]`` and, for the central
test (``tests/test_permission_table.py``) to evaluate them, ``subject(name, unit)``: the object the
permission is asked about, placed in ``unit``. The scene:

- the user has the role in ``HOME[role]`` (a ward for the ward's people, the district's Internal
  Affairs office for the district's coordinator, inspector and administrator);
- ``in_scope``: the object is in ward Thượng Đình, inside every role's scope;
- ``out_of_scope``: the object is in the city's Department of Home Affairs, outside every scope
  but an administrator's;
- ``no_unit``: the user belongs to no unit; the object is in the ward;
- ``superuser_not_admin``: the user is a superuser whose role is not administrator; the object is
  outside their scope (a superuser is an administrator to the policy, except for a denouncer).
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any

from danvan.org.models import Role

SITUATIONS = ("in_scope", "out_of_scope", "no_unit", "superuser_not_admin")
ROLES = tuple(Role.values)
INSIDE = "tx-thuong-dinh"
OUTSIDE = "hn-so-noi-vu"
HOME = {Role.OFFICER: INSIDE, Role.UNIT_HEAD: INSIDE, Role.LEADER: INSIDE, Role.COORDINATOR: "tx-noi-vu",
        Role.INSPECTOR: "tx-noi-vu", Role.ADMINISTRATOR: "tx-noi-vu"}


def rows(table: dict[str, dict[str, str]]) -> list[tuple[str, str, str, bool]]:
    """``{name: {role: "YNNY"}}`` (one letter per situation, in SITUATIONS order) as ROWS."""
    out = []
    for name, by_role in table.items():
        for role, flags in by_role.items():
            assert len(flags) == len(SITUATIONS), (name, role, flags)
            out += [(name, role, situation, flag == "Y") for situation, flag in zip(SITUATIONS, flags, strict=True)]
    return out


def object_unit(situation: str) -> str:
    return OUTSIDE if situation in ("out_of_scope", "superuser_not_admin") else INSIDE


def make_user(role: str, situation: str, units: dict[str, Any]) -> Any:
    from danvan.org.models import Staff

    return Staff.objects.create(username=f"bang-{role}-{situation}"[:150], full_name="Người thử bảng quyền",
                                role=role, unit=None if situation == "no_unit" else units[HOME[role]],
                                is_superuser=situation == "superuser_not_admin")


def stand_in(**attrs: Any) -> SimpleNamespace:
    """An object with just the attributes the predicate reads (the predicates are pure)."""
    return SimpleNamespace(**attrs)
