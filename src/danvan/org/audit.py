"""What every write in danvan does the same way: record who changed what, refuse stale edits.

Each app's services call these, so history reasons and the "someone else saved first" message
read the same everywhere, and a view can turn any service's ValidationError into form errors.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class StaleEditError(ValidationError):
    """Someone else saved the record after this form was opened (optimistic locking on ``version``)."""


def record_change(obj: Any, actor: Any, reason: str = "") -> None:
    """Tell django-simple-history who makes the next save of ``obj`` and why."""
    obj._history_user = actor
    if reason:
        obj._change_reason = reason


def check_version(obj: Any, version: int | str | None, subject: str = "") -> None:
    """Refuse to save over a newer version: the officer reloads and sees the other change first."""
    if version is not None and version != "" and int(version) != obj.version:
        raise StaleEditError(
            _("%(subject)s vừa được người khác sửa (phiên bản %(now)s, bạn đang sửa phiên bản %(mine)s). "
              "Hãy tải lại trang, xem thay đổi rồi sửa lại.")
            % {"subject": subject or _("Bản ghi này"), "now": obj.version, "mine": version}
        )


def add_form_errors(form: Any, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: per field where it names one, else on top."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            for error in errors:
                form.add_error(name if name in form.fields else None, error)
    else:
        for error in exc.messages:
            form.add_error(None, error)
