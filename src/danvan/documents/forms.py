"""Forms of the document registry; the services do the checks that matter (dates, duplicates, files)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from danvan.documents.models import Document, DocumentStatus
from danvan.org.audit import require_version
from danvan.org.models import Unit

DATE_INPUT_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y"]


class DocumentForm(forms.Form):
    type_name = forms.CharField(label=_("Tên loại văn bản"), max_length=60, required=False,
                                help_text=_("Kế hoạch, Báo cáo, Quyết định, Nghị định, Luật, …"))
    full_number = forms.CharField(label=_("Số, ký hiệu"), max_length=80,
                                  help_text=_("Như in trên văn bản, vd. 307/KH-UBND, 04/2015/NĐ-CP."),
                                  error_messages={"required": _("Hãy nhập số, ký hiệu văn bản.")})
    date = forms.DateField(label=_("Ngày ban hành"), required=False, input_formats=DATE_INPUT_FORMATS,
                           help_text=_("ngày/tháng/năm, vd. 05/02/2026"),
                           error_messages={"invalid": _("Ngày không hợp lệ: hãy nhập theo dạng ngày/tháng/năm, "
                                                        "vd. 05/02/2026.")})
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255, required=False)
    subject = forms.CharField(label=_("Trích yếu"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    status = forms.ChoiceField(label=_("Tình trạng hiệu lực"), choices=DocumentStatus.choices,
                               initial=DocumentStatus.IN_FORCE)
    replaced_by = forms.ModelChoiceField(label=_("Được thay thế bởi"), required=False, queryset=Document.objects.none(),
                                         help_text=_("Bắt buộc khi văn bản đã được thay thế."))
    status_note = forms.CharField(label=_("Ghi chú hiệu lực"), max_length=500, required=False)
    file = forms.FileField(label=_("Tệp văn bản (.pdf, .docx)"), required=False)
    issuer_unit = forms.ModelChoiceField(
        label=_("Đơn vị ban hành (trong danh mục)"), required=False, queryset=Unit.objects.order_by("path"),
        help_text=_("Văn bản công khai hiện trên cổng thông tin của ủy ban có đơn vị này."))
    is_public = forms.BooleanField(label=_("Công khai trên cổng thông tin (ai cũng xem, tải được)"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, document: Document | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = Document.objects.only("pk", "type_name", "full_number").order_by("full_number")
        if document is not None:
            choices = choices.exclude(pk=document.pk)
            require_version(self)
        self.fields["replaced_by"].queryset = choices
        for field in self.visible_fields():
            field.field.widget.attrs.setdefault(
                "class", "form-select" if isinstance(field.field.widget, forms.Select) else "form-control")

    @classmethod
    def initial_for(cls, document: Document) -> dict:
        return {"type_name": document.type_name, "full_number": document.full_number,
                "date": document.date.strftime("%d/%m/%Y") if document.date else "", "issuer": document.issuer,
                "subject": document.subject, "status": document.status, "replaced_by": document.replaced_by_id,
                "status_note": document.status_note, "version": document.version,
                "issuer_unit": document.issuer_unit_id, "is_public": document.is_public}
