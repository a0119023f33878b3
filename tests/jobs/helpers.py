"""Running long jobs in tests through the project's task backend (the django-tasks-db queue).

``post(client, url, data)`` posts a page's form as a browser does and lets the transaction's
on-commit hooks run (that is when a job is queued); ``run_queued()`` then takes every task waiting
in the database queue and runs it with the real worker's ``run_task``, in this thread and this
test's transaction (the worker's loop closes connections, which a test's transaction cannot take).
"""

from __future__ import annotations

from django.test import TestCase


def post(client, url: str, data: dict | None = None):
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(url, data or {})


def run_queued() -> int:
    from django_tasks_db.management.commands.db_worker import Worker
    from django_tasks_db.models import DBTaskResult

    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    )
    count = 0
    while True:
        with TestCase.captureOnCommitCallbacks(execute=True):  # a task may queue e-mails of notifications
            row = DBTaskResult.objects.ready().order_by("enqueued_at").first()
            if row is None:
                return count
            row.claim(worker.worker_id)
            worker.run_task(row)
        row.refresh_from_db()
        assert row.status == "SUCCESSFUL", row.traceback
        count += 1
