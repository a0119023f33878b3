"""The triage assistant's stored state: each trained model, and what officers chose against its suggestions.

A model's file (the vectors and weights, ``joblib``) lives in the data directory; the row says when it
was trained, on how many cases and how well it did on the later cases held out. What officers
decided is kept one row per case and target, with the rank the chosen value had among the
suggestions, so the assistant's real accuracy over time is a GROUP BY.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.petitions.models import Petition


class Target(models.TextChoices):
    FIELD = "field", _("Lĩnh vực")
    KIND = "kind", _("Loại đơn")
    UNIT = "unit", _("Đơn vị có thẩm quyền xử lý")
    DECISION = "decision", _("Cách xử lý đơn")


class ModelVersion(models.Model):
    """One trained model (a file in the data directory); the newest usable one serves the pages."""

    version = models.PositiveIntegerField(_("phiên bản"), unique=True)
    trained_at = models.DateTimeField(_("thời điểm huấn luyện"))
    since = models.DateField(_("học từ hồ sơ nhận từ ngày"), null=True, blank=True)
    cases = models.PositiveIntegerField(_("số hồ sơ học"))
    train_cases = models.PositiveIntegerField(_("số hồ sơ học khi kiểm tra"), default=0)
    test_cases = models.PositiveIntegerField(_("số hồ sơ kiểm tra"), default=0)
    features = models.PositiveIntegerField(_("số đặc trưng"), default=0)
    seconds = models.FloatField(_("thời gian huấn luyện (giây)"), default=0)
    held_out = models.JSONField(_("kết quả kiểm tra trên hồ sơ sau"), default=dict, blank=True)
    file_name = models.CharField(max_length=100, editable=False)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("mô hình trợ lý phân loại")
        verbose_name_plural = _("mô hình trợ lý phân loại")
        ordering = ["-version"]

    def __str__(self) -> str:
        return f"{self.version}"


class Outcome(models.Model):
    """What the officer chose for one target of a case, against what the assistant suggested."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="triage_outcomes")
    model = models.ForeignKey(ModelVersion, on_delete=models.CASCADE, related_name="outcomes")
    target = models.CharField(_("nội dung gợi ý"), max_length=20, choices=Target.choices)
    suggested = models.CharField(_("gợi ý đầu tiên"), max_length=60)
    probability = models.FloatField(_("xác suất của gợi ý đầu tiên"))
    chosen = models.CharField(_("cán bộ chọn"), max_length=60)
    rank = models.PositiveSmallIntegerField(_("thứ hạng của lựa chọn trong ba gợi ý"), default=0,
                                            help_text=_("0: lựa chọn không nằm trong ba gợi ý."))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    decided_on = models.DateField(_("ngày phân loại"), db_index=True)

    class Meta:
        verbose_name = _("lựa chọn của cán bộ so với gợi ý")
        verbose_name_plural = _("lựa chọn của cán bộ so với gợi ý")
        ordering = ["-decided_on", "pk"]
        constraints = [models.UniqueConstraint(fields=["petition", "target"], name="triage_outcome_once")]

    def __str__(self) -> str:
        return f"{self.petition_id} {self.target}"
