"""Trigram (pg_trgm GIN) index on the folded search column of cases; nothing on SQLite (see danvan.org.search)."""

from django.db import migrations

from danvan.org.search import trigram_index


class Migration(migrations.Migration):
    dependencies = [("petitions", "0002_seed_fields"), ("org", "0002_search_indexes")]

    operations = [trigram_index("petitions_petition")]
