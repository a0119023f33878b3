"""Plans and what units do with them: items, assignments, deadlines, unit plans, tasks, activities.

A plan (Kế hoạch 307/KH-UBND) is a tree of items ("II.3.b"). Assignments say which unit leads or
coordinates an item as the text states it; the cascade turns them into unit plans (III.1: every
unit writes its own plan) and tasks owned by units. Tasks carry the progress (set by their status,
Decidim-style, or entered), which rolls up to items and to the plan. Activities are the records a
duty leaves (sessions, programmes, conferences, trainings) and feed the reports' figures.
"""

from __future__ import annotations

from datetime import date

from django.contrib.contenttypes.fields import GenericForeignKey, GenericRelation
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.documents.models import Document
from danvan.org import clock
from danvan.org.models import Staff, Unit


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class Plan(models.Model):
    document = models.OneToOneField(Document, verbose_name=_("văn bản"), null=True, blank=True,
                                    on_delete=models.PROTECT, related_name="plan")
    issuer = models.ForeignKey(Unit, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT,
                               related_name="plans")
    full_number = models.CharField(_("số, ký hiệu"), max_length=80, blank=True)
    number_key = models.CharField(max_length=80, db_index=True, editable=False, default="")
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    title = models.TextField(_("trích yếu"))
    preamble = models.TextField(_("phần mở đầu"), blank=True)
    closing = models.TextField(_("đoạn kết"), blank=True)
    signer_authority = models.CharField(_("thẩm quyền ký"), max_length=10, blank=True)
    signer_body = models.CharField(_("cơ quan ký thay mặt"), max_length=255, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    recipients = models.JSONField(_("nơi nhận"), default=list, blank=True)
    archive = models.CharField(_("lưu"), max_length=100, default="Lưu: VT, NV.")
    status = models.CharField(_("trạng thái"), max_length=10, choices=PlanStatus.choices, default=PlanStatus.ISSUED)
    source_text = models.TextField(_("văn bản gốc"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["source_text", "number_key"])

    class Meta:
        verbose_name = _("kế hoạch")
        verbose_name_plural = _("kế hoạch")
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.full_number} — {self.title}" if self.full_number else self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:plan_detail", args=[self.pk])


class PlanSection(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="sections")
    label = models.CharField(_("số mục"), max_length=10)
    title = models.CharField(_("tên mục"), max_length=255)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "label"], name="plan_section_unique")]

    def __str__(self) -> str:
        return f"{self.label}. {self.title}"


class PlanItem(models.Model):
    """A numbered content of a plan ("II.3", "II.3.b", "closing" for the closing paragraph)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="items")
    section = models.ForeignKey(PlanSection, null=True, blank=True, on_delete=models.CASCADE, related_name="items")
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.CASCADE, related_name="children")
    label = models.CharField(_("số"), max_length=10, blank=True)
    path = models.CharField(_("mục"), max_length=40)
    text = models.TextField(_("nội dung"))
    order = models.PositiveIntegerField(default=0)
    weight = models.PositiveSmallIntegerField(_("trọng số"), default=1)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung kế hoạch")
        verbose_name_plural = _("nội dung kế hoạch")
        ordering = ["plan", "order"]
        constraints = [models.UniqueConstraint(fields=["plan", "path"], name="plan_item_unique_path")]

    def __str__(self) -> str:
        return f"{self.path}. {self.text[:80]}"

    @property
    def depth(self) -> int:
        return 0 if self.path == "closing" else self.path.count(".")

    @property
    def path_label(self) -> str:
        """The item's number as officers say it; the unnumbered closing paragraph has none."""
        return str(_("Đoạn kết")) if self.path == "closing" else self.path


class AssignmentRole(models.TextChoices):
    LEAD = "lead", _("Chủ trì")
    COORDINATE = "coordinate", _("Phối hợp")


class Assignment(models.Model):
    """A unit given a duty by an item, as the text states it; ``unit`` is None when the text is generic."""

    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(Unit, null=True, blank=True, on_delete=models.PROTECT, related_name="assignments")
    unit_text = models.CharField(_("đơn vị như ghi trong văn bản"), max_length=255)
    role = models.CharField(_("vai trò"), max_length=12, choices=AssignmentRole.choices, default=AssignmentRole.LEAD)
    history = HistoricalRecords()

    class Meta:
        ordering = ["item__order", "pk"]
        constraints = [models.UniqueConstraint(fields=["item", "unit", "unit_text", "role"],
                                               name="assignment_unique")]

    def __str__(self) -> str:
        return f"{self.item.path}: {self.unit or self.unit_text} ({self.role})"


class DeadlineRule(models.TextChoices):
    YEARLY = "yearly", _("Hằng năm")
    QUARTERLY = "quarterly", _("Hằng quý")
    ONCE = "once", _("Một lần")
    ONGOING = "ongoing", _("Thường xuyên")


class PlanDeadline(models.Model):
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="deadlines")
    text = models.CharField(_("thời hạn như ghi"), max_length=255)
    rule = models.CharField(_("loại thời hạn"), max_length=10, choices=DeadlineRule.choices)
    month = models.PositiveSmallIntegerField(null=True, blank=True)
    day = models.PositiveSmallIntegerField(null=True, blank=True)
    date = models.DateField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["item", "text", "rule"], name="plan_deadline_unique")]

    def __str__(self) -> str:
        return self.text


class UnitPlanStatus(models.TextChoices):
    TO_DRAFT = "to_draft", _("Chưa xây dựng")
    DRAFTED = "drafted", _("Đang dự thảo")
    ISSUED = "issued", _("Đã ban hành")


class UnitPlan(models.Model):
    """The plan a unit must write for a parent plan (III.1: "xây dựng kế hoạch cụ thể")."""

    parent_plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="unit_plans")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="unit_plans")
    source_item = models.ForeignKey(PlanItem, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    items = models.ManyToManyField(PlanItem, blank=True, related_name="unit_plans",
                                   verbose_name=_("nội dung kế hoạch cấp trên"))
    status = models.CharField(_("tình trạng"), max_length=10, choices=UnitPlanStatus.choices,
                              default=UnitPlanStatus.TO_DRAFT)
    document = models.ForeignKey(Document, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                                 verbose_name=_("văn bản kế hoạch của đơn vị"))
    issued_on = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issued_number = models.CharField(_("số, ký hiệu kế hoạch của đơn vị"), max_length=80, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kế hoạch của đơn vị")
        verbose_name_plural = _("kế hoạch của đơn vị")
        ordering = ["parent_plan", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["parent_plan", "unit"], name="unit_plan_unique")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.parent_plan.full_number}"

    def get_absolute_url(self) -> str:
        return reverse("plans:unit_plan_detail", args=[self.pk])


class TaskStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    CANCELLED = "cancelled", _("Hủy bỏ")


class Recurrence(models.TextChoices):
    NONE = "", _("Không lặp")
    YEARLY = "yearly", _("Hằng năm")
    QUARTERLY = "quarterly", _("Hằng quý")


class Health(models.TextChoices):
    ON_TRACK = "on_track", _("Đúng tiến độ")
    AT_RISK = "at_risk", _("Có nguy cơ chậm")
    LATE = "late", _("Chậm, quá hạn")


class TaskKind(models.TextChoices):
    DUTY = "duty", _("Nhiệm vụ")
    DRAFT_PLAN = "draft_plan", _("Xây dựng kế hoạch của đơn vị")
    REPORT = "report", _("Báo cáo kết quả")
    OWN = "own", _("Nhiệm vụ đơn vị tự đặt")


class Task(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="tasks")
    item = models.ForeignKey(PlanItem, on_delete=models.CASCADE, related_name="tasks")
    unit_plan = models.ForeignKey(UnitPlan, null=True, blank=True, on_delete=models.SET_NULL, related_name="tasks")
    kind = models.CharField(_("loại"), max_length=12, choices=TaskKind.choices, default=TaskKind.DUTY)
    title = models.CharField(_("nhiệm vụ"), max_length=500)
    lead_unit = models.ForeignKey(Unit, verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT,
                                  related_name="led_tasks")
    coordinating_units = models.ManyToManyField(Unit, blank=True, related_name="coordinated_tasks",
                                                verbose_name=_("đơn vị phối hợp"))
    due_date = models.DateField(_("hạn"), null=True, blank=True, db_index=True)
    recurrence = models.CharField(_("lặp lại"), max_length=10, choices=Recurrence.choices, blank=True, default="")
    recurrence_month = models.PositiveSmallIntegerField(null=True, blank=True)
    recurrence_day = models.PositiveSmallIntegerField(null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=12, choices=TaskStatus.choices,
                              default=TaskStatus.NOT_STARTED, db_index=True)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    weight = models.PositiveSmallIntegerField(_("trọng số"), default=1)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["due_date", "pk"]
        constraints = [
            # One task per item, unit and kind from the cascade; a unit may add as many of its own as it needs.
            models.UniqueConstraint(fields=["item", "lead_unit", "kind"], condition=~models.Q(kind="own"),
                                    name="task_unique_per_item_unit_kind"),
            models.CheckConstraint(condition=models.Q(progress__lte=100), name="task_progress_max_100"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("plans:task_detail", args=[self.pk])

    @property
    def is_open(self) -> bool:
        return self.status in (TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS)

    def is_overdue(self, today: date | None = None) -> bool:
        return self.is_open and self.due_date is not None and self.due_date < (today or clock.today())


# --- activities: the records a duty leaves -------------------------------------------------------


class Evidence(models.Model):
    """A file proving an activity took place (minutes, photos, attendance list)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    object_id = models.PositiveBigIntegerField()
    activity = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("tệp minh chứng"), upload_to="evidence/%Y/")
    description = models.CharField(_("mô tả"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self) -> str:
        return self.description or self.file.name


class Activity(models.Model):
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị thực hiện"), on_delete=models.PROTECT, related_name="+")
    item = models.ForeignKey(PlanItem, verbose_name=_("nội dung kế hoạch"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    date = models.DateField(_("ngày"), db_index=True)
    title = models.CharField(_("tên hoạt động"), max_length=255)
    notes = models.TextField(_("ghi chú, kết quả"), blank=True)
    created_by = models.ForeignKey(Staff, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    evidence = GenericRelation(Evidence)

    class Meta:
        abstract = True
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} {self.title}"


class Audience(models.TextChoices):
    STAFF = "staff", _("Cán bộ, công chức, viên chức")
    CITIZENS = "citizens", _("Nhân dân")
    BOTH = "both", _("Cán bộ và Nhân dân")


class DisseminationEvent(Activity):
    """A session explaining a policy (II.1): sessions and attendees are counted in reports."""

    topic = models.CharField(_("chủ đề"), max_length=255, blank=True)
    documents = models.ManyToManyField(Document, blank=True, related_name="+", verbose_name=_("văn bản phổ biến"))
    audience = models.CharField(_("đối tượng"), max_length=10, choices=Audience.choices, default=Audience.STAFF)
    attendees = models.PositiveIntegerField(_("số người tham dự"), default=0)
    history = HistoricalRecords()

    class Meta(Activity.Meta):
        verbose_name = _("buổi tuyên truyền, phổ biến")
        verbose_name_plural = _("buổi tuyên truyền, phổ biến")


class CoordinationProgram(Activity):
    """A joint programme with the Fatherland Front and mass organisations (II.6)."""

    partners = models.ManyToManyField(Unit, blank=True, related_name="+", verbose_name=_("MTTQ, đoàn thể phối hợp"))
    partner_text = models.CharField(_("đơn vị phối hợp (ghi rõ)"), max_length=255, blank=True)
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta(Activity.Meta):
        verbose_name = _("chương trình phối hợp")
        verbose_name_plural = _("chương trình phối hợp")


class DemocracyKind(models.TextChoices):
    STAFF_CONFERENCE = "staff_conference", _("Hội nghị cán bộ, công chức, viên chức")
    PUBLIC_DISCLOSURE = "public_disclosure", _("Công khai thông tin")
    DIALOGUE = "dialogue", _("Hội nghị đối thoại")


class GrassrootsDemocracyEvent(Activity):
    """A staff conference, public disclosure or dialogue under the grassroots democracy law (II.7)."""

    kind = models.CharField(_("hình thức"), max_length=20, choices=DemocracyKind.choices)
    participants = models.PositiveIntegerField(_("số người tham gia"), default=0)
    history = HistoricalRecords()

    class Meta(Activity.Meta):
        verbose_name = _("hoạt động thực hiện dân chủ cơ sở")
        verbose_name_plural = _("hoạt động thực hiện dân chủ cơ sở")


class Training(Activity):
    """A training course for staff (II.4)."""

    topic = models.CharField(_("chủ đề"), max_length=255, blank=True)
    trainees = models.PositiveIntegerField(_("số học viên"), default=0)
    history = HistoricalRecords()

    class Meta(Activity.Meta):
        verbose_name = _("lớp đào tạo, bồi dưỡng")
        verbose_name_plural = _("lớp đào tạo, bồi dưỡng")


ACTIVITY_MODELS = {
    "tuyen-truyen": DisseminationEvent,
    "phoi-hop": CoordinationProgram,
    "dan-chu": GrassrootsDemocracyEvent,
    "dao-tao": Training,
}
