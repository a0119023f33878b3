"""Figures the petitions app gives to reports (see danvan.core.indicators).

Grouped by the handling unit (the unit that owns the case), a fixed number of GROUP BY queries
whatever the number of units or cases. "On time" = resolved on or before the stored resolution
due date; an open case not yet due is not late; "overdue open" = open at the end of the period
with its running deadline already passed.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum, Value
from django.db.models.functions import TruncMonth

from danvan.core.indicators import IndicatorSpec
from danvan.org import clock, keptfigures
from danvan.petitions import daily
from danvan.petitions.models import OPEN_STATUSES, DailyFieldFigure, DailyFigure, Kind, Petition, Rating

# The fields seeded by migration 0002 (a field added later is still counted under its own code).
FIELD_CODES = {
    "an-sinh-xa-hoi": "An sinh xã hội",
    "boi-thuong-gpmb": "Bồi thường, giải phóng mặt bằng",
    "phong-chong-dich-benh": "Phòng, chống dịch bệnh",
    "dat-dai": "Đất đai",
    "moi-truong": "Môi trường",
    "trat-tu-do-thi": "Trật tự đô thị",
    "thu-tuc-hanh-chinh": "Thủ tục hành chính",
    "khac": "Khác",
}

INDICATORS = [
    IndicatorSpec("petitions.received", "Số đơn thư tiếp nhận", measure="đơn", plan_item="II.5"),
    *[IndicatorSpec(f"petitions.received.{k.value}", f"Số đơn {k.label.lower()} tiếp nhận", measure="đơn",
                    plan_item="II.5") for k in Kind],
    *[IndicatorSpec(f"petitions.received.field.{code}", f"Số đơn thư lĩnh vực {name.lower()}", measure="đơn",
                    plan_item="II.5") for code, name in FIELD_CODES.items()],
    IndicatorSpec("petitions.accepted", "Số đơn thư đã thụ lý", measure="đơn", plan_item="II.5"),
    IndicatorSpec("petitions.resolved", "Số đơn thư đã giải quyết, trả lời", measure="đơn", plan_item="II.5"),
    IndicatorSpec("petitions.resolved_on_time", "Số đơn thư giải quyết đúng hạn", measure="đơn", plan_item="II.5"),
    IndicatorSpec("petitions.overdue_open", "Số đơn thư đang quá hạn chưa giải quyết", measure="đơn",
                  plan_item="II.5"),
    IndicatorSpec("petitions.avg_days_to_resolve", "Số ngày giải quyết trung bình (từ thụ lý)", measure="ngày",
                  value_type="decimal", aggregate="weighted_avg", weight_code="petitions.resolved",
                  plan_item="II.5"),
    IndicatorSpec("petitions.rated", "Số câu trả lời được công dân đánh giá", measure="lượt", plan_item="II.5"),
    IndicatorSpec("petitions.rating_mean", "Mức hài lòng trung bình của công dân (1–5)", measure="điểm",
                  value_type="decimal", aggregate="weighted_avg", weight_code="petitions.rated", plan_item="II.5"),
]


def compute(start: date, end: date, unit_ids: list[int] | None = None) -> dict[str, dict[int, object]]:
    """Per unit over [start, end], from the daily figures kept on write (danvan.petitions.daily).

    Three queries whatever the number of cases: the day rows, the day-and-field rows, and the cases
    open and overdue now (a state, not an event of a day: read from the open cases' own index).
    Gives exactly what :func:`compute_from_cases` counts.
    """
    days = DailyFigure.objects.filter(keptfigures.rows_in(start, end))
    by_field = DailyFieldFigure.objects.filter(keptfigures.rows_in(start, end))
    if unit_ids is not None:
        days = days.filter(unit_id__in=unit_ids)
        by_field = by_field.filter(unit_id__in=unit_ids)
    out: dict[str, dict[int, object]] = defaultdict(dict)
    for row in days.values("unit_id").annotate(**{c: Sum(c) for c in daily.DAILY_COLUMNS}).order_by():
        unit = row["unit_id"]
        received = 0
        for kind, column in daily.RECEIVED_BY_KIND.items():
            if row[column]:
                out[f"petitions.received.{kind}"][unit] = row[column]
                received += row[column]
        for code, value in (("petitions.received", received), ("petitions.accepted", row["accepted"]),
                            ("petitions.resolved", row["resolved"]),
                            ("petitions.resolved_on_time", row["resolved_on_time"]),
                            ("petitions.rated", row["rated"])):
            if value:
                out[code][unit] = value
        if row["resolve_days_n"]:
            out["petitions.avg_days_to_resolve"][unit] = round(row["resolve_days"] / row["resolve_days_n"], 1)
        if row["rated"]:
            out["petitions.rating_mean"][unit] = round(row["rating_sum"] / row["rated"], 2)
    for row in by_field.values("unit_id", "field__code").annotate(n=Sum("received")).order_by():
        if row["n"]:
            out[f"petitions.received.field.{row['field__code']}"][row["unit_id"]] = row["n"]
    out.update(_overdue_open(end, unit_ids))
    return dict(out)


def _overdue_open(end: date, unit_ids: list[int] | None) -> dict[str, dict[int, object]]:
    """Open at the end of the period (or today, if it has not ended) with the running deadline passed."""
    cases = Petition.objects.all()
    if unit_ids is not None:
        cases = cases.filter(handling_unit_id__in=unit_ids)
    cutoff = min(end, clock.today())
    rows = (cases.filter(status__in=OPEN_STATUSES, received_on__lte=end, next_due__lt=cutoff)
            .values("handling_unit_id").annotate(n=Count("pk")).order_by())
    return {"petitions.overdue_open": {row["handling_unit_id"]: row["n"] for row in rows}} if rows else {}


def compute_from_cases(start: date, end: date, unit_ids: list[int] | None = None) -> dict[str, dict[int, object]]:
    """The same figures counted from the cases themselves: the definition the kept rows are checked against.

    Reads every case of the units (seconds at a million cases); used by ``danvan figures --check``
    and the tests, never by a page.
    """
    cases = Petition.objects.all()
    ratings = Rating.objects.all()
    if unit_ids is not None:
        cases = cases.filter(handling_unit_id__in=unit_ids)
        ratings = ratings.filter(petition__handling_unit_id__in=unit_ids)
    out: dict[str, dict[int, object]] = defaultdict(dict)

    # 1. Received, by kind and by field (one GROUP BY).
    for row in (cases.filter(received_on__range=(start, end))
                .values("handling_unit_id", "kind", "field__code").annotate(n=Count("pk"))):
        unit, n = row["handling_unit_id"], row["n"]
        for code in ("petitions.received", f"petitions.received.{row['kind']}",
                     f"petitions.received.field.{row['field__code']}"):
            out[code][unit] = out[code].get(unit, 0) + n

    # 2. Accepted, resolved, on time (one GROUP BY with conditional counts).
    for row in cases.values("handling_unit_id").annotate(
        accepted=Count("pk", filter=Q(accepted_on__range=(start, end))),
        resolved=Count("pk", filter=Q(resolved_on__range=(start, end))),
        on_time=Count("pk", filter=Q(resolved_on__range=(start, end), resolve_due__isnull=False,
                                     resolved_on__lte=F("resolve_due"))),
    ):
        unit = row["handling_unit_id"]
        for key, code in (("accepted", "petitions.accepted"), ("resolved", "petitions.resolved"),
                          ("on_time", "petitions.resolved_on_time")):
            if row[key]:
                out[code][unit] = row[key]

    # 3. Overdue open at the end of the period (or today, if the period has not ended).
    out.update(_overdue_open(end, unit_ids))

    # 4. Average days from acceptance to resolution: one GROUP BY. The date difference is a duration
    #    (microseconds on SQLite, an interval on PostgreSQL); Django turns the average into a timedelta.
    span = ExpressionWrapper(F("resolved_on") - F("accepted_on"), output_field=DurationField())
    for row in (cases.filter(resolved_on__range=(start, end), accepted_on__isnull=False)
                .values("handling_unit_id").annotate(mean=Avg(span))):
        if row["mean"] is not None:
            out["petitions.avg_days_to_resolve"][row["handling_unit_id"]] = round(
                row["mean"].total_seconds() / 86400, 1)

    # 5. Ratings given in the period (one GROUP BY).
    for row in (ratings.filter(created_at__date__range=(start, end))
                .values("petition__handling_unit_id").annotate(n=Count("pk"), mean=Avg("score"))):
        unit = row["petition__handling_unit_id"]
        out["petitions.rated"][unit] = row["n"]
        out["petitions.rating_mean"][unit] = round(float(row["mean"]), 2)
    return dict(out)


def monthly(start: date, end: date, unit_ids: list[int] | None = None) -> dict[date, dict[str, int]]:
    """Received and resolved per calendar month of [start, end] (first day of the month as key).

    The same definitions as :func:`compute` ("petitions.received", "petitions.resolved"), cut by
    month from the daily figures: one GROUP BY whatever the number of months or cases.
    """
    days = DailyFigure.objects.filter(keptfigures.rows_in(start, end))
    if unit_ids is not None:
        days = days.filter(unit_id__in=unit_ids)
    out = _months(start, end)
    received = sum((F(column) for column in daily.RECEIVED_BY_KIND.values()), Value(0))
    for row in (days.annotate(month=TruncMonth("day")).values("month")
                .annotate(received=Sum(received), resolved=Sum("resolved")).order_by()):
        m = date(row["month"].year, row["month"].month, 1)
        counts = out.setdefault(m, {"received": 0, "resolved": 0})
        counts["received"] += row["received"] or 0
        counts["resolved"] += row["resolved"] or 0
    return out


def _months(start: date, end: date) -> dict[date, dict[str, int]]:
    out: dict[date, dict[str, int]] = {}
    month = date(start.year, start.month, 1)
    while month <= end:
        out[month] = {"received": 0, "resolved": 0}
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)
    return out


def monthly_from_cases(start: date, end: date, unit_ids: list[int] | None = None) -> dict[date, dict[str, int]]:
    """:func:`monthly` counted from the cases (the reference it is checked against)."""
    cases = Petition.objects.all()
    if unit_ids is not None:
        cases = cases.filter(handling_unit_id__in=unit_ids)
    out = _months(start, end)
    for field, key in (("received_on", "received"), ("resolved_on", "resolved")):
        rows = (cases.filter(**{f"{field}__range": (start, end)}).annotate(month=TruncMonth(field))
                .values("month").annotate(n=Count("pk")).order_by())
        for row in rows:
            m = row["month"]
            m = date(m.year, m.month, 1)
            out.setdefault(m, {"received": 0, "resolved": 0})[key] += row["n"]
    return out
