"""Who may read and keep the document registry.

Rows of the complete permission table (collected and evaluated by tests/test_permission_table.py):
one letter per situation — in scope, out of scope, no unit, superuser without the administrator
role — for each role; the scene is described in tests/permission_table.py.
"""

from __future__ import annotations

from danvan.org.models import Role
from tests.permission_table import rows, stand_in

TABLE = {
    "document.view": {
        Role.OFFICER: "YYYY",
        Role.UNIT_HEAD: "YYYY",
        Role.LEADER: "YYYY",
        Role.COORDINATOR: "YYYY",
        Role.INSPECTOR: "YYYY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "document.change": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "NNNY",
        Role.LEADER: "NNNY",
        Role.COORDINATOR: "YYNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    # Electronic outgoing documents (issue 19): asked about an outgoing document of the scene's unit.
    "document.outgoing.view": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "YNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "document.outgoing.prepare": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "document.issue": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    # Only the person with authority of the issuing unit itself signs; nobody signs for them, not even
    # an administrator or a superuser.
    "document.sign": {
        Role.OFFICER: "NNNN",
        Role.UNIT_HEAD: "YNNN",
        Role.LEADER: "YNNN",
        Role.COORDINATOR: "NNNN",
        Role.INSPECTOR: "NNNN",
        Role.ADMINISTRATOR: "NNNN",
    },
}

ROWS = rows(TABLE)


def subject(name, unit):
    """The registry's permissions are asked about no object; an outgoing document's about one of ``unit``."""
    if name == "document.outgoing.prepare":
        return unit
    if name in ("document.outgoing.view", "document.issue", "document.sign"):
        return stand_in(issuer=unit, pk=None)
    return None
