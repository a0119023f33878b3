"""Figures citizen reception and dialogues give to reports (see danvan.core.indicators).

Grouped by each record's own unit, one GROUP BY query per family; the reporting app rolls them
up the tree. "Reception days required" is not a count of rows but the law applied to the
calendar: the weeks or months of the period in which the unit's head owed personal reception
(frequency rules of the Law on Citizen Reception), computed once per distinct validity window.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date

from django.db.models import Count, F, Q, Sum

from danvan.core.indicators import IndicatorSpec
from danvan.legal.selectors import current_calendar
from danvan.org import clock, keptfigures
from danvan.org.models import Unit, UnitKind
from danvan.reception import daily as reception_daily
from danvan.reception import frequency
from danvan.reception.models import Commitment, Dialogue, DialogueKind, ReceptionDailyFigure, ReceptionEntry
from danvan.reception.selectors import check_unit, commitment_states, held_days

PLAN_ITEM = "II.5"

INDICATORS = [
    IndicatorSpec("reception.days_held", "Số ngày người đứng đầu tiếp công dân định kỳ", measure="ngày",
                  plan_item=PLAN_ITEM),
    IndicatorSpec("reception.days_required", "Số ngày phải tiếp công dân định kỳ theo Luật Tiếp công dân",
                  measure="ngày", plan_item=PLAN_ITEM),
    IndicatorSpec("reception.entries", "Số lượt tiếp công dân", measure="lượt", plan_item=PLAN_ITEM),
    IndicatorSpec("reception.people", "Số người được tiếp", measure="người", plan_item=PLAN_ITEM),
    IndicatorSpec("reception.collective", "Số đoàn đông người", measure="đoàn", plan_item=PLAN_ITEM),
    *[IndicatorSpec(f"reception.entries_{kind}", f"Số lượt tiếp: {label}", measure="lượt", plan_item=PLAN_ITEM)
      for kind, label in (("complaint", "khiếu nại"), ("denunciation", "tố cáo"),
                          ("recommendation", "kiến nghị"), ("feedback", "phản ánh"))],
    IndicatorSpec("reception.replied_on_time", "Số lượt đã trả lời công dân đúng hạn (10 ngày làm việc)",
                  measure="lượt", plan_item=PLAN_ITEM),
    IndicatorSpec("reception.reply_overdue", "Số lượt trả lời công dân quá hạn hoặc chưa trả lời khi đã quá hạn",
                  measure="lượt", plan_item=PLAN_ITEM),
    IndicatorSpec("reception.dialogues", "Số cuộc đối thoại trực tiếp với Nhân dân", measure="cuộc",
                  plan_item=PLAN_ITEM),
    IndicatorSpec("reception.dialogue_conferences", "Số hội nghị đối thoại với Nhân dân (Luật Dân chủ ở cơ sở)",
                  measure="hội nghị", plan_item=PLAN_ITEM),
    IndicatorSpec("reception.commitments_made", "Số cam kết tại đối thoại", measure="cam kết", plan_item=PLAN_ITEM),
    IndicatorSpec("reception.commitments_done", "Số cam kết đã thực hiện xong", measure="cam kết",
                  plan_item=PLAN_ITEM),
    IndicatorSpec("reception.commitments_overdue", "Số cam kết quá hạn chưa thực hiện xong", measure="cam kết",
                  plan_item=PLAN_ITEM),
]


def _required(start: date, end: date, unit_ids: list[int] | None) -> dict[int, int]:
    units = Unit.objects.filter(kind__in=[UnitKind.COMMITTEE, *frequency.AGENCY_KINDS]).only(
        "pk", "level", "kind", "valid_from", "valid_to", "path")
    if unit_ids is not None:
        units = units.filter(pk__in=unit_ids)
    calendar = current_calendar()
    cache: dict[tuple, int] = {}
    required: dict[int, int] = {}
    for unit in units:
        key = (unit.level, unit.kind, unit.valid_from, unit.valid_to)
        if key not in cache:
            cache[key] = check_unit(unit, set(), start, end, calendar).result.required_days
        if cache[key]:
            required[unit.pk] = cache[key]
    return required


def compute(start: date, end: date, unit_ids: list[int] | None = None) -> dict[str, dict[int, object]]:
    """Per unit over [start, end]; "overdue" is judged at the end of the period (or today if earlier)."""
    cutoff = min(end, clock.today())
    out: dict[str, dict[int, object]] = defaultdict(dict)
    for spec in INDICATORS:
        out[spec.code] = {}

    for unit_id, days in held_days(unit_ids, start, end).items():
        out["reception.days_held"][unit_id] = len(days)
    out["reception.days_required"] = _required(start, end, unit_ids)

    for code, values in _entries(start, end, unit_ids, cutoff).items():
        out[code] = values

    dialogues = Dialogue.objects.filter(held_on__gte=start, held_on__lte=end)
    if unit_ids is not None:
        dialogues = dialogues.filter(unit_id__in=unit_ids)
    for row in dialogues.values("unit_id").annotate(
            n=Count("pk"), conferences=Count("pk", filter=Q(kind=DialogueKind.CONFERENCE))).order_by():
        out["reception.dialogues"][row["unit_id"]] = row["n"]
        if row["conferences"]:
            out["reception.dialogue_conferences"][row["unit_id"]] = row["conferences"]

    commitments = Commitment.objects.filter(dialogue__held_on__lte=end)
    if unit_ids is not None:
        commitments = commitments.filter(owner_unit_id__in=unit_ids)
    states = commitment_states(start, end, cutoff)
    for row in commitments.values("owner_unit_id").annotate(
            **{key: Count("pk", filter=q) for key, q in states.items()}).order_by():
        unit = row["owner_unit_id"]
        for code, key in (("reception.commitments_made", "made"), ("reception.commitments_done", "done"),
                          ("reception.commitments_overdue", "overdue")):
            if row[key]:
                out[code][unit] = row[key]
    return dict(out)


def _entries_from_book(start: date, end: date, unit_ids: list[int] | None, cutoff: date) -> dict[str, dict[int, int]]:
    """The lines' figures counted from the book itself: the definition the kept rows are checked against."""
    out: dict[str, dict[int, int]] = defaultdict(dict)
    entries = ReceptionEntry.objects.filter(received_on__gte=start, received_on__lte=end)
    if unit_ids is not None:
        entries = entries.filter(unit_id__in=unit_ids)
    for row in entries.values("unit_id", "kind").annotate(
            n=Count("pk"), people=Sum("people_count"), collective=Count("pk", filter=Q(is_collective=True)),
            on_time=Count("pk", filter=Q(replied_on__isnull=False, replied_on__lte=F("reply_due"))),
            late=Count("pk", filter=Q(reply_due__lt=cutoff) & (
                Q(replied_on__isnull=True) | Q(replied_on__gt=F("reply_due")))),
    ).order_by():
        unit = row["unit_id"]
        for code, key in (("reception.entries", "n"), ("reception.people", "people"),
                          ("reception.collective", "collective"), ("reception.replied_on_time", "on_time"),
                          ("reception.reply_overdue", "late")):
            out[code][unit] = out[code].get(unit, 0) + (row[key] or 0)
        kind_code = f"reception.entries_{row['kind']}"
        out[kind_code][unit] = out[kind_code].get(unit, 0) + row["n"]
    return out


def _entries(start: date, end: date, unit_ids: list[int] | None, cutoff: date) -> dict[str, dict[int, int]]:
    """The lines' figures from the daily rows (danvan.reception.daily): two queries whatever the book's size.

    "Replies overdue" = lines not answered on time, less those not yet due at the cut-off day (entered
    in the last weeks of the period: the unanswered ones read from their partial index).
    """
    rows = ReceptionDailyFigure.objects.filter(keptfigures.rows_in(start, end))
    pending = ReceptionEntry.objects.filter(received_on__gte=start, received_on__lte=end, reply_due__gte=cutoff).filter(
        Q(replied_on__isnull=True) | Q(replied_on__gt=F("reply_due")))
    if unit_ids is not None:
        rows = rows.filter(unit_id__in=unit_ids)
        pending = pending.filter(unit_id__in=unit_ids)
    not_due = dict(pending.values("unit_id").annotate(n=Count("pk")).values_list("unit_id", "n").order_by())
    out: dict[str, dict[int, int]] = defaultdict(dict)
    for row in rows.values("unit_id").annotate(**{c: Sum(c) for c in reception_daily.COLUMNS}).order_by():
        unit = row["unit_id"]
        n = 0
        for kind, column in reception_daily.ENTRIES_BY_KIND.items():
            if row[column]:
                out[f"reception.entries_{kind}"][unit] = row[column]
                n += row[column]
        if not n:
            continue
        out["reception.entries"][unit] = n
        out["reception.people"][unit] = row["people"]
        out["reception.collective"][unit] = row["collective"]
        out["reception.replied_on_time"][unit] = row["replied_on_time"]
        out["reception.reply_overdue"][unit] = row["not_on_time"] - not_due.get(unit, 0)
    return out


def compute_from_book(start: date, end: date, unit_ids: list[int] | None = None) -> dict[str, dict[int, object]]:
    """:func:`compute` with the lines counted from the book (``danvan figures --check``, the tests)."""
    out = compute(start, end, unit_ids)
    for code in ("reception.entries", "reception.people", "reception.collective", "reception.replied_on_time",
                 "reception.reply_overdue", *(f"reception.entries_{kind}" for kind in reception_daily.ENTRIES_BY_KIND)):
        out[code] = {}
    out.update(_entries_from_book(start, end, unit_ids, min(end, clock.today())))
    return out
