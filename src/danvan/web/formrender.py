"""The project's one form layout.

``FORM_RENDERER`` points here, so ``{{ form }}``, ``{{ field.as_field_group }}`` and every form added
later render with ``templates/forms/``: the label above the field (with a required mark), the help
text and the error beside the field, both tied to it with ``aria-describedby`` (Django adds the ids),
Bootstrap classes on every widget, and an error summary that takes focus so that it is read out.
"""

from __future__ import annotations

from django import forms
from django.forms.boundfield import BoundField
from django.forms.renderers import TemplatesSetting


def _css_class(widget: forms.Widget) -> str:
    if isinstance(widget, forms.CheckboxInput | forms.RadioSelect | forms.CheckboxSelectMultiple):
        return "form-check-input"
    if isinstance(widget, forms.Select):
        return "form-select"
    if isinstance(widget, forms.FileInput):
        return "form-control"
    return "form-control"


class DanvanBoundField(BoundField):
    def build_widget_attrs(self, attrs, widget=None):
        attrs = super().build_widget_attrs(attrs, widget)
        widget = widget or self.field.widget
        css = _css_class(widget)
        classes = (attrs.get("class") or widget.attrs.get("class") or "").split()
        if css and not any(c.startswith(("form-control", "form-select", "form-check-input")) for c in classes):
            classes.append(css)
        if isinstance(widget, forms.DateInput) and "dv-date" not in classes:
            classes.append("dv-date")
        if self.errors and "is-invalid" not in classes:
            classes.append("is-invalid")
        if classes:
            attrs["class"] = " ".join(classes)
        return attrs

    @property
    def is_checkbox(self) -> bool:
        return isinstance(self.field.widget, forms.CheckboxInput)

    @property
    def is_wide(self) -> bool:
        """Long text and groups of choices take the whole width of the form."""
        return self.use_fieldset or isinstance(self.field.widget, forms.Textarea)


class DanvanFormRenderer(TemplatesSetting):
    form_template_name = "forms/div.html"
    field_template_name = "forms/field.html"
    bound_field_class = DanvanBoundField
