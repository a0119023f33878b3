"""Who may see and change units, staff, responsibilities and history (the organisation's own names).

Rows of the complete permission table (collected and evaluated by tests/test_permission_table.py):
one letter per situation — in scope, out of scope, no unit, superuser without the administrator
role — for each role; the scene is described in tests/permission_table.py.
"""

from __future__ import annotations

from danvan.org.models import Role
from tests.permission_table import rows, stand_in

TABLE = {
    "unit.view": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "YNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "unit.change": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "NNNY",
        Role.LEADER: "NNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "staff.view": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "YNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "staff.change": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "NNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "responsibility.change": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "NNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "registry.import": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "NNNY",
        Role.LEADER: "NNNY",
        Role.COORDINATOR: "YYNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "history.view": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "YNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
}

ROWS = rows(TABLE)


def subject(name, unit):
    """The object each permission is asked about, placed in ``unit`` (see tests/permission_table.py)."""
    if name in ("staff.view", "staff.change"):
        return stand_in(pk=-1, unit=unit, is_superuser=False, role=Role.OFFICER)
    if name == "registry.import":
        return None
    return unit
