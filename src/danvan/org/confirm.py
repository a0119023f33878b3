"""One confirmation step for irreversible actions (submit a report, issue a number, delete).

The action's view calls :func:`confirmation` first: unless the request is a POST carrying
``confirm=1``, it answers with a page that says what will happen and offers a button posting
``confirm=1`` back to the same address. No script is needed, so it works under a strict
Content-Security-Policy and for anyone using a keyboard or a screen reader.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def confirmed(request: HttpRequest) -> bool:
    return request.method == "POST" and request.POST.get("confirm") == "1"


def confirmation(request: HttpRequest, *, title: Any, message: Any, action_label: Any, back: str,
                 fields: dict[str, Any] | None = None) -> HttpResponse | None:
    """None when the user has confirmed; otherwise the confirmation page to return."""
    if confirmed(request):
        return None
    return render(request, "org/confirm.html", {
        "title": title, "message": message, "action_label": action_label, "back": back,
        "action": request.path, "fields": fields or {},
    })
