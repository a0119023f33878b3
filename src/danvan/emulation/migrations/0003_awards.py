"""The shipped titles and forms of commendation (rows an administrator may edit later)."""

from django.db import migrations


def install(apps, schema_editor):
    from danvan.emulation.services import AWARDS

    Award = apps.get_model("emulation", "Award")
    for order, (code, name, kind, collective, authority, capped) in enumerate(AWARDS, 1):
        Award.objects.get_or_create(code=code, defaults={
            "name": name, "kind": kind, "collective": collective, "authority": authority, "capped": capped,
            "order": order})


class Migration(migrations.Migration):
    dependencies = [("emulation", "0002_commendation")]
    operations = [migrations.RunPython(install, migrations.RunPython.noop)]
