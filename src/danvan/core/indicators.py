"""The contract between record-keeping apps and reports: named figures computed from records.

Each domain app (petitions, reception, plans, ...) has a ``figures`` module with

    INDICATORS: list[IndicatorSpec]
    def compute(start: date, end: date, unit_ids: list[int] | None = None) -> dict[str, dict[int, Number]]

``compute`` returns, per indicator code, the value for each unit that OWNS records in the period
(grouped by the record's own unit, one GROUP BY query per family of indicators, never a loop over
units). The reporting app rolls values up the unit tree and consolidates them, so no officer
types a number that danvan already knows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Aggregate = Literal["sum", "avg", "weighted_avg", "min", "max", "concat", "count_yes"]
ValueType = Literal["integer", "decimal", "percentage", "boolean", "text"]


@dataclass(frozen=True)
class IndicatorSpec:
    code: str               # "petitions.received", unique across apps, prefixed by the app label
    label: str              # Vietnamese label shown in reports
    measure: str = ""       # unit of measure: "đơn", "buổi", "lượt người", "%"
    value_type: ValueType = "integer"
    aggregate: Aggregate = "sum"
    weight_code: str = ""   # for weighted_avg: the indicator giving each unit's weight
    plan_item: str = ""     # the Plan 307 item it evidences, e.g. "II.5"
