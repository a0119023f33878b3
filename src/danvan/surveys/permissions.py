"""Who may build surveys, read their results and keep the PAPI scores (registered in the one policy).

Results follow the unit tree like every record: an officer sees the surveys of their unit's
subtree, a leader those of the committee. Building a survey is for the people who run the unit's
work with citizens (officers, heads, leaders, coordinators); inspectors read but do not write.
PAPI scores are published figures of a province: every officer reads them, administrators type them.
"""

from __future__ import annotations

from typing import Any

from danvan.org import policy
from danvan.org.models import Role, Unit

WRITERS = {Role.OFFICER, Role.UNIT_HEAD, Role.LEADER, Role.COORDINATOR, Role.ADMINISTRATOR}

VIEW = "survey.view"
CHANGE = "survey.change"
PAPI_VIEW = "papi.view"
PAPI_CHANGE = "papi.change"


def _member(user: Any) -> bool:
    return policy.is_administrator(user) or (getattr(user, "is_authenticated", False) and user.unit_id is not None)


@policy.register(VIEW)
def _view(user: Any, unit: Unit | None) -> bool:
    if unit is None:  # the list: everyone with a unit sees their own scope
        return _member(user)
    return policy.in_scope(user, unit)


@policy.register(CHANGE)
def _change(user: Any, unit: Unit | None) -> bool:
    if not (policy.is_administrator(user) or (getattr(user, "role", None) in WRITERS and user.unit_id is not None)):
        return False
    return unit is None or policy.in_scope(user, unit)


@policy.register(PAPI_VIEW)
def _papi_view(user: Any, _obj: Any = None) -> bool:
    return _member(user)


@policy.register(PAPI_CHANGE)
def _papi_change(user: Any, _obj: Any = None) -> bool:
    return policy.is_administrator(user)
