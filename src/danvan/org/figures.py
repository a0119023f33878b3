"""Figures the organisation registry gives to reports (see danvan.core.indicators)."""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q

from danvan.core.indicators import IndicatorSpec
from danvan.org.models import MobilizationResponsibility, Staff

INDICATORS = [
    IndicatorSpec("org.responsible_assigned", "Đã phân công người phụ trách công tác dân vận",
                  value_type="boolean", aggregate="count_yes", plan_item="II.4"),
    IndicatorSpec("org.staff_count", "Số cán bộ, công chức có tài khoản", measure="người", plan_item="II.2"),
]


def compute(start: date, end: date, unit_ids: list[int] | None = None) -> dict[str, dict[int, object]]:
    """Per unit: whether someone was in charge of mobilisation work during the period; active staff."""
    terms = MobilizationResponsibility.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=start), valid_from__lte=end)
    staff = Staff.objects.filter(is_active=True, unit__isnull=False)
    if unit_ids is not None:
        terms = terms.filter(unit_id__in=unit_ids)
        staff = staff.filter(unit_id__in=unit_ids)
    assigned = {row["unit_id"]: True for row in terms.values("unit_id").distinct()}
    counts = {row["unit_id"]: row["n"] for row in staff.values("unit_id").annotate(n=Count("pk"))}
    return {"org.responsible_assigned": assigned, "org.staff_count": counts}
