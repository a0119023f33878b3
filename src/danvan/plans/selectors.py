"""Reads of the plans app, shaped for pages: a fixed number of queries whatever the row count."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.db.models import Case, Count, F, IntegerField, Model, Prefetch, Q, QuerySet, Sum, When
from django.shortcuts import get_object_or_404

from danvan.org import clock, policy
from danvan.org.figure_query import FigureQuery
from danvan.org.models import Unit
from danvan.plans.figures import overdue_q, period_tasks
from danvan.plans.models import Assignment, Plan, PlanItem, Task, TaskStatus, UnitPlan
from danvan.plans.progress import AT_RISK_DAYS, Node, Sums, rollup

OPEN = [TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS]


# --- one record by its number, 404 when there is none (the page then asks the policy) -------------


def plan_or_404(pk: int) -> Plan:
    return get_object_or_404(Plan.objects.select_related("issuer"), pk=pk)


def task_or_404(pk: int) -> Task:
    return get_object_or_404(Task.objects.select_related("lead_unit", "item", "plan", "unit_plan"), pk=pk)


def unit_plan_or_404(pk: int) -> UnitPlan:
    return get_object_or_404(UnitPlan.objects.select_related("unit", "parent_plan__issuer", "document"), pk=pk)


def unit_plan_tasks(unit_plan: UnitPlan) -> list[Task]:
    """The tasks the parent plan gives the unit, in the plan's order."""
    return list(Task.objects.filter(lead_unit=unit_plan.unit, plan=unit_plan.parent_plan)
                .select_related("item").order_by("item__order", "kind", "pk"))


def activities(user: Any, model: type[Model], limit: int = 50) -> QuerySet[Any]:
    """The latest records of one kind of activity (``ACTIVITY_MODELS``) of the units ``user`` sees."""
    return model.objects.filter(policy.unit_q(user, "unit")).select_related("unit", "item")[:limit]


def plan_list(user: Any) -> QuerySet[Plan]:
    """Plans the user may read: issued by a committee in their scope or above their unit."""
    qs = Plan.objects.select_related("issuer", "document").annotate(task_count=Count("tasks"))
    if policy.is_administrator(user):
        return qs
    if user.unit_id is None:
        return qs.none()
    ancestors = user.unit.ancestor_ids()
    return qs.filter(policy.unit_q(user, "issuer") | Q(issuer_id__in=ancestors))


def plan_document(plan_id: int) -> Plan:
    """A plan with its sections, items (tree order), assignments and legal basis, for the document page."""
    from danvan.documents.models import Citation

    return (
        Plan.objects.select_related("issuer", "document")
        .prefetch_related(
            "sections",
            Prefetch("items", queryset=PlanItem.objects.order_by("order").prefetch_related(
                Prefetch("assignments",
                         queryset=Assignment.objects.select_related("unit").prefetch_related("unit__successors")),
                "deadlines")),
            Prefetch("document__citations",
                     queryset=Citation.objects.select_related("cited__replaced_by").order_by("order")),
        )
        .get(pk=plan_id)
    )


def _annotated(tasks: QuerySet[Task], today: date) -> QuerySet[Task]:
    soon = today + timedelta(days=AT_RISK_DAYS)
    return tasks.annotate(
        late=Case(When(status__in=OPEN, due_date__lt=today, then=1), default=0, output_field=IntegerField()),
        at_risk=Case(When(status__in=OPEN, due_date__gte=today, due_date__lte=soon, then=1), default=0,
                     output_field=IntegerField()),
    )


def _group_sums(plan: Plan, today: date, *, unit_path: str | None = None) -> list[dict[str, Any]]:
    tasks = Task.objects.filter(plan=plan).exclude(status=TaskStatus.CANCELLED)
    if unit_path is not None:
        tasks = tasks.filter(lead_unit__path__startswith=unit_path)
    soon = today + timedelta(days=AT_RISK_DAYS)
    return list(
        tasks.values("item_id", "lead_unit_id").annotate(
            weight_sum=Sum("weight"), weighted_sum=Sum(F("weight") * F("progress")), tasks=Count("pk"),
            done=Count("pk", filter=Q(status=TaskStatus.DONE)),
            late=Count("pk", filter=Q(status__in=OPEN, due_date__lt=today)),
            at_risk=Count("pk", filter=Q(status__in=OPEN, due_date__gte=today, due_date__lte=soon)),
        ).order_by()
    )


def _sums(row: dict[str, Any]) -> Sums:
    return Sums(weight=row["weight_sum"] or 0, weighted=row["weighted_sum"] or 0, tasks=row["tasks"], done=row["done"],
                late=row["late"], at_risk=row["at_risk"])


@dataclass
class ProgressTree:
    plan: Plan
    progress: float | None
    health: str | None
    items: list[dict[str, Any]]          # flat, tree order: item, node, depth, units (list of rows)
    units: list[dict[str, Any]]          # per lead unit: unit, sums, progress, health
    totals: Sums = field(default_factory=Sums)


def progress_tree(plan: Plan, *, today: date | None = None, unit: Unit | None = None) -> ProgressTree:
    """The plan's progress per item (rolled up) and per unit, from ONE GROUP BY over its tasks.

    Three more queries load the items, the units named in the rows, and nothing else: the page
    costs the same for 3 tasks or 3,000.
    """
    today = today or clock.today()
    rows = _group_sums(plan, today, unit_path=unit.path if unit is not None else None)
    items = list(PlanItem.objects.filter(plan=plan).order_by("order"))
    unit_ids = {r["lead_unit_id"] for r in rows}
    units = {u.pk: u for u in Unit.objects.filter(pk__in=unit_ids)
             .only("pk", "name", "short_name", "path", "valid_to").prefetch_related("successors")}

    nodes = {item.pk: Node(path=item.path, weight=item.weight) for item in items}
    per_item_units: dict[int, list[dict[str, Any]]] = {}
    per_unit: dict[int, Sums] = {}
    for row in rows:
        sums = _sums(row)
        nodes[row["item_id"]].own.add(sums)
        per_unit.setdefault(row["lead_unit_id"], Sums()).add(sums)
        per_item_units.setdefault(row["item_id"], []).append({
            "unit": units[row["lead_unit_id"]], "sums": sums, "progress": sums.progress, "health": sums.health})
    roots = []
    for item in items:
        node = nodes[item.pk]
        if item.parent_id and item.parent_id in nodes:
            nodes[item.parent_id].children.append(node)
        else:
            roots.append(node)
    plan_progress = rollup(roots)
    totals = Sums()
    for root in roots:
        totals.add(root.total)
    flat = []
    for item in items:
        node = nodes[item.pk]
        flat.append({"item": item, "node": node, "progress": node.progress, "health": node.health,
                     "depth": item.depth, "units": sorted(per_item_units.get(item.pk, []),
                                                          key=lambda r: r["unit"].path)})
    unit_rows = sorted(
        ({"unit": units[pk], "sums": s, "progress": s.progress, "health": s.health} for pk, s in per_unit.items()),
        key=lambda r: r["unit"].path)
    return ProgressTree(plan=plan, progress=plan_progress, health=totals.health, items=flat, units=unit_rows,
                        totals=totals)


def my_duties(user: Any, *, today: date | None = None, overdue_only: bool = False,
              plan: Plan | None = None) -> QuerySet[Task]:
    """Tasks led by the user's unit subtree (or coordinated by it), overdue first, then by due date."""
    today = today or clock.today()
    if user.unit_id is None and not policy.is_administrator(user):
        return Task.objects.none()
    tasks = Task.objects.all()
    if not policy.is_administrator(user):
        path = user.unit.path
        tasks = tasks.filter(Q(lead_unit__path__startswith=path) | Q(coordinating_units__path__startswith=path))
        tasks = tasks.distinct()
    if plan is not None:
        tasks = tasks.filter(plan=plan)
    if overdue_only:
        tasks = tasks.filter(status__in=OPEN, due_date__lt=today)
    return (
        _annotated(tasks, today)
        .select_related("lead_unit", "item", "plan")
        .prefetch_related("coordinating_units__successors", "lead_unit__successors")
        .order_by("-late", F("due_date").asc(nulls_last=True), "item__order", "pk")
    )


def overdue_tasks(user: Any, *, today: date | None = None) -> QuerySet[Task]:
    """Open tasks past due that the user may see (their scope: the whole committee for coordinators)."""
    today = today or clock.today()
    tasks = Task.objects.filter(policy.unit_q(user, "lead_unit"), status__in=OPEN, due_date__lt=today)
    return (_annotated(tasks, today).select_related("lead_unit", "item", "plan")
            .prefetch_related("coordinating_units__successors", "lead_unit__successors").order_by("due_date", "pk"))


def figure_tasks(user: Any, query: FigureQuery, *, overdue: bool = False,
                 today: date | None = None) -> QuerySet[Task]:
    """The tasks behind a dashboard figure ("tasks", or "overdue" with ``overdue``): the condition the
    plans figures count with, for the unit's tree and period, within what the user may see."""
    today = today or clock.today()
    tasks = period_tasks(query.start, query.end).filter(policy.unit_q(user, "lead_unit"),
                                                        **query.unit_filter("lead_unit"))
    if overdue:
        tasks = tasks.filter(overdue_q(min(query.end, today)))
    return (_annotated(tasks, today).select_related("lead_unit", "item", "plan")
            .prefetch_related("coordinating_units__successors", "lead_unit__successors")
            .order_by(F("due_date").asc(nulls_last=True), "pk"))
