"""Template context shared by every page."""

from __future__ import annotations

from django.http import HttpRequest

from danvan.web.navigation import menu_for


def navigation(request: HttpRequest) -> dict[str, object]:
    if not getattr(request, "user", None) or not request.user.is_authenticated:
        return {"menu": []}
    return {"menu": menu_for(request.path)}
