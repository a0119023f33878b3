"""``danvan backup [--to DIR]``: the database and the uploaded files, with a checksum manifest.

See :mod:`danvan.ops.backup`.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from danvan.ops.backup import backup


class Command(BaseCommand):
    help = "Sao lưu cơ sở dữ liệu và tệp đính kèm vào một thư mục, kèm danh mục mã kiểm tra SHA-256."

    def add_arguments(self, parser):
        parser.add_argument("--to", default=None,
                            help="Thư mục chứa bản sao lưu (mặc định: var/backups trong thư mục dữ liệu).")

    def handle(self, *args, **options):
        dest = Path(options["to"]) if options["to"] else Path(settings.DATA_DIR) / "backups"
        try:
            result = backup(dest, progress=lambda text: self.stderr.write(text))
        except (ValidationError, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(
            f"Đã sao lưu vào {result.folder} ({result.files} tệp, {result.bytes / 1_000_000:.1f} MB)."))
