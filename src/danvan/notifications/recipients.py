"""Who is told about a unit's work: its people in charge, its head, its leaders (org only)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date

from django.db.models import Q

from danvan.org.models import MobilizationResponsibility, Role, Staff, Unit


def _by_unit(qs) -> dict[int, list[Staff]]:
    out: dict[int, list[Staff]] = defaultdict(list)
    for person in qs:
        out[person.unit_id].append(person)
    return out


def staff_with_role(unit_ids: Iterable[int], role: str) -> dict[int, list[Staff]]:
    """Active staff of ``role`` per unit, in one query."""
    ids = set(unit_ids)
    if not ids:
        return {}
    return _by_unit(Staff.objects.filter(unit_id__in=ids, role=role, is_active=True).order_by("full_name", "pk"))


def unit_heads(unit_ids: Iterable[int]) -> dict[int, list[Staff]]:
    """The head of each unit: its unit head, or — for a committee (a ward) — its leaders. Two queries."""
    ids = set(unit_ids)
    heads = staff_with_role(ids, Role.UNIT_HEAD)
    missing = [u for u in ids if not heads.get(u)]
    if missing:
        for unit_id, people in staff_with_role(missing, Role.LEADER).items():
            heads[unit_id] = people
    return heads


def unit_contacts(unit_ids: Iterable[int], today: date) -> dict[int, list[Staff]]:
    """Who does a unit's mobilisation work today: the people assigned to it, else its head, else the leaders
    of its committee (a few queries whatever the number of units)."""
    ids = set(unit_ids)
    out: dict[int, list[Staff]] = defaultdict(list)
    rows = (MobilizationResponsibility.objects
            .filter(unit_id__in=ids, valid_from__lte=today, staff__is_active=True)
            .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=today))
            .select_related("staff").order_by("staff__full_name", "pk"))
    for row in rows:
        if row.staff not in out[row.unit_id]:
            out[row.unit_id].append(row.staff)
    missing = [u for u in ids if not out.get(u)]
    for unit_id, people in unit_heads(missing).items():
        out[unit_id] = people
    missing = [u for u in ids if not out.get(u)]
    if missing:  # nobody in the unit itself: the leaders of the committee it belongs to
        finder = LeaderFinder()
        for unit in Unit.objects.filter(pk__in=missing):
            out[unit.pk] = finder.above(unit)
    return dict(out)


class LeaderFinder:
    """The leaders above a unit (the chairman and vice chairmen of its committee), cached per run.

    ``above(unit, exclude)`` climbs from the unit's committee to the next committee up until it
    finds leaders who were not told at the step before (a ward's head is its own chairman: the
    ward's overdue cases then go to the district's or city's leaders).
    """

    def __init__(self) -> None:
        self._units: dict[int, Unit] = {}
        self._leaders: dict[int, list[Staff]] = {}

    def _unit(self, pk: int) -> Unit | None:
        if pk not in self._units:
            self._units.update({u.pk: u for u in Unit.objects.filter(pk=pk)})
        return self._units.get(pk)

    def above(self, unit: Unit, exclude: Iterable[Staff] = ()) -> list[Staff]:
        skip = {p.pk for p in exclude}
        chain = [self._unit(pk) for pk in reversed(unit.ancestor_ids())]
        committees = [u for u in chain if u is not None and u.kind == "committee"]
        for committee in committees:
            if committee.pk not in self._leaders:
                self._leaders[committee.pk] = staff_with_role([committee.pk], Role.LEADER).get(committee.pk, [])
            found = [p for p in self._leaders[committee.pk] if p.pk not in skip]
            if found:
                return found
        return []
