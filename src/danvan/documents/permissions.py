"""Named permissions of the document registry, registered in the one policy (danvan.org.policy)."""

from __future__ import annotations

from typing import Any

from danvan.org import policy


@policy.register("document.view")
def _document_view(user: Any, _document: Any = None) -> bool:
    """Documents in the registry are published texts: any signed-in officer may read them."""
    return True


@policy.register("document.change")
def _document_change(user: Any, _document: Any = None) -> bool:
    return policy.is_administrator(user) or policy.is_coordinator(user)
