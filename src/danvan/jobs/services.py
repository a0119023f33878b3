"""Every write of jobs: start one, report its progress, run it (in the worker), the worker's heartbeat.

A kind of job (``registry.kind``) reads and computes outside any transaction and reports each step
with :class:`Progress`; what it writes to the database it writes in one transaction of its own, so a
failure leaves nothing half-written and the page never waits on a transaction to see the progress.
"""

from __future__ import annotations

import logging
import time
from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import OperationalError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from danvan.core.vntext import UnstorableText
from danvan.jobs import registry
from danvan.jobs.models import Job, State, WorkerBeat
from danvan.notifications.models import Kind
from danvan.notifications.services import notify
from danvan.org.audit import unstorable_message
from danvan.org.models import Staff

log = logging.getLogger(__name__)

#: How many step messages a job keeps (a loop over a thousand units keeps its last ones).
KEPT_STEPS = 30


class JobError(Exception):
    """A job cannot go on; its message (Vietnamese, says what to do) is shown on the job's page."""


def start(*, actor: Staff, kind: str, title: str, params: dict[str, Any], back_url: str = "") -> Job:
    """Record the job and queue it once the current transaction commits (the view checked the permission;
    the job checks it again when it runs)."""
    if registry.runner(kind) is None:
        raise ValueError(f"unknown job kind {kind!r}")
    params = {**params, "_language": translation.get_language() or "vi"}
    with transaction.atomic():
        job = Job.objects.create(
            started_by=actor,
            kind=kind,
            title=title[:255],
            params=params,
            back_url=back_url[:300],
            message=_("Đang chờ tiến trình nền nhận việc."),
        )
    transaction.on_commit(lambda: _enqueue(job.pk))
    return job


def _enqueue(job_id: int) -> None:
    from danvan.jobs import tasks

    try:
        tasks.run_job.enqueue(job_id)
    except Exception:  # the queue itself is down: say so on the page rather than wait for ever
        log.exception("queueing job %s failed", job_id)
        _finish_failed(
            job_id,
            _(
                "Không đưa được việc vào hàng đợi của tiến trình nền. Hãy thử lại sau ít phút "
                "hoặc báo quản trị hệ thống."
            ),
        )


class Progress:
    """``progress(done, total, message)``: how far the job has got, written for the page to read.

    A step of a short loop (one unit's sheet among hundreds) is written at most every
    ``MIN_INTERVAL`` seconds; the first and last steps and a change of the total always are.
    """

    MIN_INTERVAL = 0.5

    def __init__(self, job: Job) -> None:
        self.job = job
        self.steps: list[str] = list(job.steps or [])
        self._written_at = 0.0

    def __call__(self, done: int, total: int, message: str) -> None:
        total = max(int(total), 1)
        done = max(0, min(int(done), total))
        if not self.steps or self.steps[-1] != message:
            self.steps = [*self.steps, message][-KEPT_STEPS:]
        changed_total = total != self.job.total
        self.job.done, self.job.total, self.job.message, self.job.steps = done, total, message[:255], self.steps
        now = time.monotonic()
        if changed_total or done <= 1 or done >= total - 1 or now - self._written_at >= self.MIN_INTERVAL:
            self._written_at = now
            Job.objects.filter(pk=self.job.pk).update(done=done, total=total, message=message[:255], steps=self.steps)


def _claim(job_id: int) -> Job | None:
    won = Job.objects.filter(pk=job_id, state=State.QUEUED).update(
        state=State.RUNNING, started_at=timezone.now(), message=_("Đã bắt đầu.")
    )
    if not won:
        return None
    return Job.objects.select_related("started_by").get(pk=job_id)


def run(job_id: int) -> str:
    """Do a queued job (called by the worker's task). A job is done once: a second run finds it taken."""
    job = _claim(job_id)
    if job is None:
        return "taken"
    runner = registry.runner(job.kind)
    language = job.params.get("_language") or "vi"
    with translation.override(language):
        try:
            if runner is None:
                raise JobError(_("danvan không còn làm loại việc này. Hãy bắt đầu lại từ trang của nó."))
            outcome = runner(job, Progress(job))
        except (ValidationError, PermissionDenied, JobError, UnstorableText) as exc:
            if isinstance(exc, ValidationError):
                message = " ".join(exc.messages)
            elif isinstance(exc, UnstorableText):
                message = unstorable_message(exc)
            else:
                message = str(exc)
            _fail(job, message or _("Việc không làm được."))
            return "failed"
        except Exception:
            log.exception("job %s (%s) failed", job.pk, job.kind)
            _fail(
                job,
                _(
                    "Có lỗi ngoài dự kiến khi làm việc này; không có gì được ghi. Hãy thử lại, nếu vẫn lỗi "
                    "hãy báo quản trị hệ thống."
                ),
            )
            return "failed"
        _succeed(job, outcome)
    return "done"


def _succeed(job: Job, outcome: registry.Outcome) -> None:
    if outcome.content is not None:
        job.result.save(outcome.filename or "ket-qua", ContentFile(outcome.content), save=False)
        job.result_name = outcome.filename[:200]
    job.result_url = outcome.url[:300]
    job.output = outcome.data or {}
    job.open_result = bool(outcome.open and outcome.url)
    job.result_label = outcome.label[:255]
    job.state = State.DONE
    job.done = job.total  # the steps and total as the job last reported them (Progress keeps them on ``job``)
    job.message = _("Đã xong.")
    job.finished_at = timezone.now()
    try:
        with transaction.atomic():
            job.save(
                update_fields=[
                    "output",
                    "open_result",
                    "steps",
                    "total",
                    "result",
                    "result_name",
                    "result_url",
                    "result_label",
                    "state",
                    "done",
                    "message",
                    "finished_at",
                ]
            )
            notify(
                recipients=[job.started_by],
                kind=Kind.JOB_DONE,
                key=f"job:{job.pk}:done",
                title=_("Đã xong: %(title)s") % {"title": job.title},
                body=outcome.label,
                url=job.get_absolute_url(),
                subject=job,
            )
    except Exception:
        if job.result:
            job.result.delete(save=False)
        raise


def _fail(job: Job, message: str) -> None:
    # The steps as far as the job got (the last ones may not have been written yet).
    Job.objects.filter(pk=job.pk).update(steps=job.steps, done=job.done, total=job.total)
    _finish_failed(job.pk, message)


def _finish_failed(job_id: int, message: str) -> None:
    job = Job.objects.select_related("started_by").get(pk=job_id)
    job.state, job.error, job.finished_at = State.FAILED, message, timezone.now()
    job.message = _("Không thành công.")
    with transaction.atomic():
        job.save(update_fields=["state", "error", "finished_at", "message"])
        notify(
            recipients=[job.started_by],
            kind=Kind.JOB_FAILED,
            key=f"job:{job.pk}:failed",
            title=_("Không thành công: %(title)s") % {"title": job.title},
            body=message,
            url=job.get_absolute_url(),
            subject=job,
        )


# --- the worker's heartbeat -----------------------------------------------------------------------


def beat(worker_id: str) -> None:
    """The worker is alive (called every few seconds by ``danvan worker``; a busy database is no error)."""
    try:
        WorkerBeat.objects.update_or_create(worker_id=worker_id[:64], defaults={"seen_at": timezone.now()})
    except OperationalError:  # SQLite held by a long write: the next beat will do
        log.debug("heartbeat skipped: database busy")


def forget_worker(worker_id: str) -> None:
    try:
        WorkerBeat.objects.filter(worker_id=worker_id[:64]).delete()
    except OperationalError:
        pass


# --- keeping the table and the files small ---------------------------------------------------------


def prune(*, older_than_days: int) -> int:
    """Forget finished jobs older than this, with their result files; the number of jobs removed.

    A job still queued or running is never removed; nor the notification that told of it (it only
    links to the job, whose page then answers that it no longer exists).
    """
    cutoff = timezone.now() - timedelta(days=older_than_days)
    old = Job.objects.filter(state__in=[State.DONE, State.FAILED], finished_at__lt=cutoff)
    removed = 0
    for job in old.only("pk", "result").iterator():
        if job.result:
            job.result.delete(save=False)
        removed += Job.objects.filter(pk=job.pk).delete()[0]
    return removed
