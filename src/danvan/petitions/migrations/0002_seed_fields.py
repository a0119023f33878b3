"""Seed the petition fields named by the plan (an editable table: later edits are kept)."""

from django.db import migrations

FIELDS = [
    ("an-sinh-xa-hoi", "An sinh xã hội", True, 15),
    ("boi-thuong-gpmb", "Bồi thường, giải phóng mặt bằng", True, 30),
    ("phong-chong-dich-benh", "Phòng, chống dịch bệnh", True, 10),
    ("dat-dai", "Đất đai", False, 30),
    ("moi-truong", "Môi trường", True, 15),
    ("trat-tu-do-thi", "Trật tự đô thị", True, 10),
    ("thu-tuc-hanh-chinh", "Thủ tục hành chính", False, 10),
    ("khac", "Khác", False, 15),
]


def seed(apps, schema_editor):
    Field = apps.get_model("petitions", "Field")
    for order, (code, name, evidence, days) in enumerate(FIELDS, start=1):
        Field.objects.get_or_create(code=code, defaults={
            "name": name, "evidence_required": evidence, "resolve_days": days, "order": order})


class Migration(migrations.Migration):
    dependencies = [("petitions", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
