"""What every write in danvan does the same way: record who changed what, refuse stale edits.

Each app's services call these, so history reasons and the "someone else saved first" message
read the same everywhere, and a view can turn any service's ValidationError into form errors.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from danvan.core.vntext import UnstorableText


class StaleEditError(ValidationError):
    """Someone else saved the record after this form was opened (optimistic locking on ``version``)."""


def record_change(obj: Any, actor: Any, reason: str = "") -> None:
    """Tell django-simple-history who makes the next save of ``obj`` and why."""
    obj._history_user = actor
    if reason:
        obj._change_reason = reason


def check_version(obj: Any, version: int | str | None, subject: str = "") -> None:
    """Refuse to save over a newer version: the officer reloads and sees the other change first.

    ``None`` is for code that holds the record it just read (demo, commands). Every edit that comes
    from a page must say which version it was made on: forms declare the field required
    (:func:`require_version`), so leaving it out of a request is refused, never a blind overwrite.
    """
    if version is None:
        return
    try:
        mine = int(version)
    except (TypeError, ValueError):
        mine = -1
    if mine != obj.version:
        raise StaleEditError(
            _("%(subject)s vừa được người khác sửa (phiên bản %(now)s, bạn đang sửa phiên bản %(mine)s). "
              "Hãy tải lại trang, xem thay đổi rồi sửa lại.")
            % {"subject": subject or _("Bản ghi này"), "now": obj.version, "mine": version}
        )


MISSING_VERSION = _lazy("Trang sửa thiếu số phiên bản của bản ghi nên không lưu (để không ghi đè thay đổi của "
                        "người khác). Hãy tải lại trang rồi sửa lại.")


def require_version(form: Any, field: str = "version") -> None:
    """Make a form's hidden ``version`` field required: a request without it is refused with a message.

    The message goes on top of the form (the field is hidden, so an error at it would not be seen).
    """

    def clean_version() -> Any:
        value = form.cleaned_data.get(field)
        if value is None:
            form.add_error(None, MISSING_VERSION)
        return value

    setattr(form, f"clean_{field}", clean_version)


def posted_version(data: Any, field: str = "version") -> int:
    """The version a raw POST (not a form) says it edits; a missing or garbled one is refused."""
    value = str(data.get(field, "") or "").strip()
    if not value.isdigit():
        raise ValidationError(MISSING_VERSION)
    return int(value)


def add_form_errors(form: Any, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where it names one, else on top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)


def unstorable_message(exc: UnstorableText) -> str:
    """The one message for text that cannot be stored (``vntext.UnstorableText``): which character,
    where, and what to do."""
    values = {"code": f"U+{exc.code_point:04X}", "before": exc.before}
    if exc.before:
        return _("Chưa lưu gì: nội dung gửi lên có một ký tự không hợp lệ (ký tự điều khiển %(code)s, thường lẫn "
                 "vào khi dán từ tệp khác) ngay sau đoạn «%(before)s». Hãy xóa ký tự đó hoặc gõ lại đoạn văn bản "
                 "ấy rồi gửi lại.") % values
    return _("Chưa lưu gì: nội dung gửi lên có một ký tự không hợp lệ (ký tự điều khiển %(code)s, thường lẫn vào "
             "khi dán từ tệp khác) ở đầu một ô nhập. Hãy xóa ký tự đó hoặc gõ lại nội dung ô ấy rồi gửi lại.") % values
