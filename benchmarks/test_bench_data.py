"""Benchmarks on the database: the pages and computations that grow with the data.

Sizes: the demo plus 200 generated units and 10,000 petitions of one year (see conftest.py), the
2026 figures of petitions, reception and plans, and the consolidation of a 200-unit request with a
60-indicator template. Each benchmark records its query count in ``extra_info`` and asserts it is
the same as on the demo alone. Run with ``make bench`` (``pytest benchmarks --benchmark-only``).
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _bench(benchmark, bench_data, name: str, rounds: int):
    fn = bench_data.operation(name)
    fn()  # warm up
    queries, result = bench_data.count_queries(fn)
    benchmark.extra_info["queries"] = queries
    benchmark.extra_info["queries_on_demo_only"] = bench_data.baseline.get(name)
    benchmark.extra_info["generated_units"] = bench_data.units
    benchmark.extra_info["generated_petitions"] = bench_data.petitions
    benchmark.extra_info["generation_seconds"] = round(bench_data.seconds, 1)
    benchmark.pedantic(fn, rounds=rounds, iterations=1)
    assert queries == bench_data.baseline[name], (
        f"{name}: {queries} queries on the generated data, {bench_data.baseline[name]} on the demo alone")
    return result


def test_bench_petition_list_page_10k(benchmark, bench_data):
    """GET /don-thu/ as the coordinator, who sees every case of the district (10,000+)."""
    from danvan.petitions.models import Petition

    assert bench_data.petitions == bench_data.target_petitions
    assert Petition.objects.count() >= bench_data.target_petitions
    response = _bench(benchmark, bench_data, "list_page", rounds=20)
    assert response.context["page"].paginator.count >= bench_data.target_petitions


def test_bench_figures_petitions_year(benchmark, bench_data):
    result = _bench(benchmark, bench_data, "figures.petitions", rounds=10)
    assert sum(result["petitions.received"].values()) >= bench_data.target_petitions


def test_bench_figures_reception_year(benchmark, bench_data):
    result = _bench(benchmark, bench_data, "figures.reception", rounds=10)
    assert len(result["reception.entries"]) >= bench_data.target_units // 2


def test_bench_figures_plans_year(benchmark, bench_data):
    result = _bench(benchmark, bench_data, "figures.plans", rounds=10)
    assert len(result["plans.task_count"]) >= bench_data.target_units


def test_bench_consolidate_200_units_60_indicators(benchmark, bench_data):
    from danvan.reporting.models import ReportRequest, SubmissionValue

    request = ReportRequest.objects.get(pk=bench_data.request_id)
    assert request.units.count() == bench_data.target_units
    assert request.template.indicators.count() == 60
    benchmark.extra_info["values"] = SubmissionValue.objects.filter(submission__request=request).count()
    result = _bench(benchmark, bench_data, "consolidate", rounds=20)
    assert result.unit_count == bench_data.target_units and len(result.rows) == 60
    assert result.reported_count > bench_data.target_units // 2
