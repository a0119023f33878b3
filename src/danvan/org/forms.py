"""Forms for units, staff and responsibilities. They validate input; services do the writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core.vntext import clean_text
from danvan.org import policy
from danvan.org.audit import require_version
from danvan.org.models import MobilizationResponsibility, Role, Staff, Unit
from danvan.org.widgets import DateTextInput

DATE_WIDGET = DateTextInput()


class StyledMixin:
    """Bootstrap classes on every widget, so templates can render fields in a loop."""

    def _style(self) -> None:
        for field in self.fields.values():  # type: ignore[attr-defined]
            css = "form-select" if isinstance(field.widget, forms.Select) else "form-control"
            if isinstance(field.widget, forms.CheckboxInput):
                css = "form-check-input"
            field.widget.attrs.setdefault("class", css)


class UnitForm(StyledMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Unit
        fields = ["code", "name", "short_name", "aliases", "level", "kind", "parent", "address", "phone", "email",
                  "valid_from", "valid_to", "place_name", "signer"]
        widgets = {"valid_from": DATE_WIDGET, "valid_to": DATE_WIDGET, "aliases": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "code": {"unique": _("Mã đơn vị này đã được dùng cho đơn vị khác."),
                     "invalid": _("Mã đơn vị chỉ gồm chữ không dấu, số và dấu gạch ngang.")},
            "name": {"required": _("Hãy nhập tên đơn vị.")},
        }

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["parent"].queryset = policy.visible_units(user).order_by("path")
        self.fields["version"].initial = self.instance.version if self.instance.pk else None
        if self.instance.pk:
            require_version(self)
        # Only the unit's own leaders can sign for it (a new unit has none yet).
        self.fields["signer"].queryset = Staff.objects.filter(
            unit=self.instance if self.instance.pk else None, role__in=(Role.LEADER, Role.UNIT_HEAD), is_active=True)
        for name in ("valid_from", "valid_to"):
            self.fields[name].error_messages["invalid"] = _("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy.")
        self._style()

    def clean_name(self) -> str:
        return clean_text(self.cleaned_data["name"])


class StaffForm(StyledMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Staff
        fields = ["username", "full_name", "unit", "position", "role", "phone", "email", "is_active"]
        error_messages = {"username": {"unique": _("Tên đăng nhập này đã có người dùng.")}}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = policy.visible_units(user).order_by("path")
        self.fields["unit"].required = True
        self.fields["full_name"].required = True
        if not policy.is_administrator(user):
            self.fields["role"].choices = [c for c in Role.choices if c[0] != Role.ADMINISTRATOR]
        if self.instance.pk:
            self.fields["username"].disabled = True
            self.fields["version"].initial = self.instance.version
            require_version(self)
        self._style()


class ResponsibilityForm(StyledMixin, forms.ModelForm):
    class Meta:
        model = MobilizationResponsibility
        fields = ["staff", "title", "valid_from", "valid_to", "decision"]
        widgets = {"valid_from": DATE_WIDGET, "valid_to": DATE_WIDGET}

    def __init__(self, *args: Any, unit: Unit, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        scope = unit.committee() or unit
        self.fields["staff"].queryset = Staff.objects.filter(unit__path__startswith=scope.path, is_active=True)
        self._style()


class ImportForm(forms.Form):
    MODES = [
        ("rows", _("Nhập các dòng đúng, bỏ qua các dòng lỗi (báo lỗi từng dòng)")),
        ("all", _("Chỉ nhập khi cả tệp không có lỗi nào")),
    ]
    file = forms.FileField(label=_("Tệp .xlsx hoặc .csv"), widget=forms.FileInput(attrs={"accept": ".xlsx,.csv"}))
    mode = forms.ChoiceField(label=_("Cách nhập"), choices=MODES, initial="rows", widget=forms.RadioSelect)
