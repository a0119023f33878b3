"""``danvan demo``: load the demo district (Thanh Xuân, Hà Nội) and each module's demo records.

Each app may have a ``demo`` module with ``load(out)``; they run in the order of
INSTALLED_APPS, so later modules build on the units and staff of ``org``. Every loader is
add-only: it creates the records that are missing and never changes, re-saves or adds history to a
row that exists, so running the command again leaves the database (history included) as it was.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from danvan.org.discovery import app_modules


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu: quận Thanh Xuân (Hà Nội) năm 2021, các phường kế thừa năm 2025 và tài khoản mẫu."

    def handle(self, *args, **options):
        for config, module in app_modules("demo"):
            self.stdout.write(f"· {config.verbose_name} …")
            with transaction.atomic():
                module.load(self.stdout)
        self.stdout.write(self.style.SUCCESS("Đã nạp xong dữ liệu mẫu."))
