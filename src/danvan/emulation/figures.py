"""Figures the emulation app gives to reports and to its own scoring (see danvan.core.indicators).

- ``emulation.exemplary_models``: "Dân vận khéo" models recognised (decision dated in the period),
  by the registering unit — the report indicator "Số mô hình Dân vận khéo được công nhận" is filled
  from here instead of being typed;
- ``emulation.reports_due`` / ``emulation.reports_on_time``: report requests due in the period that
  named the unit, and those the unit sent (submitted or accepted) by the applied due date;
- ``emulation.staff_*``: the yearly rating of civil servants — people rated, per level, rated
  "Hoàn thành tốt nhiệm vụ" or better — by the unit they were rated in. A rating belongs to a year
  (done before 15 December, ahead of the year's emulation review), so a period counts the ratings
  of the year it ends in; ``emulation.staff_trained``: people who finished, in the period, a course
  that serves a content of the plan (training in mass-mobilisation work), each counted once.

One GROUP BY query per family, whatever the number of units.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count

from danvan.core.indicators import IndicatorSpec
from danvan.emulation.models import GOOD_OR_BETTER, ExemplaryModel, ModelStatus, RatingLevel, StaffRating, Training
from danvan.reporting.models import COUNTED_STATUSES, ReportRequest, Submission, SubmissionKind

INDICATORS = [
    IndicatorSpec("emulation.exemplary_models", "Số mô hình “Dân vận khéo” được công nhận", measure="mô hình",
                  plan_item="II.7"),
    IndicatorSpec("emulation.reports_due", "Số báo cáo phải nộp trong kỳ", measure="báo cáo", plan_item="III"),
    IndicatorSpec("emulation.reports_on_time", "Số báo cáo đã nộp đúng hạn", measure="báo cáo", plan_item="III"),
    IndicatorSpec("emulation.staff_rated", "Số cán bộ, công chức được đánh giá, xếp loại chất lượng", measure="người",
                  plan_item="II.4"),
    IndicatorSpec("emulation.staff_excellent", "Số cán bộ, công chức xếp loại “Hoàn thành xuất sắc nhiệm vụ”",
                  measure="người", plan_item="II.4"),
    IndicatorSpec("emulation.staff_good", "Số cán bộ, công chức xếp loại “Hoàn thành tốt nhiệm vụ”", measure="người",
                  plan_item="II.4"),
    IndicatorSpec("emulation.staff_completed", "Số cán bộ, công chức xếp loại “Hoàn thành nhiệm vụ”", measure="người",
                  plan_item="II.4"),
    IndicatorSpec("emulation.staff_not_completed", "Số cán bộ, công chức xếp loại “Không hoàn thành nhiệm vụ”",
                  measure="người", plan_item="II.4"),
    IndicatorSpec("emulation.staff_good_or_better", "Số cán bộ, công chức xếp loại “Hoàn thành tốt nhiệm vụ” trở lên",
                  measure="người", plan_item="II.4"),
    IndicatorSpec("emulation.staff_trained", "Số cán bộ, công chức được bồi dưỡng về công tác dân vận",
                  measure="người", plan_item="II.4"),
]

#: Figure code of each rating level.
LEVEL_CODES = {RatingLevel.EXCELLENT: "emulation.staff_excellent", RatingLevel.GOOD: "emulation.staff_good",
               RatingLevel.COMPLETED: "emulation.staff_completed",
               RatingLevel.NOT_COMPLETED: "emulation.staff_not_completed"}


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


def ratings(start: date, end: date, unit_ids: list[int] | None = None):
    """The ratings a period counts: those of the year the period ends in."""
    qs = StaffRating.objects.filter(year=end.year)
    return qs.filter(unit_id__in=unit_ids) if unit_ids is not None else qs


def trainings(start: date, end: date, unit_ids: list[int] | None = None):
    """Courses in mass-mobilisation work (serving a content of the plan) finished in the period."""
    qs = Training.objects.filter(plan_item__isnull=False, end_on__gte=start, end_on__lte=end)
    return qs.filter(unit_id__in=unit_ids) if unit_ids is not None else qs


def compute(start: date, end: date, unit_ids: list[int] | None = None) -> dict[str, dict[int, object]]:
    out: dict[str, dict[int, object]] = {spec.code: {} for spec in INDICATORS}
    for row in ratings(start, end, unit_ids).values("unit_id", "level").annotate(n=Count("pk")).order_by():
        unit, n = row["unit_id"], row["n"]
        out[LEVEL_CODES[row["level"]]][unit] = n
        out["emulation.staff_rated"][unit] = out["emulation.staff_rated"].get(unit, 0) + n
        if row["level"] in GOOD_OR_BETTER:
            out["emulation.staff_good_or_better"][unit] = out["emulation.staff_good_or_better"].get(unit, 0) + n
    for row in trainings(start, end, unit_ids).values("unit_id").annotate(
            n=Count("staff_id", distinct=True)).order_by():
        out["emulation.staff_trained"][row["unit_id"]] = row["n"]
    for code, qs in (("emulation.exemplary_models", recognised_models(start, end, unit_ids)),
                     ("emulation.reports_due", reports_due(start, end, unit_ids)),
                     ("emulation.reports_on_time", reports_on_time(start, end, unit_ids))):
        for row in qs.values("unit_id").annotate(n=Count("pk")).order_by():
            out[code][row["unit_id"]] = row["n"]
    return out
