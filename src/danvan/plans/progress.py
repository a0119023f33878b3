"""Progress arithmetic: status → progress, roll-up task → item → plan, health. Pure Python.

Kept apart from the ORM so the rules can be tested table-driven and explained to an officer:

- a task's progress is set by its status (Decidim-style: not started 0, done 100) or entered
  while in progress; cancelled tasks do not count;
- an item's progress is the weighted mean of its own tasks (task weight) and of its sub-items
  that have any task (item weight); an item with no task anywhere below has no progress (None);
- the plan's progress is the weighted mean of its top-level items that have progress;
- health: late when an open task is past its due date, at risk when an open task falls due
  within ``AT_RISK_DAYS``, otherwise on track; an item takes the worst health below it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

AT_RISK_DAYS = 14
DEFAULT_IN_PROGRESS = 50
HEALTH_ORDER = ("on_track", "at_risk", "late")


def progress_for(status: str, entered: int | None = None, current: int = 0) -> int:
    """The progress a status implies; ``entered`` only matters while in progress (kept within 1–99)."""
    if status == "done":
        return 100
    if status == "not_started":
        return 0
    if status == "in_progress":
        value = entered if entered is not None else (current if 0 < current < 100 else DEFAULT_IN_PROGRESS)
        return max(1, min(99, int(value)))
    return current  # cancelled: kept for the record, excluded from roll-ups


def worst(healths: Iterable[str | None]) -> str | None:
    found = [h for h in healths if h]
    return max(found, key=HEALTH_ORDER.index) if found else None


@dataclass
class Sums:
    """Aggregates of a group of (non-cancelled) tasks, as one GROUP BY row gives them."""

    weight: int = 0
    weighted: int = 0  # Σ weight × progress
    tasks: int = 0
    done: int = 0
    late: int = 0
    at_risk: int = 0

    def add(self, other: Sums) -> None:
        self.weight += other.weight
        self.weighted += other.weighted
        self.tasks += other.tasks
        self.done += other.done
        self.late += other.late
        self.at_risk += other.at_risk

    @property
    def progress(self) -> float | None:
        return self.weighted / self.weight if self.weight else None

    @property
    def health(self) -> str | None:
        if not self.tasks:
            return None
        if self.late:
            return "late"
        if self.at_risk:
            return "at_risk"
        return "on_track"


@dataclass
class Node:
    path: str
    weight: int = 1
    own: Sums = field(default_factory=Sums)
    children: list[Node] = field(default_factory=list)
    progress: float | None = None
    total: Sums = field(default_factory=Sums)  # every task in the subtree

    @property
    def health(self) -> str | None:
        return self.total.health


def rollup(nodes: list[Node]) -> float | None:
    """Fill ``progress`` and ``total`` of every node (depth first); return the plan's progress."""

    def visit(node: Node) -> None:
        weight, weighted = node.own.weight, float(node.own.weighted)
        node.total = Sums()
        node.total.add(node.own)
        for child in node.children:
            visit(child)
            node.total.add(child.total)
            if child.progress is not None:
                weight += child.weight
                weighted += child.weight * child.progress
        node.progress = weighted / weight if weight else None

    for node in nodes:
        visit(node)
    counted = [n for n in nodes if n.progress is not None]
    total_weight = sum(n.weight for n in counted)
    if not total_weight:
        return None
    return sum(n.weight * n.progress for n in counted) / total_weight
