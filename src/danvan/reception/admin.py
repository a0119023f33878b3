"""Admin for reception and dialogues: administrators browse, the services write.

Rows are scoped by the one policy (``policy.unit_q``). Records are read-only here: sessions,
reception lines and dialogues carry legal deadlines, versions and history that only the services
keep right, so edits go through the app's pages. The identity on a denunciation line (name,
address, ID number, representatives) is shown only to administrators; anyone else with access to
the admin site sees the line without it, cannot search on it, and cannot open its history.
The log of who saw a denouncer's identity is not registered: only the unit head reads it, on the line.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from danvan.core.vntext import fold
from danvan.org import policy
from danvan.reception.models import (
    Commitment,
    Dialogue,
    DialogueIssue,
    EntryKind,
    ReceptionEntry,
    ReceptionSession,
)

IDENTITY_FIELDS = ("citizen_name", "citizen_address", "id_number", "representatives")


class _ReadOnly:
    """Browse only: writes go through danvan.reception.services (deadlines, versions, history)."""

    def has_module_permission(self, request):
        return policy.is_administrator(request.user) or super().has_module_permission(request)

    def has_view_permission(self, request, obj=None):
        return policy.is_administrator(request.user) or super().has_view_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class _Scoped(_ReadOnly):
    unit_field = "unit"

    def get_queryset(self, request):
        return super().get_queryset(request).filter(policy.unit_q(request.user, self.unit_field))


def _folded_search(queryset, search_term: str, column: str):
    for word in fold(search_term).split():
        queryset = queryset.filter(**{f"{column}__contains": word})
    return queryset


@admin.register(ReceptionSession)
class ReceptionSessionAdmin(_Scoped, SimpleHistoryAdmin):
    list_display = ("date", "unit", "leader", "kind", "status", "posted_on", "post_due")
    list_filter = ("status", "kind")
    date_hierarchy = "date"
    list_select_related = ("unit", "leader")
    search_fields = ("unit__name", "place")


@admin.register(ReceptionEntry)
class ReceptionEntryAdmin(_Scoped, SimpleHistoryAdmin):
    list_display = ("received_on", "unit", "citizen_name", "kind", "people_count", "reply_due", "replied_on",
                    "petition")
    list_filter = ("kind", "is_collective", "within_competence")
    date_hierarchy = "received_on"
    list_select_related = ("unit", "petition")
    search_fields = ("summary",)  # replaced by the folded keys below

    def get_list_display(self, request):
        if policy.is_administrator(request.user):
            return self.list_display

        @admin.display(description=_("người đến"))
        def who(obj):
            return _("(giữ bí mật)") if obj.kind == EntryKind.DENUNCIATION else obj.citizen_name

        return tuple(who if name == "citizen_name" else name for name in self.list_display)

    def get_fields(self, request, obj=None):
        fields = [f.name for f in ReceptionEntry._meta.fields
                  if f.name not in ("id", "search_key", "content_key")]
        if obj is not None and obj.kind == EntryKind.DENUNCIATION and not policy.is_administrator(request.user):
            fields = [f for f in fields if f not in IDENTITY_FIELDS]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def get_search_results(self, request, queryset, search_term):
        """Folded, diacritics-insensitive search; on the content only where the identity is hidden."""
        if not search_term:
            return queryset, False
        if policy.is_administrator(request.user):
            return _folded_search(queryset, search_term, "search_key"), False
        denunciations = queryset.filter(kind=EntryKind.DENUNCIATION)
        others = queryset.exclude(kind=EntryKind.DENUNCIATION)
        return (_folded_search(others, search_term, "search_key")
                | _folded_search(denunciations, search_term, "content_key")), False

    def history_view(self, request, object_id, extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None and obj.kind == EntryKind.DENUNCIATION and not policy.is_administrator(request.user):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)


class DialogueIssueInline(_ReadOnly, admin.TabularInline):
    model = DialogueIssue
    extra = 0
    fields = ("raised_by", "raised", "answer")
    readonly_fields = fields


class CommitmentInline(_ReadOnly, admin.TabularInline):
    model = Commitment
    extra = 0
    fields = ("text", "owner_unit", "due_on", "status", "done_on")
    readonly_fields = fields


@admin.register(Dialogue)
class DialogueAdmin(_Scoped, SimpleHistoryAdmin):
    list_display = ("held_on", "unit", "kind", "topic", "participants_count")
    list_filter = ("kind",)
    date_hierarchy = "held_on"
    list_select_related = ("unit",)
    search_fields = ("topic",)
    inlines = [DialogueIssueInline, CommitmentInline]

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return _folded_search(queryset, search_term, "search_key"), False


@admin.register(Commitment)
class CommitmentAdmin(_ReadOnly, SimpleHistoryAdmin):
    list_display = ("text", "owner_unit", "due_on", "status", "done_on")
    list_filter = ("status",)
    list_select_related = ("owner_unit", "dialogue")

    def get_queryset(self, request):
        return super().get_queryset(request).filter(
            policy.unit_q(request.user, "dialogue__unit") | policy.unit_q(request.user, "owner_unit"))
