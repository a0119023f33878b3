"""What administrators declare on top of the shipped legal data (calendar days and rule rows).

The shipped files (``core/data/declared_days.json`` and ``deadline_rules.json``) hold what we read
in the law and the government's announcements; sources disagree and laws change, so an
administrator corrects them here instead of waiting for a release. Every change is kept in
history: a due date shown to a citizen must be explainable later, even after a correction.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class DayKind(models.TextChoices):
    OFF = "off", _("Ngày nghỉ")
    WORK = "work", _("Ngày làm việc")


class TimeUnit(models.TextChoices):
    CALENDAR = "calendar", _("ngày")
    WORKING = "working", _("ngày làm việc")


class Direction(models.TextChoices):
    AFTER = "after", _("sau mốc")
    BEFORE = "before", _("trước mốc (đếm ngược)")


class DeclaredDay(models.Model):
    """One administrator's correction of the calendar: it wins over the data file and the package.

    ``kind=off`` adds a day off (a newly declared holiday), ``kind=work`` on a weekday cancels a day
    off of the file, ``kind=work`` on a Saturday declares a make-up working day.
    """

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại ngày"), max_length=8, choices=DayKind.choices)
    reason = models.CharField(_("lý do"), max_length=200)
    source = models.CharField(_("căn cứ pháp lý"), max_length=300, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày điều chỉnh trong lịch")
        verbose_name_plural = _("ngày điều chỉnh trong lịch")

    def __str__(self) -> str:
        return f"{self.date:%d/%m/%Y} — {self.get_kind_display()}: {self.reason}"

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.kind not in DayKind.values:
            errors["kind"] = gettext("Loại ngày phải là “ngày nghỉ” hoặc “ngày làm việc”.")
        if not (self.reason or "").strip():
            errors["reason"] = gettext("Hãy ghi lý do (ví dụ: nghỉ bù Quốc khánh, làm việc bù thứ Bảy).")
        if errors:
            raise ValidationError(errors)

    def as_record(self) -> dict[str, Any]:
        """The plain record :class:`danvan.core.workdays.WorkCalendar` takes as an override."""
        return {"date": self.date, "kind": self.kind, "reason": self.reason, "source": self.source}


class ConfirmedYear(models.Model):
    """An administrator checked a year's days off and swapped working days against what the government
    published (Tết arrangement, make-up Saturdays), and entered any difference as declared days.

    Until a year is confirmed — or shipped in ``core/data/declared_days.json`` — every deadline that
    falls in it says "lịch nghỉ năm … chưa được xác nhận".
    """

    year = models.PositiveIntegerField(_("năm"), unique=True)
    source = models.CharField(_("căn cứ (văn bản của Chính phủ, Bộ Nội vụ)"), max_length=300)
    confirmed_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người xác nhận"), null=True,
                                     blank=True, on_delete=models.SET_NULL, related_name="+")
    confirmed_at = models.DateTimeField(_("xác nhận lúc"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["year"]
        verbose_name = _("năm đã xác nhận lịch nghỉ")
        verbose_name_plural = _("năm đã xác nhận lịch nghỉ")

    def __str__(self) -> str:
        return f"{self.year}: {self.source}"


class DeadlineRuleRow(models.Model):
    """A row of the rules table kept in the database: it replaces the shipped row with the same
    (rule id, valid from), removes it when inactive, or adds a new version (an amended law)."""

    rule_id = models.CharField(_("mã quy tắc"), max_length=40, help_text=_("Ví dụ: KN-ACCEPT-1."))
    kind = models.CharField(_("loại việc"), max_length=30, help_text=_("complaint, complaint-2, denunciation…"))
    milestone = models.CharField(_("mốc"), max_length=30, help_text=_("accept, resolve, triage…"))
    label = models.CharField(_("tên thời hạn"), max_length=120, default="Hạn")
    days = models.IntegerField(_("số ngày"), validators=[MinValueValidator(1)])
    days_complex = models.IntegerField(_("số ngày (phức tạp)"), null=True, blank=True,
                                       validators=[MinValueValidator(1)])
    days_remote = models.IntegerField(_("số ngày (vùng sâu, vùng xa)"), null=True, blank=True,
                                      validators=[MinValueValidator(1)])
    days_remote_complex = models.IntegerField(_("số ngày (vùng sâu, vùng xa, phức tạp)"), null=True, blank=True,
                                              validators=[MinValueValidator(1)])
    days_several_places = models.IntegerField(_("số ngày (nhiều nơi phải xác minh)"), null=True, blank=True,
                                              validators=[MinValueValidator(1)])
    unit = models.CharField(_("đơn vị tính"), max_length=10, choices=TimeUnit.choices)
    direction = models.CharField(_("chiều tính"), max_length=8, choices=Direction.choices, default=Direction.AFTER)
    counts_from = models.CharField(_("tính từ"), max_length=300)
    source = models.CharField(_("căn cứ pháp lý"), max_length=300)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    extends = models.CharField(_("gia hạn cho quy tắc"), max_length=40, blank=True)
    max_extensions_complex = models.PositiveSmallIntegerField(_("số lần gia hạn tối đa (phức tạp)"), default=0)
    max_extensions_very_complex = models.PositiveSmallIntegerField(
        _("số lần gia hạn tối đa (đặc biệt phức tạp)"), default=0)
    verify = models.BooleanField(_("cần kiểm tra lại"), default=False)
    note = models.TextField(_("ghi chú"), blank=True)
    active = models.BooleanField(_("đang dùng"), default=True,
                                 help_text=_("Bỏ chọn để loại dòng cùng mã và ngày hiệu lực khỏi tệp dữ liệu."))
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "milestone", "valid_from"]
        verbose_name = _("quy tắc thời hạn")
        verbose_name_plural = _("quy tắc thời hạn")

    def __str__(self) -> str:
        since = f" ({self.valid_from:%d/%m/%Y})" if self.valid_from else ""
        return f"{self.rule_id}{since}"

    def clean(self) -> None:
        """Vietnamese messages for the checks the engine also makes, field by field."""
        errors: dict[str, str] = {}
        if self.unit not in TimeUnit.values:
            errors["unit"] = gettext("Đơn vị tính phải là “ngày” (calendar) hoặc “ngày làm việc” (working).")
        if self.direction not in Direction.values:
            errors["direction"] = gettext("Chiều tính phải là “after” hoặc “before”.")
        for name in ("days", "days_complex", "days_remote", "days_remote_complex", "days_several_places"):
            value = getattr(self, name)
            if value is not None and value <= 0:
                errors[name] = gettext("Số ngày phải là số nguyên dương.")
        if self.days is None:
            errors["days"] = gettext("Hãy nhập số ngày.")
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            errors["valid_to"] = gettext("Ngày hết hiệu lực phải bằng hoặc sau ngày bắt đầu hiệu lực.")
        for name in ("rule_id", "kind", "milestone", "counts_from", "source"):
            if not (getattr(self, name) or "").strip():
                errors[name] = gettext("Trường này không được để trống.")
        if errors:
            raise ValidationError(errors)

    def as_row(self) -> dict[str, Any]:
        """The row :meth:`danvan.core.deadlines.RuleSet.load` takes in ``extra_rows``."""
        return {
            "id": self.rule_id, "kind": self.kind, "milestone": self.milestone, "label": self.label or "Hạn",
            "days": self.days, "days_complex": self.days_complex, "days_remote": self.days_remote,
            "days_remote_complex": self.days_remote_complex, "days_several_places": self.days_several_places,
            "unit": self.unit, "direction": self.direction, "counts_from": self.counts_from, "source": self.source,
            "valid_from": self.valid_from, "valid_to": self.valid_to, "extends": self.extends or None,
            "max_extensions_complex": self.max_extensions_complex,
            "max_extensions_very_complex": self.max_extensions_very_complex,
            "verify": self.verify, "note": self.note, "active": self.active,
        }

    @property
    def kind_label(self) -> str:
        from danvan.legal.labels import kind_label

        return kind_label(self.kind)
