"""What a committee publishes on its citizens' portal besides the cases' answers.

- :class:`News`: news items written by the Culture and Information office (plan item III.2),
  shown from their publishing date.
- :class:`Disclosure`: what the Law on Grassroots Democracy 2022 (Law 10/2022/QH15, arts. 11–12)
  requires the committee to make public — plans, budgets, land use, results of resolved matters —
  with the date it was posted and how many days it stays posted.

Answers to petitions are published on the case itself (``Petition.published_on``), documents on the
registry row (``Document.is_public``).
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.org.models import Unit


class News(models.Model):
    committee = models.ForeignKey(Unit, verbose_name=_("ủy ban"), on_delete=models.PROTECT, related_name="+")
    office = models.ForeignKey(Unit, verbose_name=_("đơn vị viết tin"), on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("tiêu đề"), max_length=255)
    summary = models.CharField(_("tóm tắt"), max_length=500, blank=True)
    body = models.TextField(_("nội dung"))
    publish_on = models.DateField(_("ngày đăng"), db_index=True)
    withdrawn = models.BooleanField(_("đã gỡ khỏi cổng thông tin"), default=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tin tức")
        verbose_name_plural = _("tin tức")
        ordering = ["-publish_on", "-pk"]
        indexes = [models.Index(fields=["committee", "publish_on"], name="portal_news_committee")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:news_detail", args=[self.committee.code, self.pk])


class DisclosureCategory(models.TextChoices):
    """The contents a commune or district committee makes public (Law 10/2022/QH15, art. 11)."""

    PLAN = "plan", _("Kế hoạch, chương trình phát triển kinh tế - xã hội")
    BUDGET = "budget", _("Dự toán, quyết toán ngân sách; thu, chi các quỹ, khoản đóng góp")
    LAND = "land", _("Quy hoạch, kế hoạch sử dụng đất; bồi thường, hỗ trợ, tái định cư")
    PROJECT = "project", _("Dự án, công trình đầu tư; chương trình hỗ trợ người dân")
    RESULT = "result", _("Kết quả giải quyết vụ việc, thanh tra, kiểm tra")
    PROCEDURE = "procedure", _("Thủ tục hành chính, chính sách")
    OTHER = "other", _("Nội dung khác theo quy định")


class Disclosure(models.Model):
    committee = models.ForeignKey(Unit, verbose_name=_("ủy ban"), on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("nhóm nội dung"), max_length=20, choices=DisclosureCategory.choices, db_index=True)
    title = models.CharField(_("nội dung công khai"), max_length=255)
    body = models.TextField(_("chi tiết"), blank=True)
    decided_on = models.DateField(_("ngày ban hành, quyết định"), null=True, blank=True)
    posted_on = models.DateField(_("ngày niêm yết, đăng tải"), db_index=True)
    posted_days = models.PositiveSmallIntegerField(_("thời gian công khai (ngày)"), default=30)
    posted_until = models.DateField(_("công khai đến ngày"), editable=False, db_index=True)
    place = models.CharField(_("nơi niêm yết"), max_length=255, blank=True)
    document = models.ForeignKey("documents.Document", verbose_name=_("văn bản kèm theo"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="+")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("nội dung công khai")
        verbose_name_plural = _("nội dung công khai")
        ordering = ["-posted_on", "-pk"]
        indexes = [models.Index(fields=["committee", "posted_on"], name="portal_disclosure_committee")]
        constraints = [models.CheckConstraint(condition=models.Q(posted_days__gte=1),
                                              name="portal_disclosure_days_positive")]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        # The last day it stays posted (the posting day counts as the first), stored so lists filter on it.
        self.posted_until = self.posted_on + timedelta(days=max(self.posted_days, 1) - 1)
        super().save(*args, **kwargs)
