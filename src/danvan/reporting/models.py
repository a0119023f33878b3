"""Reports: templates of indicators and narrative sections, requests for a period, units' submissions.

A report is asked by a committee (the *requesting unit*, e.g. UBND quận through Phòng Nội vụ) from a
list of units for one period (Decree 09/2019 cut-off by default). Each unit's :class:`Submission`
opens pre-filled from its own records (the figures of the domain apps), keeps the source of every
number, and goes draft → submitted → returned/accepted. The committee's own report for the request
is a submission too (``kind=consolidated``), pre-filled from the consolidation of its units, so the
same document and the same workflow serve every level: a district consolidates its wards and then
submits its consolidated report to the city's request.

Indicators are referenced by code strings (``source_code`` = an :class:`IndicatorSpec` code), never
by foreign keys into the domain apps, so a template survives an app that is not installed yet.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.org.models import Unit


class ValueType(models.TextChoices):
    INTEGER = "integer", _("Số nguyên")
    DECIMAL = "decimal", _("Số thập phân")
    PERCENTAGE = "percentage", _("Tỷ lệ (%)")
    BOOLEAN = "boolean", _("Có/Không")
    TEXT = "text", _("Văn bản")


class Aggregate(models.TextChoices):
    SUM = "sum", _("Cộng")
    AVG = "avg", _("Trung bình")
    WEIGHTED_AVG = "weighted_avg", _("Trung bình có trọng số")
    MIN = "min", _("Nhỏ nhất")
    MAX = "max", _("Lớn nhất")
    CONCAT = "concat", _("Ghép nội dung")
    COUNT_YES = "count_yes", _("Đếm số đơn vị “Có”")


class PeriodKind(models.TextChoices):
    YEARLY = "yearly", _("Năm")
    SIX_MONTH = "six-month", _("6 tháng")
    QUARTERLY = "quarterly", _("Quý")
    MONTHLY = "monthly", _("Tháng")
    AD_HOC = "ad-hoc", _("Đột xuất")


class DeadlinePolicy(models.TextChoices):
    """What happens when the deadline falls on a weekend or holiday (Civil Code art. 148(5) or not)."""

    KEEP = "keep", _("Giữ nguyên ngày đã định")
    NEXT_WORKDAY = "next", _("Chuyển sang ngày làm việc tiếp theo (Điều 148 BLDS)")
    PREVIOUS_WORKDAY = "previous", _("Chuyển về ngày làm việc liền trước")


class ReportTemplate(models.Model):
    code = models.SlugField(_("mã mẫu"), max_length=80, unique=True)
    name = models.CharField(_("tên mẫu báo cáo"), max_length=255)
    subject = models.CharField(
        _("trích yếu"), max_length=255,
        help_text=_("Dùng {period} cho kỳ báo cáo, vd. “Kết quả thực hiện công tác dân vận chính quyền {period}”."),
    )
    period_kind = models.CharField(_("kỳ báo cáo thường dùng"), max_length=20, choices=PeriodKind.choices,
                                   default=PeriodKind.YEARLY)
    basis = models.TextField(_("căn cứ"), blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mẫu báo cáo")
        verbose_name_plural = _("mẫu báo cáo")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class TemplateSection(models.Model):
    """A narrative section of the report ("II.1. Tuyên truyền, phổ biến…") with guidance for the writer."""

    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(_("mục"), max_length=20)
    title = models.CharField(_("tiêu đề"), max_length=255)
    guidance = models.TextField(_("hướng dẫn nội dung"), blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mục báo cáo")
        verbose_name_plural = _("mục báo cáo")
        ordering = ["template_id", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="section_unique_code")]

    def __str__(self) -> str:
        return f"{self.code}. {self.title}"


class TemplateIndicator(models.Model):
    """One number or text the report asks for, how it consolidates and where its value comes from."""

    template = models.ForeignKey(ReportTemplate, on_delete=models.CASCADE, related_name="indicators")
    code = models.CharField(_("mã chỉ tiêu"), max_length=80)
    label = models.CharField(_("chỉ tiêu"), max_length=255)
    measure = models.CharField(_("đơn vị tính"), max_length=40, blank=True)
    value_type = models.CharField(_("kiểu giá trị"), max_length=20, choices=ValueType.choices,
                                  default=ValueType.INTEGER)
    aggregate = models.CharField(_("cách tổng hợp"), max_length=20, choices=Aggregate.choices,
                                 default=Aggregate.SUM)
    weight_code = models.CharField(_("chỉ tiêu trọng số"), max_length=80, blank=True,
                                   help_text=_("Mã chỉ tiêu dùng làm trọng số khi tính trung bình có trọng số."))
    source_code = models.CharField(_("nguồn số liệu tự động"), max_length=80, blank=True,
                                   help_text=_("Mã số liệu của hệ thống (vd. petitions.received); "
                                               "để trống nếu nhập tay."))
    plan_item = models.CharField(_("mục kế hoạch"), max_length=20, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chỉ tiêu")
        verbose_name_plural = _("chỉ tiêu")
        ordering = ["template_id", "order"]
        constraints = [models.UniqueConstraint(fields=["template", "code"], name="indicator_unique_code")]

    def __str__(self) -> str:
        return self.label

    @property
    def is_numeric(self) -> bool:
        return self.value_type in (ValueType.INTEGER, ValueType.DECIMAL, ValueType.PERCENTAGE)


class ReportRequest(models.Model):
    """A committee asks units for a report of one period, by a deadline."""

    template = models.ForeignKey(ReportTemplate, verbose_name=_("mẫu báo cáo"), on_delete=models.PROTECT,
                                 related_name="requests")
    title = models.CharField(_("tên yêu cầu báo cáo"), max_length=255)
    requesting_unit = models.ForeignKey(Unit, verbose_name=_("đơn vị yêu cầu"), on_delete=models.PROTECT,
                                        related_name="report_requests_made")
    period_kind = models.CharField(_("kỳ báo cáo"), max_length=20, choices=PeriodKind.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    part = models.PositiveSmallIntegerField(_("kỳ (6 tháng, quý, tháng)"), null=True, blank=True)
    period_start = models.DateField(_("số liệu từ ngày"))
    period_end = models.DateField(_("số liệu đến ngày"))
    cutoff_source = models.CharField(_("căn cứ chốt số liệu"), max_length=255, blank=True)
    deadline = models.DateField(_("hạn nộp (theo văn bản)"))
    deadline_policy = models.CharField(_("khi hạn rơi vào ngày nghỉ"), max_length=20,
                                       choices=DeadlinePolicy.choices, default=DeadlinePolicy.KEEP)
    due_date = models.DateField(_("hạn nộp áp dụng"), db_index=True)
    due_note = models.CharField(_("giải thích hạn nộp"), max_length=255, blank=True)
    plan_reference = models.CharField(_("kế hoạch"), max_length=80, blank=True,
                                      help_text=_("Số, ký hiệu kế hoạch yêu cầu báo cáo, vd. 307/KH-UBND."))
    plan_id = models.PositiveIntegerField(null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    units = models.ManyToManyField(Unit, verbose_name=_("đơn vị phải báo cáo"), related_name="report_requests")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("yêu cầu báo cáo")
        verbose_name_plural = _("yêu cầu báo cáo")
        ordering = ["-year", "-due_date", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("reporting:request_detail", args=[self.pk])


class SubmissionKind(models.TextChoices):
    UNIT = "unit", _("Báo cáo của đơn vị")
    CONSOLIDATED = "consolidated", _("Báo cáo tổng hợp")


class SubmissionStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã nộp")
    RETURNED = "returned", _("Bị trả lại")
    ACCEPTED = "accepted", _("Đã tiếp nhận")


# Submissions whose numbers count in a consolidation.
COUNTED_STATUSES = (SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED)


class Submission(models.Model):
    request = models.ForeignKey(ReportRequest, on_delete=models.CASCADE, related_name="submissions")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT,
                             related_name="report_submissions")
    kind = models.CharField(max_length=20, choices=SubmissionKind.choices, default=SubmissionKind.UNIT)
    status = models.CharField(_("trạng thái"), max_length=20, choices=SubmissionStatus.choices,
                              default=SubmissionStatus.DRAFT, db_index=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                     related_name="+", verbose_name=_("người nộp"))
    submitted_at = models.DateTimeField(_("nộp lúc"), null=True, blank=True)
    first_submitted_at = models.DateTimeField(_("nộp lần đầu lúc"), null=True, blank=True)
    is_late = models.BooleanField(_("nộp muộn"), default=False, db_index=True)
    reviewed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+", verbose_name=_("người xem xét"))
    reviewed_at = models.DateTimeField(_("xem xét lúc"), null=True, blank=True)
    review_comment = models.TextField(_("ý kiến của đơn vị tổng hợp"), blank=True)
    doc_number = models.PositiveIntegerField(_("số văn bản"), null=True, blank=True)
    doc_date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["request_id", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["request", "unit"], name="submission_unique_unit")]
        indexes = [models.Index(fields=["request", "status"])]

    def __str__(self) -> str:
        return f"{self.request} — {self.unit}"

    def get_absolute_url(self) -> str:
        return reverse("reporting:submission_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        return self.status in (SubmissionStatus.DRAFT, SubmissionStatus.RETURNED)


class SubmissionValue(models.Model):
    """One indicator's value in a submission, with where the pre-filled number came from.

    ``number`` holds integers, decimals and percentages, ``flag`` yes/no, ``text`` text, so the
    consolidation sums and averages in SQL. ``source_*`` keep what the system computed; when the
    unit changes it, ``overridden`` is set and ``reason`` says why (required).
    """

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="values")
    indicator = models.ForeignKey(TemplateIndicator, on_delete=models.PROTECT, related_name="values")
    number = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    flag = models.BooleanField(null=True, blank=True)
    text = models.TextField(blank=True)
    source_number = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    source_flag = models.BooleanField(null=True, blank=True)
    source_text = models.TextField(blank=True)
    source_code = models.CharField(max_length=80, blank=True)
    source_description = models.CharField(_("nguồn số liệu"), max_length=500, blank=True)
    overridden = models.BooleanField(_("đã sửa số liệu tự động"), default=False)
    reason = models.TextField(_("lý do sửa"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("giá trị chỉ tiêu")
        verbose_name_plural = _("giá trị chỉ tiêu")
        constraints = [models.UniqueConstraint(fields=["submission", "indicator"], name="value_unique_indicator")]

    def __str__(self) -> str:
        return f"{self.indicator.code}={self.display}"

    @property
    def has_source(self) -> bool:
        return bool(self.source_code)

    @property
    def value(self):
        """The value in its natural Python type (Decimal, bool or str), None when empty."""
        vt = self.indicator.value_type
        if vt == ValueType.BOOLEAN:
            return self.flag
        if vt == ValueType.TEXT:
            return self.text or None
        return self.number

    @property
    def display(self) -> str:
        from danvan.reporting.values import format_value

        return format_value(self.value, self.indicator.value_type)


class NarrativeSection(models.Model):
    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="narratives")
    section = models.ForeignKey(TemplateSection, on_delete=models.PROTECT, related_name="narratives")
    text = models.TextField(_("nội dung"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung báo cáo")
        verbose_name_plural = _("nội dung báo cáo")
        constraints = [models.UniqueConstraint(fields=["submission", "section"], name="narrative_unique_section")]

    def __str__(self) -> str:
        return f"{self.submission} — {self.section.code}"


class SubmissionAttachment(models.Model):
    """An evidence file of a report; served only through a view that asks the policy (``report.view``)."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("tệp"), upload_to="reports/%Y/")
    description = models.CharField(_("mô tả"), max_length=255, blank=True)
    original_name = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content_type = models.CharField(_("loại tệp"), max_length=100, blank=True)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tệp đính kèm báo cáo")
        verbose_name_plural = _("tệp đính kèm báo cáo")

    def __str__(self) -> str:
        return self.description or self.original_name or self.file.name

    def get_absolute_url(self) -> str:
        return reverse("reporting:attachment_download", args=[self.pk])


class SubmissionEvent(models.Model):
    """A step of the workflow with its comment: what the unit and the coordinator said to each other."""

    class Action(models.TextChoices):
        OPENED = "opened", _("Lập báo cáo")
        SUBMITTED = "submitted", _("Nộp báo cáo")
        RETURNED = "returned", _("Trả lại")
        ACCEPTED = "accepted", _("Tiếp nhận")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%d/%m/%Y %H:%M}"


class SubmissionVersion(models.Model):
    """The whole report as it was sent, frozen at each submission: what the coordinator received."""

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField()
    snapshot = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["submission_id", "number"]
        constraints = [models.UniqueConstraint(fields=["submission", "number"], name="version_unique_number")]

    def __str__(self) -> str:
        return f"{self.submission} v{self.number}"
