"""Figures the plans app gives to reports (see danvan.core.indicators).

Each family is one GROUP BY query on the records' own unit: dissemination sessions, coordination
programmes, grassroots-democracy events, trainings, unit plans, tasks — seven queries whatever
the number of units. The reporting app rolls the values up the unit tree.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, F, Q, Sum

from danvan.core.indicators import IndicatorSpec
from danvan.org import clock
from danvan.plans.models import (
    CoordinationProgram,
    DemocracyKind,
    DisseminationEvent,
    GrassrootsDemocracyEvent,
    Task,
    TaskStatus,
    Training,
    UnitPlan,
    UnitPlanStatus,
)

INDICATORS = [
    IndicatorSpec("plans.dissemination_sessions", "Số buổi tuyên truyền, phổ biến, quán triệt", measure="buổi",
                  plan_item="II.1"),
    IndicatorSpec("plans.dissemination_attendees", "Số lượt người tham dự tuyên truyền, phổ biến",
                  measure="lượt người", plan_item="II.1"),
    IndicatorSpec("plans.coordination_programs", "Số chương trình phối hợp với MTTQ và các đoàn thể",
                  measure="chương trình", plan_item="II.6"),
    IndicatorSpec("plans.staff_conferences", "Số hội nghị cán bộ, công chức, viên chức", measure="hội nghị",
                  plan_item="II.7"),
    IndicatorSpec("plans.public_disclosures", "Số lần công khai thông tin theo quy chế dân chủ", measure="lần",
                  plan_item="II.7"),
    IndicatorSpec("plans.trainings", "Số lớp đào tạo, bồi dưỡng", measure="lớp", plan_item="II.4"),
    IndicatorSpec("plans.trainees", "Số lượt học viên được đào tạo, bồi dưỡng", measure="lượt người",
                  plan_item="II.4"),
    IndicatorSpec("plans.unit_plan_issued", "Đã ban hành kế hoạch cụ thể của đơn vị", value_type="boolean",
                  aggregate="count_yes", plan_item="III.1"),
    IndicatorSpec("plans.task_count", "Số nhiệm vụ được giao trong kỳ", measure="nhiệm vụ"),
    IndicatorSpec("plans.task_progress", "Tiến độ thực hiện nhiệm vụ (bình quân gia quyền)", measure="%",
                  value_type="percentage", aggregate="weighted_avg", weight_code="plans.task_weight"),
    IndicatorSpec("plans.task_weight", "Tổng trọng số nhiệm vụ trong kỳ", measure="điểm"),
    IndicatorSpec("plans.tasks_overdue", "Số nhiệm vụ quá hạn chưa hoàn thành", measure="nhiệm vụ"),
]


def period_tasks(start: date, end: date):
    """The tasks the figures count for ``start``–``end``: not cancelled, due in the period or with no
    due date. The list behind a dashboard figure uses the same definition, so its count is the figure."""
    return Task.objects.exclude(status=TaskStatus.CANCELLED).filter(
        Q(due_date__isnull=True) | Q(due_date__gte=start, due_date__lte=end))


def overdue_q(cut: date) -> Q:
    """Still open and due before ``cut`` (the end of the period, or today while it runs)."""
    return Q(status__in=[TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS], due_date__lt=cut)


def compute(start: date, end: date, unit_ids: list[int] | None = None,
            today: date | None = None) -> dict[str, dict[int, object]]:
    """Per unit that owns the records: the figures above for ``start``–``end`` (inclusive).

    Activities count when their date is in the period. A unit plan counts as issued when it was
    issued on or before ``end``. Tasks count when due in the period or with no due date; overdue
    means still open and due before ``end`` (or before ``today`` while the period is running).
    """
    today = today or clock.today()
    cut = min(end, today)
    result: dict[str, dict[int, object]] = {spec.code: {} for spec in INDICATORS}

    def scoped(qs, field="unit_id"):
        return qs.filter(**{f"{field}__in": unit_ids}) if unit_ids is not None else qs

    period = {"date__gte": start, "date__lte": end}
    for row in scoped(DisseminationEvent.objects.filter(**period)).values("unit_id").annotate(
            n=Count("pk"), people=Sum("attendees")).order_by():
        result["plans.dissemination_sessions"][row["unit_id"]] = row["n"]
        result["plans.dissemination_attendees"][row["unit_id"]] = row["people"] or 0
    for row in scoped(CoordinationProgram.objects.filter(**period)).values("unit_id").annotate(
            n=Count("pk")).order_by():
        result["plans.coordination_programs"][row["unit_id"]] = row["n"]
    for row in scoped(GrassrootsDemocracyEvent.objects.filter(**period)).values("unit_id").annotate(
            conferences=Count("pk", filter=Q(kind=DemocracyKind.STAFF_CONFERENCE)),
            disclosures=Count("pk", filter=Q(kind=DemocracyKind.PUBLIC_DISCLOSURE))).order_by():
        if row["conferences"]:
            result["plans.staff_conferences"][row["unit_id"]] = row["conferences"]
        if row["disclosures"]:
            result["plans.public_disclosures"][row["unit_id"]] = row["disclosures"]
    for row in scoped(Training.objects.filter(**period)).values("unit_id").annotate(
            n=Count("pk"), people=Sum("trainees")).order_by():
        result["plans.trainings"][row["unit_id"]] = row["n"]
        result["plans.trainees"][row["unit_id"]] = row["people"] or 0
    for row in scoped(UnitPlan.objects.filter(status=UnitPlanStatus.ISSUED, issued_on__lte=end)).values(
            "unit_id").distinct().order_by():
        result["plans.unit_plan_issued"][row["unit_id"]] = True
    tasks = scoped(period_tasks(start, end), "lead_unit_id")
    for row in tasks.values("lead_unit_id").annotate(
            n=Count("pk"), weight_sum=Sum("weight"), weighted_sum=Sum(F("weight") * F("progress")),
            overdue=Count("pk", filter=overdue_q(cut))).order_by():
        unit_id = row["lead_unit_id"]
        result["plans.task_count"][unit_id] = row["n"]
        weight = row["weight_sum"] or 0
        result["plans.task_weight"][unit_id] = weight
        result["plans.task_progress"][unit_id] = round((row["weighted_sum"] or 0) / weight, 1) if weight else 0
        result["plans.tasks_overdue"][unit_id] = row["overdue"]
    return result
