"""Who may see and record reception and dialogues, and who may see a denouncer met at reception.

Rows of the complete permission table (collected and evaluated by tests/test_permission_table.py):
one letter per situation — in scope, out of scope, no unit, superuser without the administrator
role — for each role; the scene is described in tests/permission_table.py.
"""

from __future__ import annotations

from danvan.org.models import Role
from tests.permission_table import rows, stand_in

TABLE = {
    "reception.view": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "YNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "reception.change": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "reception.identity": {
        Role.OFFICER: "NNNN",
        Role.UNIT_HEAD: "YNNN",
        Role.LEADER: "YNNN",
        Role.COORDINATOR: "NNNN",
        Role.INSPECTOR: "NNNN",
        Role.ADMINISTRATOR: "NNNN",
    },
    "reception.identity_log": {
        Role.OFFICER: "NNNN",
        Role.UNIT_HEAD: "YNNN",
        Role.LEADER: "YNNN",
        Role.COORDINATOR: "NNNN",
        Role.INSPECTOR: "NNNN",
        Role.ADMINISTRATOR: "NNNN",
    },
    "reception.create_petition": {
        Role.OFFICER: "NNNN",
        Role.UNIT_HEAD: "YNNN",
        Role.LEADER: "YNNN",
        Role.COORDINATOR: "NNNN",
        Role.INSPECTOR: "NNNN",
        Role.ADMINISTRATOR: "NNNN",
    },
    "dialogue.change": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "commitment.complete": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
}

ROWS = rows(TABLE)


def subject(name, unit):
    """The object each permission is asked about, placed in ``unit``: a denunciation line nobody took yet."""
    if name in ("reception.identity", "reception.identity_log", "reception.create_petition"):
        return stand_in(kind="denunciation", unit=unit, unit_id=unit.pk, petition_id=None, petition=None,
                        created_by_id=None)
    if name == "commitment.complete":
        return stand_in(owner_unit=unit, dialogue=stand_in(unit=unit))
    return unit
