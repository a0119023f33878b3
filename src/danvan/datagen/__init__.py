"""Bulk realistic data for load tests and benchmarks (``danvan generate``), apart from the web app.

:mod:`danvan.datagen.generator` draws the records (units, officers, petitions, reception,
plans, reports) with the functions the services use for every derived column;
:mod:`danvan.datagen.writer` loads them: ``COPY`` on PostgreSQL, ``bulk_create`` elsewhere.
"""

from danvan.datagen.generator import TEMPLATE_INDICATORS, Generator, Summary, generate, vn_number

__all__ = ["TEMPLATE_INDICATORS", "Generator", "Summary", "generate", "vn_number"]
