"""Inspections (kiểm tra) of mass-mobilisation work, as Plan 307 section III.3 asks.

The Internal Affairs office and the committee's office plan an inspection (which units, which
contents of the plan, when, the team), the plan is approved, carried out (a checklist per content,
findings per unit with evidence and the unit's own figures as the inspectors saw them), and
concluded by a document numbered from the committee's register. The conclusion leaves
recommendations that the inspected units carry out by a due date counted in working days, and
proposals of commendation or accountability that the emulation work reads later.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.org import clock


class InspectionStatus(models.TextChoices):
    DRAFTED = "drafted", _("Dự thảo kế hoạch kiểm tra")
    APPROVED = "approved", _("Đã phê duyệt kế hoạch")
    IN_PROGRESS = "inspecting", _("Đang kiểm tra")
    CONCLUDED = "concluded", _("Đã kết luận")


class TeamRole(models.TextChoices):
    HEAD = "team_head", _("Trưởng đoàn")
    DEPUTY = "team_deputy", _("Phó trưởng đoàn")
    MEMBER = "team_member", _("Thành viên")
    SECRETARY = "team_secretary", _("Thư ký đoàn")


class Assessment(models.TextChoices):
    MET = "met", _("Đạt")
    PARTLY = "partly_met", _("Đạt một phần")
    NOT_MET = "not_met", _("Chưa đạt")


class RecommendationStatus(models.TextChoices):
    OPEN = "rec_open", _("Đang thực hiện")
    DONE = "rec_done", _("Đã thực hiện xong")


class ProposalKind(models.TextChoices):
    COMMENDATION = "commendation", _("Đề xuất biểu dương, khen thưởng")
    ACCOUNTABILITY = "accountability", _("Đề xuất xử lý trách nhiệm")


#: Type code of the conclusion in the committee's register (Decree 30/2020, Appendix III): a
#: notice of the inspection's conclusion ("Thông báo kết luận kiểm tra").
CONCLUSION_TYPE_CODE = "TB"
#: Working days a recommendation gets when the inspectors do not say otherwise.
DEFAULT_DUE_WORKDAYS = 30


class Inspection(models.Model):
    issuer = models.ForeignKey("org.Unit", verbose_name=_("cơ quan ban hành kết luận"), on_delete=models.PROTECT,
                               related_name="inspections_issued")
    lead_unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị chủ trì kiểm tra"), on_delete=models.PROTECT,
                                  related_name="inspections_led")
    title = models.CharField(_("tên cuộc kiểm tra"), max_length=300)
    plan = models.ForeignKey("plans.Plan", verbose_name=_("kế hoạch được kiểm tra"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="inspections")
    items = models.ManyToManyField("plans.PlanItem", blank=True, related_name="inspections",
                                   verbose_name=_("nội dung kiểm tra"))
    tasks = models.ManyToManyField("plans.Task", blank=True, related_name="inspections",
                                   verbose_name=_("nhiệm vụ của kế hoạch do cuộc kiểm tra thực hiện"))
    units = models.ManyToManyField("org.Unit", related_name="inspections", verbose_name=_("đơn vị được kiểm tra"))
    start_on = models.DateField(_("kiểm tra từ ngày"))
    end_on = models.DateField(_("đến ngày"))
    period_start = models.DateField(_("kỳ được kiểm tra từ ngày"))
    period_end = models.DateField(_("kỳ được kiểm tra đến ngày"))
    status = models.CharField(_("tình trạng"), max_length=12, choices=InspectionStatus.choices,
                              default=InspectionStatus.DRAFTED, db_index=True)
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người phê duyệt"), null=True,
                                    blank=True, on_delete=models.PROTECT, related_name="+")
    approved_on = models.DateField(_("ngày phê duyệt"), null=True, blank=True)
    started_on = models.DateField(_("ngày bắt đầu kiểm tra"), null=True, blank=True)
    # The conclusion as issued (fixed then, so every later print is the same document).
    summary = models.TextField(_("kết luận chung"), blank=True)
    concluded_on = models.DateField(_("ngày kết luận"), null=True, blank=True, db_index=True)
    number = models.PositiveIntegerField(_("số kết luận"), null=True, blank=True)
    type_code = models.CharField(max_length=10, blank=True, editable=False)
    issuer_code = models.CharField(max_length=20, blank=True, editable=False)
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    concluded_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người kết luận"), null=True,
                                     blank=True, on_delete=models.PROTECT, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                   on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("cuộc kiểm tra")
        verbose_name_plural = _("cuộc kiểm tra")
        ordering = ["-start_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(end_on__gte=models.F("start_on")),
                                   name="inspection_dates_in_order"),
            models.CheckConstraint(condition=models.Q(period_end__gte=models.F("period_start")),
                                   name="inspection_period_in_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("inspections:inspection_detail", args=[self.pk])

    @property
    def number_text(self) -> str:
        if self.number is None:
            return ""
        return f"{self.number:02d}/{self.type_code}-{self.issuer_code}"

    @property
    def team_staff_ids(self) -> set[int]:
        """Ids of the team's members (read once per object)."""
        cached = getattr(self, "_team_ids", None)
        if cached is None:
            cached = set(self.team.values_list("staff_id", flat=True)) if self.pk else set()
            self._team_ids = cached
        return cached

    @property
    def unit_ids(self) -> set[int]:
        cached = getattr(self, "_unit_ids", None)
        if cached is None:
            cached = set(self.units.values_list("pk", flat=True)) if self.pk else set()
            self._unit_ids = cached
        return cached


class TeamMember(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="team")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cán bộ"), on_delete=models.PROTECT,
                              related_name="inspection_teams")
    role = models.CharField(_("vai trò trong đoàn"), max_length=16, choices=TeamRole.choices,
                            default=TeamRole.MEMBER)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên đoàn kiểm tra")
        verbose_name_plural = _("đoàn kiểm tra")
        ordering = ["inspection", "pk"]
        constraints = [models.UniqueConstraint(fields=["inspection", "staff"], name="inspection_team_once")]

    def __str__(self) -> str:
        return f"{self.staff.full_name} — {self.get_role_display()}"


class ChecklistLine(models.Model):
    """A criterion to verify under one content of the plan."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="checklist")
    item = models.ForeignKey("plans.PlanItem", verbose_name=_("nội dung kế hoạch"), null=True, blank=True,
                             on_delete=models.SET_NULL, related_name="+")
    text = models.TextField(_("tiêu chí kiểm tra"))
    order = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiêu chí kiểm tra")
        verbose_name_plural = _("danh mục tiêu chí kiểm tra")
        ordering = ["inspection", "order", "pk"]

    def __str__(self) -> str:
        return self.text[:80]


class Finding(models.Model):
    """What the team found at one unit on one line of the checklist."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="findings")
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị được kiểm tra"), on_delete=models.PROTECT,
                             related_name="inspection_findings")
    line = models.ForeignKey(ChecklistLine, verbose_name=_("tiêu chí"), on_delete=models.CASCADE,
                             related_name="findings")
    assessment = models.CharField(_("đánh giá"), max_length=12, choices=Assessment.choices)
    note = models.TextField(_("kết quả kiểm tra, tồn tại"), blank=True)
    # The unit's own figures for the period, as danvan counted them when the finding was recorded:
    # [{"label": …, "measure": …, "value": …}] (labels kept so the record reads the same later).
    figures = models.JSONField(_("số liệu của đơn vị"), default=list, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    recorded_on = models.DateField(_("ngày ghi nhận"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kết quả kiểm tra")
        verbose_name_plural = _("kết quả kiểm tra")
        ordering = ["line__order", "line_id", "unit__path"]
        constraints = [models.UniqueConstraint(fields=["line", "unit"], name="inspection_finding_once")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.get_assessment_display()}"


class Recommendation(models.Model):
    """A recommendation (kiến nghị) of the conclusion: owner unit, person, due date in working days."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="recommendations")
    unit = models.ForeignKey("org.Unit", verbose_name=_("đơn vị thực hiện"), on_delete=models.PROTECT,
                             related_name="inspection_recommendations")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người chịu trách nhiệm"), null=True,
                              blank=True, on_delete=models.PROTECT, related_name="inspection_recommendations")
    text = models.TextField(_("nội dung kiến nghị"))
    due_workdays = models.PositiveSmallIntegerField(_("thời hạn (ngày làm việc)"), default=DEFAULT_DUE_WORKDAYS)
    due_on = models.DateField(_("hạn thực hiện"), db_index=True)
    status = models.CharField(_("tình trạng"), max_length=10, choices=RecommendationStatus.choices,
                              default=RecommendationStatus.OPEN, db_index=True)
    answer = models.TextField(_("ý kiến, giải trình của đơn vị"), blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    done_note = models.TextField(_("kết quả thực hiện"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kiến nghị sau kiểm tra")
        verbose_name_plural = _("kiến nghị sau kiểm tra")
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["unit", "due_on"])]

    def __str__(self) -> str:
        return self.text[:80]

    def get_absolute_url(self) -> str:
        return reverse("inspections:recommendation_detail", args=[self.pk])

    def overdue_on(self, day: date) -> bool:
        return self.status == RecommendationStatus.OPEN and self.due_on < day

    @property
    def overdue(self) -> bool:
        return self.overdue_on(clock.today())

    @property
    def done_late(self) -> bool:
        return self.done_on is not None and self.done_on > self.due_on

    @property
    def done_on_time(self) -> bool:
        """Reported done by its due date (``figures.KEPT`` as a query)."""
        return self.status == RecommendationStatus.DONE and self.done_on is not None and self.done_on <= self.due_on


def evidence_path(instance: EvidenceFile, filename: str) -> str:
    return f"kiem-tra/{clock.today():%Y}/{filename}"


class EvidenceFile(models.Model):
    """A file behind a finding (minutes, photos) or behind a recommendation reported done."""

    finding = models.ForeignKey(Finding, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence")
    recommendation = models.ForeignKey(Recommendation, null=True, blank=True, on_delete=models.CASCADE,
                                       related_name="evidence")
    file = models.FileField(_("tệp"), upload_to=evidence_path)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tệp minh chứng kiểm tra")
        verbose_name_plural = _("tệp minh chứng kiểm tra")
        ordering = ["pk"]
        constraints = [models.CheckConstraint(
            condition=models.Q(finding__isnull=False, recommendation__isnull=True)
            | models.Q(finding__isnull=True, recommendation__isnull=False),
            name="inspection_evidence_one_owner")]

    def __str__(self) -> str:
        return self.original_name

    @property
    def owner_unit(self):
        return self.finding.unit if self.finding_id else self.recommendation.unit


class Proposal(models.Model):
    """A proposal of commendation or accountability that came out of an inspection (III.3)."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="proposals")
    kind = models.CharField(_("loại đề xuất"), max_length=16, choices=ProposalKind.choices, db_index=True)
    subject_unit = models.ForeignKey("org.Unit", verbose_name=_("tập thể"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="inspection_proposals")
    subject_person = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cá nhân"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="inspection_proposals")
    facts = models.TextField(_("thành tích hoặc khuyết điểm (sự việc)"))
    proposed_on = models.DateField(_("ngày đề xuất"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đề xuất sau kiểm tra")
        verbose_name_plural = _("đề xuất sau kiểm tra")
        ordering = ["proposed_on", "pk"]
        constraints = [models.CheckConstraint(
            condition=models.Q(subject_unit__isnull=False) | models.Q(subject_person__isnull=False),
            name="inspection_proposal_has_subject")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.facts[:60]}"
