"""Forms of surveys (validation of input only; the services decide and give the Vietnamese reasons)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.core import papi
from danvan.org import policy
from danvan.org.audit import require_version
from danvan.org.models import Unit
from danvan.petitions.models import Field
from danvan.surveys.models import Aspect, Dimension, Question, QuestionKind, Target


class SurveyForm(forms.Form):
    title = forms.CharField(label=_("Tên phiếu khảo sát"), max_length=200)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(),
                                  help_text=_("Đơn vị tổ chức khảo sát; kết quả tính cho đơn vị đã phục vụ người dân."))
    target = forms.ChoiceField(label=_("Đối tượng khảo sát"), choices=Target.choices)
    field = forms.ModelChoiceField(label=_("Dịch vụ, lĩnh vực"), queryset=Field.objects.filter(is_active=True),
                                   required=False,
                                   help_text=_("Bắt buộc với phiếu khảo sát một dịch vụ; với phiếu đơn thư đã kết "
                                               "thúc thì chỉ mời người có hồ sơ thuộc lĩnh vực này."))
    starts_on = forms.DateField(label=_("Từ ngày"))
    ends_on = forms.DateField(label=_("Đến ngày"))
    intro = forms.CharField(label=_("Lời giới thiệu"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, user: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = policy.visible_units(user).order_by("path")
        if editing:
            del self.fields["unit"]
            require_version(self)
        else:
            del self.fields["version"]


class QuestionForm(forms.Form):
    text = forms.CharField(label=_("Câu hỏi"), max_length=300)
    kind = forms.ChoiceField(label=_("Loại câu hỏi"), choices=QuestionKind.choices)
    aspect = forms.ChoiceField(label=_("Yếu tố SIPAS"), required=False,
                               choices=[("", _("Không tính vào chỉ số")), *Aspect.choices],
                               help_text=_("Bắt buộc với câu thang điểm 1–5; câu trả lời tự do không tính điểm."))
    required = forms.BooleanField(label=_("Bắt buộc trả lời"), required=False, initial=True)
    help_text = forms.CharField(label=_("Gợi ý trả lời"), required=False, max_length=300)
    options = forms.CharField(label=_("Các phương án (câu hỏi chọn)"), required=False,
                              widget=forms.Textarea(attrs={"rows": 4}), help_text=_("Mỗi dòng một phương án."))
    satisfied_options = forms.CharField(
        label=_("Phương án tính là hài lòng"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Với câu hỏi chọn có yếu tố SIPAS: chép lại những phương án được tính là hài lòng, mỗi dòng một."))
    condition_question = forms.ModelChoiceField(label=_("Chỉ hỏi khi câu trước"), queryset=Question.objects.none(),
                                                required=False, empty_label=_("Luôn hỏi"))
    condition_values = forms.CharField(
        label=_("có câu trả lời là"), required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Mỗi dòng một phương án, hoặc một điểm từ 1 đến 5."))

    def __init__(self, *args: Any, survey: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        queryset = survey.questions.exclude(kind=QuestionKind.TEXT).order_by("order")
        self.fields["condition_question"].queryset = queryset
        self.fields["condition_question"].label_from_instance = lambda q: f"{q.order}. {q.text}"


class PapiForm(forms.Form):
    province = forms.CharField(label=_("Tỉnh, thành phố"), max_length=100, initial="Hà Nội")
    year = forms.IntegerField(label=_("Năm của báo cáo"), min_value=papi.FIRST_YEAR, max_value=2100,
                              help_text=_("Đến năm 2017 báo cáo có 6 chỉ số nội dung; từ năm 2018 có 8."))
    source = forms.CharField(label=_("Nguồn"), max_length=255,
                             help_text=_("Ví dụ: Báo cáo PAPI 2023, Bảng điểm các chỉ số nội dung, trang 20."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for value, label in Dimension.choices:
            self.fields[value] = forms.CharField(
                label=label, required=False, max_length=12,
                help_text=_("Chỉ năm 2018 trở đi.") if value not in papi.DIMENSIONS_SIX else "")
