"""The bell in the header: the number of unread notifications (one query, only for a logged-in user)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject


def bell(request: HttpRequest) -> dict[str, object]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    from danvan.notifications.selectors import unread_count

    return {"notifications_unread": SimpleLazyObject(lambda: unread_count(user))}
