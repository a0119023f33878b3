"""Who calls: a system with its key (``Authorization: Api-Key …`` or ``X-Api-Key``), or an officer's session."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from danvan.api import services

HEADER_WORD = "api-key"


def raw_key(request: Any) -> str:
    meta = request.META
    header = meta.get("HTTP_AUTHORIZATION", "")
    word, _sep, rest = header.partition(" ")
    if word.lower() == HEADER_WORD and rest.strip():
        return rest.strip()
    return meta.get("HTTP_X_API_KEY", "").strip()


class ApiKeyAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        raw = raw_key(request)
        if not raw:
            return None
        key = services.key_for(raw)
        if key is None or not key.staff.is_active:
            raise exceptions.AuthenticationFailed(_("Khóa API không đúng hoặc đã bị thu hồi."),
                                                  code="invalid_key")
        services.record_use(key)
        services.narrow_to_key(key.staff, key)
        return key.staff, key

    def authenticate_header(self, request: Request) -> str:
        return "Api-Key"


class SessionAuthentication(authentication.SessionAuthentication):
    """An officer logged in to danvan's pages (CSRF checked on writes, as for the pages)."""


class ApiKeyScheme(OpenApiAuthenticationExtension):
    target_class = "danvan.api.authentication.ApiKeyAuthentication"
    name = "apiKey"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "header", "name": "Authorization",
                "description": "Api-Key <khóa> (lệnh `danvan apikey create`)"}


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "danvan.api.authentication.SessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "apiKey", "in": "cookie", "name": "sessionid",
                "description": "Phiên đăng nhập của cán bộ trên trang danvan (trình duyệt)."}
