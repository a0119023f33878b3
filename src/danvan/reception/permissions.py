"""Who may see and record citizen reception and dialogues (registered in the one policy module).

Seeing follows the unit tree (an officer sees their ward, a district leader the district).
Recording is for the people who run reception: officers, heads, leaders and coordinators in
scope — inspectors check but do not write. A denouncer met at reception is protected (Law on
Denunciations arts. 8, 47): the identity on a denunciation line is shown only to the staff of
the unit that received it (and administrators), never to the wider tree.
"""

from __future__ import annotations

from typing import Any

from danvan.org import policy
from danvan.org.models import Role, Unit

WRITERS = {Role.OFFICER, Role.UNIT_HEAD, Role.LEADER, Role.COORDINATOR, Role.ADMINISTRATOR}
HEAD_ROLES = {Role.UNIT_HEAD, Role.LEADER}


def _writer(user: Any) -> bool:
    return policy.is_administrator(user) or (getattr(user, "role", None) in WRITERS and user.unit_id is not None)


@policy.register("reception.view")
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
    if policy.is_administrator(user):
        return True
    if not policy.in_scope(user, entry.unit):
        return False
    if entry.kind != "denunciation":
        return True
    return user.unit_id == entry.unit_id and user.role != Role.INSPECTOR


@policy.register("reception.identity_log")
def _identity_log(user: Any, entry: Any) -> bool:
    """Who saw a denouncer's identity on a reception line: for the head of the receiving unit only."""
    return user.role in HEAD_ROLES and user.unit_id is not None and user.unit_id == entry.unit_id


@policy.register("reception.create_petition")
def _create_petition(user: Any, entry: Any) -> bool:
    """Open the case (petition) of a reception line: who records the line and sees who came may."""
    return (_change(user, entry.unit) and _identity(user, entry)
            and policy.can(user, "petition.create", entry.unit))


@policy.register("dialogue.change")
def _dialogue_change(user: Any, unit: Unit | None) -> bool:
    return _change(user, unit)


@policy.register("commitment.complete")
def _commitment_complete(user: Any, commitment: Any) -> bool:
    """The owner unit reports its commitment done; so may whoever runs the dialogue."""
    if not _writer(user):
        return False
    return policy.in_scope(user, commitment.owner_unit) or policy.in_scope(user, commitment.dialogue.unit)
