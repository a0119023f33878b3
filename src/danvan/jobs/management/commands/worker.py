"""``danvan worker``: run background tasks (e-mails of notifications, long jobs) from the database queue.

One command for the one worker most offices need; it is the django-tasks-db worker over every
queue. Several workers may run at once (each task is claimed with SKIP LOCKED on PostgreSQL, and
every task of danvan claims its own rows again), or use Redis with RQ (docs/deployment.md).

While it runs, a thread writes the worker's heartbeat (``jobs.WorkerBeat``) every few seconds, so
that the page of a waiting job can say that no worker runs instead of waiting for ever.
"""

from __future__ import annotations

import threading

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import connection
from django.utils.crypto import get_random_string

from danvan.jobs import services

BEAT_SECONDS = 5.0


def _beat_until(stop: threading.Event, worker_id: str) -> None:
    try:
        while True:
            services.beat(worker_id)
            if stop.wait(BEAT_SECONDS):
                break
        services.forget_worker(worker_id)
    finally:
        connection.close()  # this thread's own connection


class Command(BaseCommand):
    help = "Chạy tiến trình nền (gửi thư thông báo, việc dài) lấy việc từ hàng đợi trong cơ sở dữ liệu."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--batch", action="store_true", help="Làm hết việc đang chờ rồi dừng.")
        parser.add_argument("--interval", type=float, default=1.0, help="Số giây chờ khi hàng đợi trống.")

    def handle(self, *args, batch: bool = False, interval: float = 1.0, **options) -> None:
        worker_id = f"danvan-{get_random_string(12)}"
        stop = threading.Event()
        beat = threading.Thread(target=_beat_until, args=(stop, worker_id), name="danvan-heartbeat", daemon=True)
        beat.start()
        try:
            call_command(
                "db_worker",
                queue_name="*",
                batch=batch,
                interval=interval,
                reload=False,
                worker_id=worker_id,
                verbosity=options.get("verbosity", 1),
            )
        finally:
            stop.set()
            beat.join(BEAT_SECONDS * 2)
