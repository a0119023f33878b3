"""The one gate of every endpoint: a logged-in officer or an active key, with the scope the call needs.

What a caller may see or change is then the policy's decision (``danvan.org.policy``), asked by each
view with the same names as the pages; this gate adds only what a key was limited to.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions
from rest_framework.request import Request

from danvan.api.models import ApiKey, Scope


class ApiAccess(permissions.BasePermission):
    message = _("Khóa API này không có quyền cho thao tác này.")

    def has_permission(self, request: Request, view: Any) -> bool:
        user = request.user
        if not (user and user.is_authenticated and user.is_active):
            return False
        key = request.auth
        if not isinstance(key, ApiKey):
            return True  # the session: the person's role decides, through the policy
        if request.method in permissions.SAFE_METHODS:
            return key.has_scope(Scope.READ)
        needed = getattr(view, "write_scope", None)
        return needed is not None and key.has_scope(needed)
