"""Roll-up arithmetic (pure) and status → progress, table-driven."""

from __future__ import annotations

import pytest

from danvan.plans.progress import Node, Sums, progress_for, rollup


@pytest.mark.parametrize(("status", "entered", "current", "expected"), [
    ("not_started", None, 40, 0),
    ("done", None, 10, 100),
    ("done", 30, 10, 100),
    ("in_progress", None, 0, 50),
    ("in_progress", None, 70, 70),
    ("in_progress", 0, 0, 1),
    ("in_progress", 100, 0, 99),
    ("in_progress", 35, 0, 35),
    ("cancelled", None, 35, 35),
])
def test_status_sets_progress(status, entered, current, expected):
    assert progress_for(status, entered, current) == expected


def _sums(*tasks: tuple[int, int]) -> Sums:
    """Sums of (weight, progress) tasks."""
    return Sums(weight=sum(w for w, _p in tasks), weighted=sum(w * p for w, p in tasks), tasks=len(tasks),
                done=sum(1 for _w, p in tasks if p == 100))


@pytest.mark.parametrize(("tree", "expected_plan", "expected_items"), [
    # one item, two equal tasks
    ([("I.1", 1, [(1, 100), (1, 0)], [])], 50, {"I.1": 50}),
    # task weights count inside an item
    ([("I.1", 1, [(3, 100), (1, 0)], [])], 75, {"I.1": 75}),
    # item weights count at plan level; an item without tasks is left out
    ([("I.1", 3, [(1, 100)], []), ("I.2", 1, [(1, 0)], []), ("I.3", 5, [], [])], 75,
     {"I.1": 100, "I.2": 0, "I.3": None}),
    # a parent averages its own tasks and its children (child weight = item weight)
    ([("II.1", 1, [(1, 0)], [("II.1.a", 1, [(1, 100)], []), ("II.1.b", 2, [(1, 50)], [])])], 50,
     {"II.1": 50, "II.1.a": 100, "II.1.b": 50}),
    # nothing at all
    ([("I.1", 1, [], [])], None, {"I.1": None}),
])
def test_rollup(tree, expected_plan, expected_items):
    nodes: dict[str, Node] = {}

    def build(spec) -> Node:
        path, weight, tasks, children = spec
        node = Node(path=path, weight=weight, own=_sums(*tasks) if tasks else Sums())
        node.children = [build(c) for c in children]
        nodes[path] = node
        return node

    roots = [build(spec) for spec in tree]
    result = rollup(roots)
    assert (None if result is None else round(result, 6)) == expected_plan
    assert {p: (None if n.progress is None else round(n.progress, 6)) for p, n in nodes.items()} == expected_items


def test_health_is_worst_below():
    child = Node("I.1.a", own=Sums(weight=1, weighted=0, tasks=1, late=1))
    parent = Node("I.1", own=Sums(weight=1, weighted=100, tasks=1, done=1), children=[child])
    rollup([parent])
    assert parent.health == "late" and parent.total.tasks == 2
    assert Node("x", own=Sums(weight=1, tasks=1, at_risk=1)).own.health == "at_risk"
