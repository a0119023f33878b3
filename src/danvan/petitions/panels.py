"""Panels that apps above petitions add to the citizen's tracking page once a case is closed.

Petitions never imports those apps: an app registers a function in its ``AppConfig.ready`` with
:func:`register_after_closing`, and the tracking page (``petitions/track.html``, whichever view
renders it) asks :func:`after_closing` for the panels of the case the citizen opened with its code
and secret. A panel function gets the case and returns HTML (already escaped, e.g. a rendered
template) or an empty string when it has nothing to offer.
"""

from __future__ import annotations

from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

from danvan.petitions.models import Petition, Status

Panel = Callable[[Petition], str]

_PANELS: list[Panel] = []


def register_after_closing(panel: Panel) -> Panel:
    """Add a panel (idempotent: registering the same function twice keeps one)."""
    if panel not in _PANELS:
        _PANELS.append(panel)
    return panel


def after_closing(petition: Petition | None) -> list[SafeString]:
    """The panels for ``petition`` if it is closed; nothing for an open case or none."""
    if petition is None or petition.status != Status.CLOSED:
        return []
    out = []
    for panel in _PANELS:
        html = panel(petition)
        if html:
            out.append(mark_safe(html))
    return out
