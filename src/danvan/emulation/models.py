"""Emulation (thi đua): yearly scoring schemes, the council's manual points, frozen results, and
"Dân vận khéo" models from registration to recognition.

A :class:`Scheme` belongs to a committee (the council that scores its units) and a year, and is
versioned: a new version copies the criteria, and only one version of a year is in force. Points
are never stored while the year is open — they are computed from the same figures the reports
use. Freezing the year stores every unit's points, the figures behind them and the records counted
(:class:`FrozenScore`, :class:`FrozenPoints`), and nothing is recomputed afterwards.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.scoring import FORMULAS
from danvan.org.models import Level, Unit


class SchemeStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    ACTIVE = "active", _("Đang áp dụng")
    SUPERSEDED = "superseded", _("Đã thay bằng phiên bản mới")
    FROZEN = "frozen", _("Đã chốt năm")


class CriterionKind(models.TextChoices):
    FORMULA = "formula", _("Tính từ dữ liệu")
    MANUAL = "manual", _("Hội đồng chấm")


FORMULA_CHOICES = [(code, f.label) for code, f in FORMULAS.items()]


class Scheme(models.Model):
    unit = models.ForeignKey(Unit, verbose_name=_("cơ quan chấm điểm"), on_delete=models.PROTECT,
                             related_name="emulation_schemes")
    year = models.PositiveSmallIntegerField(_("năm"))
    revision = models.PositiveSmallIntegerField(_("phiên bản"), default=1)
    name = models.CharField(_("tên bộ tiêu chí"), max_length=255)
    level = models.CharField(_("cấp đơn vị được chấm"), max_length=20, choices=Level.choices, default=Level.COMMUNE)
    period_start = models.DateField(_("số liệu từ ngày"))
    period_end = models.DateField(_("số liệu đến ngày"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=SchemeStatus.choices,
                              default=SchemeStatus.DRAFT, db_index=True)
    published = models.BooleanField(_("đã công bố bảng xếp hạng"), default=False)
    frozen_at = models.DateTimeField(_("chốt lúc"), null=True, blank=True)
    frozen_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người chốt"), null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("bộ tiêu chí chấm điểm thi đua")
        verbose_name_plural = _("bộ tiêu chí chấm điểm thi đua")
        ordering = ["-year", "-revision"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "year", "revision"], name="emulation_scheme_revision"),
            models.UniqueConstraint(fields=["unit", "year"], condition=models.Q(status__in=["active", "frozen"]),
                                    name="emulation_one_scheme_in_force"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({_('phiên bản')} {self.revision})"

    def get_absolute_url(self) -> str:
        return reverse("emulation:ranking", args=[self.pk])

    @property
    def is_frozen(self) -> bool:
        return self.status == SchemeStatus.FROZEN


class Criterion(models.Model):
    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="criteria")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    name = models.CharField(_("tiêu chí"), max_length=255)
    kind = models.CharField(_("cách tính"), max_length=20, choices=CriterionKind.choices)
    formula = models.CharField(_("công thức"), max_length=40, choices=FORMULA_CHOICES, blank=True)
    deduction = models.BooleanField(_("là điểm trừ"), default=False)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2,
                                     validators=[MinValueValidator(Decimal(0))])
    per_item = models.DecimalField(_("điểm mỗi trường hợp"), max_digits=6, decimal_places=2, default=Decimal(1),
                                   help_text=_("Với tiêu chí đếm hoặc điểm trừ: số điểm cho mỗi bản ghi."))
    guidance = models.TextField(_("hướng dẫn chấm"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tiêu chí chấm điểm")
        verbose_name_plural = _("tiêu chí chấm điểm")
        ordering = ["scheme", "order", "pk"]

    def __str__(self) -> str:
        return self.name


class ManualPoints(models.Model):
    """Points the council gives a unit on a manual criterion, always with the reason."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="manual_points")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2)
    reason = models.TextField(_("lý do"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người chấm"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    entered_at = models.DateTimeField(_("chấm lúc"), auto_now=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điểm do hội đồng chấm")
        verbose_name_plural = _("điểm do hội đồng chấm")
        constraints = [models.UniqueConstraint(fields=["criterion", "unit"], name="emulation_manual_once")]

    def __str__(self) -> str:
        return f"{self.criterion} — {self.unit}: {self.points}"


class FrozenScore(models.Model):
    """A unit's result of a closed year: stored once at freezing, never recomputed."""

    scheme = models.ForeignKey(Scheme, on_delete=models.CASCADE, related_name="frozen_scores")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    total = models.DecimalField(_("tổng điểm"), max_digits=8, decimal_places=2)
    deductions = models.DecimalField(_("điểm trừ"), max_digits=8, decimal_places=2, default=Decimal(0))
    rank = models.PositiveIntegerField(_("xếp hạng"))
    decided_by = models.CharField(_("phân định khi bằng điểm"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("kết quả chấm điểm đã chốt")
        verbose_name_plural = _("kết quả chấm điểm đã chốt")
        ordering = ["scheme", "rank"]
        constraints = [models.UniqueConstraint(fields=["scheme", "unit"], name="emulation_frozen_once")]

    def __str__(self) -> str:
        return f"{self.unit}: {self.total}"


class FrozenPoints(models.Model):
    score = models.ForeignKey(FrozenScore, on_delete=models.CASCADE, related_name="points")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.DecimalField(_("điểm"), max_digits=8, decimal_places=2)
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    due = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    not_applicable = models.BooleanField(default=False)
    reason = models.TextField(blank=True)
    records = models.JSONField(default=list, blank=True)  # [{"label": ..., "url": ...}] as counted on freezing

    class Meta:
        constraints = [models.UniqueConstraint(fields=["score", "criterion"], name="emulation_frozen_point_once")]

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"


# --- "Dân vận khéo" models ---------------------------------------------------------------------


class ModelField(models.TextChoices):
    ECONOMY = "economy", _("Kinh tế")
    CULTURE_SOCIETY = "culture_society", _("Văn hóa – xã hội")
    SECURITY_DEFENCE = "security_defence", _("Quốc phòng – an ninh")
    POLITICAL_SYSTEM = "political_system", _("Xây dựng hệ thống chính trị")


class ModelStatus(models.TextChoices):
    REGISTERED = "registered", _("Đã đăng ký")
    NOMINATED = "nominated", _("Đã đề nghị xét công nhận")
    RECOGNISED = "recognised", _("Đã được công nhận")
    NOT_RECOGNISED = "not_recognised", _("Không được công nhận")


class RecognitionLevel(models.TextChoices):
    COMMUNE = "commune", _("Cấp xã, phường")
    DISTRICT = "district", _("Cấp quận, huyện")
    PROVINCE = "province", _("Cấp tỉnh, thành phố")


class ExemplaryModel(models.Model):
    """A "Dân vận khéo" model: what problem it solved, how, with what results."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị đăng ký"), on_delete=models.PROTECT,
                             related_name="exemplary_models")
    name = models.CharField(_("tên mô hình"), max_length=255)
    field = models.CharField(_("lĩnh vực"), max_length=30, choices=ModelField.choices)
    year = models.PositiveSmallIntegerField(_("năm"))
    problem = models.TextField(_("vấn đề đặt ra"))
    approach = models.TextField(_("cách làm"))
    results = models.TextField(_("kết quả (có số liệu)"))
    people = models.TextField(_("cá nhân tham gia"), blank=True)
    partner_units = models.ManyToManyField(Unit, verbose_name=_("đơn vị phối hợp"), blank=True, related_name="+")
    status = models.CharField(_("trạng thái"), max_length=20, choices=ModelStatus.choices,
                              default=ModelStatus.REGISTERED, db_index=True)
    nominated_at = models.DateTimeField(_("đề nghị lúc"), null=True, blank=True)
    reviewing_unit = models.ForeignKey(Unit, verbose_name=_("hội đồng xét"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("cấp công nhận"), max_length=20, choices=RecognitionLevel.choices, blank=True)
    decision_number = models.PositiveIntegerField(_("số quyết định"), null=True, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True, db_index=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    public = models.BooleanField(_("công khai trên cổng thông tin"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("mô hình “Dân vận khéo”")
        verbose_name_plural = _("mô hình “Dân vận khéo”")
        ordering = ["-year", "name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("emulation:model_detail", args=[self.pk])


class Evidence(models.Model):
    model = models.ForeignKey(ExemplaryModel, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to="emulation/%Y/%m/")
    title = models.CharField(_("mô tả"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(default=0)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="+")
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("minh chứng")
        verbose_name_plural = _("minh chứng")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")


class CouncilPosition(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE = "vice", _("Phó Chủ tịch Hội đồng")
    MEMBER = "member", _("Ủy viên")
    SECRETARY = "secretary", _("Thư ký")


class CouncilMember(models.Model):
    """A member of a committee's Emulation and Commendation Council (Hội đồng Thi đua – Khen thưởng)."""

    unit = models.ForeignKey(Unit, verbose_name=_("cơ quan"), on_delete=models.PROTECT, related_name="+")
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("thành viên"), on_delete=models.PROTECT,
                              related_name="council_seats")
    position = models.CharField(_("chức danh trong hội đồng"), max_length=20, choices=CouncilPosition.choices)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("thành viên hội đồng thi đua – khen thưởng")
        verbose_name_plural = _("thành viên hội đồng thi đua – khen thưởng")
        constraints = [models.UniqueConstraint(fields=["unit", "staff"], name="emulation_council_seat_once")]

    def __str__(self) -> str:
        return f"{self.staff} ({self.get_position_display()})"


class Vote(models.TextChoices):
    AGREE = "agree", _("Đồng ý")
    DISAGREE = "disagree", _("Không đồng ý")
    ABSTAIN = "abstain", _("Không biểu quyết")


class ModelVote(models.Model):
    model = models.ForeignKey(ExemplaryModel, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("thành viên"), on_delete=models.PROTECT,
                               related_name="+")
    vote = models.CharField(_("biểu quyết"), max_length=10, choices=Vote.choices)
    comment = models.TextField(_("ý kiến"), blank=True)
    voted_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phiếu biểu quyết")
        verbose_name_plural = _("phiếu biểu quyết")
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["model", "member"], name="emulation_one_vote")]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_vote_display()}"


# --- commendation and discipline -----------------------------------------------------------------


class AwardKind(models.TextChoices):
    TITLE = "title", _("Danh hiệu thi đua")
    FORM = "form", _("Hình thức khen thưởng")


class Award(models.Model):
    """A title or form of commendation (Law on Emulation and Commendation 2022), kept as data with the
    authority that awards it — the 2025 reform moved some of them, so it is a row, not code."""

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    name = models.CharField(_("tên"), max_length=255)
    kind = models.CharField(_("loại"), max_length=10, choices=AwardKind.choices)
    collective = models.BooleanField(_("dành cho tập thể"), default=False)
    authority = models.CharField(_("thẩm quyền quyết định"), max_length=255)
    legal_source = models.CharField(_("căn cứ pháp lý"), max_length=255, blank=True)
    capped = models.BooleanField(_("giới hạn theo tỷ lệ"), default=False,
                                 help_text=_("Chiến sĩ thi đua cơ sở: không quá tỷ lệ trong cài đặt so với số cá "
                                             "nhân đạt Lao động tiên tiến."))
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(_("đang dùng"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("danh hiệu, hình thức khen thưởng")
        verbose_name_plural = _("danh hiệu, hình thức khen thưởng")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class ProposalKind(models.TextChoices):
    COMMENDATION = "commendation", _("Đề nghị khen thưởng")
    DISCIPLINE = "discipline", _("Đề nghị xử lý trách nhiệm")


class ProposalStatus(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    SUBMITTED = "submitted", _("Đã trình hội đồng")
    APPROVED = "approved", _("Đã quyết định")
    REJECTED = "rejected", _("Không chấp thuận")


class Measure(models.TextChoices):
    """Disciplinary measures for civil servants (Decree 112/2020/NĐ-CP, art. 7)."""

    REPRIMAND = "reprimand", _("Khiển trách")
    WARNING = "warning", _("Cảnh cáo")
    SALARY = "salary", _("Hạ bậc lương")
    DEMOTION = "demotion", _("Giáng chức")
    REMOVAL = "removal", _("Cách chức")
    DISMISSAL = "dismissal", _("Buộc thôi việc")


class Proposal(models.Model):
    """A proposal to the council: commend a collective or a person, or hold someone responsible."""

    kind = models.CharField(_("loại đề nghị"), max_length=20, choices=ProposalKind.choices)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị đề nghị"), on_delete=models.PROTECT, related_name="+")
    reviewing_unit = models.ForeignKey(Unit, verbose_name=_("hội đồng xét"), on_delete=models.PROTECT,
                                       related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    award = models.ForeignKey(Award, verbose_name=_("danh hiệu, hình thức"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="proposals")
    measure = models.CharField(_("hình thức xử lý"), max_length=20, choices=Measure.choices, blank=True)
    nominee_unit = models.ForeignKey(Unit, verbose_name=_("tập thể"), null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    nominee_staff = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cá nhân"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    grounds = models.TextField(_("thành tích hoặc sự việc"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=ProposalStatus.choices,
                              default=ProposalStatus.DRAFT, db_index=True)
    decision_number = models.PositiveIntegerField(_("số quyết định"), null=True, blank=True)
    decision_date = models.DateField(_("ngày quyết định"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đề nghị khen thưởng, xử lý trách nhiệm")
        verbose_name_plural = _("đề nghị khen thưởng, xử lý trách nhiệm")
        ordering = ["-year", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.nominee_name}"

    def get_absolute_url(self) -> str:
        return reverse("emulation:proposal_detail", args=[self.pk])

    @property
    def nominee_name(self) -> str:
        if self.nominee_staff_id:
            return self.nominee_staff.full_name
        return self.nominee_unit.name if self.nominee_unit_id else ""


class ProposalVote(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("thành viên"), on_delete=models.PROTECT,
                               related_name="+")
    vote = models.CharField(_("biểu quyết"), max_length=10, choices=Vote.choices)
    comment = models.TextField(_("ý kiến"), blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [models.UniqueConstraint(fields=["proposal", "member"], name="emulation_one_proposal_vote")]

    def __str__(self) -> str:
        return f"{self.member}: {self.get_vote_display()}"


# --- staff: the yearly rating of civil servants and their training -------------------------------


class RatingLevel(models.TextChoices):
    """The four levels of the yearly rating of civil servants (Decree 90/2020/NĐ-CP, as amended by
    Decree 48/2023/NĐ-CP)."""

    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    COMPLETED = "completed", _("Hoàn thành nhiệm vụ")
    NOT_COMPLETED = "not_completed", _("Không hoàn thành nhiệm vụ")


#: Levels counted as "rated good or better" ("Hoàn thành tốt nhiệm vụ" trở lên).
GOOD_OR_BETTER = (RatingLevel.EXCELLENT, RatingLevel.GOOD)


class StaffRating(models.Model):
    """A civil servant's rating for a year. Personal data: only the head of the person's unit (or of a
    unit above it), the Internal Affairs office and administrators see it; everyone else sees counts."""

    staff = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cán bộ, công chức"), on_delete=models.PROTECT,
                              related_name="ratings")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+",
                             help_text=_("Đơn vị của người được xếp loại tại thời điểm xếp loại."))
    year = models.PositiveSmallIntegerField(_("năm"), db_index=True)
    level = models.CharField(_("mức xếp loại"), max_length=20, choices=RatingLevel.choices)
    comment = models.TextField(_("nhận xét, đánh giá"), blank=True)
    rated_on = models.DateField(_("ngày xếp loại"))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("xếp loại chất lượng cán bộ, công chức")
        verbose_name_plural = _("xếp loại chất lượng cán bộ, công chức")
        ordering = ["-year", "staff__full_name"]
        constraints = [models.UniqueConstraint(fields=["staff", "year"], name="emulation_rating_once_a_year")]
        indexes = [models.Index(fields=["unit", "year"])]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_level_display()}"


class Training(models.Model):
    """A course a civil servant attended (đào tạo, bồi dưỡng), and the content of the plan it serves."""

    staff = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("cán bộ, công chức"), on_delete=models.PROTECT,
                              related_name="trainings")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="+")
    course = models.CharField(_("tên khóa, lớp bồi dưỡng"), max_length=255)
    organiser = models.CharField(_("cơ quan tổ chức"), max_length=255)
    start_on = models.DateField(_("từ ngày"))
    end_on = models.DateField(_("đến ngày"), db_index=True)
    hours = models.DecimalField(_("số giờ"), max_digits=6, decimal_places=1, null=True, blank=True)
    sessions = models.PositiveSmallIntegerField(_("số buổi"), null=True, blank=True)
    certificate = models.CharField(_("chứng chỉ, giấy chứng nhận"), max_length=255, blank=True)
    plan_item = models.ForeignKey("plans.PlanItem", verbose_name=_("phục vụ nội dung của kế hoạch"), null=True,
                                  blank=True, on_delete=models.SET_NULL, related_name="+",
                                  help_text=_("Khóa bồi dưỡng về công tác dân vận: chọn nội dung của kế hoạch mà "
                                              "khóa học phục vụ."))
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("đào tạo, bồi dưỡng")
        verbose_name_plural = _("đào tạo, bồi dưỡng")
        ordering = ["-end_on", "staff__full_name", "pk"]
        indexes = [models.Index(fields=["unit", "end_on"])]

    def __str__(self) -> str:
        return self.course
