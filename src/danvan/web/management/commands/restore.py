"""``danvan restore FOLDER``: check a backup's checksums, then load its database and files.

See :mod:`danvan.ops.backup`. Replaces the configured database's content.
"""

from __future__ import annotations

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from danvan.ops.backup import restore, verify


class Command(BaseCommand):
    help = ("Khôi phục một bản sao lưu của danvan (kiểm tra mã SHA-256 của mọi tệp trước). "
            "Dữ liệu hiện có trong cơ sở dữ liệu được thay bằng dữ liệu của bản sao lưu.")

    def add_arguments(self, parser):
        parser.add_argument("folder", help="Thư mục bản sao lưu (có tệp manifest.json).")
        parser.add_argument("--check", action="store_true", help="Chỉ kiểm tra bản sao lưu, không khôi phục.")

    def handle(self, *args, **options):
        folder = Path(options["folder"])
        try:
            if options["check"]:
                manifest = verify(folder)
                self.stdout.write(self.style.SUCCESS(f"Bản sao lưu nguyên vẹn ({len(manifest['files'])} tệp)."))
                return
            manifest = restore(folder, progress=lambda text: self.stderr.write(text))
        except (ValidationError, OSError) as exc:
            raise CommandError(" ".join(getattr(exc, "messages", [str(exc)]))) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Đã khôi phục bản sao lưu ngày {manifest['created_at'][:10]} ({len(manifest['files'])} tệp)."))
