from django.db import migrations

from danvan.org.search import trigram_index


class Migration(migrations.Migration):
    dependencies = [("org", "0001_initial")]

    operations = [trigram_index("org_unit"), trigram_index("org_staff")]
