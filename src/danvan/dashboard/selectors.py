"""The leaders' dashboard: the apps' own figures for one unit's tree over a period.

Every number comes from a domain app's ``figures`` module (the same numbers a report pre-fills)
or from a list selector (the overdue cases, the current report request); nothing here counts
records a second way. The figures are grouped by the record's own unit; this module only adds
them up into one row per unit directly below the chosen unit, plus a row for the chosen unit's
own records. The number of queries is fixed whatever the number of units or records.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db.models import Q

from danvan.org import clock, policy
from danvan.org.models import Unit
from danvan.petitions import figures as petition_figures
from danvan.petitions import selectors as petition_selectors
from danvan.petitions.models import Field, Kind
from danvan.plans import figures as plan_figures
from danvan.plans import selectors as plan_selectors
from danvan.plans.models import Health
from danvan.reception import figures as reception_figures
from danvan.reporting import selectors as reporting_selectors

OVERDUE_SHOWN = 20


@dataclass
class Row:
    unit: Unit
    direct: bool  # the chosen unit's own records, without the units below it
    values: dict[str, Any] = field(default_factory=dict)

    @property
    def v(self) -> defaultdict[str, Any]:
        """The values for templates: "petitions.received" as ``v.petitions_received``, 0 when absent."""
        return defaultdict(int, {code.replace(".", "_"): value for code, value in self.values.items()})

    @property
    def on_time_rate(self) -> float | None:
        resolved = self.values.get("petitions.resolved", 0)
        return round(100 * self.values.get("petitions.resolved_on_time", 0) / resolved, 1) if resolved else None

    @property
    def task_progress(self) -> float | None:
        weight = self.values.get("plans.task_weight", 0)
        return round(self.values.get("_weighted_progress", 0) / weight, 1) if weight else None


@dataclass
class Overview:
    unit: Unit
    start: date
    end: date
    cutoff: date  # the day "overdue" is judged on: the end of the period, or today if earlier
    rows: list[Row]
    total: Row
    kinds: list[dict[str, Any]]
    fields: list[dict[str, Any]]
    trend: list[dict[str, Any]]
    overdue: list[dict[str, Any]]
    report: Any = None
    plan: Any = None  # the latest plan the viewer may read, with its progress per item for the unit's tree
    plan_items: list[dict[str, Any]] = field(default_factory=list)


def default_period(today: date | None = None) -> tuple[date, date]:
    today = today or clock.today()
    return date(today.year, 1, 1), today


def units_for(user: Any) -> list[Unit]:
    """The units the dashboard may be opened for (the unit filter's choices)."""
    return list(policy.visible_units(user).only("pk", "name", "short_name", "path", "depth").order_by("path"))


def _bucket_of(unit: Unit, subtree: list[Unit]) -> dict[int, int]:
    """Unit id → the id of the unit directly below ``unit`` that contains it (``unit``'s own id for itself)."""
    out = {}
    for u in subtree:
        rest = u.path[len(unit.path):].strip("/")
        out[u.pk] = int(rest.split("/")[0]) if rest else unit.pk
    return out


SUMMED = ("petitions.received", "petitions.resolved", "petitions.resolved_on_time", "petitions.overdue_open",
          "reception.days_held", "reception.days_required", "reception.dialogues", "reception.commitments_made",
          "reception.commitments_done", "reception.commitments_overdue", "plans.task_count", "plans.task_weight",
          "plans.tasks_overdue")


def overview(user: Any, unit: Unit, start: date, end: date) -> Overview:
    subtree = list(Unit.objects.filter(path__startswith=unit.path).only(
        "pk", "name", "short_name", "path", "parent_id").order_by("path"))
    ids = [u.pk for u in subtree]
    bucket = _bucket_of(unit, subtree)
    figures: dict[str, dict[int, Any]] = {}
    figures.update(petition_figures.compute(start, end, ids))
    figures.update(reception_figures.compute(start, end, ids))
    figures.update(plan_figures.compute(start, end, ids))

    rows_by_id = {unit.pk: Row(unit, direct=True)}
    for u in subtree:
        if u.parent_id == unit.pk:
            rows_by_id[u.pk] = Row(u, direct=False)
    total = Row(unit, direct=False)
    for code in SUMMED:
        for unit_id, value in figures.get(code, {}).items():
            row = rows_by_id[bucket[unit_id]]
            row.values[code] = row.values.get(code, 0) + (value or 0)
            total.values[code] = total.values.get(code, 0) + (value or 0)
    for unit_id, progress in figures.get("plans.task_progress", {}).items():
        weighted = (progress or 0) * figures["plans.task_weight"].get(unit_id, 0)
        for row in (rows_by_id[bucket[unit_id]], total):
            row.values["_weighted_progress"] = row.values.get("_weighted_progress", 0) + weighted
    own = rows_by_id.pop(unit.pk)
    # Where the leader must look first: units with overdue cases, then those with most cases;
    # units with nothing in the period keep the tree's order at the bottom.
    rows = sorted(rows_by_id.values(), key=lambda r: (-r.values.get("petitions.overdue_open", 0),
                                                      -r.values.get("petitions.received", 0), r.unit.path))
    if own.values:
        rows.insert(0, own)

    kinds = [{"value": k.value, "label": k.label,
              "count": sum(figures.get(f"petitions.received.{k.value}", {}).values())} for k in Kind]
    fields = [{"pk": f.pk, "label": f.name,
               "count": sum(figures.get(f"petitions.received.field.{f.code}", {}).values())}
              for f in Field.objects.only("pk", "code", "name").order_by("name")]
    trend = [{"month": month, **counts} for month, counts in sorted(petition_figures.monthly(start, end, ids).items())]

    cutoff = min(end, clock.today())
    cases = petition_selectors.petition_list(user, petition_selectors.Filters(handling_unit=unit, overdue_on=end))
    overdue = [{"petition": p, "days_over": (cutoff - p.next_due).days}
               for p in cases.order_by("next_due", "pk")[:OVERDUE_SHOWN]]

    # The current report request: the latest one the unit's tree made, or that asks the unit to report.
    report = reporting_selectors.request_list(user).filter(
        Q(requesting_unit__path__startswith=unit.path) | Q(units=unit)).distinct().first()
    # Plan progress per item: the plan's own progress page arithmetic (one GROUP BY over its tasks).
    plan = plan_selectors.plan_list(user).order_by("-date", "-pk").first()
    plan_items = []
    if plan is not None:
        labels = dict(Health.choices)
        tree = plan_selectors.progress_tree(plan, unit=unit)
        plan_items = [{"item": e["item"], "progress": e["progress"], "tasks": e["node"].total.tasks,
                       "late": e["node"].total.late, "health": labels.get(e["health"], "")}
                      for e in tree.items if e["depth"] <= 1 and e["node"].total.tasks]
    return Overview(unit=unit, start=start, end=end, cutoff=cutoff, rows=rows, total=total, kinds=kinds,
                    fields=[f for f in fields if f["count"]], trend=trend, overdue=overdue, report=report,
                    plan=plan, plan_items=plan_items)
