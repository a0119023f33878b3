"""Ship the yearly report template that Plan 307/KH-UBND implies (idempotent, data in catalogue.py)."""

from django.db import migrations


def install(apps, schema_editor):
    from danvan.reporting.catalogue import install as install_templates

    install_templates(apps.get_model("reporting", "ReportTemplate"), apps.get_model("reporting", "TemplateSection"),
                      apps.get_model("reporting", "TemplateIndicator"))


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]

    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
