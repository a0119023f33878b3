"""Figures inspections give to reports, the dashboard and emulation (see danvan.core.indicators).

Grouped by each record's own unit: inspections held by the unit that led them, inspections a
unit received, and recommendations by the unit that must carry them out. Three GROUP BY queries
whatever the number of units. A recommendation is "issued" in the period its conclusion was
issued; "done" in the period it was reported done; "overdue" when, at the end of the period (or
today if earlier), it is past its due date and not done by then.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, F, Q

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
]


def compute(start: date, end: date, unit_ids: list[int] | None = None,
            today: date | None = None) -> dict[str, dict[int, object]]:
    """Per unit over [start, end] (inclusive)."""
    cutoff = min(end, today or clock.today())
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

    recommendations = Recommendation.objects.filter(inspection__status=InspectionStatus.CONCLUDED,
                                                    inspection__concluded_on__lte=end)
    if unit_ids is not None:
        recommendations = recommendations.filter(unit_id__in=unit_ids)
    done = Q(status=RecommendationStatus.DONE, done_on__gte=start, done_on__lte=end)
    for row in recommendations.values("unit_id").annotate(
            issued=Count("pk", filter=Q(inspection__concluded_on__gte=start)),
            done=Count("pk", filter=done),
            on_time=Count("pk", filter=done & Q(done_on__lte=F("due_on"))),
            overdue=Count("pk", filter=Q(due_on__lt=cutoff) & (Q(done_on__isnull=True) | Q(done_on__gt=cutoff))),
    ).order_by():
        unit = row["unit_id"]
        for code, key in (("inspections.recommendations_issued", "issued"),
                          ("inspections.recommendations_done", "done"),
                          ("inspections.recommendations_done_on_time", "on_time"),
                          ("inspections.recommendations_overdue", "overdue")):
            if row[key]:
                out[code][unit] = row[key]
    return dict(out)
