"""Forms: they only collect input; the services validate the law and write."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from danvan.org import clock
from danvan.org.models import Level, Unit, UnitKind
from danvan.org.widgets import DateTextInput
from danvan.petitions.models import Channel, Field, Kind, Outcome, Status, TriageReason
from danvan.petitions.selectors import PublicChoices

_DATE = DateTextInput()


class BootstrapMixin:
    def _style(self) -> None:
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                widget.attrs.setdefault("class", "form-check-input")
            elif isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            else:
                widget.attrs.setdefault("class", "form-control")


class IntakeForm(BootstrapMixin, forms.Form):
    """An officer records a case on behalf of a citizen, from any channel."""

    kind = forms.ChoiceField(label=_("Loại đơn"), choices=Kind.choices)
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.filter(is_active=True))
    unit = forms.ModelChoiceField(label=_("Đơn vị liên quan, xử lý"), queryset=Unit.objects.none())
    channel = forms.ChoiceField(label=_("Nguồn đơn"), choices=Channel.choices)
    received_on = forms.DateField(label=_("Ngày nhận đơn"), widget=_DATE)
    subject = forms.CharField(label=_("Tóm tắt nội dung"), max_length=255)
    content = forms.CharField(label=_("Nội dung đơn"), widget=forms.Textarea(attrs={"rows": 5}))
    requested_outcome = forms.CharField(label=_("Yêu cầu, đề nghị"), required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}))
    location = forms.CharField(label=_("Địa điểm"), required=False, max_length=255)
    is_signed = forms.BooleanField(label=_("Đơn có chữ ký hoặc điểm chỉ"), required=False)
    is_anonymous = forms.BooleanField(label=_("Không rõ họ tên, địa chỉ (nặc danh)"), required=False)
    is_collective = forms.BooleanField(label=_("Đơn đông người"), required=False)
    signers_count = forms.IntegerField(
        label=_("Số người ký đơn"), min_value=1, required=False,
        help_text=_("Để trống nếu bằng số người ghi tên bên dưới. Đơn đông người: từ 5 người trở lên."))
    is_complex = forms.BooleanField(label=_("Vụ việc phức tạp"), required=False)
    is_very_complex = forms.BooleanField(label=_("Vụ việc đặc biệt phức tạp"), required=False)
    is_remote = forms.BooleanField(label=_("Vùng sâu, vùng xa"), required=False)
    several_places = forms.BooleanField(label=_("Xác minh ở nhiều địa điểm"), required=False)
    forwarded_by = forms.CharField(label=_("Cơ quan chuyển đơn"), required=False, max_length=255)
    forwarding_document = forms.CharField(label=_("Số, ngày văn bản chuyển đơn"), required=False, max_length=255)
    attachment = forms.FileField(label=_("Tệp đính kèm (ảnh, PDF)"), required=False)

    def __init__(self, *args: Any, units=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.all()
        self._style()


PETITIONER_FIELDS = ("full_name", "address", "id_number", "phone", "email", "is_representative")


class PetitionerForm(BootstrapMixin, forms.Form):
    """One person who filed or signed the petition (a row of the intake's list of petitioners)."""

    full_name = forms.CharField(label=_("Họ và tên"), required=False, max_length=150)
    address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=255)
    id_number = forms.CharField(label=_("Số CCCD"), required=False, max_length=20)
    phone = forms.CharField(label=_("Điện thoại"), required=False, max_length=30)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    is_representative = forms.BooleanField(label=_("Người đại diện"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        filled = any(data.get(k) for k in PETITIONER_FIELDS if k != "full_name")
        if filled and not (data.get("full_name") or "").strip():
            self.add_error("full_name", _("Hãy nhập họ và tên người này (hoặc để trống cả dòng)."))
        return data


class BasePetitionerFormSet(forms.BaseFormSet):
    def petitioners(self) -> list[dict[str, Any]]:
        """The filled rows, in order, as the service takes them (empty rows are left out)."""
        rows = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None) or {}
            if (data.get("full_name") or "").strip():
                rows.append({k: data.get(k) or ("" if k != "is_representative" else False)
                             for k in PETITIONER_FIELDS})
        return rows


PETITIONER_ROWS = 5  # empty rows offered at once; "Thêm dòng" adds as many again (no JavaScript needed)
PetitionerFormSet = forms.formset_factory(PetitionerForm, formset=BasePetitionerFormSet, extra=PETITIONER_ROWS,
                                          max_num=200, validate_max=True, absolute_max=200)


PUBLIC_CONTENT_MAX = 5000  # characters a citizen types on the public form


class PublicForm(BootstrapMixin, forms.Form):
    """The citizen's form: feedback and recommendations, no account needed."""

    kind = forms.ChoiceField(label=_("Bạn muốn gửi"), choices=[(Kind.FEEDBACK, Kind.FEEDBACK.label),
                                                              (Kind.RECOMMENDATION, Kind.RECOMMENDATION.label)])
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.filter(is_active=True))
    unit = forms.ModelChoiceField(label=_("Phường, xã liên quan"), queryset=Unit.objects.filter(
        kind=UnitKind.COMMITTEE, level=Level.COMMUNE))
    subject = forms.CharField(label=_("Tiêu đề"), max_length=255)
    content = forms.CharField(label=_("Nội dung"), max_length=PUBLIC_CONTENT_MAX,
                              widget=forms.Textarea(attrs={"rows": 5}))
    location = forms.CharField(label=_("Địa điểm xảy ra"), required=False, max_length=255)
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    phone = forms.CharField(label=_("Điện thoại"), required=False, max_length=30)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    address = forms.CharField(label=_("Địa chỉ"), required=False, max_length=255)
    attachment = forms.FileField(label=_("Ảnh hoặc tài liệu (không bắt buộc)"), required=False)
    # A honeypot: hidden from people (and from screen readers), filled by robots that fill every box.
    website = forms.CharField(label=_("Để trống ô này"), required=False, max_length=200,
                              template_name="petitions/_honeypot.html",
                              widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}))

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Hãy để trống ô này."))
        return ""

    def __init__(self, *args: Any, choices: PublicChoices, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Only the wards and communes that exist today; former ones are listed beside the form. A posted
        # choice is still checked against the database (one query by id each), the lists shown come
        # from the cache: every citizen's visit renders them.
        self.fields["unit"].queryset = self.fields["unit"].queryset.active_on(clock.today())
        for name, listed in (("field", choices.fields), ("unit", choices.units)):
            self.fields[name].choices = [("", self.fields[name].empty_label), *listed]
        self._style()


_BLANK: dict[tuple[str, PublicChoices], str] = {}


def blank_public_form(choices: PublicChoices) -> str:
    """The citizen's empty form as HTML, rendered once per process, list version and language.

    Every visit shows the same empty form (a dozen fields through the form templates: most of the
    page's rendering); the tokens that differ per visitor are outside it. Kept in the process, not
    the shared cache, so a deployment that changes the form's templates starts afresh.
    """
    key = (translation.get_language() or "", choices)
    html = _BLANK.get(key)
    if html is None:
        html = PublicForm(choices=choices).render()
        if len(_BLANK) >= 8:  # old versions of the lists are never asked for again
            _BLANK.clear()
        _BLANK[key] = html
    return html


class TrackForm(BootstrapMixin, forms.Form):
    code = forms.CharField(label=_("Mã hồ sơ"), max_length=20)
    secret = forms.CharField(label=_("Mã bí mật"), max_length=20)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class RatingForm(BootstrapMixin, forms.Form):
    score = forms.TypedChoiceField(label=_("Mức hài lòng"), coerce=int, choices=[
        (5, _("5 — Rất hài lòng")), (4, _("4 — Hài lòng")), (3, _("3 — Bình thường")),
        (2, _("2 — Chưa hài lòng")), (1, _("1 — Không hài lòng"))])
    comment = forms.CharField(label=_("Nhận xét"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._style()


class FilterForm(BootstrapMixin, forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False)
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), required=False)
    kind = forms.ChoiceField(label=_("Loại đơn"), choices=[("", _("Tất cả")), *Kind.choices], required=False)
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.all(), required=False)
    status = forms.ChoiceField(label=_("Trạng thái"), choices=[("", _("Tất cả")), *Status.choices],
                               required=False)
    overdue = forms.BooleanField(label=_("Chỉ hồ sơ quá hạn"), required=False)
    date_from = forms.DateField(label=_("Nhận từ ngày"), required=False, widget=_DATE)
    date_to = forms.DateField(label=_("đến ngày"), required=False, widget=_DATE)
    handling_unit = forms.ModelChoiceField(label=_("Đơn vị giải quyết"), queryset=Unit.objects.none(),
                                           required=False)
    handling_direct = forms.BooleanField(label=_("Chỉ hồ sơ do chính đơn vị này giải quyết"), required=False)
    resolved_from = forms.DateField(label=_("Giải quyết từ ngày"), required=False, widget=_DATE)
    resolved_to = forms.DateField(label=_("Giải quyết đến ngày"), required=False, widget=_DATE)
    on_time = forms.BooleanField(label=_("Chỉ hồ sơ giải quyết đúng hạn"), required=False)
    overdue_on = forms.DateField(label=_("Quá hạn tính đến ngày"), required=False, widget=_DATE)

    def __init__(self, *args: Any, units=None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units if units is not None else Unit.objects.all()
        self.fields["handling_unit"].queryset = self.fields["unit"].queryset
        self._style()


TRIAGE_CHOICES = [("accept", _("Thụ lý giải quyết")), ("forward", _("Chuyển cơ quan có thẩm quyền")),
                  ("guide", _("Hướng dẫn công dân")), ("archive", _("Lưu đơn, không thụ lý"))]
REASON_CHOICES = [("", "—"), *TriageReason.choices]
OUTCOME_CHOICES = [("", "—"), *Outcome.choices]
