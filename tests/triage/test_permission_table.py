"""Who sees the triage assistant's suggestions (whoever may triage the case) and its accuracy (administrators).

Rows of the complete permission table (collected and evaluated by tests/test_permission_table.py);
the scene is described in tests/permission_table.py.
"""

from __future__ import annotations

from danvan.org.models import Role
from tests.permission_table import rows, stand_in

TABLE = {
    # The same rule as petition.handle: the suggestions are part of triaging the case.
    "triage.suggest": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "triage.accuracy": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "NNNY",
        Role.LEADER: "NNNY",
        Role.COORDINATOR: "NNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
}

ROWS = rows(TABLE)


def subject(name, unit):
    if name == "triage.accuracy":
        return None
    return stand_in(kind="feedback", assigned_to_id=None, verifier_id=None, handling_unit=unit,
                    handling_unit_id=unit.pk, unit=unit, unit_id=unit.pk)
