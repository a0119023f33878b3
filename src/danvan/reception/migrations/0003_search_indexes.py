"""Trigram (pg_trgm GIN) indexes on the folded search columns; nothing on SQLite (see danvan.org.search)."""

from django.db import migrations

from danvan.org.search import trigram_index


class Migration(migrations.Migration):
    dependencies = [("reception", "0002_entry_identity_view"), ("org", "0002_search_indexes")]

    # content_key is what others search a denunciation line on (the identity left out).
    operations = [trigram_index("reception_receptionentry"), trigram_index("reception_receptionentry", "content_key"),
                  trigram_index("reception_dialogue")]
