"""Reads of reports: lists with who is late or missing, and the consolidation of a request.

The consolidation is one GROUP BY over the values table (SUM/AVG/MIN/MAX/COUNT per indicator,
in SQL), plus one query for the few rows that need Python (weighted averages, concatenated
text), one for the units' statuses and, for the page, one for the per-unit table and one for the
narratives — a fixed handful of queries whether 3 or 300 units report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, Exists, Max, Min, OuterRef, Q, QuerySet, Subquery, Sum
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from danvan.documents.models import OutgoingDocument
from danvan.org import clock, policy
from danvan.org.models import Unit

from .models import (
    COUNTED_STATUSES,
    Aggregate,
    NarrativeSection,
    PeriodKind,
    ReportRequest,
    Submission,
    SubmissionAttachment,
    SubmissionKind,
    SubmissionStatus,
    SubmissionValue,
    TemplateIndicator,
    ValueType,
)
from .values import format_number, format_value


@dataclass
class Row:
    """One indicator consolidated across the units that reported."""

    indicator: TemplateIndicator
    value: Any
    reported: int  # units with a value for it
    previous: Any = None
    display: str = ""
    previous_display: str = ""
    delta_display: str = ""


@dataclass
class UnitStatus:
    unit: Unit
    submission_id: int | None
    status: str | None
    submitted_at: Any
    is_late: bool
    overdue: bool  # not submitted and the due date has passed

    @property
    def status_label(self) -> str:
        if self.status is None or self.status == SubmissionStatus.DRAFT:
            return _("Chưa nộp")
        return str(SubmissionStatus(self.status).label)

    @property
    def is_missing(self) -> bool:
        return self.status in (None, SubmissionStatus.DRAFT)


@dataclass
class Consolidation:
    request: ReportRequest
    rows: list[Row]
    units: list[UnitStatus]
    previous_request: ReportRequest | None = None
    # unit id → indicator id → (value, value as printed)
    per_unit: dict[int, dict[int, tuple[Any, str]]] = field(default_factory=dict)

    @property
    def unit_count(self) -> int:
        return len(self.units)

    @property
    def counted(self) -> list[UnitStatus]:
        return [u for u in self.units if u.status in COUNTED_STATUSES]

    @property
    def reported_count(self) -> int:
        return len(self.counted)

    @property
    def missing(self) -> list[UnitStatus]:
        return [u for u in self.units if u.is_missing]

    @property
    def returned(self) -> list[UnitStatus]:
        return [u for u in self.units if u.status == SubmissionStatus.RETURNED]

    @property
    def late(self) -> list[UnitStatus]:
        return [u for u in self.units if u.is_late or u.overdue]


# --- one record by its number, 404 when there is none (the page then asks the policy) -------------


def request_or_404(pk: int) -> ReportRequest:
    return get_object_or_404(ReportRequest.objects.select_related("template", "requesting_unit"), pk=pk)


def submission_or_404(pk: int) -> Submission:
    return get_object_or_404(
        Submission.objects.select_related("request__template", "request__requesting_unit", "unit", "submitted_by",
                                          "reviewed_by"), pk=pk)


def attachment_or_404(pk: int) -> SubmissionAttachment:
    return get_object_or_404(
        SubmissionAttachment.objects.select_related("submission__request__requesting_unit", "submission__unit"),
        pk=pk)


def submission_of(request: ReportRequest, unit_id: int) -> Submission | None:
    """The report ``unit_id`` makes for ``request``; for the requesting committee, its consolidated report."""
    return Submission.objects.filter(request=request, unit_id=unit_id).first()


def consolidated_source(own: Submission) -> str:
    """How the electronic document of a consolidated report names what it was made from."""
    return f"reporting.consolidated:{own.pk}"


def consolidated_document(own: Submission) -> OutgoingDocument | None:
    """The latest electronic document made from the consolidated report, if any."""
    return OutgoingDocument.objects.filter(source=consolidated_source(own)).order_by("-pk").first()


def _counted_values(request: ReportRequest, statuses) -> QuerySet[SubmissionValue]:
    return SubmissionValue.objects.filter(submission__request=request, submission__kind=SubmissionKind.UNIT,
                                          submission__status__in=statuses)


def unit_statuses(request: ReportRequest, today: date | None = None) -> list[UnitStatus]:
    """Every unit asked, with its report's status and the successors of former units (two queries)."""
    today = today or clock.today()
    own = Submission.objects.filter(request=request, unit=OuterRef("pk"))
    units = (request.units.order_by("kind", "path").prefetch_related("successors")
             .annotate(sub_id=Subquery(own.values("pk")[:1]), sub_status=Subquery(own.values("status")[:1]),
                       sub_at=Subquery(own.values("submitted_at")[:1]),
                       sub_late=Subquery(own.values("is_late")[:1])))
    result = []
    for unit in units:
        missing = unit.sub_status in (None, SubmissionStatus.DRAFT)
        result.append(UnitStatus(unit, unit.sub_id, unit.sub_status, unit.sub_at, bool(unit.sub_late),
                                 missing and today > request.due_date))
    return result


def aggregate_values(request: ReportRequest, indicators: list[TemplateIndicator],
                     statuses=COUNTED_STATUSES) -> dict[int, tuple[Any, int]]:
    """indicator id → (consolidated value, number of units with a value): 1 GROUP BY + 1 query for the rest."""
    sums = {
        row["indicator_id"]: row for row in _counted_values(request, statuses).values("indicator_id").annotate(
            total=Sum("number"), mean=Avg("number"), low=Min("number"), high=Max("number"),
            numbers=Count("number"), yes=Count("pk", filter=Q(flag=True)), flags=Count("flag"),
        )
    }
    by_code = {i.code: i for i in indicators}
    special = [i for i in indicators if i.aggregate in (Aggregate.WEIGHTED_AVG, Aggregate.CONCAT)
               or i.value_type == ValueType.TEXT]
    special_ids = {i.pk for i in special}
    weight_ids = {by_code[i.weight_code].pk for i in special if i.weight_code in by_code}
    per_submission: dict[int, dict[int, tuple]] = defaultdict(dict)
    if special:
        rows = (_counted_values(request, statuses).filter(indicator_id__in=special_ids | weight_ids)
                .values_list("submission_id", "indicator_id", "number", "text", "submission__unit__name")
                .order_by("submission__unit__path"))
        for submission_id, indicator_id, number, text, unit_name in rows:
            per_submission[indicator_id][submission_id] = (number, text, unit_name)
    result: dict[int, tuple[Any, int]] = {}
    for indicator in indicators:
        row = sums.get(indicator.pk, {})
        if indicator.value_type == ValueType.TEXT or indicator.aggregate == Aggregate.CONCAT:
            parts = [f"{name}: {text}" for _n, text, name in per_submission[indicator.pk].values() if text]
            result[indicator.pk] = ("\n".join(parts), len(parts))
            continue
        if indicator.value_type == ValueType.BOOLEAN or indicator.aggregate == Aggregate.COUNT_YES:
            result[indicator.pk] = (row.get("yes", 0), row.get("flags", 0))
            continue
        count = row.get("numbers", 0)
        if indicator.aggregate == Aggregate.WEIGHTED_AVG:
            weight = by_code.get(indicator.weight_code)
            weights = per_submission[weight.pk] if weight else {}
            total = weight_sum = Decimal(0)
            for submission_id, (number, _t, _u) in per_submission[indicator.pk].items():
                w = weights.get(submission_id, (None,))[0]
                if number is None or w is None:
                    continue
                total += number * w
                weight_sum += w
            value = total / weight_sum if weight_sum else row.get("mean")
            result[indicator.pk] = (value, count)
            continue
        key = {Aggregate.SUM: "total", Aggregate.AVG: "mean", Aggregate.MIN: "low", Aggregate.MAX: "high"}.get(
            indicator.aggregate, "total")
        value = row.get(key)
        if value is not None and not isinstance(value, Decimal):
            value = Decimal(str(value))
        result[indicator.pk] = (value, count)
    return result


def _display(indicator: TemplateIndicator, value: Any, reported: int) -> str:
    if indicator.value_type == ValueType.BOOLEAN or indicator.aggregate == Aggregate.COUNT_YES:
        return _("%(yes)s/%(n)s đơn vị") % {"yes": value or 0, "n": reported}
    if indicator.value_type == ValueType.TEXT or indicator.aggregate == Aggregate.CONCAT:
        return value or ""
    if value is None:
        return ""
    if indicator.aggregate in (Aggregate.AVG, Aggregate.WEIGHTED_AVG) and indicator.value_type == ValueType.INTEGER:
        return format_number(value, ValueType.DECIMAL)
    return format_value(value, indicator.value_type)


def previous_request(request: ReportRequest) -> ReportRequest | None:
    """The same template, requester and kind of period, one period earlier."""
    kind, year, part = request.period_kind, request.year, request.part
    if kind == PeriodKind.AD_HOC:
        return None
    if kind == PeriodKind.YEARLY or part is None:
        year, part = year - 1, part
    else:
        count = {PeriodKind.SIX_MONTH: 2, PeriodKind.QUARTERLY: 4, PeriodKind.MONTHLY: 12}[PeriodKind(kind)]
        year, part = (year - 1, count) if part == 1 else (year, part - 1)
    return (ReportRequest.objects.filter(template_id=request.template_id, requesting_unit_id=request.requesting_unit_id,
                                         period_kind=kind, year=year, part=part).order_by("-pk").first())


def consolidate(request: ReportRequest, *, with_units: bool = True, compare: bool = True,
                today: date | None = None) -> Consolidation:
    """Sum up a request: per indicator across the units whose report counts (submitted or accepted)."""
    indicators = list(request.template.indicators.all())
    values = aggregate_values(request, indicators)
    units = unit_statuses(request, today)
    rows = [Row(i, *values[i.pk]) for i in indicators]
    previous = previous_request(request) if compare else None
    if previous is not None:
        before = aggregate_values(previous, indicators)
        for row in rows:
            row.previous = before.get(row.indicator.pk, (None, 0))[0]
    for row in rows:
        row.display = _display(row.indicator, row.value, row.reported)
        if previous is not None:
            row.previous_display = _display(row.indicator, row.previous, before[row.indicator.pk][1])
            if row.indicator.is_numeric and row.value is not None and row.previous is not None:
                delta = row.value - row.previous
                sign = "+" if delta > 0 else ("−" if delta < 0 else "±")
                row.delta_display = f"{sign}{format_number(abs(delta))}"
    result = Consolidation(request, rows, units, previous)
    if with_units:
        result.per_unit = per_unit_values(request)
    return result


def per_unit_values(request: ReportRequest) -> dict[int, dict[int, tuple[Any, str]]]:
    """unit id → indicator id → (value, value as printed), for the counted reports (one query)."""
    table: dict[int, dict[int, tuple[Any, str]]] = defaultdict(dict)
    rows = _counted_values(request, COUNTED_STATUSES).values_list(
        "submission__unit_id", "indicator_id", "indicator__value_type", "number", "flag", "text")
    for unit_id, indicator_id, value_type, number, flag, text in rows:
        value = flag if value_type == ValueType.BOOLEAN else (text if value_type == ValueType.TEXT else number)
        table[unit_id][indicator_id] = (value, format_value(value, value_type))
    return dict(table)


def compiled_narratives(request: ReportRequest) -> dict[str, str]:
    """Section code → the units' texts one after the other ("- UBND phường X: …"), for the committee to edit."""
    texts: dict[str, list[str]] = defaultdict(list)
    rows = (NarrativeSection.objects.filter(submission__request=request, submission__kind=SubmissionKind.UNIT,
                                            submission__status__in=COUNTED_STATUSES)
            .exclude(text="").order_by("section__order", "submission__unit__path")
            .values_list("section__code", "submission__unit__name", "text"))
    for code, unit_name, text in rows:
        texts[code].append(f"- {unit_name}: {text}")
    return {code: "\n".join(parts) for code, parts in texts.items()}


def narratives_by_unit(request: ReportRequest) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """[(section code, title, [(unit name, text)])] of the counted reports, for the consolidation page."""
    sections = {s.code: [s.title, []] for s in request.template.sections.all()}
    rows = (NarrativeSection.objects.filter(submission__request=request, submission__kind=SubmissionKind.UNIT,
                                            submission__status__in=COUNTED_STATUSES)
            .exclude(text="").order_by("submission__unit__path")
            .values_list("section__code", "submission__unit__name", "text"))
    for code, unit_name, text in rows:
        if code in sections:
            sections[code][1].append((unit_name, text))
    return [(code, title, items) for code, (title, items) in sections.items()]


# --- lists -------------------------------------------------------------------------------------


def visible_requests(user: Any) -> QuerySet[ReportRequest]:
    """Requests the user's committee made, or that ask the user's own unit to report."""
    if policy.is_administrator(user):
        return ReportRequest.objects.all()
    asked = Exists(ReportRequest.units.through.objects.filter(reportrequest_id=OuterRef("pk"),
                                                              unit_id=getattr(user, "unit_id", None)))
    return ReportRequest.objects.filter(policy.unit_q(user, "requesting_unit") | Q(asked))


def request_list(user: Any) -> QuerySet[ReportRequest]:
    """With the counts the list shows, computed in SQL (fixed queries whatever the number of units)."""
    subs = Submission.objects.filter(request=OuterRef("pk"), kind=SubmissionKind.UNIT)

    def count(qs):
        return Subquery(qs.order_by().values("request").annotate(n=Count("pk")).values("n")[:1])

    units_through = ReportRequest.units.through.objects.filter(reportrequest_id=OuterRef("pk"))
    mine = Submission.objects.filter(request=OuterRef("pk"), unit_id=getattr(user, "unit_id", None))
    return (visible_requests(user).select_related("template", "requesting_unit")
            .annotate(
                unit_count=Subquery(units_through.order_by().values("reportrequest_id").annotate(n=Count("pk"))
                                    .values("n")[:1]),
                submitted_count=count(subs.filter(status__in=COUNTED_STATUSES)),
                accepted_count=count(subs.filter(status=SubmissionStatus.ACCEPTED)),
                returned_count=count(subs.filter(status=SubmissionStatus.RETURNED)),
                late_count=count(subs.filter(is_late=True)),
                my_status=Subquery(mine.values("status")[:1]),
                my_submission=Subquery(mine.values("pk")[:1]),
                asks_me=Exists(units_through.filter(unit_id=getattr(user, "unit_id", None))),
            ).order_by("-year", "-due_date", "-pk"))


def submitters_of(unit: Unit) -> list[Any]:
    """Who submits ``unit``'s report: its head (the chairman and vice chairmen of a committee), one query."""
    from danvan.org.models import Role, Staff, UnitKind

    roles = [Role.LEADER] if unit.kind == UnitKind.COMMITTEE else [Role.UNIT_HEAD, Role.LEADER]
    return list(Staff.objects.filter(unit=unit, role__in=roles, is_active=True).order_by("full_name"))


def next_step(submission, *, can_edit: bool, can_submit: bool, can_review: bool, own_unit: bool) -> str:
    """What the person looking at a submission should do next, as one of a few words the page
    explains: the unit's drafter fills it in and has it submitted; its head submits; the receiving
    unit reviews; everyone else waits or has nothing left to do. Someone of another unit who may
    also edit the draft (the coordinator) is told that the unit is still drafting.

    ``fill_and_submit`` · ``fill_for_head`` · ``correct_and_submit`` · ``correct_for_head`` ·
    ``unit_drafting`` · ``review`` · ``awaiting_review`` · ``consolidate`` · ``done``.
    """
    status = submission.status
    if submission.kind == SubmissionKind.CONSOLIDATED:
        return "consolidate" if submission.is_editable and can_edit else ("done" if status == "accepted" else "")
    if submission.is_editable:
        returned = status == SubmissionStatus.RETURNED
        if can_submit:
            return "correct_and_submit" if returned else "fill_and_submit"
        if can_edit and own_unit:
            return "correct_for_head" if returned else "fill_for_head"
        return "unit_drafting"
    if status == SubmissionStatus.SUBMITTED:
        return "review" if can_review else "awaiting_review"
    return "done"
