"""Reads of inspections, shaped for a page, each in a fixed number of queries.

An inspected unit reads an inspection through :func:`visible_unit_ids`: the planners, the team and
whoever sees the issuing committee see every unit's findings; an inspected ward sees its own.
:func:`proposals` is the reading the emulation work uses (commendation and accountability
proposals of concluded inspections).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.shortcuts import get_object_or_404

from danvan.inspections import permissions as perms
from danvan.inspections.figures_pull import many_units_figures
from danvan.inspections.models import (
    ChecklistLine,
    EvidenceFile,
    Finding,
    Inspection,
    InspectionStatus,
    Proposal,
    Recommendation,
    RecommendationStatus,
    TeamMember,
)
from danvan.org import clock, policy
from danvan.org.models import Unit

# --- one record by its number, 404 when there is none (the page then asks the policy) -------------


def inspection_or_404(pk: int) -> Inspection:
    return get_object_or_404(Inspection.objects.select_related("issuer", "lead_unit"), pk=pk)


def recommendation_or_404(pk: int) -> Recommendation:
    return get_object_or_404(Recommendation.objects.select_related("unit", "inspection__issuer"), pk=pk)


def evidence_or_404(pk: int) -> EvidenceFile:
    """An evidence file with the finding or recommendation it supports (the policy is asked on that)."""
    return get_object_or_404(EvidenceFile.objects.select_related(
        "finding__inspection__issuer", "finding__unit", "recommendation__inspection__issuer",
        "recommendation__unit"), pk=pk)


def inspection_list(user: Any, *, status: str = "", year: int | None = None) -> QuerySet[Inspection]:
    """Inspections the user's scope issued, received, or whose team holds the user."""
    if policy.is_administrator(user):
        qs = Inspection.objects.all()
    else:
        ids = policy.scope_unit_ids(user) or []
        matching = Inspection.objects.filter(
            Q(issuer_id__in=ids) | Q(units__in=ids) | Q(team__staff=user.pk)).values("pk")
        qs = Inspection.objects.filter(pk__in=matching)
    if status in InspectionStatus.values:
        qs = qs.filter(status=status)
    if year:
        qs = qs.filter(start_on__year=year)
    return qs.select_related("issuer", "lead_unit").prefetch_related(
        Prefetch("units", queryset=Unit.objects.order_by("path").only("pk", "name", "path"))).annotate(
        n_recommendations=Count("recommendations", distinct=True)).order_by("-start_on", "-pk")


def sees_all_units(user: Any, inspection: Inspection) -> bool:
    return policy.in_scope(user, inspection.issuer) or user.pk in inspection.team_staff_ids


def visible_unit_ids(user: Any, inspection: Inspection) -> set[int]:
    """The inspected units whose findings and recommendations ``user`` may read."""
    units = perms._units_of(inspection)
    if sees_all_units(user, inspection):
        return {u.pk for u in units}
    return {u.pk for u in units if policy.in_scope(user, u)}


@dataclass
class InspectionPage:
    inspection: Inspection
    units: list[Unit]
    team: list[TeamMember]
    checklist: list[ChecklistLine]
    grid: list[dict[str, Any]]            # one row per checklist line, a cell per visible unit
    recommendations: list[Recommendation]
    proposals: list[Proposal]
    sees_all: bool


def inspection_page(user: Any, pk: int) -> InspectionPage:
    inspection = Inspection.objects.select_related("issuer", "lead_unit", "plan", "approved_by").prefetch_related(
        Prefetch("units", queryset=Unit.objects.order_by("path")),
        "items", Prefetch("tasks", queryset=_tasks()),
    ).get(pk=pk)
    inspection._unit_objects = list(inspection.units.all())
    team = list(TeamMember.objects.filter(inspection=inspection).select_related("staff__unit"))
    inspection._team_ids = {m.staff_id for m in team}
    visible = visible_unit_ids(user, inspection)
    units = [u for u in inspection._unit_objects if u.pk in visible]
    checklist = list(ChecklistLine.objects.filter(inspection=inspection).select_related("item"))
    findings = {(f.line_id, f.unit_id): f for f in Finding.objects.filter(inspection=inspection, unit_id__in=visible)}
    grid = [{"line": line, "cells": [(unit, findings.get((line.pk, unit.pk))) for unit in units]}
            for line in checklist]
    sees_all = sees_all_units(user, inspection)
    rec_units = (visible | {inspection.lead_unit_id}) if sees_all else visible
    recommendations = list(Recommendation.objects.filter(inspection=inspection, unit_id__in=rec_units)
                           .select_related("unit", "owner"))
    proposals = list(Proposal.objects.filter(inspection=inspection).select_related(
        "subject_unit", "subject_person")) if policy.can(user, perms.PROPOSAL_VIEW, inspection) else []
    return InspectionPage(inspection=inspection, units=units, team=team, checklist=checklist, grid=grid,
                          recommendations=recommendations, proposals=proposals,
                          sees_all=sees_all)


def _tasks():
    from danvan.plans.models import Task

    return Task.objects.select_related("item", "lead_unit")


@dataclass
class UnitSheet:
    inspection: Inspection
    unit: Unit
    rows: list[dict[str, Any]]  # line, finding, evidence, live figures


def unit_sheet(inspection: Inspection, unit: Unit) -> UnitSheet:
    """The checklist at one unit: each line, the finding recorded there (with its evidence) and the
    unit's figures for the inspected period under the line's content, in a fixed number of queries."""
    lines = list(ChecklistLine.objects.filter(inspection=inspection).select_related("item"))
    findings = {f.line_id: f for f in Finding.objects.filter(inspection=inspection, unit=unit).prefetch_related(
        Prefetch("evidence", queryset=EvidenceFile.objects.order_by("pk")))}
    paths = sorted({line.item.path for line in lines if line.item_id})
    figures = many_units_figures([unit], paths, inspection.period_start, inspection.period_end).get(unit.pk, [])
    rows = []
    for line in lines:
        path = line.item.path if line.item_id else None
        live = [f for f in figures if path and (f["item"] == path or f["item"].startswith(f"{path}.")
                                                or path.startswith(f"{f['item']}."))]
        rows.append({"line": line, "finding": findings.get(line.pk), "figures": live})
    return UnitSheet(inspection=inspection, unit=unit, rows=rows)


def recommendation_list(user: Any, *, state: str = "", unit: Unit | None = None) -> QuerySet[Recommendation]:
    """Recommendations the user follows: their own units' (once concluded) and, for the planners of
    the issuing committee, every recommendation of their inspections. ``state``: "open", "overdue", "done"."""
    qs = Recommendation.objects.all()
    if not policy.is_administrator(user):
        ids = policy.scope_unit_ids(user) or []
        qs = qs.filter(Q(inspection__issuer_id__in=ids)
                       | Q(unit_id__in=ids, inspection__status=InspectionStatus.CONCLUDED))
    today = clock.today()
    if state == "open":
        qs = qs.filter(status=RecommendationStatus.OPEN)
    elif state == "overdue":
        qs = qs.filter(status=RecommendationStatus.OPEN, due_on__lt=today)
    elif state == "done":
        qs = qs.filter(status=RecommendationStatus.DONE)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    return qs.select_related("unit", "owner", "inspection").order_by("status", "due_on", "pk")


def recommendation_detail(pk: int) -> Recommendation:
    return Recommendation.objects.select_related("unit", "owner", "inspection__issuer", "inspection__lead_unit")\
        .prefetch_related(Prefetch("evidence", queryset=EvidenceFile.objects.order_by("pk"))).get(pk=pk)


# --- for the emulation work ------------------------------------------------------------------------


@dataclass(frozen=True)
class ProposalRow:
    """A proposal of commendation or accountability, as the emulation work reads it."""

    pk: int
    kind: str
    kind_label: str
    subject_unit_id: int | None
    subject_unit_name: str
    subject_person_id: int | None
    subject_person_name: str
    facts: str
    proposed_on: date
    inspection_id: int
    inspection_title: str
    conclusion_number: str
    concluded_on: date | None


def proposals(start: date, end: date, *, kind: str = "", unit_ids: list[int] | None = None) -> list[ProposalRow]:
    """Proposals of inspections concluded in [start, end]; ``unit_ids`` keeps those about a unit
    (the collective, or the person's unit) in the list. One query."""
    qs = Proposal.objects.filter(inspection__status=InspectionStatus.CONCLUDED,
                                 inspection__concluded_on__gte=start, inspection__concluded_on__lte=end)
    if kind:
        qs = qs.filter(kind=kind)
    if unit_ids is not None:
        qs = qs.filter(Q(subject_unit_id__in=unit_ids) | Q(subject_person__unit_id__in=unit_ids))
    rows = []
    for p in qs.select_related("subject_unit", "subject_person", "inspection").order_by("proposed_on", "pk"):
        rows.append(ProposalRow(
            pk=p.pk, kind=p.kind, kind_label=str(p.get_kind_display()), subject_unit_id=p.subject_unit_id,
            subject_unit_name=p.subject_unit.name if p.subject_unit_id else "",
            subject_person_id=p.subject_person_id,
            subject_person_name=p.subject_person.full_name if p.subject_person_id else "",
            facts=p.facts, proposed_on=p.proposed_on, inspection_id=p.inspection_id,
            inspection_title=p.inspection.title, conclusion_number=p.inspection.number_text,
            concluded_on=p.inspection.concluded_on))
    return rows
