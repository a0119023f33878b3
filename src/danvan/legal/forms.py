"""Forms of the legal pages. They check input and speak Vietnamese; services do the writes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.legal.labels import KIND_LABELS, MILESTONE_LABELS, kind_label, milestone_label
from danvan.legal.models import DeadlineRuleRow, DeclaredDay
from danvan.org.forms import StyledMixin

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
BAD_DATE = _("Ngày không hợp lệ: hãy nhập một ngày có thật theo dạng dd/mm/yyyy.")


def _date_field(label: Any, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label, required=required, input_formats=DATE_FORMATS,
        error_messages={"invalid": BAD_DATE, "required": _("Hãy nhập ngày.")},
    )


class ComputeForm(StyledMixin, forms.Form):
    """The "tính hạn" form: the same inputs as ``danvan deadline``."""

    kind = forms.ChoiceField(label=_("Loại việc"))
    milestone = forms.ChoiceField(label=_("Mốc thời hạn"))
    from_date = _date_field(_("Tính từ ngày"))
    received = _date_field(_("Ngày nhận đơn (chọn phiên bản quy tắc; để trống = ngày tính)"), required=False)
    complex = forms.BooleanField(label=_("Vụ việc phức tạp"), required=False)
    very_complex = forms.BooleanField(label=_("Vụ việc đặc biệt phức tạp"), required=False)
    remote = forms.BooleanField(label=_("Vùng sâu, vùng xa"), required=False)
    several_places = forms.BooleanField(label=_("Phải xác minh ở nhiều nơi"), required=False)
    extensions = forms.IntegerField(label=_("Số lần gia hạn"), min_value=0, max_value=9, initial=0, required=False,
                                    error_messages={"invalid": _("Số lần gia hạn phải là số nguyên."),
                                                    "min_value": _("Số lần gia hạn không được âm.")})

    def __init__(self, *args: Any, vocabulary: dict[str, tuple[str, ...]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = sorted(((k, kind_label(k)) for k in vocabulary), key=lambda c: c[1])
        milestones = {m for ms in vocabulary.values() for m in ms}
        self.fields["milestone"].choices = sorted(((m, milestone_label(m)) for m in milestones), key=lambda c: c[1])
        for name in ("kind", "milestone"):
            self.fields[name].error_messages["invalid_choice"] = _("Giá trị “%(value)s” không có trong danh sách.")
        self._style()


class DeclaredDayForm(StyledMixin, forms.ModelForm):
    date = _date_field(_("Ngày"))

    class Meta:
        model = DeclaredDay
        fields = ["date", "kind", "reason", "source", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}
        error_messages = {"date": {"unique": _("Ngày này đã có một điều chỉnh; hãy sửa điều chỉnh đó.")},
                          "reason": {"required": _("Hãy ghi lý do.")}}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class RuleRowForm(StyledMixin, forms.ModelForm):
    valid_from = _date_field(_("Hiệu lực từ"), required=False)
    valid_to = _date_field(_("Hiệu lực đến"), required=False)

    class Meta:
        model = DeadlineRuleRow
        fields = ["rule_id", "kind", "milestone", "label", "days", "days_complex", "days_remote",
                  "days_remote_complex", "days_several_places", "unit", "direction", "counts_from", "source",
                  "valid_from", "valid_to", "extends", "max_extensions_complex", "max_extensions_very_complex",
                  "verify", "active", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["rule_id"].help_text = _(
            "Giữ nguyên mã khi sửa một quy tắc có sẵn; quy tắc mới cần một mã chưa dùng.")
        for name, labels in (("kind", KIND_LABELS), ("milestone", MILESTONE_LABELS)):
            field = self.fields[name]
            current = (self.initial.get(name) or getattr(self.instance, name, "") or "").strip()
            choices = [(code, str(label)) for code, label in labels.items()]
            if current and current not in labels:
                choices.append((current, current))
            self.fields[name] = forms.ChoiceField(label=field.label, choices=[("", "—"), *choices],
                                                  required=field.required, initial=field.initial)
        for name in ("days", "days_complex", "days_remote", "days_remote_complex", "days_several_places"):
            self.fields[name].error_messages.update({
                "invalid": _("Số ngày phải là số nguyên."), "min_value": _("Số ngày phải là số nguyên dương.")})
        self._style()
