"""Demo jobs: the coordinator's import of Plan 307, finished, so that the list and a job's page show.

Add-only like every demo: the job is found by who started it, its kind and its title, and created
only when missing. The plan is the plans demo's own (looked up through the app registry: this app
sits below plans and never imports it). A demo job carries no file: files are made by the worker.
"""

from __future__ import annotations

from datetime import timedelta
from typing import IO

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from danvan.jobs.models import Job, State
from danvan.org.models import Staff


@transaction.atomic
def load(out: IO[str]) -> None:
    noivu = Staff.objects.filter(username="noivu").first()
    Plan = apps.get_model("plans", "Plan")
    plan = Plan.objects.filter(full_number="307/KH-UBND").first()
    if noivu is None or plan is None:
        return
    title = "Lưu kế hoạch 307/KH-UBND nhập từ tệp"
    if Job.objects.filter(started_by=noivu, kind="plans.import", title=title).exists():
        out.write("Việc chạy nền mẫu: thêm 0.\n")
        return
    tasks = plan.tasks.count()
    units = plan.tasks.values("lead_unit").distinct().count()
    label = f"Đã lưu kế hoạch 307/KH-UBND: {tasks} nhiệm vụ đã giao cho {units} đơn vị."
    now = timezone.now()
    Job.objects.create(
        started_by=noivu,
        kind="plans.import",
        title=title,
        params={"demo": True},
        state=State.DONE,
        done=3,
        total=3,
        message="Đã xong.",
        result_url=plan.get_absolute_url(),
        result_label=label,
        steps=[
            f"Đọc kế hoạch đã xem trước: {plan.items.count()} mục.",
            "Ghi kế hoạch, đơn vị được giao và nhiệm vụ vào cơ sở dữ liệu trong một lần ghi (có lỗi thì không ghi gì).",
            label,
        ],
        started_at=now - timedelta(seconds=4),
        finished_at=now,
    )
    out.write("Việc chạy nền mẫu: thêm 1.\n")
