"""Who may build surveys, read their results, and keep the PAPI scores.

Rows of the complete permission table (collected and evaluated by tests/test_permission_table.py):
one letter per situation — in scope, out of scope, no unit, superuser without the administrator
role — for each role; the scene is described in tests/permission_table.py.
"""

from __future__ import annotations

from danvan.org.models import Role
from tests.permission_table import rows

WRITERS = (Role.OFFICER, Role.UNIT_HEAD, Role.LEADER, Role.COORDINATOR)

TABLE = {
    "survey.view": {**{role: "YNNY" for role in (*WRITERS, Role.INSPECTOR)}, Role.ADMINISTRATOR: "YYYY"},
    "survey.change": {**{role: "YNNY" for role in WRITERS}, Role.INSPECTOR: "NNNY", Role.ADMINISTRATOR: "YYYY"},
    # published figures of a province: everyone with a unit reads them, whatever the unit
    "papi.view": {**{role: "YYNY" for role in (*WRITERS, Role.INSPECTOR)}, Role.ADMINISTRATOR: "YYYY"},
    "papi.change": {**{role: "NNNY" for role in (*WRITERS, Role.INSPECTOR)}, Role.ADMINISTRATOR: "YYYY"},
}

ROWS = rows(TABLE)


def subject(name, unit):
    """Surveys are asked about by the survey's unit; PAPI scores belong to no unit."""
    return None if name.startswith("papi.") else unit
