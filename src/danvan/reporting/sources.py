"""Where pre-filled numbers come from: the ``figures`` modules of the domain apps.

Each installed ``danvan.<app>`` may ship ``figures.py`` (see :mod:`danvan.core.indicators`). They
are discovered at run time, so a template may name ``petitions.received`` before the petitions
app exists: the indicator simply stays manual until it does. Values come grouped by the record's
own unit and are rolled up the unit tree here (a unit's figure = its records and its subtree's)
over small per-unit dicts, with one query for the paths, never a query per unit.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from types import ModuleType

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.indicators import IndicatorSpec
from danvan.org.discovery import app_modules
from danvan.org.models import Unit

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Figure:
    """A pre-filled value and the words that tell the officer where it came from."""

    value: object
    code: str
    description: str


@lru_cache(maxsize=1)
def figure_modules() -> dict[str, tuple[ModuleType, IndicatorSpec]]:
    """code → (module, spec) for every installed danvan app that has a ``figures`` module."""
    found: dict[str, tuple[ModuleType, IndicatorSpec]] = {}
    for _config, module in app_modules("figures"):
        for spec in getattr(module, "INDICATORS", ()):
            found[spec.code] = (module, spec)
    return found


def known_specs() -> dict[str, IndicatorSpec]:
    return {code: spec for code, (_module, spec) in figure_modules().items()}


def raw_figures(codes: Iterable[str], start: date, end: date,
                unit_ids: list[int] | None) -> dict[str, dict[int, object]]:
    """Ask each figures module once for the codes it knows; unknown codes are skipped (manual)."""
    registry = figure_modules()
    wanted = {c for c in codes if c in registry}
    modules: dict[str, ModuleType] = {}
    for code in wanted:
        module = registry[code][0]
        modules[module.__name__] = module
    result: dict[str, dict[int, object]] = {}
    for module in modules.values():
        try:
            # A savepoint: a broken figures module must not spoil the caller's transaction.
            with transaction.atomic():
                computed = module.compute(start, end, unit_ids)
        except Exception:
            log.exception("figures module %s failed", module.__name__)
            continue
        for code, per_unit in computed.items():
            if code in wanted:
                result[code] = dict(per_unit)
    return result


def _number(value) -> Decimal | None:
    if value is None or isinstance(value, str):
        return None
    return Decimal(str(value))


def roll_up(value_type: str, aggregate: str, per_unit: dict[int, object], weights: dict[int, object] | None,
            own_id: int, member_ids: set[int]) -> object:
    """The value of ``own_id`` given per-unit values of its subtree (``member_ids`` includes itself)."""
    present = {uid: v for uid, v in per_unit.items() if uid in member_ids and v is not None}
    if value_type == "boolean":
        if own_id in present:
            return bool(present[own_id])
        return any(bool(v) for v in present.values()) if present else False
    if value_type == "text":
        return "\n".join(str(v) for _uid, v in sorted(present.items()) if str(v).strip())
    numbers = {uid: _number(v) for uid, v in present.items()}
    numbers = {uid: n for uid, n in numbers.items() if n is not None}
    if aggregate in ("sum", "count_yes", "concat"):
        return sum(numbers.values(), Decimal(0))
    if not numbers:
        return None
    if aggregate == "min":
        return min(numbers.values())
    if aggregate == "max":
        return max(numbers.values())
    if aggregate == "weighted_avg" and weights:
        total = weight_sum = Decimal(0)
        for uid, n in numbers.items():
            w = _number(weights.get(uid)) or Decimal(0)
            total += n * w
            weight_sum += w
        if weight_sum:
            return total / weight_sum
    return sum(numbers.values(), Decimal(0)) / len(numbers)


def figures_for_unit(unit: Unit, indicators: Iterable, start: date, end: date) -> dict[str, Figure]:
    """Pre-filled values of ``unit`` for the template indicators that have a known source.

    Returns indicator code → :class:`Figure`. Runs one query for the subtree plus each figures
    module's own fixed queries.
    """
    indicators = list(indicators)
    registry = figure_modules()
    sourced = [i for i in indicators if i.source_code and i.source_code in registry]
    if not sourced:
        return {}
    members = dict(Unit.objects.subtree_of(unit).values_list("pk", "name"))
    member_ids = set(members)
    codes = {i.source_code for i in sourced}
    weight_codes = {registry[i.source_code][1].weight_code for i in sourced} - {""}
    raw = raw_figures(codes | weight_codes, start, end, sorted(member_ids))
    period = f"{start:%d/%m/%Y}–{end:%d/%m/%Y}"
    below = len(member_ids) - 1
    result = {}
    for indicator in sourced:
        if indicator.source_code not in raw:
            continue
        spec = registry[indicator.source_code][1]
        value = roll_up(indicator.value_type, indicator.aggregate, raw[indicator.source_code],
                        raw.get(spec.weight_code), unit.pk, member_ids)
        scope = (_("%(unit)s và %(n)s đơn vị trực thuộc") % {"unit": unit.name, "n": below} if below
                 else unit.name)
        description = _("Tự động từ dữ liệu danvan: %(label)s, %(scope)s, kỳ %(period)s") % {
            "label": spec.label, "scope": scope, "period": period}
        result[indicator.code] = Figure(value, indicator.source_code, description[:500])
    return result
