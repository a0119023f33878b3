"""``danvan tick``: find what is due today and tell each person once (for cron or a systemd timer).

Running it twice, or at the same time on two machines, sends nothing twice: every notification
has a unique key in the database. E-mails go out through the worker (``danvan worker``).
"""

from __future__ import annotations

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from danvan.notifications import services
from danvan.org import clock


class Command(BaseCommand):
    help = "Tìm việc đến hạn, quá hạn và gửi thông báo (mỗi thông báo một lần). Chạy định kỳ bằng cron/systemd."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--ngay", dest="day", default="",
                            help="Chạy như thể hôm nay là ngày này (YYYY-MM-DD), để thử.")

    def handle(self, *args, day: str = "", **options) -> None:
        if day:
            try:
                clock.freeze(date.fromisoformat(day))
            except ValueError as exc:
                raise CommandError("Ngày phải viết dạng YYYY-MM-DD, ví dụ 2026-12-01.") from exc
        result = services.tick()
        self.stdout.write(str(result))
