"""Which new ward an address belongs to, from the reform's published mapping (kept as data).

A data file under ``data/`` describes one district's reorganisation: its source (the Standing
Committee's resolution), the old wards and the new ward that took each one's main part, and
streets of the wards that were divided between new wards. Nothing here touches the database:
the caller resolves the ward names this module returns to units.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

from danvan.core.vntext import fold

DATA_DIR = Path(__file__).parent / "data"
_WARD_PREFIX = r"(?:phuong|p\.)\s*"


@dataclass(frozen=True)
class Match:
    """The new ward an address points to and why (a street or an old ward named in it)."""

    new_ward: str
    by: str  # "street" or "ward"
    name: str  # the street or old ward found in the address


@dataclass(frozen=True)
class ReformMap:
    title: str
    source: str
    effective_on: date
    district: str
    function_successor: str
    function_note: str
    note: str
    wards: dict[str, str] = field(default_factory=dict)  # old ward name -> new ward name
    divided: frozenset[str] = frozenset()
    streets: dict[str, str] = field(default_factory=dict)  # street name -> new ward name

    def new_ward_of(self, old_ward: str) -> str | None:
        wanted = fold(old_ward)
        for old, new in self.wards.items():
            if fold(old) == wanted:
                return new
        return None

    def new_wards(self) -> list[str]:
        return sorted(set(self.wards.values()))

    def match_address(self, text: str) -> Match | None:
        """The new ward of an address: a listed street first (it splits divided wards), then an
        old ward named in it ("phường Hạ Đình", "P. Hạ Đình"), then a new ward named in it."""
        key = fold(text)
        if not key:
            return None
        ward_names = sorted({*self.wards, *self.wards.values()}, key=lambda n: -len(n))
        without_wards = key
        named_ward = None
        for name in ward_names:
            pattern = _WARD_PREFIX + re.escape(fold(name)) + r"(?![\w])"
            found = re.search(pattern, without_wards)
            if found:
                named_ward = named_ward or name
                without_wards = re.sub(pattern, " ", without_wards)
        for street in sorted(self.streets, key=lambda n: -len(n)):
            if re.search(r"(?<![\w])" + re.escape(fold(street)) + r"(?![\w])", without_wards):
                return Match(self.streets[street], "street", street)
        if named_ward:
            new = self.new_ward_of(named_ward)
            if new:
                return Match(new, "ward", named_ward)
            return Match(named_ward, "ward", named_ward)
        return None


def _load(path: Path) -> ReformMap:
    raw = json.loads(path.read_text(encoding="utf-8"))
    return ReformMap(
        title=raw["title"], source=raw["source"], effective_on=date.fromisoformat(raw["effective_on"]),
        district=raw["district"], function_successor=raw["district_function_successor"],
        function_note=raw.get("district_function_note", ""), note=raw.get("note", ""),
        wards={w["old"]: w["new"] for w in raw["wards"]},
        divided=frozenset(w["old"] for w in raw["wards"] if w.get("divided")),
        streets={s["street"]: s["new"] for s in raw.get("streets", [])},
    )


@cache
def all_maps() -> tuple[ReformMap, ...]:
    return tuple(_load(p) for p in sorted(DATA_DIR.glob("*.json")))


def map_for_names(names: list[str]) -> ReformMap | None:
    """The mapping whose district is named by one of ``names`` (a unit and its ancestors)."""
    keys = [fold(n) for n in names]
    for reform in all_maps():
        district = "quan " + fold(reform.district)
        if any(re.search(re.escape(district) + r"(?![\w])", k) for k in keys):
            return reform
    return None
