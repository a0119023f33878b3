"""Trigram indexes on the folded search columns: present on PostgreSQL, absent (and harmless) on SQLite."""

from __future__ import annotations

import pytest
from django.db import connection

from danvan.petitions.models import Petition
from danvan.reception.models import Dialogue, ReceptionEntry

INDEXES = [(Petition, "search_key"), (ReceptionEntry, "search_key"), (ReceptionEntry, "content_key"),
           (Dialogue, "search_key")]


@pytest.mark.django_db
@pytest.mark.parametrize(("model", "column"), INDEXES)
def test_trigram_index_only_on_postgresql(model, column):
    table = model._meta.db_table
    name = f"{table}_{column}_trgm"
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, table)
    if connection.vendor == "postgresql":
        assert name in constraints, sorted(constraints)
        assert constraints[name]["columns"] == [column]
        with connection.cursor() as cursor:
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [name])
            assert "gin_trgm_ops" in cursor.fetchone()[0]
    else:
        assert name not in constraints
