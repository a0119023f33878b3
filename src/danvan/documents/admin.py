"""Admin pages where administrators declare signing keys (per unit and per signer) and trusted roots."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import SigningKey, TrustedRoot


@admin.register(SigningKey)
class SigningKeyAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "kind", "is_active", "is_demo")
    list_filter = ("kind", "is_active", "is_demo")
    list_select_related = ("unit", "staff")
    autocomplete_fields = ()
    raw_id_fields = ("unit", "staff")


@admin.register(TrustedRoot)
class TrustedRootAdmin(SimpleHistoryAdmin):
    list_display = ("name", "is_demo", "created_at")
