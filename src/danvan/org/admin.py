"""The admin site, for administrators: it shows only what the policy lets the user see."""

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from danvan.org import policy
from danvan.org.models import MobilizationResponsibility, Staff, Unit, UnitSuccession


class UnitSuccessionInline(admin.TabularInline):
    model = UnitSuccession
    fk_name = "predecessor"
    extra = 0
    autocomplete_fields = ["successor"]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "code", "level", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["level", "kind"]
    search_fields = ["name", "short_name", "code", "search_key"]
    readonly_fields = ["path", "depth", "version"]
    raw_id_fields = ["signer"]
    inlines = [UnitSuccessionInline]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(policy.unit_q(request.user)).select_related("parent")

    def save_model(self, request, obj, form, change):
        obj.refresh_search_key()
        if change:
            obj.version += 1
        super().save_model(request, obj, form, change)
        from danvan.org.services import _set_path

        _set_path(obj)


@admin.register(Staff)
class StaffAdmin(SimpleHistoryAdmin, UserAdmin):
    list_display = ["username", "full_name", "unit", "role", "is_active"]
    list_filter = ["role", "is_active"]
    search_fields = ["username", "full_name", "search_key"]
    fieldsets = [*UserAdmin.fieldsets, ("danvan", {"fields": ["full_name", "unit", "position", "role", "phone"]})]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(
            pk__in=policy.visible_staff(request.user).values("pk")).select_related("unit")

    def save_model(self, request, obj, form, change):
        obj.refresh_search_key()
        super().save_model(request, obj, form, change)


@admin.register(MobilizationResponsibility)
class ResponsibilityAdmin(SimpleHistoryAdmin):
    list_display = ["unit", "staff", "valid_from", "valid_to"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(policy.unit_q(request.user, "unit"))
