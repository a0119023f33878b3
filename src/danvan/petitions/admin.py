"""Admin: the field table is kept here; cases are read-mostly.

PetitionerIdentity is deliberately NOT registered: a denouncer's identity must not be reachable
by administrators (Law on Denunciations art. 47); it is seen only through the case page, which
asks the policy and logs the view.
"""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.petitions.models import Field, Petition


@admin.register(Field)
class FieldAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "evidence_required", "resolve_days", "order", "is_active")
    list_editable = ("evidence_required", "resolve_days", "order", "is_active")
    search_fields = ("name", "code")


@admin.register(Petition)
class PetitionAdmin(SimpleHistoryAdmin):
    list_display = ("code", "received_on", "kind", "field", "handling_unit", "status", "next_due")
    list_filter = ("kind", "status", "field")
    search_fields = ("code", "subject")
    readonly_fields = [f.name for f in Petition._meta.fields]

    def has_add_permission(self, request):
        return False  # cases are created through the intake services (deadlines, codes, history)

    def has_delete_permission(self, request, obj=None):
        return False
