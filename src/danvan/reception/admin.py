"""Admin for reception and dialogues: administrators browse, the services write.

Rows are scoped by the one policy (``policy.unit_q``). Records are read-only here: sessions,
reception lines and dialogues carry legal deadlines, versions and history that only the services
keep right, so edits go through the app's pages. The identity on a denunciation line (name,
address, ID number, representatives) follows the policy's one rule for a denouncer
(``reception.identity``), here as on every page: whoever may not see it sees the line without it,
cannot search on it and cannot open its history; every page here that shows it is logged.
The log of who saw a denouncer's identity is not registered: only the unit head reads it, on the line.
"""

from __future__ import annotations

from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from danvan.core.vntext import fold
from danvan.org import policy
from danvan.reception import services
from danvan.reception.models import (
    Commitment,
    Dialogue,
    DialogueIssue,
    ReceptionEntry,
    ReceptionSession,
)
from danvan.reception.permissions import identity_shown_q

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
    list_display = ("received_on", "unit", "who", "kind", "people_count", "reply_due", "replied_on", "petition")
    list_filter = ("kind", "is_collective", "within_competence")
    date_hierarchy = "received_on"
    list_select_related = ("unit", "petition", "created_by")
    search_fields = ("summary",)  # replaced by the folded keys below

    @admin.display(description=_("người đến"))
    def who(self, obj):
        shown = getattr(obj, "_identity_shown", None)
        return obj.citizen_name if shown else _("(giữ bí mật)")

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        cl = getattr(response, "context_data", {}).get("cl") if hasattr(response, "context_data") else None
        if cl is not None:
            rows = list(cl.result_list)
            for entry in rows:
                entry._identity_shown = policy.can(request.user, "reception.identity", entry)
            services.log_identity_views(actor=request.user, entries=[e for e in rows if e._identity_shown],
                                        context=_("Trang quản trị: danh sách sổ tiếp công dân"))
        return response

    def get_fields(self, request, obj=None):
        fields = [f.name for f in ReceptionEntry._meta.fields
                  if f.name not in ("id", "search_key", "content_key")]
        if obj is not None and not policy.can(request.user, "reception.identity", obj):
            fields = [f for f in fields if f not in IDENTITY_FIELDS]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return self.get_fields(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        response = super().change_view(request, object_id, form_url, extra_context)
        obj = self.get_object(request, object_id)
        if obj is not None and response.status_code == 200 and policy.can(request.user, "reception.identity", obj):
            services.log_identity_views(actor=request.user, entries=[obj],
                                        context=_("Trang quản trị: lượt tiếp công dân"))
        return response

    def get_search_results(self, request, queryset, search_term):
        """Folded, diacritics-insensitive search; on the content only where the identity is hidden."""
        if not search_term:
            return queryset, False
        shown = identity_shown_q(request.user)
        for word in fold(search_term).split():
            queryset = queryset.filter(Q(content_key__contains=word) | (shown & Q(search_key__contains=word)))
        return queryset, False

    def history_view(self, request, object_id, extra_context=None):
        """The history holds every earlier name and address: only for whoever may see the citizen, and logged."""
        obj = self.get_object(request, object_id)
        if obj is not None:
            if not policy.can(request.user, "reception.identity", obj):
                raise PermissionDenied
            services.log_identity_views(actor=request.user, entries=[obj],
                                        context=_("Trang quản trị: lịch sử lượt tiếp công dân"))
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
