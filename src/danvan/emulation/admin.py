"""The titles and forms of commendation are data an administrator corrects when the law moves an authority."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from danvan.emulation.models import Award


@admin.register(Award)
class AwardAdmin(SimpleHistoryAdmin):
    list_display = ["name", "kind", "collective", "authority", "legal_source", "capped", "active", "order"]
    list_filter = ["kind", "collective", "active"]
    search_fields = ["name", "authority"]
    readonly_fields = ["code"]
