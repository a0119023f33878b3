"""Who may plan, carry out and read inspections (registered in the one policy module).

- The Internal Affairs office (coordinators) and inspectors of the committee plan, approve, start
  and conclude inspections in their scope, and record recommendations and proposals.
- The team (any staff named in it) records findings while the inspection runs.
- An inspected unit reads the inspection's page but sees its own findings and recommendations
  only (``policy.in_scope`` of the finding's or recommendation's unit), and answers and reports
  done its own recommendations; inspectors check, they do not report for the unit.
- Proposals of commendation or accountability are for the planners and the committee's leaders.
"""

from __future__ import annotations

from typing import Any

from danvan.org import policy
from danvan.org.models import Role

PLANNERS = {Role.COORDINATOR, Role.INSPECTOR}
ANSWERERS = {Role.OFFICER, Role.UNIT_HEAD, Role.LEADER, Role.COORDINATOR}

VIEW = "inspection.view"
MANAGE = "inspection.manage"
RECORD = "inspection.record"
FINDING_VIEW = "inspection.finding.view"
RECOMMENDATION_VIEW = "recommendation.view"
RECOMMENDATION_ANSWER = "recommendation.answer"
PROPOSAL_VIEW = "inspection.proposal.view"



def _planner(user: Any) -> bool:
    return getattr(user, "role", None) in PLANNERS and user.unit_id is not None


def _in_team(user: Any, inspection: Any) -> bool:
    return user.pk in inspection.team_staff_ids


def _inspected(user: Any, inspection: Any) -> bool:
    """The user's scope holds one of the inspected units (a ward's staff, the units above it)."""
    return user.unit_id is not None and any(policy.in_scope(user, unit) for unit in _units_of(inspection))


def _units_of(inspection: Any) -> list[Any]:
    cached = getattr(inspection, "_unit_objects", None)
    if cached is None:
        cached = list(inspection.units.all())
        inspection._unit_objects = cached
    return cached


@policy.register(VIEW)
def _view(user: Any, inspection: Any) -> bool:
    if inspection is None:  # the list pages: everyone with a unit sees what concerns their scope
        return policy.is_administrator(user) or user.unit_id is not None
    return (policy.in_scope(user, inspection.issuer) or _in_team(user, inspection)
            or _inspected(user, inspection))


@policy.register(MANAGE)
def _manage(user: Any, inspection: Any) -> bool:
    """Plan, approve, start, conclude; add recommendations and proposals. ``None``: may plan at all."""
    if policy.is_administrator(user):
        return True
    if not _planner(user):
        return False
    return inspection is None or policy.in_scope(user, inspection.issuer)


@policy.register(RECORD)
def _record(user: Any, inspection: Any) -> bool:
    """Record findings: the team, and whoever manages the inspection."""
    if _manage(user, inspection):
        return True
    return user.unit_id is not None and _in_team(user, inspection)


@policy.register(FINDING_VIEW)
def _finding_view(user: Any, finding: Any) -> bool:
    inspection = finding.inspection
    if policy.in_scope(user, inspection.issuer) or _in_team(user, inspection):
        return True
    return policy.in_scope(user, finding.unit)


@policy.register(RECOMMENDATION_VIEW)
def _recommendation_view(user: Any, recommendation: Any) -> bool:
    return policy.in_scope(user, recommendation.inspection.issuer) or policy.in_scope(user, recommendation.unit)


@policy.register(RECOMMENDATION_ANSWER)
def _recommendation_answer(user: Any, recommendation: Any) -> bool:
    """The unit that owns it (its own staff or those above it in their scope), or the Internal Affairs office."""
    if policy.is_administrator(user):
        return True
    role = getattr(user, "role", None)
    if role not in ANSWERERS or user.unit_id is None:
        return False
    if role == Role.COORDINATOR:
        return policy.in_scope(user, recommendation.unit)
    return recommendation.unit.is_within(user.unit)


@policy.register(PROPOSAL_VIEW)
def _proposal_view(user: Any, inspection: Any) -> bool:
    if _manage(user, inspection):
        return True
    return getattr(user, "role", None) == Role.LEADER and policy.in_scope(user, inspection.issuer) and (
        user.unit_id == inspection.issuer.pk)
