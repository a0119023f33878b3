"""Admin pages for templates (sections and indicators inline) and, read-mostly, requests and reports."""

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from .models import ReportRequest, ReportTemplate, Submission, TemplateIndicator, TemplateSection


class SectionInline(admin.TabularInline):
    model = TemplateSection
    extra = 0


class IndicatorInline(admin.TabularInline):
    model = TemplateIndicator
    extra = 0


@admin.register(ReportTemplate)
class ReportTemplateAdmin(SimpleHistoryAdmin):
    list_display = ("name", "code", "period_kind", "is_active")
    inlines = [SectionInline, IndicatorInline]


@admin.register(ReportRequest)
class ReportRequestAdmin(SimpleHistoryAdmin):
    list_display = ("title", "requesting_unit", "year", "due_date")
    list_select_related = ("requesting_unit",)
    filter_horizontal = ("units",)


@admin.register(Submission)
class SubmissionAdmin(SimpleHistoryAdmin):
    list_display = ("request", "unit", "status", "submitted_at", "is_late")
    list_filter = ("status", "is_late")
    list_select_related = ("request", "unit")
    readonly_fields = ("status", "submitted_by", "submitted_at", "is_late", "reviewed_by", "reviewed_at")
