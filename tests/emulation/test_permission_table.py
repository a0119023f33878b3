"""Who may keep the emulation scheme, enter the council's points, see a sheet or the ranking, and register,
see and review "Dân vận khéo" models.

Rows of the complete permission table (collected and evaluated by tests/test_permission_table.py):
one letter per situation — in scope, out of scope, no unit, superuser without the administrator
role — for each role; the scene is described in tests/permission_table.py. The scheme belongs to
the committee above the object's unit (the district for ward Thượng Đình): the district's
coordinator acts for its council, a ward's chairman never scores the ward. The ranking here is not
yet published (tests/emulation/test_views.py covers a published one).
"""

from __future__ import annotations

from danvan.org.models import Role
from tests.permission_table import rows, stand_in

COUNCIL = {Role.OFFICER: "NNNN", Role.UNIT_HEAD: "NNNN", Role.LEADER: "NNNN", Role.COORDINATOR: "YNNN",
           Role.INSPECTOR: "NNNN", Role.ADMINISTRATOR: "NNNN"}
SCOPE = {Role.OFFICER: "YNNY", Role.UNIT_HEAD: "YNNY", Role.LEADER: "YNNY", Role.COORDINATOR: "YNNY",
         Role.INSPECTOR: "YNNY", Role.ADMINISTRATOR: "YYYY"}

KEEPERS = {Role.OFFICER: "NNNN", Role.UNIT_HEAD: "YNNY", Role.LEADER: "YNNY", Role.COORDINATOR: "YNNY",
           Role.INSPECTOR: "NNNN", Role.ADMINISTRATOR: "NNNN"}

TABLE = {
    "emulation.scheme.manage": COUNCIL,
    "emulation.points.edit": COUNCIL,
    "emulation.model.review": COUNCIL,
    "emulation.sheet.view": SCOPE,
    "emulation.model.view": SCOPE,
    "emulation.ranking.view": {Role.OFFICER: "NNNY", Role.UNIT_HEAD: "NNNY", Role.LEADER: "NNNY",
                               Role.COORDINATOR: "YNNY", Role.INSPECTOR: "YNNY", Role.ADMINISTRATOR: "YYYY"},
    "emulation.proposal.review": COUNCIL,
    "emulation.proposal.view": SCOPE,
    "emulation.proposal.change": {Role.OFFICER: "NNNN", Role.UNIT_HEAD: "YNNY", Role.LEADER: "YNNY",
                                  Role.COORDINATOR: "YNNY", Role.INSPECTOR: "NNNN", Role.ADMINISTRATOR: "NNNN"},
    "emulation.model.change": {Role.OFFICER: "YNNY", Role.UNIT_HEAD: "YNNY", Role.LEADER: "YNNY",
                               Role.COORDINATOR: "YNNY", Role.INSPECTOR: "NNNN", Role.ADMINISTRATOR: "NNNN"},
    # A unit's staff: counts for whoever sees the unit; each person's rating (personal data) for its heads, the
    # Internal Affairs office and administrators; entries by its heads and the Internal Affairs office.
    "staff.quality.view": SCOPE,
    "staff.rating.view": {Role.OFFICER: "NNNY", Role.UNIT_HEAD: "YNNY", Role.LEADER: "YNNY",
                          Role.COORDINATOR: "YNNY", Role.INSPECTOR: "NNNY", Role.ADMINISTRATOR: "YYYY"},
    "staff.rating.change": KEEPERS,
    "staff.training.change": KEEPERS,
}

ROWS = rows(TABLE)


def subject(name, unit):
    """The object each permission is asked about, placed in ``unit`` (its scheme belongs to the committee above)."""
    if name.startswith("staff."):
        return unit  # the unit whose staff are rated and trained
    scheme = stand_in(unit=unit.parent, published=False)
    if name in ("emulation.scheme.manage", "emulation.ranking.view"):
        return scheme
    if name in ("emulation.points.edit", "emulation.sheet.view"):
        return stand_in(scheme=scheme, unit=unit)
    if name.startswith("emulation.proposal."):
        return stand_in(kind="commendation", unit=unit, reviewing_unit=unit.parent)
    return stand_in(unit=unit, reviewing_unit=unit.parent)
