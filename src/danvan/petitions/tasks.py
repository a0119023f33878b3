"""Background work of petitions (Django's task API; the database queue by default, run by ``danvan worker``)."""

from __future__ import annotations

from django_tasks import task

from danvan.petitions.services import handling


@task()
def suggest_links(petition_id: int) -> int:
    """Suggest the earlier cases of a case filed through the public form (safe to run twice)."""
    return handling.suggest_links_later(petition_id=petition_id)
