"""Reads of jobs shaped for pages: a job only for the person who started it (and administrators)."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.jobs.models import Job, State, WorkerBeat
from danvan.org import policy
from danvan.org.models import Staff


def job_for(user: Staff, pk: int) -> Job:
    """The job, or 404 for anyone but the person who started it and administrators (another person's job
    does not exist for them: its title names the record it works on)."""
    job = Job.objects.select_related("started_by").filter(pk=pk).first()
    if job is None or (job.started_by_id != user.pk and not policy.is_administrator(user)):
        raise Http404
    return job


def jobs_of(user: Staff, *, limit: int = 50) -> QuerySet[Job]:
    """My latest jobs (administrators: everyone's), newest first."""
    qs = Job.objects.select_related("started_by")
    if not policy.is_administrator(user):
        qs = qs.filter(started_by=user)
    return qs.order_by("-created_at", "-pk")[:limit]


def queue_has_worker() -> bool:
    """Whether jobs wait for ``danvan worker`` at all: the database queue does; the immediate backend of
    tests and demos runs them at once; another queue (Redis with RQ) has workers danvan cannot see."""
    backend = settings.TASKS.get("default", {}).get("BACKEND", "")
    return backend == "django_tasks_db.DatabaseBackend"


def worker_alive(now=None) -> bool:
    now = now or timezone.now()
    return WorkerBeat.objects.filter(seen_at__gte=now - timedelta(seconds=settings.DANVAN_WORKER_SILENT_AFTER)).exists()


def no_worker(job: Job, now=None) -> bool:
    """A job that waits longer than it should and no worker has given a sign of life: the page says so."""
    if job.finished or not queue_has_worker():
        return False
    now = now or timezone.now()
    since = job.started_at if job.state == State.RUNNING else job.created_at
    if since is None or now - since < timedelta(seconds=settings.DANVAN_JOB_WAIT_SECONDS):
        return False
    return not worker_alive(now)


def words(job: Job, *, stalled: bool) -> str:
    """The job's state as one sentence, read out by screen readers when it changes."""
    if job.state == State.DONE:
        return job.result_label or _("Đã xong.")
    if job.state == State.FAILED:
        return _("Không thành công: %(error)s") % {"error": job.error}
    if stalled and job.state == State.QUEUED:
        return _(
            "Việc đang chờ nhưng tiến trình nền (danvan worker) không chạy: việc sẽ bắt đầu khi tiến trình "
            "nền được khởi động. Hãy báo quản trị hệ thống."
        )
    if stalled:
        return _(
            "Tiến trình nền (danvan worker) đã ngừng khi việc đang chạy: không có gì được ghi dở dang; "
            "hãy báo quản trị hệ thống khởi động lại tiến trình nền rồi bắt đầu lại việc này."
        )
    if job.state == State.QUEUED:
        return _("Đang chờ tiến trình nền nhận việc.")
    return _("Đã làm %(done)s/%(total)s bước (%(percent)s%%). Đang làm: %(message)s") % {
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "message": job.message,
    }


def status(job: Job) -> dict[str, Any]:
    """What the page shows and its script polls (one query for the job, one for the heartbeat)."""
    stalled = no_worker(job)
    return {
        "state": job.state,
        "state_label": job.get_state_display(),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "finished": job.finished,
        "stalled": stalled,
        "words": words(job, stalled=stalled),
    }
