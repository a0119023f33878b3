"""Citizens' petitions: complaints, denunciations, recommendations and feedback as tracked cases.

Design choices that the law drives:

- The petitioner's identity is a separate record (:class:`PetitionerIdentity`) so that a
  denouncer's identity can be kept away from everyone except the handling officer and the head of
  the handling unit (Law on Denunciations arts. 8, 47); the case itself never copies a name.
- Every legal milestone is computed by the deadline engine when the case changes and *stored*
  (indexed date columns plus the rule id and its Vietnamese explanation), so lists filter and sort
  on columns; ``next_due`` is the milestone that currently runs, and "overdue" is simply
  ``next_due < today`` on an open case — nothing stale to refresh at midnight.
- The citizen tracks the case with a code and a secret; only a salted hash of the secret is kept.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.vntext import fold
from danvan.org import clock
from danvan.org.keptfigures import FigureRow, KeepsFigures
from danvan.org.models import Unit


class Field(models.Model):
    """A field of petitions (an editable table: administrators add or rename fields)."""

    code = models.SlugField(_("mã lĩnh vực"), max_length=60, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=150)
    evidence_required = models.BooleanField(
        _("bắt buộc minh chứng khi kết thúc"), default=False,
        help_text=_("Khi đóng hồ sơ phải đính kèm ảnh hoặc tài liệu chứng minh kết quả xử lý."),
    )
    resolve_days = models.PositiveSmallIntegerField(
        _("thời hạn trả lời kiến nghị, phản ánh (ngày làm việc)"), default=15,
        help_text=_("Kiến nghị, phản ánh không có thời hạn chung theo luật: đơn vị tự đặt theo lĩnh vực."),
    )
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("lĩnh vực đơn thư")
        verbose_name_plural = _("lĩnh vực đơn thư")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Kind(models.TextChoices):
    COMPLAINT_FIRST = "complaint_first", _("Khiếu nại lần đầu")
    COMPLAINT_SECOND = "complaint_second", _("Khiếu nại lần hai")
    DENUNCIATION = "denunciation", _("Tố cáo")
    RECOMMENDATION = "recommendation", _("Kiến nghị")
    FEEDBACK = "feedback", _("Phản ánh")


COMPLAINT_KINDS = {Kind.COMPLAINT_FIRST, Kind.COMPLAINT_SECOND}
PUBLIC_KINDS = {Kind.RECOMMENDATION, Kind.FEEDBACK}


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("Trực tiếp tại nơi tiếp công dân")
    WEB = "web", _("Cổng thông tin điện tử")
    POST = "post", _("Bưu chính")
    HOTLINE = "hotline", _("Đường dây nóng")
    EMAIL = "email", _("Thư điện tử")
    FORWARDED = "forwarded", _("Cơ quan khác chuyển đến")
    APP = "app", _("Ứng dụng")


class Status(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    TRIAGED = "triaged", _("Đã phân loại")
    ACCEPTED = "accepted", _("Đã thụ lý")
    VERIFYING = "verifying", _("Đang xác minh")
    DIALOGUE = "dialogue", _("Đang đối thoại")
    SUSPENDED = "suspended", _("Tạm đình chỉ")
    RESOLVED = "resolved", _("Đã giải quyết, trả lời")
    CONCLUDED = "concluded", _("Đã kết luận")
    NOTIFIED = "notified", _("Đã thông báo kết quả")
    CLOSED = "closed", _("Đã kết thúc")
    FORWARDED = "forwarded", _("Đã chuyển cơ quan có thẩm quyền")
    GUIDED = "guided", _("Đã hướng dẫn công dân")
    ARCHIVED = "archived", _("Lưu đơn, không xử lý")
    WITHDRAWN = "withdrawn", _("Công dân rút đơn")
    APPEALED = "appealed", _("Đã khiếu nại lần hai")


OPEN_STATUSES = (Status.RECEIVED, Status.TRIAGED, Status.ACCEPTED, Status.VERIFYING, Status.DIALOGUE,
                 Status.SUSPENDED, Status.RESOLVED, Status.CONCLUDED)
DONE_STATUSES = (Status.RESOLVED, Status.CONCLUDED, Status.NOTIFIED, Status.CLOSED, Status.APPEALED)


class PublicStatus(models.TextChoices):
    """What the citizen sees: not fixed is not the same as resolved, so 'answered' ≠ 'closed'."""

    RECEIVED = "received", _("Đã tiếp nhận")
    PROCESSING = "processing", _("Đang xử lý")
    ANSWERED = "answered", _("Đã có trả lời")
    CLOSED = "closed", _("Đã kết thúc")


PUBLIC_STATUS = {
    Status.RECEIVED: PublicStatus.RECEIVED, Status.TRIAGED: PublicStatus.RECEIVED,
    Status.ACCEPTED: PublicStatus.PROCESSING, Status.VERIFYING: PublicStatus.PROCESSING,
    Status.DIALOGUE: PublicStatus.PROCESSING, Status.SUSPENDED: PublicStatus.PROCESSING,
    Status.RESOLVED: PublicStatus.ANSWERED, Status.CONCLUDED: PublicStatus.ANSWERED,
    Status.NOTIFIED: PublicStatus.ANSWERED, Status.FORWARDED: PublicStatus.ANSWERED,
    Status.GUIDED: PublicStatus.ANSWERED, Status.ARCHIVED: PublicStatus.CLOSED,
    Status.CLOSED: PublicStatus.CLOSED, Status.WITHDRAWN: PublicStatus.CLOSED,
    Status.APPEALED: PublicStatus.CLOSED,
}


class TriageReason(models.TextChoices):
    """Reasons to archive a petition, each from the law (shown in the non-acceptance notice)."""

    NOT_SIGNED = "not_signed", _("Đơn khiếu nại không có chữ ký hoặc điểm chỉ của người khiếu nại "
                                 "(Điều 8 Luật Khiếu nại 2011)")
    ANONYMOUS = "anonymous", _("Tố cáo nặc danh, không rõ họ tên, địa chỉ người tố cáo "
                               "(Điều 25 Luật Tố cáo 2018)")
    OUT_OF_TIME = "out_of_time", _("Hết thời hiệu khiếu nại mà không có lý do chính đáng "
                                   "(Điều 9, khoản 6 Điều 11 Luật Khiếu nại 2011)")
    ALREADY_RESOLVED = "already_resolved", _("Việc đã được giải quyết bằng quyết định có hiệu lực pháp luật "
                                             "(khoản 5 Điều 11 Luật Khiếu nại 2011)")
    NOT_CONCERNED = "not_concerned", _("Quyết định, hành vi bị khiếu nại không liên quan trực tiếp đến "
                                       "quyền, lợi ích hợp pháp của người khiếu nại (khoản 1 Điều 11 Luật Khiếu nại)")
    IN_COURT = "in_court", _("Việc đã được Tòa án thụ lý hoặc giải quyết (khoản 10 Điều 11 Luật Khiếu nại 2011)")
    DUPLICATE = "duplicate", _("Đơn trùng nội dung đã được tiếp nhận, đang giải quyết")


class Outcome(models.TextChoices):
    FIXED = "fixed", _("Đã khắc phục, đáp ứng yêu cầu")
    PARTLY = "partly", _("Đáp ứng một phần")
    EXPLAINED = "explained", _("Đã giải thích, không có cơ sở đáp ứng")
    UNFOUNDED = "unfounded", _("Không đúng (tố cáo sai)")


def _hash_secret(salt: str, secret: str) -> str:
    return hashlib.sha256(f"{salt}:{secret}".encode()).hexdigest()


class PetitionQuerySet(models.QuerySet):
    def open(self) -> PetitionQuerySet:
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None) -> PetitionQuerySet:
        today = today or clock.today()
        return self.filter(status__in=OPEN_STATUSES, next_due__lt=today)

    def search(self, query: str) -> PetitionQuerySet:
        qs = self
        for word in fold(query).split():
            qs = qs.filter(search_key__contains=word)
        return qs


class Petition(KeepsFigures):
    """One citizen's matter (đơn thư), from intake to closing."""

    code = models.CharField(_("mã tra cứu"), max_length=20, unique=True, editable=False)
    secret_hash = models.CharField(max_length=100, editable=False, default="")
    kind = models.CharField(_("loại đơn"), max_length=20, choices=Kind.choices, db_index=True)
    field = models.ForeignKey(Field, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="petitions")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị bị phản ánh, liên quan"), on_delete=models.PROTECT,
                             related_name="petitions_concerning")
    handling_unit = models.ForeignKey(Unit, verbose_name=_("đơn vị xử lý"), on_delete=models.PROTECT,
                                      related_name="petitions_handled")
    assigned_to = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cán bộ xử lý"), null=True,
                                    blank=True, on_delete=models.SET_NULL, related_name="petitions_assigned")
    verifier = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cán bộ xác minh"), null=True,
                                 blank=True, on_delete=models.SET_NULL, related_name="petitions_verifying")
    channel = models.CharField(_("nguồn đơn"), max_length=20, choices=Channel.choices)
    forwarded_by = models.CharField(_("cơ quan chuyển đơn"), max_length=255, blank=True)
    forwarding_document = models.CharField(_("số, ngày văn bản chuyển đơn"), max_length=255, blank=True)
    received_on = models.DateField(_("ngày nhận đơn"), db_index=True)
    subject = models.CharField(_("tóm tắt nội dung"), max_length=255)
    content = models.TextField(_("nội dung"))
    requested_outcome = models.TextField(_("yêu cầu, đề nghị"), blank=True)
    location = models.CharField(_("địa điểm"), max_length=255, blank=True)
    is_collective = models.BooleanField(_("đơn đông người"), default=False)
    signers_count = models.PositiveIntegerField(_("số người ký đơn"), default=1)
    representatives_count = models.PositiveSmallIntegerField(_("số người đại diện"), default=0)
    is_signed = models.BooleanField(_("đơn có chữ ký hoặc điểm chỉ"), default=False)
    is_anonymous = models.BooleanField(_("không rõ họ tên, địa chỉ người gửi"), default=False)
    is_complex = models.BooleanField(_("vụ việc phức tạp"), default=False)
    is_very_complex = models.BooleanField(_("vụ việc đặc biệt phức tạp"), default=False)
    is_remote = models.BooleanField(_("vùng sâu, vùng xa, đi lại khó khăn"), default=False)
    several_places = models.BooleanField(_("phải xác minh ở nhiều địa điểm"), default=False)

    status = models.CharField(_("trạng thái"), max_length=20, choices=Status.choices, default=Status.RECEIVED,
                              db_index=True)
    suspended_from = models.CharField(max_length=20, blank=True, editable=False)
    triage_reason = models.CharField(_("lý do không thụ lý"), max_length=30, choices=TriageReason.choices,
                                     blank=True)
    triage_note = models.TextField(_("ghi chú phân loại"), blank=True)
    forwarded_to = models.CharField(_("chuyển đến / hướng dẫn đến"), max_length=255, blank=True)
    triaged_on = models.DateField(_("ngày phân loại"), null=True, blank=True)
    accepted_on = models.DateField(_("ngày thụ lý"), null=True, blank=True)
    resolved_on = models.DateField(_("ngày giải quyết"), null=True, blank=True, db_index=True)
    closed_on = models.DateField(_("ngày kết thúc"), null=True, blank=True)
    reopened_on = models.DateField(_("ngày công dân đề nghị xem xét lại"), null=True, blank=True)

    triage_due = models.DateField(_("hạn xử lý đơn / thụ lý"), null=True, blank=True, db_index=True)
    triage_rule = models.CharField(max_length=40, blank=True)
    resolve_due = models.DateField(_("hạn giải quyết"), null=True, blank=True, db_index=True)
    resolve_rule = models.CharField(max_length=40, blank=True)
    notify_due = models.DateField(_("hạn thông báo"), null=True, blank=True, db_index=True)
    notify_rule = models.CharField(max_length=40, blank=True)
    next_due = models.DateField(_("hạn đang chạy"), null=True, blank=True, db_index=True)
    deadlines = models.JSONField(default=list, blank=True, editable=False,
                                 help_text="[{milestone, due, rule, explanation}] as computed")
    extensions = models.PositiveSmallIntegerField(_("số lần gia hạn"), default=0)

    outcome = models.CharField(_("kết quả"), max_length=20, choices=Outcome.choices, blank=True)
    answer = models.TextField(_("nội dung trả lời (công khai cho công dân)"), blank=True)
    reopen_count = models.PositiveSmallIntegerField(default=0, editable=False)
    # Published on the citizens' portal: only what the officer chose to publish, under a title written
    # for the public (never the petitioner's name, address or phone), with the answer above.
    published_on = models.DateField(_("ngày công bố trên cổng thông tin"), null=True, blank=True, db_index=True)
    public_title = models.CharField(_("tiêu đề công bố"), max_length=255, blank=True)
    public_key = models.TextField(editable=False, default="")
    previous = models.ForeignKey("self", verbose_name=_("đơn lần trước"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="next_rounds")

    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    search_key = models.TextField(editable=False, default="")
    content_key = models.CharField(max_length=64, editable=False, default="", db_index=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = PetitionQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_key", "content_key", "secret_hash", "updated_at",
                                                 "deadlines", "public_key"])

    class Meta:
        verbose_name = _("đơn thư")
        verbose_name_plural = _("đơn thư")
        ordering = ["-received_on", "-pk"]
        indexes = [
            models.Index(fields=["status", "next_due"], name="petition_status_due"),
            models.Index(fields=["handling_unit", "received_on"], name="petition_unit_received"),
            # Only the open cases (a small part of the table after a few years): the home page's
            # counts and "late cases" read this index, not the history.
            models.Index(fields=["next_due"], condition=models.Q(status__in=OPEN_STATUSES),
                         name="petition_open_due"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(signers_count__gte=1), name="petition_signers_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.code} — {self.subject}"

    def get_absolute_url(self) -> str:
        return reverse("petitions:petition_detail", args=[self.pk])

    # What the daily figures (danvan.petitions.daily) count a case by; KeepsFigures remembers them as read.
    FIGURE_FIELDS = ("handling_unit_id", "field_id", "kind", "received_on", "accepted_on", "resolved_on",
                     "resolve_due")

    # --- tracking -------------------------------------------------------------------------------
    def set_secret(self) -> str:
        """Generate a new secret, keep only its salted hash, and return it (shown once)."""
        secret = "".join(secrets.choice("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _i in range(10))
        salt = secrets.token_hex(8)
        self.secret_hash = f"{salt}${_hash_secret(salt, secret)}"
        return secret

    def check_secret(self, secret: str) -> bool:
        salt, _sep, digest = self.secret_hash.partition("$")
        if not digest:
            return False
        return hmac.compare_digest(digest, _hash_secret(salt, (secret or "").strip().upper()))

    @property
    def public_status(self) -> str:
        return PUBLIC_STATUS.get(self.status, PublicStatus.PROCESSING)

    @property
    def public_status_label(self) -> str:
        return PublicStatus(self.public_status).label

    # --- state ----------------------------------------------------------------------------------
    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.next_due is not None and self.next_due < clock.today()

    @property
    def is_denunciation(self) -> bool:
        return self.kind == Kind.DENUNCIATION

    @property
    def is_published(self) -> bool:
        return self.published_on is not None

    def refresh_public_key(self) -> None:
        """What the portal's search reads: the published title and answer only, never the case's own text."""
        self.public_key = fold(" ".join([self.code, self.public_title, self.answer])) if self.published_on else ""

    def refresh_search_key(self) -> None:
        """Case text only: a petitioner's name never enters the search key (denouncer protection)."""
        self.search_key = fold(" ".join([self.code, self.subject, self.content, self.location]))
        words = sorted(set(fold(self.content).split()))
        self.content_key = hashlib.sha256(" ".join(words).encode()).hexdigest()


class PetitionerIdentity(models.Model):
    """Who filed the petition; a separate record so that a denouncer's identity stays restricted."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="identities")
    full_name = models.CharField(_("họ và tên"), max_length=150)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    id_number = models.CharField(_("số CCCD/định danh"), max_length=20, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_representative = models.BooleanField(_("người đại diện"), default=False)
    identity_key = models.CharField(max_length=200, editable=False, default="", db_index=True)
    name_key = models.CharField(max_length=150, editable=False, default="")  # folded name, for the name search
    history = HistoricalRecords(excluded_fields=["identity_key", "name_key"])

    class Meta:
        verbose_name = _("người gửi đơn")
        verbose_name_plural = _("người gửi đơn")
        ordering = ["-is_representative", "pk"]

    def __str__(self) -> str:
        return self.full_name

    def refresh_identity_key(self) -> None:
        """Match the same person across cases: ID number when known, otherwise the folded name."""
        self.identity_key = f"id:{self.id_number}" if self.id_number else f"name:{fold(self.full_name)}"
        self.name_key = fold(self.full_name)[:150]


def attachment_path(instance: Attachment, filename: str) -> str:
    # The stored name is random: the original (possibly revealing) name is kept in the database only.
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    now = timezone.now()
    return f"petitions/{now:%Y/%m}/{secrets.token_hex(16)}.{ext[:8]}"


class Attachment(models.Model):
    """A scan, photo or document; stored outside the web root and served only through the policy."""

    class Purpose(models.TextChoices):
        SUBMISSION = "submission", _("Đơn, tài liệu công dân gửi")
        EVIDENCE = "evidence", _("Minh chứng kết quả xử lý")
        WORKING = "working", _("Tài liệu xử lý nội bộ")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    purpose = models.CharField(_("loại tài liệu"), max_length=20, choices=Purpose.choices, default=Purpose.SUBMISSION)
    is_public = models.BooleanField(_("công khai cho công dân"), default=False)
    confidential = models.BooleanField(
        _("có thể làm lộ danh tính người tố cáo"), default=False,
        help_text=_("Chỉ cán bộ xử lý và thủ trưởng đơn vị xem được."),
    )
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class Note(models.Model):
    """A note on the case: internal (officers only) or public (shown on the tracking page)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                               related_name="+")
    text = models.TextField(_("nội dung"))
    is_public = models.BooleanField(_("công khai cho công dân"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("ghi chú")
        verbose_name_plural = _("ghi chú")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]


class DailyFigure(FigureRow):
    """What happened to the cases a unit handles on one day: received (by kind), accepted, resolved.

    Kept on write by :mod:`danvan.petitions.daily` (every save of a case or a rating moves the
    counts it changes, on its day's row and its month's), so the dashboard and the reports add up a
    few rows per unit instead of every case of the period: one per whole month the period covers and
    one per day of the months it covers in part.
    Derived data, made again from the cases by ``danvan figures --rebuild``; not kept in history
    (the cases it counts are).
    """

    received_complaint_first = models.IntegerField(default=0)
    received_complaint_second = models.IntegerField(default=0)
    received_denunciation = models.IntegerField(default=0)
    received_recommendation = models.IntegerField(default=0)
    received_feedback = models.IntegerField(default=0)
    accepted = models.IntegerField(default=0)
    resolved = models.IntegerField(default=0)
    resolved_on_time = models.IntegerField(default=0)
    resolve_days = models.IntegerField(default=0)  # days from acceptance, summed over ``resolve_days_n`` cases
    resolve_days_n = models.IntegerField(default=0)
    rated = models.IntegerField(default=0)  # ratings given that day on the unit's cases
    rating_sum = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("số liệu đơn thư theo ngày")
        verbose_name_plural = _("số liệu đơn thư theo ngày")
        constraints = [models.UniqueConstraint(fields=["unit", "span", "day"], name="petition_daily_unit_day")]


class DailyFieldFigure(FigureRow):
    """Cases a unit received on one day in one field (the "by field" figures), kept like DailyFigure."""

    field = models.ForeignKey(Field, on_delete=models.CASCADE, related_name="+")
    received = models.IntegerField(default=0)

    class Meta:
        verbose_name = _("số liệu đơn thư theo ngày và lĩnh vực")
        verbose_name_plural = _("số liệu đơn thư theo ngày và lĩnh vực")
        constraints = [models.UniqueConstraint(fields=["unit", "span", "day", "field"],
                                               name="petition_daily_unit_day_field")]

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day:%d/%m/%Y} {self.field_id}"


class Rating(models.Model):
    """The citizen's rating of the answer (1–5), given with the tracking code and secret."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="ratings")
    score = models.PositiveSmallIntegerField(_("mức hài lòng"))
    comment = models.TextField(_("nhận xét"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đánh giá")
        verbose_name_plural = _("đánh giá")
        constraints = [
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="rating_score_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.score}/5"


class IdentityAccessLog(models.Model):
    """Every time someone saw a denouncer's identity (Law on Denunciations art. 47: kept, listed)."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="identity_views")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)
    context = models.CharField(_("nơi xem"), max_length=100)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhật ký xem danh tính người tố cáo")
        verbose_name_plural = _("nhật ký xem danh tính người tố cáo")
        ordering = ["-at"]

    def __str__(self) -> str:
        return f"{self.staff_id} @ {self.at:%Y-%m-%d %H:%M}"


class PetitionLink(models.Model):
    """A link to an earlier case: suggested by duplicate detection, confirmed by an officer."""

    class Relation(models.TextChoices):
        DUPLICATE = "duplicate", _("Trùng nội dung, cùng người gửi")
        SIMILAR = "similar", _("Nội dung tương tự")
        EARLIER = "earlier", _("Đơn trước của cùng người gửi")
        SECOND_ROUND = "second_round", _("Khiếu nại lần hai của đơn này")

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="links")
    earlier = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="later_links")
    relation = models.CharField(max_length=20, choices=Relation.choices)
    confirmed = models.BooleanField(default=False)
    dismissed = models.BooleanField(default=False)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("liên kết đơn")
        verbose_name_plural = _("liên kết đơn")
        constraints = [
            models.UniqueConstraint(fields=["petition", "earlier"], name="unique_petition_link"),
        ]

    def __str__(self) -> str:
        return f"{self.petition_id} → {self.earlier_id}"


class NoticeKind(models.TextChoices):
    """The outgoing documents of a case, each issued once with a number of the unit's register."""

    ACCEPTANCE = "acceptance", _("Thông báo thụ lý")
    REJECTION = "rejection", _("Thông báo không thụ lý")
    FORWARDING = "forwarding", _("Phiếu chuyển đơn")


class IssuedNotice(models.Model):
    """A notice issued for a case: its number from the outgoing register, date, place and signer as printed.

    Issuing is irreversible (the number is taken from the register); printing again reads this row,
    so the copy carries the same number, date and signer even if the unit's leader changed since.
    """

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="notices")
    kind = models.CharField(_("loại văn bản"), max_length=20, choices=NoticeKind.choices)
    issuer = models.ForeignKey(Unit, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT,
                               related_name="petition_notices")
    type_code = models.CharField(_("ký hiệu loại"), max_length=10)
    issuer_code = models.CharField(_("ký hiệu cơ quan"), max_length=20)
    number = models.PositiveIntegerField(_("số"))
    year = models.PositiveSmallIntegerField(_("năm"))
    issued_on = models.DateField(_("ngày ban hành"))
    place = models.CharField(_("địa danh"), max_length=100)
    signer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người ký"), null=True,
                               on_delete=models.SET_NULL, related_name="signed_notices")
    signer_name = models.CharField(_("họ tên người ký"), max_length=150)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cán bộ phát hành"), null=True,
                                  on_delete=models.SET_NULL, related_name="issued_notices")
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("văn bản đã phát hành của hồ sơ")
        verbose_name_plural = _("văn bản đã phát hành của hồ sơ")
        ordering = ["petition", "created_at"]
        constraints = [models.UniqueConstraint(fields=["petition", "kind"], name="issued_notice_once_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number_text}"

    @property
    def number_text(self) -> str:
        """ "03/TB-UBND" as printed after "Số:"."""
        return f"{self.number:02d}/{self.type_code}-{self.issuer_code}"
