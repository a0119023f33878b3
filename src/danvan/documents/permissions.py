"""Named permissions of the document registry, registered in the one policy (danvan.org.policy)."""

from __future__ import annotations

from typing import Any

from danvan.org import policy
from danvan.org.models import Role


@policy.register("document.view")
def _document_view(user: Any, _document: Any = None) -> bool:
    """Documents in the registry are published texts: any signed-in officer may read them."""
    return True


@policy.register("document.change")
def _document_change(user: Any, _document: Any = None) -> bool:
    return policy.is_administrator(user) or policy.is_coordinator(user)


# --- electronic outgoing documents -------------------------------------------------------------------

_PREPARERS = {Role.COORDINATOR, Role.UNIT_HEAD, Role.LEADER}


def _issuer(obj: Any) -> Any:
    return getattr(obj, "issuer", obj)


@policy.register("document.outgoing.view")
def _outgoing_view(user: Any, outgoing: Any = None) -> bool:
    """An outgoing document (and its signed PDF) is read within the issuer's scope until it is published."""
    return outgoing is not None and policy.in_scope(user, _issuer(outgoing))


@policy.register("document.outgoing.prepare")
def _outgoing_prepare(user: Any, issuer: Any = None) -> bool:
    """Who drafts the electronic document of an outgoing text: the office in charge, the unit's leaders."""
    if policy.is_administrator(user):
        return True
    return getattr(user, "role", None) in _PREPARERS and issuer is not None and policy.in_scope(user, _issuer(issuer))


@policy.register("document.sign")
def _document_sign(user: Any, outgoing: Any = None) -> bool:
    """Only the person with authority signs: a leader (or the head) of the issuing unit itself, never an
    administrator on their behalf."""
    return (outgoing is not None and getattr(user, "role", None) in (Role.LEADER, Role.UNIT_HEAD)
            and getattr(user, "unit_id", None) is not None and user.unit_id == _issuer(outgoing).pk)


@policy.register("document.issue")
def _document_issue(user: Any, outgoing: Any = None) -> bool:
    """Issuing (the clerk's step after signing): the office in charge or the unit's leaders, in scope."""
    return _outgoing_prepare(user, outgoing)
