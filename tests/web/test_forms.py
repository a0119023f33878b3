"""One form layout everywhere: labels above fields, help and errors tied to the field, dates as dd/mm/yyyy."""

from __future__ import annotations

import importlib
import pkgutil
import re
from datetime import date

from django import forms
from django.urls import reverse

import danvan
from danvan.org.widgets import DateTextInput


class _Example(forms.Form):
    name = forms.CharField(label="Họ và tên", help_text="Như trên căn cước", max_length=20)
    received = forms.DateField(label="Ngày nhận", required=False)
    kind = forms.ChoiceField(label="Loại", choices=[("a", "A"), ("b", "B")])
    urgent = forms.BooleanField(label="Khẩn", required=False)


def _project_forms() -> list[type[forms.BaseForm]]:
    for info in pkgutil.walk_packages(danvan.__path__, "danvan."):
        if info.name.rsplit(".", 1)[-1] in {"forms", "views"}:
            importlib.import_module(info.name)
    found, todo = [], list(forms.BaseForm.__subclasses__())
    while todo:
        cls = todo.pop()
        todo.extend(cls.__subclasses__())
        if cls.__module__.startswith("danvan.") and not cls.__module__.endswith(".admin"):  # admin: its own widgets
            found.append(cls)
    return found


def test_every_date_field_of_every_form_is_typed_dd_mm_yyyy():
    classes = _project_forms()
    date_fields = [(cls, name, field) for cls in classes for name, field in getattr(cls, "base_fields", {}).items()
                   if isinstance(field, forms.DateField)]
    assert len(date_fields) > 10
    wrong = [f"{cls.__module__}.{cls.__name__}.{name}" for cls, name, field in date_fields
             if not isinstance(field.widget, DateTextInput)]
    assert wrong == []
    assert isinstance(forms.DateField().widget, DateTextInput)  # forms added later too


def test_a_date_is_shown_and_read_as_dd_mm_yyyy_whatever_the_browser():
    html = str(_Example(initial={"received": date(2026, 3, 5)})["received"])
    assert 'type="text"' in html and 'value="05/03/2026"' in html and 'type="date"' not in html
    assert 'placeholder="dd/mm/yyyy"' in html and "pattern=" in html and "data-date-input" in html
    form = _Example(data={"name": "A", "kind": "a", "received": "05/03/2026"})
    assert form.is_valid() and form.cleaned_data["received"] == date(2026, 3, 5)


def test_layout_label_above_required_mark_and_bootstrap_classes():
    html = str(_Example())
    assert re.search(r'<label class="form-label" for="id_name">Họ và tên<span class="dv-required" aria-hidden="true">\*'
                     r'</span><span class="visually-hidden"> \(bắt buộc\)</span></label>\s*<input', html)
    assert 'class="form-control"' in html and 'class="form-select"' in html and 'class="form-check-input"' in html
    assert 'id="id_name_helptext"' in html and 'aria-describedby="id_name_helptext"' in html
    assert "data-error-summary" not in html


def test_errors_beside_the_field_tied_to_it_and_announced():
    form = _Example(data={"name": "", "kind": "z"})
    html = str(form)
    assert 'aria-describedby="id_name_helptext id_name_error"' in html and 'aria-invalid="true"' in html
    assert re.search(r'<div class="dv-field-error" id="id_name_error"><div>[^<]+</div></div>', html)
    assert "is-invalid" in html and 'id="id_kind_error"' in html
    # A summary at the top takes focus (danvan.js) and links to each field with a problem.
    summary = re.search(r'<div class="alert alert-danger" role="alert" tabindex="-1" data-error-summary>(.*?)</div>',
                        html, re.S).group(1)
    assert '<a href="#id_name">Họ và tên</a>' in summary and '<a href="#id_kind">Loại</a>' in summary


def test_public_form_errors_on_name_and_address_are_shown_at_the_field(client, demo_org):
    html = client.post(reverse("petitions:public_submit"), {"kind": "feedback", "subject": "Đèn hỏng",
                                                            "content": "Đèn ngõ 12 hỏng."}).content.decode()
    assert re.search(r'id="id_full_name"[^>]*aria-describedby="[^"]*id_full_name_error', html) or \
        re.search(r'aria-describedby="[^"]*id_full_name_error[^"]*"[^>]*id="id_full_name"', html)
    assert 'id="id_full_name_error"' in html and "data-error-summary" in html
