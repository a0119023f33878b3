"""Figures inspections give to reports, the dashboard and emulation (see danvan.core.indicators).

Grouped by each record's own unit: inspections held by the unit that led them, inspections a
unit received, and recommendations by the unit that must carry them out. Three GROUP BY queries
whatever the number of units. A recommendation is "issued" in the period its conclusion was
issued; "done" in the period it was reported done; "overdue" when, at the end of the period (or
today if earlier), it is past its due date and not done by then. "Due" in a period when its due
date falls in it and it is settled by the end of the period (or today): its due date has passed,
or it was reported done already — so one not yet due counts neither for nor against the unit,
and one done early counts at once; "kept" among those when reported done by its due date.
Emulation's criterion "inspection recommendations done" is the share of the second in the first,
and lists the records of :func:`due_recommendations`.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, F, Q, QuerySet

from danvan.core.indicators import IndicatorSpec
from danvan.inspections.models import Inspection, InspectionStatus, Recommendation, RecommendationStatus
from danvan.org import clock

PLAN_ITEM = "III.3"

INDICATORS = [
    IndicatorSpec("inspections.held", "Số cuộc kiểm tra công tác dân vận đã kết luận", measure="cuộc",
                  plan_item=PLAN_ITEM),
    IndicatorSpec("inspections.units_inspected", "Số lượt đơn vị được kiểm tra", measure="lượt",
                  plan_item=PLAN_ITEM),
    IndicatorSpec("inspections.recommendations_issued", "Số kiến nghị sau kiểm tra", measure="kiến nghị",
                  plan_item=PLAN_ITEM),
    IndicatorSpec("inspections.recommendations_done", "Số kiến nghị sau kiểm tra đã thực hiện xong",
                  measure="kiến nghị", plan_item=PLAN_ITEM),
    IndicatorSpec("inspections.recommendations_done_on_time", "Số kiến nghị sau kiểm tra thực hiện xong đúng hạn",
                  measure="kiến nghị", plan_item=PLAN_ITEM),
    IndicatorSpec("inspections.recommendations_overdue", "Số kiến nghị sau kiểm tra quá hạn chưa thực hiện xong",
                  measure="kiến nghị", plan_item=PLAN_ITEM),
    IndicatorSpec("inspections.recommendations_due", "Số kiến nghị sau kiểm tra đến hạn trong kỳ",
                  measure="kiến nghị", plan_item=PLAN_ITEM),
    IndicatorSpec("inspections.recommendations_due_kept", "Số kiến nghị đến hạn trong kỳ đã thực hiện xong đúng hạn",
                  measure="kiến nghị", plan_item=PLAN_ITEM),
]


def _cutoff(end: date, today: date | None) -> date:
    return min(end, today or clock.today())


def _due_q(start: date, end: date, cutoff: date) -> Q:
    """Due in [start, end] and settled by ``cutoff``: past its due date, or already reported done."""
    return Q(due_on__gte=start, due_on__lte=end) & (
        Q(due_on__lte=cutoff) | Q(status=RecommendationStatus.DONE, done_on__lte=cutoff))


KEPT = Q(status=RecommendationStatus.DONE, done_on__lte=F("due_on"))


def _issued(end: date) -> QuerySet[Recommendation]:
    return Recommendation.objects.filter(inspection__status=InspectionStatus.CONCLUDED,
                                         inspection__concluded_on__lte=end)


def due_recommendations(start: date, end: date, unit_ids: list[int] | None = None,
                        today: date | None = None) -> QuerySet[Recommendation]:
    """The recommendations counted in ``inspections.recommendations_due`` (those ``done_on_time`` are
    ``recommendations_due_kept``): the filter of :func:`compute`, for the lists behind the number."""
    qs = _issued(end).filter(_due_q(start, end, _cutoff(end, today)))
    return qs.filter(unit_id__in=unit_ids) if unit_ids is not None else qs


def compute(start: date, end: date, unit_ids: list[int] | None = None,
            today: date | None = None) -> dict[str, dict[int, object]]:
    """Per unit over [start, end] (inclusive)."""
    cutoff = _cutoff(end, today)
    out: dict[str, dict[int, object]] = defaultdict(dict)
    for spec in INDICATORS:
        out[spec.code] = {}
    concluded = Inspection.objects.filter(status=InspectionStatus.CONCLUDED, concluded_on__gte=start,
                                          concluded_on__lte=end)

    held = concluded if unit_ids is None else concluded.filter(lead_unit_id__in=unit_ids)
    for row in held.values("lead_unit_id").annotate(n=Count("pk")).order_by():
        out["inspections.held"][row["lead_unit_id"]] = row["n"]

    through = Inspection.units.through.objects.filter(inspection__in=concluded)
    if unit_ids is not None:
        through = through.filter(unit_id__in=unit_ids)
    for row in through.values("unit_id").annotate(n=Count("pk")).order_by():
        out["inspections.units_inspected"][row["unit_id"]] = row["n"]

    recommendations = _issued(end)
    if unit_ids is not None:
        recommendations = recommendations.filter(unit_id__in=unit_ids)
    done = Q(status=RecommendationStatus.DONE, done_on__gte=start, done_on__lte=end)
    due = _due_q(start, end, cutoff)
    for row in recommendations.values("unit_id").annotate(
            issued=Count("pk", filter=Q(inspection__concluded_on__gte=start)),
            done=Count("pk", filter=done),
            on_time=Count("pk", filter=done & Q(done_on__lte=F("due_on"))),
            overdue=Count("pk", filter=Q(due_on__lt=cutoff) & (Q(done_on__isnull=True) | Q(done_on__gt=cutoff))),
            due=Count("pk", filter=due),
            kept=Count("pk", filter=due & KEPT),
    ).order_by():
        unit = row["unit_id"]
        for code, key in (("inspections.recommendations_issued", "issued"),
                          ("inspections.recommendations_done", "done"),
                          ("inspections.recommendations_done_on_time", "on_time"),
                          ("inspections.recommendations_overdue", "overdue"),
                          ("inspections.recommendations_due", "due"),
                          ("inspections.recommendations_due_kept", "kept")):
            if row[key]:
                out[code][unit] = row[key]
    return dict(out)
