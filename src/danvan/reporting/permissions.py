"""Who may ask for, write, submit and review reports — registered in the one policy (danvan.org.policy).

- A request is made by the coordinator (Phòng Nội vụ) or a leader of the requesting committee.
- A unit's report is written by its staff, submitted by its head (the unit head; for a committee,
  its leader — the ward chairman), and reviewed (returned or accepted) by the coordinator of the
  requesting committee.
- The committee's consolidated report is written by that coordinator and submitted by its leader.
"""

from __future__ import annotations

from typing import Any

from danvan.org import policy
from danvan.org.models import Role, UnitKind

from .models import ReportRequest, Submission, SubmissionKind


def _is_head_of(user: Any, unit) -> bool:
    """The head of ``unit``: its unit head, or a leader of a committee (chairman, vice chairmen)."""
    if user.unit_id is None or user.unit_id != unit.pk:
        return False
    if unit.kind == UnitKind.COMMITTEE:
        return user.role == Role.LEADER
    return user.role in (Role.UNIT_HEAD, Role.LEADER)


@policy.register("report.request.create")
def _request_create(user: Any, requesting_unit=None) -> bool:
    if policy.is_administrator(user):
        return True
    if user.role not in (Role.COORDINATOR, Role.LEADER):
        return False
    return requesting_unit is None or policy.in_scope(user, requesting_unit)


@policy.register("report.request.view")
def _request_view(user: Any, request: ReportRequest) -> bool:
    if policy.in_scope(user, request.requesting_unit):
        return True
    # A unit asked to report sees the request it must answer.
    return user.unit_id is not None and request.units.filter(pk=user.unit_id).exists()


@policy.register("report.request.manage")
def _request_manage(user: Any, request: ReportRequest) -> bool:
    """See the consolidation, every unit's report, and review them."""
    if policy.is_administrator(user):
        return True
    return user.role in (Role.COORDINATOR, Role.LEADER, Role.INSPECTOR) and policy.in_scope(
        user, request.requesting_unit)


@policy.register("report.view")
def _submission_view(user: Any, submission: Submission) -> bool:
    return policy.in_scope(user, submission.unit) or _request_manage(user, submission.request)


@policy.register("report.edit")
def _submission_edit(user: Any, submission: Submission) -> bool:
    """Who may write it; whether its state allows writing is the workflow's business (services)."""
    if policy.is_administrator(user):
        return True
    if submission.kind == SubmissionKind.CONSOLIDATED:
        return user.role in (Role.COORDINATOR, Role.LEADER) and policy.in_scope(user, submission.unit)
    return user.role != Role.INSPECTOR and policy.in_scope(user, submission.unit) and (
        (user.unit_id is not None and submission.unit.is_within(user.unit))
        or user.role in (Role.COORDINATOR, Role.LEADER)
    )


@policy.register("report.submit")
def _submission_submit(user: Any, submission: Submission) -> bool:
    if policy.is_administrator(user):
        return True
    return _is_head_of(user, submission.unit)


@policy.register("report.review")
def _submission_review(user: Any, submission: Submission) -> bool:
    """Return or accept: the coordinator of the requesting committee (not the unit itself)."""
    if policy.is_administrator(user):
        return True
    return user.role == Role.COORDINATOR and policy.in_scope(user, submission.request.requesting_unit) and (
        user.unit_id != submission.unit_id)
