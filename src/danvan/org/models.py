"""The organisation registry: units as a tree, staff, roles and mobilisation responsibilities.

Units carry validity dates and successor links because the 2025 reform abolished districts:
a unit that no longer exists (Thanh Xuân district) stays readable, with its records, and
points to the wards that took over its work.

The tree is stored as a materialised path of ids ("/1/4/9/"), so "this unit's subtree" is one
indexed ``startswith`` filter on both SQLite and PostgreSQL, whatever the depth.
"""

from __future__ import annotations

from datetime import date

from django.contrib.auth.models import AbstractUser, UserManager
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.vntext import clean_text, fold
from danvan.org import clock


class Level(models.TextChoices):
    PROVINCE = "province", _("Tỉnh/Thành phố")
    DISTRICT = "district", _("Quận/Huyện")
    COMMUNE = "commune", _("Phường/Xã")


class UnitKind(models.TextChoices):
    COMMITTEE = "committee", _("Ủy ban nhân dân")
    COUNCIL = "council", _("Hội đồng nhân dân")
    DEPARTMENT = "department", _("Phòng, ban chuyên môn")
    OFFICE = "office", _("Văn phòng HĐND và UBND")
    PUBLIC_SERVICE_UNIT = "public_service_unit", _("Đơn vị sự nghiệp công lập")
    MASS_ORGANIZATION = "mass_organization", _("MTTQ và đoàn thể")
    PARTY_COMMITTEE_BOARD = "party_committee_board", _("Ban Dân vận cấp ủy")


class UnitQuerySet(models.QuerySet):
    def subtree_of(self, unit: Unit) -> UnitQuerySet:
        """The unit and every unit below it."""
        return self.filter(path__startswith=unit.path)

    def active_on(self, day: date) -> UnitQuerySet:
        return self.filter(
            models.Q(valid_from__isnull=True) | models.Q(valid_from__lte=day),
            models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=day),
        )

    def wards_of(self, committee: Unit) -> UnitQuerySet:
        """Commune-level committees directly under a committee ("các phường")."""
        return self.filter(parent=committee, kind=UnitKind.COMMITTEE, level=Level.COMMUNE)

    def search(self, query: str) -> UnitQuerySet:
        key = fold(query)
        if not key:
            return self
        qs = self
        for word in key.split():
            qs = qs.filter(search_key__contains=word)
        return qs


class Unit(models.Model):
    code = models.SlugField(
        _("mã đơn vị"), max_length=80, unique=True,
        help_text=_("Mã ngắn, không dấu, dùng khi nhập/xuất dữ liệu (vd. tx-phuong-khuong-dinh)."),
    )
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=100, blank=True)
    aliases = models.TextField(
        _("tên gọi khác"), blank=True,
        help_text=_("Mỗi dòng một tên gọi khác, vd. “Phòng NV”, “phòng Nội vụ”."),
    )
    level = models.CharField(_("cấp"), max_length=20, choices=Level.choices)
    kind = models.CharField(_("loại đơn vị"), max_length=30, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", verbose_name=_("đơn vị cấp trên"), null=True, blank=True,
        on_delete=models.PROTECT, related_name="children",
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    # What the unit's outgoing documents print (Decree 30/2020): the place name of its own locality
    # and the leader who signs. Blank means: derived from the name / the chairman or head.
    place_name = models.CharField(
        _("địa danh ghi trên văn bản"), max_length=100, blank=True,
        help_text=_("Tên riêng của địa phương nơi đơn vị đóng trụ sở, vd. “Thượng Đình”, “Phường 5”. "
                    "Để trống: lấy từ tên đơn vị (phường, quận) hoặc của Ủy ban nhân dân cấp trên."),
    )
    signer = models.ForeignKey(
        "Staff", verbose_name=_("lãnh đạo ký văn bản đi"), null=True, blank=True, on_delete=models.SET_NULL,
        related_name="signs_for",
        help_text=_("Chủ tịch, Phó Chủ tịch (hoặc thủ trưởng, cấp phó) ký văn bản của đơn vị. Để trống: "
                    "Chủ tịch (thủ trưởng) đơn vị ký; cấp phó ký thay (KT.)."),
    )
    successors = models.ManyToManyField(
        "self", through="UnitSuccession", symmetrical=False, related_name="predecessors",
        verbose_name=_("đơn vị kế thừa"), blank=True,
    )
    search_key = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = UnitQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["search_key", "path", "depth"])

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="unit_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("org:unit_detail", args=[self.pk])

    def clean(self) -> None:
        if self.signer_id is not None:
            signer = self.signer
            if signer.unit_id != self.pk or signer.role not in (Role.LEADER, Role.UNIT_HEAD) or not signer.is_active:
                raise ValidationError({"signer": _(
                    "Người ký văn bản phải là lãnh đạo (Chủ tịch, Phó Chủ tịch, thủ trưởng, cấp phó) đang công tác "
                    "tại chính đơn vị này.")})

    def alias_list(self) -> list[str]:
        return [line for line in (clean_text(x) for x in self.aliases.splitlines()) if line]

    def refresh_search_key(self) -> None:
        self.search_key = fold(" ".join([self.name, self.short_name, self.code, *self.alias_list()]))

    def is_active_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or self.valid_to >= day
        )

    @property
    def is_current(self) -> bool:
        return self.is_active_on(clock.today())

    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/") if part]

    def is_within(self, other: Unit) -> bool:
        """True when this unit is ``other`` or lies below it."""
        return bool(other.path) and self.path.startswith(other.path)

    def committee(self) -> Unit | None:
        """The nearest committee at or above this unit (the body whose tree it belongs to)."""
        if self.kind == UnitKind.COMMITTEE:
            return self
        ids = self.ancestor_ids()[:-1]
        if not ids:
            return None
        found = {
            u.pk: u for u in Unit.objects.filter(pk__in=ids, kind=UnitKind.COMMITTEE)
        }
        for pk in reversed(ids):
            if pk in found:
                return found[pk]
        return None


class UnitSuccession(models.Model):
    """A unit's work passed to another (merger, split, rename) from a given date."""

    predecessor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="succession_out")
    successor = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="succession_in")
    effective_on = models.DateField(_("ngày hiệu lực"))
    note = models.CharField(_("căn cứ, ghi chú"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(fields=["predecessor", "successor"], name="unique_succession"),
        ]

    def __str__(self) -> str:
        return f"{self.predecessor} → {self.successor}"


class Role(models.TextChoices):
    OFFICER = "officer", _("Cán bộ, công chức")
    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị")
    LEADER = "leader", _("Lãnh đạo UBND (Chủ tịch, Phó Chủ tịch)")
    COORDINATOR = "coordinator", _("Đầu mối tổng hợp (Phòng Nội vụ)")
    INSPECTOR = "inspector", _("Kiểm tra")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")


class StaffManager(UserManager):
    def search(self, query: str) -> models.QuerySet:
        qs = self.get_queryset()
        for word in fold(query).split():
            qs = qs.filter(search_key__contains=word)
        return qs


class Staff(AbstractUser):
    """A user of danvan: an officer with a unit, a position and a role."""

    full_name = models.CharField(_("họ và tên"), max_length=150)
    unit = models.ForeignKey(
        Unit, verbose_name=_("đơn vị"), null=True, blank=True, on_delete=models.PROTECT, related_name="staff",
    )
    position = models.CharField(_("chức vụ"), max_length=150, blank=True)
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices, default=Role.OFFICER)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    search_key = models.TextField(editable=False, default="")
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = StaffManager()
    history = HistoricalRecords(excluded_fields=["password", "last_login", "search_key"])

    class Meta:
        verbose_name = _("cán bộ")
        verbose_name_plural = _("cán bộ")
        ordering = ["full_name", "username"]

    def __str__(self) -> str:
        return self.full_name or self.username

    def get_absolute_url(self) -> str:
        return reverse("org:staff_detail", args=[self.pk])

    def refresh_search_key(self) -> None:
        self.search_key = fold(" ".join([self.full_name, self.username, self.position, self.email]))

    def get_full_name(self) -> str:
        return self.full_name or self.username


class MobilizationResponsibility(models.Model):
    """Who is in charge of mass-mobilisation work in a unit, from when to when (plan item II.4)."""

    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.CASCADE,
                             related_name="responsibilities")
    staff = models.ForeignKey(Staff, verbose_name=_("người phụ trách"), on_delete=models.PROTECT,
                              related_name="responsibilities")
    title = models.CharField(_("nhiệm vụ"), max_length=255, default="Phụ trách công tác dân vận")
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    decision = models.CharField(_("văn bản phân công"), max_length=255, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("phân công phụ trách dân vận")
        verbose_name_plural = _("phân công phụ trách dân vận")
        ordering = ["unit__path", "-valid_from"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True) | models.Q(valid_to__gte=models.F("valid_from")),
                name="responsibility_valid_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.staff} — {self.unit}"


class FormSubmission(models.Model):
    """A posted form, by the one-time token it carried (``danvan.org.once``).

    A second post of the same form — a double click, F5 on the page after a post, a retry after a
    lost response — finds this row and is answered with the first post's result instead of
    creating a second record. Rows are technical and short-lived (no history); old ones are
    removed as new ones arrive.
    """

    token = models.CharField(max_length=64, unique=True)
    owner = models.CharField(max_length=40, blank=True)
    result_url = models.CharField(max_length=500, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("Biểu mẫu đã gửi")
        verbose_name_plural = _("Biểu mẫu đã gửi")

    def __str__(self) -> str:
        return self.result_url or self.token[:8]


CARRY_OVER_REASON = "chuyển do sắp xếp đơn vị hành chính"


class CarryOverRun(models.Model):
    """One hand-over of a dissolved unit's open work to its successors (the 2025 reform).

    The run and its moves are the report of what moved where; each move is also the link shown
    on the moved record's page back to the unit it came from. Kept in ``org`` because every app
    shows that link and none of them may depend on the app that performs the hand-over.
    """

    predecessor = models.ForeignKey(Unit, verbose_name=_("đơn vị giải thể, sắp xếp"), on_delete=models.PROTECT,
                                    related_name="carry_over_runs")
    effective_on = models.DateField(_("ngày sắp xếp có hiệu lực"))
    applied_at = models.DateTimeField(_("thực hiện lúc"), auto_now_add=True)
    applied_by = models.ForeignKey(Staff, verbose_name=_("người thực hiện"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    reason = models.CharField(_("lý do"), max_length=255, default=CARRY_OVER_REASON)

    class Meta:
        verbose_name = _("đợt chuyển giao công việc")
        verbose_name_plural = _("đợt chuyển giao công việc")
        ordering = ["-applied_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.predecessor} ({self.applied_at:%d/%m/%Y})"

    def get_absolute_url(self) -> str:
        return reverse("carryover:run_detail", args=[self.pk])


class CarryOverMove(models.Model):
    """One record handed from a dissolved unit to another unit (or closed as merged into one)."""

    class Action(models.TextChoices):
        MOVED = "moved", _("Chuyển sang")
        MERGED = "merged", _("Gộp vào nhiệm vụ, báo cáo của")
        ENDED = "ended", _("Kết thúc từ ngày sắp xếp")

    run = models.ForeignKey(CarryOverRun, on_delete=models.CASCADE, related_name="moves")
    position = models.PositiveIntegerField(default=0)
    kind = models.CharField(_("loại hồ sơ"), max_length=30)
    kind_label = models.CharField(_("loại hồ sơ"), max_length=100)
    content_type = models.ForeignKey("contenttypes.ContentType", on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    label = models.CharField(_("hồ sơ"), max_length=500)
    from_unit = models.ForeignKey(Unit, verbose_name=_("từ đơn vị"), on_delete=models.PROTECT, related_name="+")
    to_unit = models.ForeignKey(Unit, verbose_name=_("đến đơn vị"), null=True, blank=True, on_delete=models.PROTECT,
                                related_name="carried_in")
    action = models.CharField(_("xử lý"), max_length=10, choices=Action.choices, default=Action.MOVED)
    basis = models.CharField(_("căn cứ"), max_length=500, blank=True)
    changed_by_coordinator = models.BooleanField(_("đầu mối đã sửa dòng đề xuất"), default=False)

    class Meta:
        verbose_name = _("hồ sơ đã chuyển giao")
        verbose_name_plural = _("hồ sơ đã chuyển giao")
        ordering = ["run", "position", "pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="carry_over_move_object")]

    def __str__(self) -> str:
        return f"{self.label}: {self.from_unit} → {self.to_unit or '—'}"
