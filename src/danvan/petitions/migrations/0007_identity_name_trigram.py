"""Trigram (pg_trgm GIN) index on petitioners' folded names, for the list's name search; nothing on SQLite."""

from django.db import migrations

from danvan.org.search import trigram_index


class Migration(migrations.Migration):
    dependencies = [("petitions", "0006_identity_name_key")]

    operations = [trigram_index("petitions_petitioneridentity", "name_key")]
