from django.db import migrations

from danvan.org.search import trigram_index


class Migration(migrations.Migration):
    dependencies = [("documents", "0002_registry_editing"), ("org", "0002_search_indexes")]

    operations = [trigram_index("documents_document", "search_text")]
