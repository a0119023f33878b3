from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.notifications.models import EmailMode


class PreferenceForm(forms.Form):
    email_mode = forms.ChoiceField(
        label=_("Nhận thư điện tử"), choices=EmailMode.choices, widget=forms.RadioSelect,
        error_messages={"required": _("Hãy chọn một cách nhận thư điện tử."),
                        "invalid_choice": _("Hãy chọn một cách nhận thư điện tử trong danh sách.")},
    )
