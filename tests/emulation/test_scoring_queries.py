"""Scoring all units runs the same number of queries whatever their number (asserted at 200+ wards).

Kept apart from test_scoring.py so that it runs on the real day only: the date-shifted reruns of
`make test` (January, Tết) take the files that move danvan's clock, and this count is not about dates.
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.emulation import selectors, services


def _queries(scheme) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        result = selectors.ranking(scheme)
    return len(ctx.captured_queries), len(result.rows)


@pytest.mark.django_db
def test_scoring_runs_a_fixed_number_of_queries_whatever_the_number_of_units(demo_org, monkeypatch):
    from danvan.datagen import generate
    from danvan.legal import selectors as legal_selectors

    district = demo_org["tx-ubnd"]
    scheme = services.activate(actor=None, scheme=services.create_scheme(actor=None, unit=district, year=2026))
    # A ranking also checks, at most every RECHECK_SECONDS, whether the legal calendar (declared
    # days, rule rows, confirmed years) changed since it was cached: three queries whose presence
    # depends on the clock and on what ran before. Both counts are taken warm, with the recheck
    # held off for the length of the test, so that only the number of units differs.
    monkeypatch.setattr(legal_selectors, "RECHECK_SECONDS", 3600.0)
    _queries(scheme)
    few, n_few = _queries(scheme)
    generate(units=270, petitions=600, seed=7, year=2026, progress=lambda _text: None)
    _queries(scheme)
    many, n_many = _queries(scheme)
    assert n_few == 11 and n_many >= 200
    assert many == few, (few, many)
    assert many <= 45  # a few GROUP BY queries per figures module read, whatever the units
