"""Who may see and record citizen reception and dialogues (registered in the one policy module).

Seeing follows the unit tree (an officer sees their ward, a district leader the district).
Recording is for the people who run reception: officers, heads, leaders and coordinators in
scope — inspectors check but do not write. A denouncer met at reception is protected by the one
rule of :func:`danvan.org.policy.may_see_denouncer` (Law on Denunciations 2018, arts. 8(3), 47,
56): the officer who received the citizen and the head of the receiving unit see who came; once
the line has become a case, exactly those who may see the denouncer on the case.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from danvan.org import policy
from danvan.org.models import Role, Unit
from danvan.petitions import permissions as petition_permissions

WRITERS = {Role.OFFICER, Role.UNIT_HEAD, Role.LEADER, Role.COORDINATOR, Role.ADMINISTRATOR}
HEAD_ROLES = policy.HEAD_ROLES


def _writer(user: Any) -> bool:
    return policy.is_administrator(user) or (getattr(user, "role", None) in WRITERS and user.unit_id is not None)


#: The name other apps ask the policy about (import it, never spell the string).
VIEW = "reception.view"


@policy.register(VIEW)
def _view(user: Any, unit: Unit | None) -> bool:
    if unit is None:  # the list pages: everyone with a unit sees their own scope
        return policy.is_administrator(user) or user.unit_id is not None
    return policy.in_scope(user, unit)


@policy.register("reception.change")
def _change(user: Any, unit: Unit | None) -> bool:
    if not _writer(user):
        return False
    return unit is None or policy.in_scope(user, unit)


@policy.register("reception.identity")
def _identity(user: Any, entry: Any) -> bool:
    """The name, address and ID of a citizen on a reception line."""
    if entry.kind == "denunciation":
        return denouncer_identity(user, entry)
    return policy.is_administrator(user) or policy.in_scope(user, entry.unit)


def denouncer_identity(user: Any, entry: Any) -> bool:
    """The policy's one rule for a denouncer; a line that became a case follows the case."""
    if entry.petition_id is not None:
        petition = entry.petition
        return policy.may_see_denouncer(user, unit_id=petition.handling_unit_id,
                                        handler_id=petition.assigned_to_id, verifier_id=petition.verifier_id)
    return policy.may_see_denouncer(user, unit_id=entry.unit_id, handler_id=entry.created_by_id)


def identity_shown_q(user: Any) -> Q:
    """The lines whose citizen ``user`` may see, as one filter (the query form of ``reception.identity``).

    Used where a list is searched by name: a line whose denouncer is hidden from the viewer is
    searched on its content only.
    """
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    head = getattr(user, "role", None) in HEAD_ROLES and user.unit_id is not None
    on_case = Q(petition__assigned_to=user.pk)
    on_line = Q(created_by=user.pk)
    if head:
        on_case |= Q(petition__handling_unit=user.unit_id) & ~Q(petition__verifier=user.pk)
        on_line |= Q(unit=user.unit_id)
    denouncer = (Q(petition__isnull=False) & on_case) | (Q(petition__isnull=True) & on_line)
    return ~Q(kind="denunciation") | (Q(kind="denunciation") & denouncer)


@policy.register("reception.identity_log")
def _identity_log(user: Any, entry: Any) -> bool:
    """Who saw a denouncer's identity on a reception line: for the head of the receiving unit only."""
    return policy.may_read_identity_log(user, unit_id=entry.unit_id)


@policy.register("reception.create_petition")
def _create_petition(user: Any, entry: Any) -> bool:
    """Open the case (petition) of a reception line: who records the line and sees who came may."""
    return (_change(user, entry.unit) and _identity(user, entry)
            and policy.can(user, petition_permissions.CREATE, entry.unit))


@policy.register("dialogue.change")
def _dialogue_change(user: Any, unit: Unit | None) -> bool:
    return _change(user, unit)


@policy.register("commitment.complete")
def _commitment_complete(user: Any, commitment: Any) -> bool:
    """The owner unit reports its commitment done; so may whoever runs the dialogue."""
    if not _writer(user):
        return False
    return policy.in_scope(user, commitment.owner_unit) or policy.in_scope(user, commitment.dialogue.unit)
