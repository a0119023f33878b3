"""Background work (Django's task API through the django-tasks backport; a database queue by default).

Every task is safe to run twice or in two workers at once: it claims its rows first.
"""

from __future__ import annotations

from datetime import date

from django_tasks import task

from danvan.notifications import services


@task()
def deliver(notification_ids: list[int]) -> int:
    """Send the immediate e-mails of these notifications."""
    return services.deliver(notification_ids)


@task()
def digest(staff_id: int, day: str) -> int:
    """Send one person's digest of the day."""
    return services.send_digest(staff_id=staff_id, day=date.fromisoformat(day))


@task()
def tick() -> str:
    """What ``danvan tick`` does, as a task (for a scheduler that enqueues rather than runs commands)."""
    return str(services.tick())
