"""Headers every page carries, and the log-in throttle.

- ``Content-Security-Policy``: every asset is served by danvan itself, so the policy is strict —
  no inline script or style, no other origin, no framing. Pages never contain inline code
  (``tests/web/test_security.py`` walks the templates).
- ``Cache-Control: private, no-store`` on every page served to a logged-in officer: internal pages
  show citizens' and denouncers' identities, which a shared computer's browser cache must not keep.
- Log-in is throttled per account and per client address in the shared cache (all workers see
  the same counters), so passwords cannot be guessed online.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from danvan.core.net import client_ip
from danvan.core.vntext import fold

CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])


class SecurityHeadersMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and not request.path.startswith(settings.STATIC_URL):
            response.headers["Cache-Control"] = "private, no-store"
        return response


# --- log-in throttling ---------------------------------------------------------------------------

ACCOUNT_LIMIT = 5  # failed log-ins per account per window
ADDRESS_LIMIT = 20  # failed log-ins from one address per window (an office shares one address)
WINDOW_SECONDS = 15 * 60


def _keys(request: HttpRequest | None, username: str) -> list[tuple[str, int]]:
    keys = [("login-fail:account:" + fold(username or "")[:150], ACCOUNT_LIMIT)]
    if request is not None:
        address = client_ip(request.META, behind_proxy=settings.DANVAN_BEHIND_PROXY)
        keys.append(("login-fail:address:" + address, ADDRESS_LIMIT))
    return keys


def login_blocked(request: HttpRequest | None, username: str) -> bool:
    return any((cache.get(key) or 0) >= limit for key, limit in _keys(request, username))


def count_failure(request: HttpRequest | None, username: str) -> None:
    for key, _limit in _keys(request, username):
        if not cache.add(key, 1, WINDOW_SECONDS):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.set(key, 1, WINDOW_SECONDS)


def clear_account(username: str) -> None:
    cache.delete(_keys(None, username)[0][0])


THROTTLED = _("Bạn đã đăng nhập sai quá nhiều lần. Hãy thử lại sau 15 phút, hoặc liên hệ quản trị viên để được "
              "cấp lại mật khẩu.")


class _Throttled:
    """Refuses to even try a password once too many wrong ones were typed for the account or from the address."""

    request: HttpRequest | None
    cleaned_data: dict[str, Any]

    def clean(self) -> dict[str, Any]:
        username = self.cleaned_data.get("username") or ""
        if login_blocked(self.request, username):
            raise forms.ValidationError(THROTTLED, code="throttled")
        try:
            cleaned = super().clean()  # type: ignore[misc]
        except forms.ValidationError:
            count_failure(self.request, username)
            raise
        clear_account(username)
        return cleaned


class ThrottledAuthenticationForm(_Throttled, AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Hãy nhập lại (mật khẩu phân biệt chữ hoa, "
                           "chữ thường)."),
    }


class ThrottledAdminAuthenticationForm(_Throttled, AdminAuthenticationForm):
    pass
