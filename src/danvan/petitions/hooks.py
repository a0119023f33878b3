"""Where apps above petitions add to its triage page and follow its triage, without petitions importing them.

An app registers a function in its ``AppConfig.ready``. With nothing registered, or when every
registered function answers ``None``, the page is exactly what petitions alone shows.

- a *triage panel* ``fn(user, petition) -> dict | None``: a dict with ``template`` (and whatever that
  template reads as ``panel``) is included next to the triage form of a case waiting for triage;
- an *on-triaged listener* ``fn(*, actor, petition, decision) -> None``: called in the triage
  transaction, after the case is saved with the officer's decision.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Panel = Callable[[Any, Any], "dict[str, Any] | None"]
Listener = Callable[..., None]

_panels: list[Panel] = []
_on_triaged: list[Listener] = []


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
