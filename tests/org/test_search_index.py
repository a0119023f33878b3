"""On PostgreSQL, unit and staff search is served by trigram indexes; elsewhere nothing is created."""

from __future__ import annotations

import pytest
from django.db import connection


@pytest.mark.django_db
def test_trigram_indexes_exist_on_postgresql_only():
    with connection.cursor() as cursor:
        if connection.vendor != "postgresql":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND name LIKE '%trgm%'")
            assert cursor.fetchall() == []
            return
        cursor.execute("SELECT indexname FROM pg_indexes WHERE indexname LIKE '%%_trgm'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"org_unit_search_key_trgm", "org_staff_search_key_trgm", "documents_document_search_text_trgm"} <= names
