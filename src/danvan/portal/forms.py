"""Forms of the portal: the citizens' search (GET) and the officers' news and disclosure forms."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.documents.models import Document
from danvan.org.audit import require_version
from danvan.org.widgets import DateTextInput
from danvan.portal.models import DisclosureCategory

MONTHS = [("", _("Cả năm"))] + [(str(m), _("Tháng %(m)s") % {"m": m}) for m in range(1, 13)]


class AnswerSearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm trong câu trả lời (gõ có dấu hoặc không dấu)"), required=False, max_length=100)
    linh_vuc = forms.TypedChoiceField(label=_("Lĩnh vực"), required=False, coerce=int, empty_value=None)
    phuong = forms.TypedChoiceField(label=_("Phường, xã"), required=False, coerce=int, empty_value=None)
    nam = forms.TypedChoiceField(label=_("Năm công bố"), required=False, coerce=int, empty_value=None)
    thang = forms.TypedChoiceField(label=_("Tháng"), required=False, coerce=int, empty_value=None, choices=MONTHS)

    def __init__(self, *args: Any, fields=(), wards=(), years=(), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        self.fields["linh_vuc"].choices = everything + [(f.pk, f.name) for f in fields]
        self.fields["phuong"].choices = everything + [(w.pk, w.short_name or w.name) for w in wards]
        self.fields["nam"].choices = everything + [(y, str(y)) for y in years]


class NewsForm(forms.Form):
    title = forms.CharField(label=_("Tiêu đề"), max_length=255)
    summary = forms.CharField(label=_("Tóm tắt"), max_length=500, required=False)
    body = forms.CharField(label=_("Nội dung"), widget=forms.Textarea(attrs={"rows": 8}))
    publish_on = forms.DateField(label=_("Ngày đăng"), required=False, widget=DateTextInput(),
                                 help_text=_("Để trống: đăng ngay hôm nay. Tin hiện trên cổng từ ngày này."))
    withdrawn = forms.BooleanField(label=_("Gỡ tin khỏi cổng thông tin"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if editing:
            require_version(self)
        else:
            del self.fields["withdrawn"]


class DisclosureForm(forms.Form):
    category = forms.ChoiceField(label=_("Nhóm nội dung"), choices=DisclosureCategory.choices)
    title = forms.CharField(label=_("Nội dung công khai"), max_length=255)
    body = forms.CharField(label=_("Chi tiết"), required=False, widget=forms.Textarea(attrs={"rows": 6}))
    decided_on = forms.DateField(label=_("Ngày ban hành, quyết định"), required=False, widget=DateTextInput())
    posted_on = forms.DateField(label=_("Ngày niêm yết, đăng tải"), required=False, widget=DateTextInput(),
                                help_text=_("Để trống: hôm nay."))
    posted_days = forms.IntegerField(label=_("Thời gian công khai (ngày)"), min_value=1, initial=30)
    place = forms.CharField(label=_("Nơi niêm yết"), max_length=255, required=False,
                            help_text=_("vd. Trụ sở UBND phường, nhà văn hóa tổ dân phố"))
    document = forms.ModelChoiceField(label=_("Văn bản kèm theo (đã công khai trong danh mục)"), required=False,
                                      queryset=Document.objects.none())
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, documents=None, editing: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if documents is not None:
            self.fields["document"].queryset = documents
        if editing:
            require_version(self)
