"""Who may see, create, handle and assign cases, and who may see a denouncer (the policy's one rule).

Rows of the complete permission table (collected and evaluated by tests/test_permission_table.py):
one letter per situation — in scope, out of scope, no unit, superuser without the administrator
role — for each role; the scene is described in tests/permission_table.py.
"""

from __future__ import annotations

from danvan.org.models import Role
from tests.permission_table import rows, stand_in

TABLE = {
    "petition.assign": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "petition.create": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "petition.field.change": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "NNNY",
        Role.LEADER: "NNNY",
        Role.COORDINATOR: "YYNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "petition.handle": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "petition.identity": {
        Role.OFFICER: "NNNN",
        Role.UNIT_HEAD: "YNNN",
        Role.LEADER: "YNNN",
        Role.COORDINATOR: "NNNN",
        Role.INSPECTOR: "NNNN",
        Role.ADMINISTRATOR: "NNNN",
    },
    "petition.identity_log": {
        Role.OFFICER: "NNNN",
        Role.UNIT_HEAD: "YNNN",
        Role.LEADER: "YNNN",
        Role.COORDINATOR: "NNNN",
        Role.INSPECTOR: "NNNN",
        Role.ADMINISTRATOR: "NNNN",
    },
    "petition.view": {
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
    """The object each permission is asked about, placed in ``unit``: a denunciation for its identity."""
    if name == "petition.create":
        return unit
    if name == "petition.field.change":
        return None
    kind = "denunciation" if name in ("petition.identity", "petition.identity_log") else "feedback"
    return stand_in(kind=kind, assigned_to_id=None, verifier_id=None, handling_unit=unit, handling_unit_id=unit.pk,
                    unit=unit, unit_id=unit.pk)
