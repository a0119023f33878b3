"""Every refusal of the API has one shape: ``{"code": …, "message": …, "fields": {…}}``.

``code`` is stable (programs test it), ``message`` is Vietnamese (people read it), ``fields`` names
the bad inputs with what to fix. A service's ValidationError (the same checks as the pages) and the
policy's PermissionDenied (the same reason as the 403 page) come through here too.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response

from danvan.core.vntext import UnstorableText
from danvan.org.audit import StaleEditError, unstorable_message


def _messages(detail: Any) -> Any:
    if isinstance(detail, dict):
        return {str(k): _messages(v) for k, v in detail.items()}
    if isinstance(detail, list):
        flat: list[str] = []
        for item in detail:
            value = _messages(item)
            flat.extend(value if isinstance(value, list) else [value] if isinstance(value, str) else [str(value)])
        return flat
    return str(detail)


def body(code: str, message: str, fields: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"code": code, "message": message, "fields": fields or {}}


MESSAGES = {
    "not_authenticated": lambda: _("Hãy gửi khóa API (tiêu đề Authorization: Api-Key <khóa>) hoặc đăng nhập."),
    "not_found": lambda: _("Không tìm thấy bản ghi, hoặc bản ghi nằm ngoài phạm vi của bạn."),
    "method_not_allowed": lambda: _("Địa chỉ này không nhận phương thức này."),
    "parse_error": lambda: _("Nội dung gửi lên không đọc được: hãy gửi JSON hợp lệ."),
    "unsupported_media_type": lambda: _("Hãy gửi nội dung dạng JSON (Content-Type: application/json)."),
    "not_acceptable": lambda: _("API chỉ trả lời dạng JSON."),
    "throttled": lambda: _("Quá nhiều yêu cầu, hãy thử lại sau."),
}


def handle(exc: Exception, context: dict[str, Any]) -> Response | None:
    if isinstance(exc, UnstorableText):
        return Response(body("unstorable_text", str(unstorable_message(exc))), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, StaleEditError):
        return Response(body("stale_version", " ".join(exc.messages)), status=status.HTTP_409_CONFLICT)
    if isinstance(exc, DjangoValidationError):
        fields = {k: [str(m) for m in v] for k, v in exc.message_dict.items()} if hasattr(exc, "error_dict") else {}
        message = " ".join(str(m) for m in exc.messages)
        return Response(body("invalid", message, fields), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    if not isinstance(exc, exceptions.APIException):
        return None
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    if isinstance(exc, exceptions.ValidationError):
        detail = _messages(exc.detail)
        fields = detail if isinstance(detail, dict) else {"non_field_errors": detail}
        flat = [m for ms in fields.values() for m in (ms if isinstance(ms, list) else [ms])]
        message = _("Dữ liệu gửi lên chưa đúng: %(what)s") % {"what": " ".join(str(m) for m in flat)}
        return Response(body("invalid", message, fields), status=exc.status_code, headers=headers)
    code = exc.get_codes() if isinstance(exc.get_codes(), str) else exc.default_code
    if isinstance(exc, exceptions.AuthenticationFailed):
        code = "invalid_key" if code == "invalid_key" else "authentication_failed"
    if isinstance(exc, exceptions.PermissionDenied):
        code = "forbidden"
    message = MESSAGES[code]() if code in MESSAGES else str(exc.detail)
    return Response(body(code, message), status=exc.status_code, headers=headers)
