"""Who may ask for, write, submit, review and read reports.

Rows of the complete permission table (collected and evaluated by tests/test_permission_table.py):
one letter per situation — in scope, out of scope, no unit, superuser without the administrator
role — for each role; the scene is described in tests/permission_table.py.
"""

from __future__ import annotations

from danvan.org.models import Role
from tests.permission_table import rows, stand_in

TABLE = {
    "report.edit": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "report.request.create": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "NNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "report.request.manage": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "NNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "YNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "report.request.view": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "YNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "report.review": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "NNNY",
        Role.LEADER: "NNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "report.submit": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "NNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "NNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "report.view": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "YNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
}

ROWS = rows(TABLE)


class _NoUnits:
    def filter(self, **_kw):
        return self

    def exists(self):
        return False


def subject(name, unit):
    """The object each permission is asked about, placed in ``unit``: a request of that unit, its own report."""
    if name == "report.request.create":
        return unit
    request = stand_in(requesting_unit=unit, units=_NoUnits())
    if name.startswith("report.request."):
        return request
    return stand_in(unit=unit, unit_id=unit.pk, kind="unit", request=request)
