"""Who may see and change plans, unit plans, tasks and activities.

Rows of the complete permission table (collected and evaluated by tests/test_permission_table.py):
one letter per situation — in scope, out of scope, no unit, superuser without the administrator
role — for each role; the scene is described in tests/permission_table.py.
"""

from __future__ import annotations

from danvan.org.models import Role
from tests.permission_table import rows, stand_in

TABLE = {
    "activity.change": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "plan.change": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "NNNY",
        Role.LEADER: "NNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "plan.import": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "NNNY",
        Role.LEADER: "NNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "plan.progress": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "YNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "plan.view": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "YNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "task.change": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "NNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "task.view": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "YNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "unitplan.change": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "NNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "unitplan.view": {
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
    """The object each permission is asked about, placed in ``unit``."""
    plan = stand_in(issuer=unit, issuer_id=unit.pk)
    if name == "plan.import":
        return unit
    if name.startswith("plan."):
        return plan
    if name.startswith("task."):
        return stand_in(lead_unit=unit, coordinating_units=stand_in(all=lambda: []))
    if name.startswith("unitplan."):
        return stand_in(unit=unit, parent_plan=plan)
    return unit
