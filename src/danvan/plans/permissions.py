"""Named permissions of plans, registered in the one policy (danvan.org.policy).

- A plan is addressed to every unit under its issuing committee: any of their staff may read it.
- Its progress tree (every unit's figures) is for whoever sees the issuer's whole tree: leaders,
  coordinators, inspectors of that committee, administrators.
- A task is seen by staff whose scope holds its lead or a coordinating unit, and changed only by
  staff of the lead unit (or its parents' staff in their subtree) — never by inspectors.
"""

from __future__ import annotations

from typing import Any

from danvan.org import policy
from danvan.org.models import Role, Unit


def _own_unit_holds(user: Any, unit: Unit | None) -> bool:
    return unit is not None and user.unit_id is not None and unit.is_within(user.unit)


@policy.register("plan.view")
def _plan_view(user: Any, plan: Any) -> bool:
    return policy.in_scope(user, plan.issuer) or _own_unit_holds_issuer(user, plan.issuer)


def _own_unit_holds_issuer(user: Any, issuer: Unit) -> bool:
    return user.unit_id is not None and user.unit.is_within(issuer)


@policy.register("plan.progress")
def _plan_progress(user: Any, plan: Any) -> bool:
    return policy.in_scope(user, plan.issuer) and (policy.is_administrator(user) or user.role in policy.WIDE_ROLES
                                                   or user.unit_id == plan.issuer_id)


@policy.register("plan.import")
def _plan_import(user: Any, issuer: Unit | None = None) -> bool:
    if policy.is_administrator(user):
        return True
    return user.role == Role.COORDINATOR and (issuer is None or policy.in_scope(user, issuer))


@policy.register("plan.change")
def _plan_change(user: Any, plan: Any = None) -> bool:
    return _plan_import(user, plan.issuer if plan is not None else None)


@policy.register("task.view")
def _task_view(user: Any, task: Any) -> bool:
    if policy.in_scope(user, task.lead_unit):
        return True
    return any(policy.in_scope(user, unit) for unit in task.coordinating_units.all())


@policy.register("task.change")
def _task_change(user: Any, task: Any) -> bool:
    if policy.is_administrator(user):
        return True
    if user.role == Role.INSPECTOR:
        return False
    return _own_unit_holds(user, task.lead_unit)


@policy.register("unitplan.view")
def _unit_plan_view(user: Any, unit_plan: Any) -> bool:
    """The unit's own staff (and above it in their scope), and whoever follows the parent plan's progress."""
    return policy.in_scope(user, unit_plan.unit) or _plan_progress(user, unit_plan.parent_plan)


@policy.register("unitplan.change")
def _unit_plan_change(user: Any, unit_plan: Any) -> bool:
    if policy.is_administrator(user):
        return True
    return user.role != Role.INSPECTOR and _own_unit_holds(user, unit_plan.unit)


@policy.register("activity.change")
def _activity_change(user: Any, unit: Unit | None) -> bool:
    """Recording an activity of ``unit``: its own staff, or a coordinator for units of the committee."""
    if policy.is_administrator(user):
        return True
    if unit is None:
        return user.unit_id is not None and user.role != Role.INSPECTOR
    if user.role == Role.COORDINATOR:
        return policy.in_scope(user, unit)
    return user.role != Role.INSPECTOR and _own_unit_holds(user, unit)
