"""Forms of inspections. They parse input; services validate again and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.inspections.models import DEFAULT_DUE_WORKDAYS, Assessment, ProposalKind, TeamRole
from danvan.org import policy
from danvan.org.audit import require_version
from danvan.org.forms import DATE_WIDGET, StyledMixin
from danvan.org.models import Role, Unit, UnitKind
from danvan.plans.forms import MultipleFileField
from danvan.plans.models import Plan, PlanItem, Task

DATE_ERROR = _("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy.")
FORMATS = ["%d/%m/%Y", "%Y-%m-%d"]


def _date(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=DATE_WIDGET, input_formats=FORMATS,
                           error_messages={"invalid": DATE_ERROR, "required": _("Hãy nhập ngày.")})


class UnitChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return obj.name


class ItemChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.path_label}. {obj.text[:110]}"


class TaskChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.item.path_label} — {obj.lead_unit.name}: {obj.title[:90]}"


class InspectionForm(StyledMixin, forms.Form):
    title = forms.CharField(label=_("Tên cuộc kiểm tra"), max_length=300,
                            error_messages={"required": _("Hãy nhập tên cuộc kiểm tra.")})
    lead_unit = forms.ModelChoiceField(label=_("Đơn vị chủ trì kiểm tra"), queryset=Unit.objects.none(),
                                       error_messages={"required": _("Hãy chọn đơn vị chủ trì.")})
    units = UnitChoice(label=_("Đơn vị được kiểm tra"), queryset=Unit.objects.none(),
                       widget=forms.SelectMultiple(attrs={"size": 8}),
                       error_messages={"required": _("Hãy chọn ít nhất một đơn vị được kiểm tra.")})
    plan = forms.ModelChoiceField(label=_("Kế hoạch được kiểm tra"), queryset=Plan.objects.none(), required=False)
    items = ItemChoice(label=_("Nội dung kiểm tra (mục của kế hoạch)"), queryset=PlanItem.objects.none(),
                       required=False, widget=forms.SelectMultiple(attrs={"size": 8}),
                       help_text=_("Danh mục tiêu chí được lập sẵn từ nội dung các mục đã chọn."))
    tasks = TaskChoice(label=_("Nhiệm vụ của kế hoạch do cuộc kiểm tra thực hiện"), queryset=Task.objects.none(),
                       required=False, widget=forms.SelectMultiple(attrs={"size": 5}),
                       help_text=_("Khi kết luận, các nhiệm vụ này được đánh dấu hoàn thành."))
    start_on = _date(_("Kiểm tra từ ngày"))
    end_on = _date(_("Đến ngày"))
    period_start = _date(_("Kỳ được kiểm tra từ ngày"))
    period_end = _date(_("Kỳ được kiểm tra đến ngày"))

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        visible = policy.visible_units(user).order_by("path")
        self.fields["lead_unit"].queryset = visible.exclude(kind=UnitKind.COMMITTEE) | visible.filter(
            pk=getattr(user, "unit_id", None))
        self.fields["lead_unit"].label_from_instance = lambda u: u.name
        self.fields["units"].queryset = visible
        plans = Plan.objects.filter(policy.unit_q(user, "issuer")).order_by("-date", "-pk")
        self.fields["plan"].queryset = plans
        self.fields["items"].queryset = PlanItem.objects.filter(plan__in=plans).order_by("plan", "order")
        self.fields["tasks"].queryset = Task.objects.filter(plan__in=plans, item__path="III.3").select_related(
            "item", "lead_unit").order_by("item__order", "lead_unit__path")
        self._style()


class TeamForm(StyledMixin, forms.Form):
    staff = forms.ModelChoiceField(label=_("Cán bộ"), queryset=Unit.objects.none(),
                                   error_messages={"required": _("Hãy chọn cán bộ.")})
    role = forms.ChoiceField(label=_("Vai trò trong đoàn"), choices=TeamRole.choices, initial=TeamRole.MEMBER)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["staff"].queryset = policy.visible_staff(user).filter(is_active=True).exclude(
            role=Role.ADMINISTRATOR).select_related("unit").order_by("full_name")
        self.fields["staff"].label_from_instance = lambda s: f"{s.full_name} — {s.unit.name if s.unit_id else ''}"
        self._style()


class LineForm(StyledMixin, forms.Form):
    item = forms.ModelChoiceField(label=_("Thuộc nội dung"), queryset=PlanItem.objects.none(), required=False)
    text = forms.CharField(label=_("Tiêu chí kiểm tra"), widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": _("Hãy nhập tiêu chí.")})

    def __init__(self, *args: Any, inspection: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = inspection.items.order_by("order")
        self.fields["item"].label_from_instance = lambda i: f"{i.path_label}. {i.text[:90]}"
        self._style()


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        require_version(self)


class ConcludeForm(StyledMixin, forms.Form):
    summary = forms.CharField(label=_("Kết luận chung"), widget=forms.Textarea(attrs={"rows": 6}),
                              error_messages={"required": _("Hãy ghi kết luận chung của cuộc kiểm tra.")},
                              help_text=_("Ưu điểm, tồn tại, nguyên nhân; mỗi đoạn một dòng."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        require_version(self)
        self._style()


class FindingForm(StyledMixin, forms.Form):
    assessment = forms.ChoiceField(label=_("Đánh giá"), choices=[("", "—"), *Assessment.choices],
                                   error_messages={"required": _("Hãy chọn đánh giá.")})
    note = forms.CharField(label=_("Kết quả kiểm tra, tồn tại"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))
    files = MultipleFileField(label=_("Tệp minh chứng"), required=False,
                              help_text=_("PDF, Word, Excel hoặc ảnh; tối đa 20 MB mỗi tệp."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class RecommendationForm(StyledMixin, forms.Form):
    unit = forms.ModelChoiceField(label=_("Đơn vị thực hiện"), queryset=Unit.objects.none(),
                                  error_messages={"required": _("Hãy chọn đơn vị thực hiện.")})
    owner = forms.ModelChoiceField(label=_("Người chịu trách nhiệm"), queryset=Unit.objects.none(), required=False)
    text = forms.CharField(label=_("Nội dung kiến nghị"), widget=forms.Textarea(attrs={"rows": 2}),
                           error_messages={"required": _("Hãy nhập nội dung kiến nghị.")})
    due_workdays = forms.IntegerField(label=_("Thời hạn (ngày làm việc, tính từ ngày kết luận)"),
                                      initial=DEFAULT_DUE_WORKDAYS,
                                      error_messages={"required": _("Hãy nhập số ngày làm việc."),
                                                      "invalid": _("Số ngày làm việc phải là số nguyên.")})

    def __init__(self, *args: Any, inspection: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(pk__in=[*inspection.unit_ids, inspection.lead_unit_id]).order_by("path")
        self.fields["unit"].queryset = units
        self.fields["unit"].label_from_instance = lambda u: u.name
        from danvan.org.models import Staff

        self.fields["owner"].queryset = Staff.objects.filter(unit__in=units, is_active=True).select_related(
            "unit").order_by("unit__path", "full_name")
        self.fields["owner"].label_from_instance = lambda s: f"{s.full_name} — {s.position or s.unit.name}"
        self._style()


class ProposalForm(StyledMixin, forms.Form):
    kind = forms.ChoiceField(label=_("Loại đề xuất"), choices=ProposalKind.choices)
    subject_unit = forms.ModelChoiceField(label=_("Tập thể"), queryset=Unit.objects.none(), required=False)
    subject_person = forms.ModelChoiceField(label=_("Cá nhân"), queryset=Unit.objects.none(), required=False)
    facts = forms.CharField(label=_("Thành tích hoặc khuyết điểm (sự việc)"), widget=forms.Textarea(attrs={"rows": 2}),
                            error_messages={"required": _("Hãy ghi sự việc làm căn cứ đề xuất.")})

    def __init__(self, *args: Any, inspection: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        units = Unit.objects.filter(pk__in=inspection.unit_ids).order_by("path")
        self.fields["subject_unit"].queryset = units
        self.fields["subject_unit"].label_from_instance = lambda u: u.name
        from danvan.org.models import Staff

        self.fields["subject_person"].queryset = Staff.objects.filter(unit__in=units, is_active=True).select_related(
            "unit").order_by("unit__path", "full_name")
        self.fields["subject_person"].label_from_instance = lambda s: f"{s.full_name} — {s.position or s.unit.name}"
        self._style()


class AnswerForm(StyledMixin, forms.Form):
    answer = forms.CharField(label=_("Ý kiến, giải trình, cách thực hiện"), widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Hãy nhập ý kiến trả lời.")})
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        require_version(self)
        self._style()


class CompleteForm(StyledMixin, forms.Form):
    done_on = _date(_("Ngày hoàn thành"))
    note = forms.CharField(label=_("Kết quả thực hiện"), widget=forms.Textarea(attrs={"rows": 3}),
                           error_messages={"required": _("Hãy ghi kết quả thực hiện kiến nghị.")})
    files = MultipleFileField(label=_("Tệp minh chứng"), required=False,
                              help_text=_("Bắt buộc ít nhất một tệp: PDF, Word, Excel hoặc ảnh; tối đa 20 MB mỗi tệp."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        require_version(self)
        self._style()
