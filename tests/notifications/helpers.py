"""Running the background worker in tests: the real django-tasks-db worker loop, in threads."""

from __future__ import annotations

import threading

from django.db import connection, connections

from danvan.notifications import services


def run_worker(worker_id: str) -> None:
    from django_tasks_db.management.commands.db_worker import Worker

    try:
        Worker(queue_names=["*"], interval=0, batch=True, backend_name="default", startup_delay=False,
               max_tasks=None, worker_id=worker_id, excluded_queue_names=[]).run()
    finally:
        connections.close_all()


def run_workers(count: int = 2) -> None:
    """``count`` workers at once against the same database, until the queue is empty.

    On PostgreSQL the workers run in parallel threads, each with its own connection, so that they
    really compete for the same tasks and rows. SQLite's in-memory test database cannot take two
    writers at once (its shared cache locks whole tables), so there they run one after the other.
    """
    errors: list[BaseException] = []

    def target(i: int) -> None:
        try:
            run_worker(f"test-worker-{i}")
        except BaseException as exc:  # reported by the test
            errors.append(exc)

    if connection.vendor == "sqlite":
        for i in range(count):
            target(i)
    else:
        threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
    assert not errors, errors


def tick_twice() -> None:
    services.tick()
    services.tick()
