"""Notifications: what danvan tells a person (in the app, and by e-mail at once or in a daily digest).

Each notification has a unique ``key`` that says what it is about ("petition 12, overdue since
3/12, to user 7"): creating it twice — ``danvan tick`` run twice, two workers at once, an event
replayed — finds the row already there and sends nothing again. E-mail is claimed row by row with
a conditional update (``pending`` → ``sending``), which only one process can win on any database.

An overdue record climbs a ladder (the officer, then the unit head, then the leader); each step
is an :class:`Escalation` row, unique per record, deadline and step, shown on the record's page.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Kind(models.TextChoices):
    ASSIGNED = "assigned", _("Được giao xử lý đơn thư")
    DUE_SOON = "due_soon", _("Sắp đến hạn giải quyết")
    DUE_TODAY = "due_today", _("Đến hạn hôm nay")
    OVERDUE = "overdue", _("Quá hạn")
    ESCALATED = "escalated", _("Báo cáo vượt cấp: hồ sơ quá hạn")
    REPORT_DUE = "report_due", _("Báo cáo sắp đến hạn nộp")
    REPORT_RETURNED = "report_returned", _("Báo cáo bị trả lại")
    REPORT_ACCEPTED = "report_accepted", _("Báo cáo đã được tiếp nhận")
    TASK_DUE = "task_due", _("Nhiệm vụ kế hoạch sắp đến hạn")
    COMMITMENT_DUE = "commitment_due", _("Cam kết tại đối thoại sắp đến hạn")
    JOB_DONE = "job_done", _("Việc chạy nền đã xong")
    JOB_FAILED = "job_failed", _("Việc chạy nền không thành công")


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("Gửi thư điện tử ngay khi có thông báo")
    DIGEST = "digest", _("Gửi một thư tổng hợp mỗi ngày")
    NONE = "none", _("Không gửi thư, chỉ xem trong danvan")


class EmailState(models.TextChoices):
    PENDING = "pending", _("Chờ gửi thư")
    DIGEST = "digest", _("Chờ thư tổng hợp trong ngày")
    SENDING = "sending", _("Đang gửi thư")
    SENT = "sent", _("Đã gửi thư")
    NONE = "none", _("Không gửi thư")
    FAILED = "failed", _("Gửi thư không thành công")


class Step(models.TextChoices):
    """The escalation ladder of an overdue record, in order."""

    OFFICER = "officer", _("Cán bộ xử lý")
    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị xử lý")
    LEADER = "leader", _("Lãnh đạo UBND")


STEP_ORDER = [Step.OFFICER, Step.UNIT_HEAD, Step.LEADER]


class Notification(models.Model):
    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhận"), on_delete=models.CASCADE,
                                  related_name="notifications")
    kind = models.CharField(_("loại thông báo"), max_length=20, choices=Kind.choices)
    key = models.CharField(max_length=200, unique=True, editable=False)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    subject_type = models.ForeignKey("contenttypes.ContentType", null=True, blank=True, on_delete=models.CASCADE,
                                     related_name="+")
    subject_id = models.PositiveBigIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)
    email_state = models.CharField(_("thư điện tử"), max_length=10, choices=EmailState.choices,
                                   default=EmailState.PENDING)
    emailed_at = models.DateTimeField(_("gửi thư lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["recipient", "read_at"], name="notification_unread"),
            models.Index(fields=["email_state"], condition=models.Q(email_state__in=["pending", "digest"]),
                         name="notification_mail_waiting"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class Preference(models.Model):
    """How a person wants to be told by e-mail (absent row: at once)."""

    staff = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                 related_name="notification_preference")
    email_mode = models.CharField(_("nhận thư điện tử"), max_length=10, choices=EmailMode.choices,
                                  default=EmailMode.IMMEDIATE)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("cách nhận thông báo")
        verbose_name_plural = _("cách nhận thông báo")

    def __str__(self) -> str:
        return self.get_email_mode_display()


class Escalation(models.Model):
    """One step of the ladder taken for an overdue record (once per record, deadline and step)."""

    subject_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    subject_id = models.PositiveBigIntegerField()
    due = models.DateField(_("hạn"))
    step = models.CharField(_("bậc"), max_length=20, choices=Step.choices)
    days_over = models.PositiveSmallIntegerField(_("số ngày làm việc quá hạn"), default=0)
    recipients = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("người được báo"),
                                        related_name="+")
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("bậc báo quá hạn")
        verbose_name_plural = _("bậc báo quá hạn")
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["subject_type", "subject_id", "due", "step"],
                                               name="escalation_once_per_step")]
        indexes = [models.Index(fields=["subject_type", "subject_id"], name="escalation_subject")]

    def __str__(self) -> str:
        return self.get_step_display()


class DigestRun(models.Model):
    """The daily digest sent to one person on one day (unique: two workers never send it twice)."""

    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    count = models.PositiveIntegerField(default=0)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["staff", "day"], name="digest_once_a_day")]

    def __str__(self) -> str:
        return f"{self.day:%d/%m/%Y}"
