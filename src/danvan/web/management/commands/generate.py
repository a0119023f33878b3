"""``danvan generate --units N --petitions M [--seed S] [--year Y]``: bulk realistic data on top of the demo.

See :mod:`danvan.datagen`. Progress goes to stderr, the summary to stdout.
"""

from __future__ import annotations

import time

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from danvan.datagen import generate, vn_number


class Command(BaseCommand):
    help = ("Sinh dữ liệu lớn, giống thực tế (đơn vị, cán bộ, đơn thư, tiếp công dân, kế hoạch, báo cáo) trên nền "
            "dữ liệu mẫu, để thử tải và đo hiệu năng. Chạy `danvan demo` trước.")

    def add_arguments(self, parser):
        parser.add_argument("--units", type=int, default=20, help="Số đơn vị (phường, phòng ban) thêm mới.")
        parser.add_argument("--petitions", type=int, default=1000, help="Số đơn thư thêm mới.")
        parser.add_argument("--seed", type=int, default=2026,
                            help="Hạt giống ngẫu nhiên (cùng hạt giống → cùng dữ liệu).")
        parser.add_argument("--year", type=int, default=None, help="Năm của dữ liệu (mặc định: năm nay).")
        parser.add_argument("--parent", default="tx-ubnd",
                            help="Mã đơn vị cấp trên của các đơn vị sinh ra (mặc định: tx-ubnd, quận Thanh Xuân mẫu).")
        parser.add_argument("--every", type=int, default=10_000, help="Báo tiến độ sau mỗi chừng này đơn.")

    def handle(self, *args, **options):
        started = time.monotonic()
        try:
            summary = generate(units=options["units"], petitions=options["petitions"], seed=options["seed"],
                               year=options["year"], parent_code=options["parent"], every=options["every"],
                               progress=lambda text: self.stderr.write(text))
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        for line in summary.lines():
            self.stdout.write(line)
        seconds = time.monotonic() - started
        rate = vn_number(round(summary.petitions / seconds)) if seconds else "0"
        self.stdout.write(self.style.SUCCESS(f"Xong trong {seconds:.1f} giây ({rate} đơn/giây)."))
