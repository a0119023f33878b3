"""Where apps above petitions add to its pages and follow its work, without petitions importing them.

An app registers a function in its ``AppConfig.ready``. With nothing registered, or when every
registered function answers ``None`` or nothing, the page is exactly what petitions alone shows.

- a *triage panel* ``fn(user, petition) -> dict | None``: a dict with ``template`` (and whatever that
  template reads as ``panel``) is included next to the triage form of a case waiting for triage;
- an *on-triaged listener* ``fn(*, actor, petition, decision) -> None``: called in the triage
  transaction, after the case is saved with the officer's decision;
- an *after-closing panel* ``fn(petition) -> str``: HTML (already escaped, e.g. a rendered
  template) shown on the citizen's tracking page once the case is closed (the surveys app offers
  its survey there), or an empty string.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from danvan.petitions.models import Status

Panel = Callable[[Any, Any], "dict[str, Any] | None"]
Listener = Callable[..., None]

ClosedPanel = Callable[[Any], str]

_panels: list[Panel] = []
_on_triaged: list[Listener] = []
_after_closing: list[ClosedPanel] = []


def register_triage_panel(fn: Panel) -> Panel:
    if fn not in _panels:
        _panels.append(fn)
    return fn


def register_on_triaged(fn: Listener) -> Listener:
    if fn not in _on_triaged:
        _on_triaged.append(fn)
    return fn


def triage_panels(user: Any, petition: Any) -> list[dict[str, Any]]:
    return [panel for fn in _panels if (panel := fn(user, petition))]


def triaged(*, actor: Any, petition: Any, decision: str) -> None:
    for fn in _on_triaged:
        fn(actor=actor, petition=petition, decision=decision)


def register_after_closing(fn: ClosedPanel) -> ClosedPanel:
    """Add a tracking-page panel (idempotent: registering the same function twice keeps one)."""
    if fn not in _after_closing:
        _after_closing.append(fn)
    return fn


def has_after_closing() -> bool:
    """Whether any app offers a tracking-page panel (the page then looks the case up for it)."""
    return bool(_after_closing)


def after_closing(petition: Any) -> list[SafeString]:
    """The panels for ``petition`` if it is closed; nothing for an open case or none."""
    if petition is None or petition.status != Status.CLOSED:
        return []
    return [mark_safe(html) for fn in _after_closing if (html := fn(petition))]
