"""The one task of long jobs: do job N (which kind of work it is, the job's row says)."""

from __future__ import annotations

from django_tasks import task

from danvan.jobs import services


@task()
def run_job(job_id: int) -> str:
    return services.run(job_id)
