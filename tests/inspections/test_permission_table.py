"""Who may plan, carry out and read inspections, and answer their recommendations.

Rows of the complete permission table (collected and evaluated by tests/test_permission_table.py):
one letter per situation — in scope, out of scope, no unit, superuser without the administrator
role — for each role; the scene is described in tests/permission_table.py. The object is an
inspection issued in the situation's unit that inspected that unit (nobody of the scene is in its
team), or a finding / recommendation of that unit.
"""

from __future__ import annotations

from danvan.org.models import Role
from tests.permission_table import rows, stand_in

TABLE = {
    # Whoever's scope holds the issuer or an inspected unit reads the inspection's page.
    "inspection.view": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "YNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    # Plan, approve, start, conclude, recommendations and proposals: Internal Affairs and inspectors.
    "inspection.manage": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "NNNY",
        Role.LEADER: "NNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "YNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    # Findings: the planners (and the team, see test_views); an inspected ward does not judge itself.
    "inspection.record": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "NNNY",
        Role.LEADER: "NNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "YNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "inspection.finding.view": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "YNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    "recommendation.view": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "YNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    # The unit answers and reports done its own recommendations; inspectors check, never report for it.
    "recommendation.answer": {
        Role.OFFICER: "YNNY",
        Role.UNIT_HEAD: "YNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "NNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
    # Commendation and accountability proposals: the planners and the issuing body's leaders.
    "inspection.proposal.view": {
        Role.OFFICER: "NNNY",
        Role.UNIT_HEAD: "NNNY",
        Role.LEADER: "YNNY",
        Role.COORDINATOR: "YNNY",
        Role.INSPECTOR: "YNNY",
        Role.ADMINISTRATOR: "YYYY",
    },
}

ROWS = rows(TABLE)


def _inspection(unit):
    inspection = stand_in(issuer=unit, team_staff_ids=set())
    inspection._unit_objects = [unit]
    return inspection


def subject(name, unit):
    inspection = _inspection(unit)
    if name == "inspection.finding.view":
        return stand_in(inspection=inspection, unit=unit)
    if name.startswith("recommendation."):
        return stand_in(inspection=inspection, unit=unit)
    return inspection
