"""Template context shared by every page."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from danvan.web.navigation import menu_for


def navigation(request: HttpRequest) -> dict[str, object]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"menu": []}
    return {"menu": menu_for(request.path, request.user)}


def assets(request: HttpRequest) -> dict[str, object]:
    """Whether the installed date picker can be served (see NODE_MODULES in settings)."""
    return {"datepicker": settings.DANVAN_DATEPICKER}
