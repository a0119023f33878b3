"""The administrator's list of keys: who uses which, for what, when last; revoking, never showing a key."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from danvan.api import services
from danvan.api.models import ApiKey
from danvan.org import policy


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    list_display = ["name", "prefix", "staff", "unit", "scope_list", "created_at", "last_used_at", "state"]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    search_fields = ["name", "prefix"]
    readonly_fields = ["name", "prefix", "staff", "unit", "scopes", "created_at", "created_by", "last_used_at",
                       "revoked_at", "revoked_by"]
    fields = readonly_fields
    actions = ["revoke"]

    @admin.display(description=_("quyền"))
    def scope_list(self, key: ApiKey) -> str:
        return key.scope_labels()

    @admin.display(description=_("tình trạng"))
    def state(self, key: ApiKey) -> str:
        return str(_("Đang dùng") if key.is_active else _("Đã thu hồi"))

    def has_module_permission(self, request: HttpRequest) -> bool:
        return policy.can(request.user, services.MANAGE)

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return policy.can(request.user, services.MANAGE)

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # a key is made with `danvan apikey create`, which shows it once

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # revoked keys stay listed: who used which key, and when

    @admin.action(description=_("Thu hồi các khóa đã chọn"))
    def revoke(self, request: HttpRequest, queryset: QuerySet[ApiKey]) -> None:
        if not policy.can(request.user, services.MANAGE):
            return
        count = 0
        for key in queryset.filter(revoked_at__isnull=True):
            services.revoke_key(actor=request.user, key=key)
            count += 1
        self.message_user(request, ngettext("Đã thu hồi %(n)d khóa.", "Đã thu hồi %(n)d khóa.", count) % {"n": count},
                          messages.SUCCESS)

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        actions = super().get_actions(request)
        if policy.can(request.user, services.MANAGE):
            actions.setdefault("revoke", (type(self).revoke, "revoke", type(self).revoke.short_description))
        return actions
