"""Diacritics-insensitive search, fast on PostgreSQL and correct on SQLite.

Every searchable model keeps a folded ``search_key`` column (danvan.core.vntext.fold) and filters
it with ``search_key__contains=word`` for each word typed. On PostgreSQL a trigram GIN index
(pg_trgm) serves those ``LIKE '%word%'`` filters without scanning the table; SQLite has no such
index and scans, which is fine at the size of one commune's or district's data.

:func:`trigram_index` gives the migration operations; they do nothing on other databases.
"""

from __future__ import annotations

from django.db import migrations


def trigram_index(table: str, column: str = "search_key") -> migrations.RunPython:
    """A migration operation creating (and on reverse dropping) a pg_trgm GIN index on PostgreSQL only."""
    name = f"{table}_{column}_trgm"[:63]

    def forwards(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" USING gin ("{column}" gin_trgm_ops)')

    def backwards(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')

    return migrations.RunPython(forwards, backwards, elidable=False)
