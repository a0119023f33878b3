"""Widgets shared by every app's forms."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

DATE_PATTERN = r"\d{1,2}/\d{1,2}/\d{4}"


class DateTextInput(forms.DateInput):
    """A date typed and shown as dd/mm/yyyy whatever the browser's language.

    ``<input type=date>`` follows the browser's locale (mm/dd/yyyy on an English Windows); this is a
    text input with a pattern, and the installed date picker (see ``danvan.js``) adds a calendar.
    It is the default widget of every ``DateField`` (see ``OrgConfig.ready``).
    """

    input_type = "text"

    def __init__(self, attrs: dict | None = None, format: str | None = None) -> None:
        base = {
            "pattern": DATE_PATTERN,
            "placeholder": "dd/mm/yyyy",
            "inputmode": "numeric",
            "autocomplete": "off",
            "data-date-input": "",
            "title": _("Ngày theo dạng dd/mm/yyyy, ví dụ 05/03/2026"),
        }
        base.update(attrs or {})
        base.pop("type", None)
        super().__init__(attrs=base, format=format or "%d/%m/%Y")

