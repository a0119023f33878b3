"""Figures the emulation app gives to reports and to its own scoring (see danvan.core.indicators).

- ``emulation.exemplary_models``: "Dân vận khéo" models recognised (decision dated in the period),
  by the registering unit — the report indicator "Số mô hình Dân vận khéo được công nhận" is filled
  from here instead of being typed;
- ``emulation.reports_due`` / ``emulation.reports_on_time``: report requests due in the period that
  named the unit, and those the unit sent (submitted or accepted) by the applied due date.

One GROUP BY query per family, whatever the number of units.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count

from danvan.core.indicators import IndicatorSpec
from danvan.emulation.models import ExemplaryModel, ModelStatus
from danvan.reporting.models import COUNTED_STATUSES, ReportRequest, Submission, SubmissionKind

INDICATORS = [
    IndicatorSpec("emulation.exemplary_models", "Số mô hình “Dân vận khéo” được công nhận", measure="mô hình",
                  plan_item="II.7"),
    IndicatorSpec("emulation.reports_due", "Số báo cáo phải nộp trong kỳ", measure="báo cáo", plan_item="III"),
    IndicatorSpec("emulation.reports_on_time", "Số báo cáo đã nộp đúng hạn", measure="báo cáo", plan_item="III"),
]


def recognised_models(start: date, end: date, unit_ids: list[int] | None = None):
    qs = ExemplaryModel.objects.filter(status=ModelStatus.RECOGNISED, decision_date__gte=start,
                                       decision_date__lte=end)
    return qs.filter(unit_id__in=unit_ids) if unit_ids is not None else qs


def reports_due(start: date, end: date, unit_ids: list[int] | None = None):
    """(request, unit) pairs owed in the period, as rows of the requests' unit list."""
    qs = ReportRequest.units.through.objects.filter(reportrequest__due_date__gte=start,
                                                    reportrequest__due_date__lte=end)
    return qs.filter(unit_id__in=unit_ids) if unit_ids is not None else qs


def reports_on_time(start: date, end: date, unit_ids: list[int] | None = None):
    qs = Submission.objects.filter(kind=SubmissionKind.UNIT, status__in=COUNTED_STATUSES, is_late=False,
                                   request__due_date__gte=start, request__due_date__lte=end)
    return qs.filter(unit_id__in=unit_ids) if unit_ids is not None else qs


def compute(start: date, end: date, unit_ids: list[int] | None = None) -> dict[str, dict[int, object]]:
    out: dict[str, dict[int, object]] = {spec.code: {} for spec in INDICATORS}
    for code, qs in (("emulation.exemplary_models", recognised_models(start, end, unit_ids)),
                     ("emulation.reports_due", reports_due(start, end, unit_ids)),
                     ("emulation.reports_on_time", reports_on_time(start, end, unit_ids))):
        for row in qs.values("unit_id").annotate(n=Count("pk")).order_by():
            out[code][row["unit_id"]] = row["n"]
    return out
