"""Long jobs started from a page (a plan import, a consolidation, a bulk export) and the worker's heartbeat.

A :class:`Job` says who started what, how far it has got (``done`` of ``total`` steps and the
words of the step), and what came of it: a result file served only to the person who started it
(and administrators), a link to the record it made, or the error in Vietnamese. The work itself
runs as a task of Django's task API (``tasks.run_job``) in ``danvan worker``.

:class:`WorkerBeat` is written by each running ``danvan worker`` every few seconds, so a page can
say that nobody is taking jobs from the queue instead of waiting for ever.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class State(models.TextChoices):
    QUEUED = "queued", _("Đang chờ tiến trình nền nhận việc")
    RUNNING = "running", _("Đang chạy")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Không thành công")


FINISHED = (State.DONE, State.FAILED)


class Job(models.Model):
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người yêu cầu"), on_delete=models.CASCADE, related_name="jobs"
    )
    kind = models.CharField(_("loại việc"), max_length=60)
    title = models.CharField(_("việc"), max_length=255)
    params = models.JSONField(default=dict, blank=True)
    state = models.CharField(_("tình trạng"), max_length=10, choices=State.choices, default=State.QUEUED)
    done = models.PositiveIntegerField(_("đã làm"), default=0)
    total = models.PositiveIntegerField(_("tổng số bước"), default=1)
    message = models.CharField(_("đang làm"), max_length=255, blank=True)
    steps = models.JSONField(_("các bước đã làm"), default=list, blank=True)
    result = models.FileField(_("tệp kết quả"), upload_to="viec-nen/%Y/%m/", blank=True, max_length=300)
    result_name = models.CharField(_("tên tệp kết quả"), max_length=200, blank=True)
    result_url = models.CharField(_("đường dẫn kết quả"), max_length=300, blank=True)
    result_label = models.CharField(_("kết quả"), max_length=255, blank=True)
    output = models.JSONField(_("dữ liệu kết quả"), default=dict, blank=True)  # for the page that shows the result
    open_result = models.BooleanField(_("mở kết quả khi xong"), default=False)
    error = models.TextField(_("lỗi"), blank=True)
    back_url = models.CharField(_("trang đã bắt đầu việc"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("bắt đầu yêu cầu lúc"), auto_now_add=True, db_index=True)
    started_at = models.DateTimeField(_("bắt đầu chạy lúc"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("việc chạy nền")
        verbose_name_plural = _("việc chạy nền")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["started_by", "-created_at"], name="job_mine")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("jobs:detail", args=[self.pk])

    @property
    def finished(self) -> bool:
        return self.state in FINISHED

    @property
    def percent(self) -> int:
        if self.state == State.DONE:
            return 100
        return min(100, round(100 * self.done / self.total)) if self.total else 0


class WorkerBeat(models.Model):
    """The last sign of life of one ``danvan worker`` process."""

    worker_id = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField(db_index=True)

    class Meta:
        verbose_name = _("tiến trình nền")
        verbose_name_plural = _("tiến trình nền")

    def __str__(self) -> str:
        return self.worker_id
