"""Filters of the list endpoints (query parameters, documented in the OpenAPI document)."""

from __future__ import annotations

from django import forms
from django.db.models import QuerySet
from django_filters import rest_framework as filters

from danvan.emulation.models import SchemeStatus
from danvan.org import clock
from danvan.org.models import Level, UnitKind
from danvan.petitions.models import OPEN_STATUSES, Kind, Status
from danvan.plans.models import TaskStatus
from danvan.reception.models import DialogueKind, EntryKind
from danvan.reporting.models import SubmissionStatus
from danvan.surveys.models import Dimension, SurveyStatus, Target


class IdFilter(filters.Filter):
    """An id or a year: a whole number within the database's range (never a server error)."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("min_value", 0)
        kwargs.setdefault("max_value", 2**53)
        super().__init__(*args, **kwargs)


class UnitFilter(filters.FilterSet):
    level = filters.ChoiceFilter(choices=Level.choices)
    kind = filters.ChoiceFilter(choices=UnitKind.choices)
    parent = IdFilter(field_name="parent_id")
    active = filters.BooleanFilter(field_name="valid_to", lookup_expr="isnull", label="Đang hoạt động")


class StaffFilter(filters.FilterSet):
    unit = IdFilter(field_name="unit_id")


class PetitionFilter(filters.FilterSet):
    kind = filters.ChoiceFilter(choices=Kind.choices)
    status = filters.ChoiceFilter(choices=Status.choices)
    field = IdFilter(field_name="field_id")
    handling_unit = IdFilter(field_name="handling_unit_id")
    unit = IdFilter(field_name="unit_id")
    received_from = filters.DateFilter(field_name="received_on", lookup_expr="gte")
    received_to = filters.DateFilter(field_name="received_on", lookup_expr="lte")
    open = filters.BooleanFilter(method="filter_open", label="Đang giải quyết")
    overdue = filters.BooleanFilter(method="filter_overdue", label="Quá hạn")

    def filter_open(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return qs
        return qs.filter(status__in=OPEN_STATUSES) if value else qs.exclude(status__in=OPEN_STATUSES)

    def filter_overdue(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        if not value:
            return qs
        return qs.filter(status__in=OPEN_STATUSES, next_due__lt=clock.today())


class NoteFilter(filters.FilterSet):
    petition = IdFilter(field_name="petition_id")
    is_public = filters.BooleanFilter()


class ReceptionEntryFilter(filters.FilterSet):
    unit = IdFilter(field_name="unit_id")
    kind = filters.ChoiceFilter(choices=EntryKind.choices)
    received_from = filters.DateFilter(field_name="received_on", lookup_expr="gte")
    received_to = filters.DateFilter(field_name="received_on", lookup_expr="lte")


class DialogueFilter(filters.FilterSet):
    unit = IdFilter(field_name="unit_id")
    kind = filters.ChoiceFilter(choices=DialogueKind.choices)
    held_from = filters.DateFilter(field_name="held_on", lookup_expr="gte")
    held_to = filters.DateFilter(field_name="held_on", lookup_expr="lte")


class PlanFilter(filters.FilterSet):
    issuer = IdFilter(field_name="issuer_id")


class TaskFilter(filters.FilterSet):
    plan = IdFilter(field_name="plan_id")
    lead_unit = IdFilter(field_name="lead_unit_id")
    status = filters.ChoiceFilter(choices=TaskStatus.choices)
    due_from = filters.DateFilter(field_name="due_date", lookup_expr="gte")
    due_to = filters.DateFilter(field_name="due_date", lookup_expr="lte")


class ReportRequestFilter(filters.FilterSet):
    year = IdFilter()
    requesting_unit = IdFilter(field_name="requesting_unit_id")


class SubmissionFilter(filters.FilterSet):
    request = IdFilter(field_name="request_id")
    unit = IdFilter(field_name="unit_id")
    status = filters.ChoiceFilter(choices=SubmissionStatus.choices)


class SchemeFilter(filters.FilterSet):
    year = IdFilter()
    unit = IdFilter(field_name="unit_id")
    status = filters.ChoiceFilter(choices=SchemeStatus.choices)


class SurveyFilter(filters.FilterSet):
    unit = IdFilter(field_name="unit_id")
    target = filters.ChoiceFilter(choices=Target.choices)
    status = filters.ChoiceFilter(choices=SurveyStatus.choices)


class PapiScoreFilter(filters.FilterSet):
    province = filters.CharFilter(max_length=100)
    year = IdFilter()
    dimension = filters.ChoiceFilter(choices=Dimension.choices)
