"""The inspected unit's own figures for the inspected period, read from the apps' ``figures``.

Inspectors compare what a unit says with what its records show; danvan already counts those
records for the reports (``petitions``, ``reception``, ``plans`` figures, each indicator tied to
the plan item it evidences). For a checklist line under item "II.5" the page shows, and the
finding keeps, the unit's figures of the indicators tied to II.5 (its subtree summed), so the
team never retypes a number a report would count differently.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q

from danvan.org.models import Unit
from danvan.petitions import figures as petition_figures
from danvan.plans import figures as plan_figures
from danvan.reception import figures as reception_figures

MODULES = (petition_figures, reception_figures, plan_figures)


def _matches(spec_item: str, paths: list[str]) -> bool:
    return bool(spec_item) and any(spec_item == p or spec_item.startswith(f"{p}.") or p.startswith(f"{spec_item}.")
                                   for p in paths)


def specs_for(paths: list[str]) -> list[tuple[Any, Any]]:
    """(module, spec) of each summable indicator tied to one of the plan item ``paths``."""
    return [(module, spec) for module in MODULES for spec in module.INDICATORS
            if spec.aggregate == "sum" and spec.value_type == "integer" and _matches(spec.plan_item, paths)]


def unit_figures(unit: Unit, paths: list[str], start: date, end: date) -> list[dict[str, Any]]:
    """[{"item", "label", "measure", "value"}] for ``unit`` (and the units below it) over ``start``–``end``."""
    return many_units_figures([unit], paths, start, end).get(unit.pk, [])


def many_units_figures(units: list[Unit], paths: list[str], start: date,
                       end: date) -> dict[int, list[dict[str, Any]]]:
    """The same for several units at once: each figures module is asked once, whatever the number of units."""
    wanted = specs_for(paths)
    if not wanted or not units:
        return {}
    members: dict[int, list[int]] = {unit.pk: [] for unit in units}
    subtree = Q()
    for unit in units:
        subtree |= Q(path__startswith=unit.path)
    all_ids: set[int] = set()
    for pk, path in Unit.objects.filter(subtree).values_list("pk", "path"):
        all_ids.add(pk)
        for unit in units:
            if path.startswith(unit.path):
                members[unit.pk].append(pk)
    computed: dict[str, dict[int, Any]] = {}
    for module in {id(m): m for m, _spec in wanted}.values():
        computed.update(module.compute(start, end, sorted(all_ids)))
    out: dict[int, list[dict[str, Any]]] = {}
    for unit in units:
        rows_out = []
        for _module, spec in wanted:
            values = computed.get(spec.code, {})
            total = sum(int(values.get(pk) or 0) for pk in members[unit.pk])
            rows_out.append({"item": spec.plan_item, "label": spec.label, "measure": spec.measure, "value": total})
        out[unit.pk] = rows_out
    return out
