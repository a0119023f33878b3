"""Named permissions of the petitions app, registered in the one policy (danvan.org.policy).

Seeing a case follows the unit tree (the handling unit or the unit concerned is in the user's
scope, or the user was assigned to it). Seeing who filed it is narrower for denunciations: the
one rule of :func:`danvan.org.policy.may_see_denouncer` (the officer handling the case and the
head of the handling unit; Law on Denunciations 2018, arts. 8(3), 47, 56) — the same rule as on
the reception line the case came from.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from danvan.org import policy
from danvan.org.models import Role

HANDLER_ROLES = {Role.OFFICER, Role.UNIT_HEAD, Role.LEADER, Role.COORDINATOR, Role.ADMINISTRATOR}
HEAD_ROLES = policy.HEAD_ROLES


def _is_assigned(user: Any, petition: Any) -> bool:
    return petition.assigned_to_id is not None and petition.assigned_to_id == user.pk


#: Names other apps ask the policy about (import these, never spell the string).
VIEW = "petition.view"
CREATE = "petition.create"


@policy.register(VIEW)
def _view(user: Any, petition: Any) -> bool:
    if _is_assigned(user, petition) or (petition.verifier_id and petition.verifier_id == user.pk):
        return True
    return policy.in_scope(user, petition.handling_unit) or policy.in_scope(user, petition.unit)


@policy.register(CREATE)
def _create(user: Any, unit: Any = None) -> bool:
    if policy.is_administrator(user):
        return True
    if user.role not in HANDLER_ROLES:
        return False
    return unit is None or policy.in_scope(user, unit)


@policy.register("petition.handle")
def _handle(user: Any, petition: Any) -> bool:
    """Triage, move through the states, answer, close: the handling unit's people (not inspectors)."""
    if _is_assigned(user, petition):
        return True
    if user.role not in HANDLER_ROLES and not policy.is_administrator(user):
        return False
    return policy.in_scope(user, petition.handling_unit)


@policy.register("petition.assign")
def _assign(user: Any, petition: Any) -> bool:
    if policy.is_administrator(user):
        return True
    if user.role in {Role.UNIT_HEAD, Role.LEADER, Role.COORDINATOR}:
        return policy.in_scope(user, petition.handling_unit)
    # An officer may take an unassigned case of their own unit.
    return user.role == Role.OFFICER and petition.assigned_to_id is None and policy.in_scope(
        user, petition.handling_unit)


@policy.register("petition.identity")
def _identity(user: Any, petition: Any) -> bool:
    """Who may see the petitioner: anyone who sees the case, except for denunciations."""
    if petition.kind == "denunciation":
        return denouncer_identity(user, petition)
    return _view(user, petition)


def denouncer_identity(user: Any, petition: Any) -> bool:
    """The one rule of the policy, applied to a case (its reception lines ask this too)."""
    return policy.may_see_denouncer(user, unit_id=petition.handling_unit_id, handler_id=petition.assigned_to_id,
                                    verifier_id=petition.verifier_id)


def identity_q(user: Any) -> Q:
    """``petition.identity`` as a query, for the cases a user already sees (``selectors.visible_petitions``):
    every case but a denunciation, and a denunciation where the one rule lets ``user`` see the denouncer."""
    return ~Q(kind="denunciation") | policy.may_see_denouncer_q(
        user, unit="handling_unit_id", handler="assigned_to_id", verifier="verifier_id")


@policy.register("petition.identity_log")
def _identity_log(user: Any, petition: Any) -> bool:
    """The list of who saw a denouncer's identity: for the head of the handling unit."""
    return policy.may_read_identity_log(user, unit_id=petition.handling_unit_id)


@policy.register("petition.field.change")
def _field_change(user: Any, _obj: Any = None) -> bool:
    return policy.is_administrator(user) or policy.is_coordinator(user)
