"""Who may hand a dissolved unit's work over: coordinators of its committee, and administrators."""

from __future__ import annotations

from typing import Any

from danvan.org import policy
from danvan.org.models import Role, Unit


@policy.register("carryover.run")
def _carry_over(user: Any, unit: Unit | None) -> bool:
    """``unit`` None asks whether the user may open the carry-over pages at all."""
    if policy.is_administrator(user):
        return True
    if getattr(user, "role", None) != Role.COORDINATOR:
        return False
    return unit is None or policy.in_scope(user, unit)
