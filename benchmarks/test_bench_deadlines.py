"""Throughput of the deadline engine.

Deadlines are recomputed whenever a petition changes and in bulk when the calendar or a rule is
edited (every open case of a province), so the engine must stay far below a database round trip
per case. Run with ``pytest benchmarks --benchmark-only``; the normal test run skips these.
"""

from __future__ import annotations

from datetime import date, timedelta

from danvan.core.deadlines import _compute, compute_due, default_rules
from danvan.core.workdays import default_calendar

N = 1_000_000
START = date(2024, 1, 1)
# 1,000 distinct start dates over 2024-2026, reused: 1,000,000 computations per round.
STARTS = [START + timedelta(days=(i * 7) % 1096) for i in range(1000)]
CASES = [
    ("complaint", "accept", {}),
    ("complaint", "resolve", {"complex": True}),
    ("denunciation", "triage", {}),
    ("denunciation", "resolve", {"complex": True, "extensions": 1}),
    ("reception", "post", {}),
]


def _warm() -> None:
    cal = default_calendar()
    cal.add_workdays(START, 1)
    cal.add_workdays(date(2027, 6, 30), 1)
    default_rules()


def _add_workdays_million() -> date:
    cal = default_calendar()
    add = cal.add_workdays
    last = START
    for _ in range(N // len(STARTS)):
        for start in STARTS:
            last = add(start, 10)
    return last


def _compute_due_million() -> date:
    last = START
    per_case = N // len(CASES) // len(STARTS)
    for kind, milestone, options in CASES:
        for _ in range(per_case):
            for start in STARTS:
                last = compute_due(kind, milestone, start, **options).due
    return last


def _compute_uncached_million() -> date:
    """The engine itself, bypassing the memo: the cost when every case has a new date."""
    cal, rules = default_calendar(), default_rules()
    last = START
    per_case = N // len(CASES) // len(STARTS)
    for kind, milestone, options in CASES:
        complex_ = bool(options.get("complex"))
        extensions = options.get("extensions", 0)
        for _ in range(per_case):
            for start in STARTS:
                last = _compute(
                    kind, milestone, start, None, complex_, False, False, False, extensions, cal, rules
                ).due
    return last


def test_bench_add_workdays_1m(benchmark):
    _warm()
    result = benchmark.pedantic(_add_workdays_million, rounds=3, iterations=1)
    assert isinstance(result, date)


def test_bench_compute_due_1m(benchmark):
    """Through the public function: 5,000 distinct inputs, so after the first pass the memo answers."""
    _warm()
    result = benchmark.pedantic(_compute_due_million, rounds=3, iterations=1)
    assert isinstance(result, date)


def test_bench_compute_due_uncached_1m(benchmark):
    _warm()
    result = benchmark.pedantic(_compute_uncached_million, rounds=1, iterations=1)
    assert isinstance(result, date)
