"""The admin site for the legal tables: administrators only, writes through the services."""

from django import forms
from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.legal import services
from danvan.legal.models import DeadlineRuleRow, DeclaredDay
from danvan.org import policy


class _AdministratorsOnly:
    permission = ""

    def has_module_permission(self, request):
        return policy.can(request.user, "legal.rules.view")

    def has_view_permission(self, request, obj=None):
        return policy.can(request.user, "legal.rules.view")

    def has_add_permission(self, request):
        return policy.can(request.user, self.permission)

    def has_change_permission(self, request, obj=None):
        return policy.can(request.user, self.permission)

    def has_delete_permission(self, request, obj=None):
        return policy.can(request.user, self.permission)


@admin.register(DeclaredDay)
class DeclaredDayAdmin(_AdministratorsOnly, SimpleHistoryAdmin):
    permission = "legal.calendar.change"
    list_display = ["date", "kind", "reason", "source"]
    list_filter = ["kind"]
    date_hierarchy = "date"

    def save_model(self, request, obj, form, change):
        values = {k: form.cleaned_data[k] for k in services.DAY_FIELDS}
        services.save_declared_day(actor=request.user, day=obj, **values)

    def delete_model(self, request, obj):
        services.delete_declared_day(actor=request.user, day=obj)


class DeadlineRuleRowForm(forms.ModelForm):
    class Meta:
        model = DeadlineRuleRow
        fields = list(services.RULE_FIELDS)

    def _post_clean(self):
        super()._post_clean()
        if not self.errors:
            try:
                services.validate_rule_row(self.instance)
            except forms.ValidationError as exc:
                self._update_errors(exc)


@admin.register(DeadlineRuleRow)
class DeadlineRuleRowAdmin(_AdministratorsOnly, SimpleHistoryAdmin):
    permission = "legal.rules.change"
    form = DeadlineRuleRowForm
    list_display = ["rule_id", "kind", "milestone", "days", "unit", "valid_from", "valid_to", "active"]
    list_filter = ["kind", "unit", "active"]
    search_fields = ["rule_id", "source"]

    def save_model(self, request, obj, form, change):
        values = {k: form.cleaned_data[k] for k in services.RULE_FIELDS if k in form.cleaned_data}
        services.save_rule_row(actor=request.user, row=obj, **values)
