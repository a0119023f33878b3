"""``danvan worker``: run background tasks (e-mails of notifications, long jobs) from the database queue.

One command for the one worker most offices need; it is the django-tasks-db worker over every
queue. Several workers may run at once (each task is claimed with SKIP LOCKED on PostgreSQL, and
every task of danvan claims its own rows again), or use Redis with RQ (docs/deployment.md).
"""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Chạy tiến trình nền (gửi thư thông báo, việc dài) lấy việc từ hàng đợi trong cơ sở dữ liệu."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", action="store_true", help="Làm hết việc đang chờ rồi dừng.")
        parser.add_argument("--interval", type=float, default=1.0, help="Số giây chờ khi hàng đợi trống.")

    def handle(self, *args, batch: bool = False, interval: float = 1.0, **options) -> None:
        call_command("db_worker", queue_name="*", batch=batch, interval=interval, reload=False,
                     verbosity=options.get("verbosity", 1))
