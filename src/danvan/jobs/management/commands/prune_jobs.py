"""``danvan prune_jobs [--days 30]``: forget finished long jobs and their result files (run daily from cron)."""

from __future__ import annotations

from django.conf import settings
from django.core.management.base import BaseCommand

from danvan.jobs import services


class Command(BaseCommand):
    help = "Xóa các việc chạy nền đã kết thúc lâu hơn số ngày cho trước, cùng tệp kết quả của chúng."

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--days",
            type=int,
            default=settings.DANVAN_JOB_KEEP_DAYS,
            help="Giữ lại các việc kết thúc trong chừng ấy ngày gần nhất (mặc định: DANVAN_JOB_KEEP_DAYS).",
        )

    def handle(self, *args, days: int, **options) -> None:
        removed = services.prune(older_than_days=max(days, 0))
        self.stdout.write(f"Đã xóa {removed} việc chạy nền kết thúc quá {days} ngày.")
