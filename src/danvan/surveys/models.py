"""Satisfaction surveys of the people a unit served, and the published PAPI scores of provinces.

- A :class:`Survey` belongs to a unit and is about that unit, one service (a field of petitions)
  or the people whose case was closed; officers build its questions while it is a draft and open
  it to answers. Every open survey has a general link (one answer per browser); a survey of
  closed cases is also offered on the tracking page of each closed case (one answer per case).
- A :class:`Response` is one person's answers; it counts for the unit that served them (the case's
  handling unit, else the survey's unit). Answers are rows (one per chosen option), so results are
  GROUP BY queries.
- :class:`PapiScore` holds a province's PAPI dimension score for a year as the report prints it.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core import papi, sipas
from danvan.org.models import Unit
from danvan.petitions.models import Field, Petition


class Aspect(models.TextChoices):
    ACCESS = sipas.ACCESS, _("Tiếp cận dịch vụ")
    PROCEDURES = sipas.PROCEDURES, _("Thủ tục hành chính")
    CIVIL_SERVANTS = sipas.CIVIL_SERVANTS, _("Công chức trực tiếp giải quyết công việc")
    RESULTS = sipas.RESULTS, _("Kết quả giải quyết công việc")
    FEEDBACK = sipas.FEEDBACK, _("Tiếp nhận, xử lý góp ý, phản ánh, kiến nghị")


class Target(models.TextChoices):
    UNIT = "unit_visitors", _("Người dân đến làm việc với đơn vị")
    SERVICE = "service_users", _("Người dân sử dụng một dịch vụ, lĩnh vực")
    CASES = "closed_cases", _("Người có đơn thư đã kết thúc")


class SurveyStatus(models.TextChoices):
    DRAFT = "survey_draft", _("Đang soạn")
    OPEN = "survey_open", _("Đang nhận ý kiến")
    CLOSED = "survey_closed", _("Đã kết thúc")


class QuestionKind(models.TextChoices):
    SINGLE = "single_choice", _("Chọn một")
    MULTIPLE = "multiple_choice", _("Chọn nhiều")
    SCALE = "scale_1_5", _("Thang điểm 1–5")
    TEXT = "free_text", _("Trả lời tự do")


SCALE_LABELS = {
    1: _("Rất không hài lòng"),
    2: _("Không hài lòng"),
    3: _("Bình thường"),
    4: _("Hài lòng"),
    5: _("Rất hài lòng"),
}


def _public_key() -> str:
    return secrets.token_urlsafe(12)


class Survey(models.Model):
    title = models.CharField(_("tên phiếu khảo sát"), max_length=200)
    intro = models.TextField(_("lời giới thiệu"), blank=True)
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="surveys")
    target = models.CharField(_("đối tượng khảo sát"), max_length=20, choices=Target.choices, default=Target.UNIT)
    field = models.ForeignKey(Field, verbose_name=_("dịch vụ, lĩnh vực"), null=True, blank=True,
                              on_delete=models.PROTECT, related_name="surveys")
    starts_on = models.DateField(_("từ ngày"))
    ends_on = models.DateField(_("đến ngày"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=SurveyStatus.choices,
                              default=SurveyStatus.DRAFT, db_index=True)
    public_key = models.CharField(max_length=32, unique=True, default=_public_key, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords(excluded_fields=["public_key"])

    class Meta:
        verbose_name = _("phiếu khảo sát")
        verbose_name_plural = _("phiếu khảo sát")
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_on__gte=models.F("starts_on")), name="survey_period_order"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("surveys:survey_detail", args=[self.pk])

    def public_url(self) -> str:
        return reverse("surveys:answer", args=[self.public_key])


class Question(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    text = models.CharField(_("câu hỏi"), max_length=300)
    help_text = models.CharField(_("gợi ý trả lời"), max_length=300, blank=True)
    kind = models.CharField(_("loại câu hỏi"), max_length=20, choices=QuestionKind.choices)
    aspect = models.CharField(_("yếu tố SIPAS"), max_length=20, choices=Aspect.choices, blank=True)
    required = models.BooleanField(_("bắt buộc trả lời"), default=True)
    options = models.TextField(_("các phương án"), blank=True, help_text=_("Mỗi dòng một phương án."))
    satisfied_options = models.TextField(
        _("phương án tính là hài lòng"), blank=True,
        help_text=_("Với câu hỏi chọn có yếu tố SIPAS: mỗi dòng một phương án (chép đúng như trên)."))
    condition_question = models.ForeignKey("self", verbose_name=_("chỉ hỏi khi câu"), null=True, blank=True,
                                           on_delete=models.PROTECT, related_name="dependents")
    condition_values = models.TextField(
        _("có câu trả lời là"), blank=True,
        help_text=_("Mỗi dòng một phương án (hoặc một điểm từ 1 đến 5); câu này hiện khi câu trả lời trước "
                    "trùng một trong số đó."))
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("câu hỏi khảo sát")
        verbose_name_plural = _("câu hỏi khảo sát")
        ordering = ["survey", "order", "pk"]

    def __str__(self) -> str:
        return self.text

    @staticmethod
    def lines(value: str) -> list[str]:
        return [line.strip() for line in (value or "").splitlines() if line.strip()]

    @property
    def option_list(self) -> list[str]:
        return self.lines(self.options)

    @property
    def satisfied_list(self) -> list[str]:
        return self.lines(self.satisfied_options)

    @property
    def condition_list(self) -> list[str]:
        return self.lines(self.condition_values)

    @property
    def scored(self) -> bool:
        return bool(self.aspect) and self.kind in (QuestionKind.SCALE, QuestionKind.SINGLE, QuestionKind.MULTIPLE)


class Response(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    unit = models.ForeignKey(Unit, verbose_name=_("đơn vị được đánh giá"), on_delete=models.PROTECT,
                             related_name="survey_responses")
    petition = models.ForeignKey(Petition, null=True, blank=True, on_delete=models.PROTECT,
                                 related_name="survey_responses")
    token_hash = models.CharField(max_length=64, editable=False)
    answered_on = models.DateField(_("ngày trả lời"), db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("phiếu trả lời")
        verbose_name_plural = _("phiếu trả lời")
        ordering = ["-answered_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["survey", "token_hash"], name="response_once_per_token"),
            models.UniqueConstraint(fields=["petition"], condition=models.Q(petition__isnull=False),
                                    name="response_once_per_case"),
        ]
        indexes = [models.Index(fields=["unit", "answered_on"], name="response_unit_day")]

    def __str__(self) -> str:
        return f"{self.survey} — {self.answered_on:%d/%m/%Y}"


class Answer(models.Model):
    """One answer: the scale value, one chosen option (a row per option of a multiple choice), or text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    satisfied = models.BooleanField(null=True, editable=False)  # None: not scored

    class Meta:
        indexes = [models.Index(fields=["question", "response"], name="answer_question")]

    def __str__(self) -> str:
        return self.text or str(self.number or "")


class Dimension(models.TextChoices):
    PARTICIPATION = papi.PARTICIPATION, _("Tham gia của người dân ở cấp cơ sở")
    TRANSPARENCY = papi.TRANSPARENCY, _("Công khai, minh bạch trong việc ra quyết định")
    ACCOUNTABILITY = papi.ACCOUNTABILITY, _("Trách nhiệm giải trình với người dân")
    CORRUPTION_CONTROL = papi.CORRUPTION_CONTROL, _("Kiểm soát tham nhũng trong khu vực công")
    PROCEDURES = papi.PROCEDURES, _("Thủ tục hành chính công")
    SERVICES = papi.SERVICES, _("Cung ứng dịch vụ công")
    ENVIRONMENT = papi.ENVIRONMENT, _("Quản trị môi trường")
    E_GOVERNANCE = papi.E_GOVERNANCE, _("Quản trị điện tử")


class PapiScore(models.Model):
    province = models.CharField(_("tỉnh, thành phố"), max_length=100, db_index=True)
    year = models.PositiveSmallIntegerField(_("năm"))
    dimension = models.CharField(_("chỉ số nội dung"), max_length=30, choices=Dimension.choices)
    score = models.DecimalField(_("điểm"), max_digits=6, decimal_places=4)
    printed = models.CharField(_("điểm như in trong báo cáo"), max_length=12)
    source = models.CharField(_("nguồn"), max_length=255)
    is_demo = models.BooleanField(_("số liệu minh họa"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("điểm PAPI")
        verbose_name_plural = _("điểm PAPI")
        ordering = ["province", "year", "dimension"]
        constraints = [
            models.UniqueConstraint(fields=["province", "year", "dimension"], name="papi_once_per_dimension"),
        ]

    def __str__(self) -> str:
        return f"{self.province} {self.year}: {self.get_dimension_display()} {self.printed}"
