"""Forms of the plans app; the policy and services do the checking that matters."""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.org import policy
from danvan.org.audit import require_version
from danvan.org.models import Unit
from danvan.org.widgets import DateTextInput
from danvan.plans.models import (
    CoordinationProgram,
    DisseminationEvent,
    GrassrootsDemocracyEvent,
    PlanItem,
    TaskStatus,
    Training,
    UnitPlanStatus,
)
from danvan.plans.selectors import plan_list


class UploadForm(forms.Form):
    file = forms.FileField(label=_("Tệp kế hoạch (.txt hoặc .docx)"))
    unit = forms.ModelChoiceField(queryset=Unit.objects.none(), required=False, label=_("Cơ quan ban hành"),
                                  help_text=_("Để trống nếu văn bản ghi rõ cơ quan ban hành hoặc địa danh."))

    MAX_SIZE = 5 * 1024 * 1024

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = policy.visible_units(user).filter(kind="committee")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".txt", ".docx")):
            raise forms.ValidationError(_("Chỉ nhận tệp .txt hoặc .docx."))
        if upload.size > self.MAX_SIZE:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 5 MB)."))
        head = upload.read(4)
        upload.seek(0)
        if name.endswith(".docx") and head != b"PK\x03\x04":
            raise forms.ValidationError(_("Tệp .docx không hợp lệ."))
        return upload


class TaskStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Trạng thái"), choices=TaskStatus.choices)
    progress = forms.IntegerField(label=_("Tiến độ (%)"), min_value=0, max_value=100, required=False,
                                  help_text=_("Chỉ dùng khi đang thực hiện; hoàn thành = 100%."))
    note = forms.CharField(label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 2}), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        require_version(self)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


ACTIVITY_FIELDS = {
    DisseminationEvent: ["date", "title", "topic", "documents", "audience", "attendees", "notes"],
    CoordinationProgram: ["date", "end_date", "title", "partners", "partner_text", "notes"],
    GrassrootsDemocracyEvent: ["date", "kind", "title", "participants", "notes"],
    Training: ["date", "title", "topic", "trainees", "notes"],
}


def activity_form_class(model):
    """A form for one kind of activity: its own fields, its plan item, its unit and evidence files."""

    class ActivityForm(forms.ModelForm):
        unit = forms.ModelChoiceField(queryset=Unit.objects.none(), label=_("Đơn vị thực hiện"))
        item = forms.ModelChoiceField(queryset=PlanItem.objects.none(), required=False,
                                      label=_("Nội dung kế hoạch"))
        files = MultipleFileField(label=_("Tệp minh chứng"), required=False)

        class Meta:
            fields = ACTIVITY_FIELDS[model]
            widgets = {"date": DateTextInput(), "end_date": DateTextInput(),
                       "notes": forms.Textarea(attrs={"rows": 3})}

        def __init__(self, *args, user=None, **kwargs):
            super().__init__(*args, **kwargs)
            units = policy.visible_units(user)
            self.fields["unit"].queryset = units
            if user is not None and user.unit_id:
                self.fields["unit"].initial = user.unit_id
            self.fields["item"].queryset = PlanItem.objects.select_related("plan").filter(
                plan__in=plan_list(user).values("pk")
            ).exclude(path="closing")
            self.fields["item"].label_from_instance = lambda i: f"{i.plan.full_number} — {i.path}. {i.text[:80]}"
            if "partners" in self.fields:
                self.fields["partners"].queryset = Unit.objects.filter(kind="mass_organization")
            if "documents" in self.fields:
                self.fields["documents"].required = False

    ActivityForm._meta.model = model
    return forms.modelform_factory(model, form=ActivityForm, fields=ACTIVITY_FIELDS[model])


DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]
_BAD_DATE = _("Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, vd. 05/02/2026.")


class UnitPlanForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng"), choices=UnitPlanStatus.choices)
    issued_number = forms.CharField(label=_("Số, ký hiệu (khi đã ban hành)"), max_length=80, required=False,
                                    help_text=_("vd. 05/KH-UBND"))
    issued_on = forms.DateField(label=_("Ngày ban hành"), required=False, input_formats=DATE_INPUT_FORMATS,
                                error_messages={"invalid": _BAD_DATE}, help_text=_("ngày/tháng/năm"))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        require_version(self)


class OwnTaskForm(forms.Form):
    item = forms.ModelChoiceField(label=_("Nội dung kế hoạch cấp trên"), queryset=PlanItem.objects.none(),
                                  error_messages={"required": _("Hãy chọn nội dung kế hoạch."),
                                                  "invalid_choice": _("Nội dung đã chọn không thuộc kế hoạch "
                                                                      "của đơn vị.")})
    title = forms.CharField(label=_("Nhiệm vụ"), max_length=500,
                            error_messages={"required": _("Hãy nhập tên nhiệm vụ.")})
    due_date = forms.DateField(label=_("Hạn"), required=False, input_formats=DATE_INPUT_FORMATS,
                               error_messages={"invalid": _BAD_DATE}, help_text=_("ngày/tháng/năm"))

    def __init__(self, *args, unit_plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        items = PlanItem.objects.filter(plan_id=unit_plan.parent_plan_id).exclude(path="closing").order_by("order")
        linked = list(unit_plan.items.values_list("pk", flat=True))
        if linked:
            # The unit's linked items and what is under them.
            paths = list(PlanItem.objects.filter(pk__in=linked).values_list("path", flat=True))
            condition = models.Q(pk__in=linked)
            for path in paths:
                condition |= models.Q(path__startswith=f"{path}.")
            items = items.filter(condition)
        self.fields["item"].queryset = items
        self.fields["item"].label_from_instance = lambda i: f"{i.path}. {i.text[:90]}"
