"""The question behind a figure on the dashboard, as a list page receives it in its address.

A dashboard number links to the list of the records it counts: the unit (its whole tree, or with
``direct=1`` the unit's own records only), the period, and which figure. Each app's list view reads
it here, the same way, and filters with the same condition its ``figures`` module counts with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.http import Http404, HttpRequest

from danvan.org import policy
from danvan.org.models import Unit


def parse_date(value: str) -> date | None:
    """A day as "dd/mm/yyyy" (as people write it) or ISO "yyyy-mm-dd" (as links carry it)."""
    value = (value or "").strip()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(value, fmt).date()
        except ValueError:
            continue
    return None


@dataclass(frozen=True)
class FigureQuery:
    unit: Unit
    start: date
    end: date
    direct: bool  # the unit's own records, without the units below it

    @classmethod
    def from_request(cls, request: HttpRequest) -> FigureQuery:
        """The unit and period asked for; 404 for a malformed address, 403 for a unit out of scope."""
        unit_id = request.GET.get("unit", "")
        start, end = parse_date(request.GET.get("start", "")), parse_date(request.GET.get("end", ""))
        if not unit_id.isdigit() or start is None or end is None or start > end:
            raise Http404
        unit = Unit.objects.filter(pk=int(unit_id)).first()
        if unit is None:
            raise Http404
        policy.require(request.user, "unit.view", unit)
        return cls(unit=unit, start=start, end=end, direct=request.GET.get("direct") == "1")

    def unit_filter(self, field: str) -> dict[str, object]:
        """The records of the unit's tree (or of the unit alone) through the foreign key ``field``."""
        return {field: self.unit} if self.direct else {f"{field}__path__startswith": self.unit.path}
