"""Forms of reception and dialogues. They parse input; services validate again and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.org import policy
from danvan.org.audit import require_version
from danvan.org.forms import DATE_WIDGET, StyledMixin
from danvan.org.models import Role
from danvan.petitions.models import Field
from danvan.petitions.models import Kind as PetitionKind
from danvan.reception.models import Commitment, Dialogue, DialogueIssue, ReceptionEntry, ReceptionSession

DATE_ERROR = _("Ngày không hợp lệ: hãy nhập theo dạng dd/mm/yyyy.")


def _dates(form: forms.Form, *names: str) -> None:
    for name in names:
        form.fields[name].error_messages["invalid"] = DATE_ERROR
        form.fields[name].input_formats = ["%d/%m/%Y", "%Y-%m-%d"]


def _leaders(user: Any):
    return policy.visible_staff(user).filter(is_active=True, role__in=[Role.LEADER, Role.UNIT_HEAD]).select_related(
        "unit").order_by("full_name")


class SessionForm(StyledMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ReceptionSession
        fields = ["unit", "leader", "date", "kind", "status", "place", "posted_on", "notes"]
        widgets = {"date": DATE_WIDGET, "posted_on": DATE_WIDGET, "notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = policy.visible_units(user).order_by("path")
        self.fields["leader"].queryset = _leaders(user)
        self.fields["version"].initial = self.instance.version if self.instance.pk else None
        if self.instance.pk:
            require_version(self)
        _dates(self, "date", "posted_on")
        self._style()


class EntryForm(StyledMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = ReceptionEntry
        fields = ["received_on", "citizen_name", "citizen_address", "id_number", "kind", "people_count",
                  "representatives", "summary", "handled_before", "within_competence", "guided_to", "guide_document",
                  "forwarded_to", "forward_document", "result", "replied_on", "notes"]
        widgets = {"received_on": DATE_WIDGET, "replied_on": DATE_WIDGET,
                   "summary": forms.Textarea(attrs={"rows": 4}), "representatives": forms.Textarea(attrs={"rows": 2}),
                   "result": forms.Textarea(attrs={"rows": 2}), "notes": forms.Textarea(attrs={"rows": 2})}
        error_messages = {
            "citizen_name": {"required": _("Hãy nhập họ tên người đến.")},
            "summary": {"required": _("Hãy ghi tóm tắt nội dung vụ việc.")},
            "kind": {"required": _("Hãy chọn phân loại.")},
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["version"].initial = self.instance.version if self.instance.pk else None
        if self.instance.pk:
            require_version(self)
        self.fields["people_count"].min_value = None  # the service says it in Vietnamese
        self.fields["people_count"].validators = []
        self.fields["people_count"].widget.attrs.pop("min", None)
        _dates(self, "received_on", "replied_on")
        self._style()


class EntryUnitForm(StyledMixin, forms.Form):
    """The unit of a line written outside any session (reception office, regular reception)."""

    unit = forms.ModelChoiceField(label=_("Đơn vị tiếp"), queryset=None)

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = policy.visible_units(user).order_by("path")
        if user.unit_id:
            self.fields["unit"].initial = user.unit_id
        self._style()


class DialogueForm(StyledMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Dialogue
        fields = ["unit", "kind", "topic", "held_on", "place", "chaired_by", "participants_count", "participants",
                  "minutes"]
        widgets = {"held_on": DATE_WIDGET, "participants": forms.Textarea(attrs={"rows": 2}),
                   "minutes": forms.Textarea(attrs={"rows": 6})}
        error_messages = {"topic": {"required": _("Hãy nhập chủ đề hoặc vụ việc đối thoại.")}}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = policy.visible_units(user).order_by("path")
        self.fields["chaired_by"].queryset = _leaders(user)
        self.fields["version"].initial = self.instance.version if self.instance.pk else None
        if self.instance.pk:
            require_version(self)
        _dates(self, "held_on")
        self._style()


class IssueForm(StyledMixin, forms.ModelForm):
    class Meta:
        model = DialogueIssue
        fields = ["raised_by", "raised", "answer"]
        widgets = {"raised": forms.Textarea(attrs={"rows": 2}), "answer": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class CommitmentForm(StyledMixin, forms.ModelForm):
    class Meta:
        model = Commitment
        fields = ["text", "owner_unit", "due_on"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2}), "due_on": DATE_WIDGET}

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner_unit"].queryset = policy.visible_units(user).order_by("path")
        _dates(self, "due_on")
        self._style()


class DoneForm(StyledMixin, forms.Form):
    done_on = forms.DateField(label=_("Ngày hoàn thành"), widget=DATE_WIDGET, input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                              error_messages={"invalid": DATE_ERROR, "required": _("Hãy nhập ngày hoàn thành.")})
    note = forms.CharField(label=_("Kết quả thực hiện"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        require_version(self)
        self._style()


class ReplyForm(StyledMixin, forms.Form):
    replied_on = forms.DateField(label=_("Ngày trả lời"), widget=DATE_WIDGET, input_formats=["%d/%m/%Y", "%Y-%m-%d"],
                                 error_messages={"invalid": DATE_ERROR, "required": _("Hãy nhập ngày trả lời.")})
    result = forms.CharField(label=_("Nội dung trả lời, kết quả"), required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        require_version(self)
        self._style()


class EntryPetitionForm(StyledMixin, forms.Form):
    """What the reception line does not say and the case needs: its field, subject, signature."""

    kind = forms.ChoiceField(label=_("Loại đơn"))
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.filter(is_active=True),
                                   error_messages={"required": _("Hãy chọn lĩnh vực của đơn thư.")})
    subject = forms.CharField(label=_("Tóm tắt nội dung (tiêu đề hồ sơ)"), max_length=255,
                              error_messages={"required": _("Hãy nhập tóm tắt nội dung đơn.")})
    requested_outcome = forms.CharField(label=_("Yêu cầu, đề nghị của công dân"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))
    location = forms.CharField(label=_("Địa điểm"), required=False, max_length=255)
    is_signed = forms.BooleanField(
        label=_("Đơn (hoặc biên bản ghi lời khiếu nại, tố cáo) có chữ ký hoặc điểm chỉ của công dân"), required=False,
        help_text=_("Bắt buộc với khiếu nại (Điều 8 Luật Khiếu nại 2011)."))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, entry: ReceptionEntry, kinds: tuple[str, ...], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [(k, PetitionKind(k).label) for k in kinds]
        self.fields["kind"].initial = kinds[0] if kinds else None
        self.fields["version"].initial = entry.version
        require_version(self)
        self._style()
