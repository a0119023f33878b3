"""Keys of the systems that talk to danvan, and what an Open311 request carried beside the case.

A key is shown once, when it is made; only its SHA-256 digest is kept (the key is 32 random bytes,
so a plain digest cannot be reversed by guessing). A key acts as one staff account — the policy
decides what it may see and do, as for a person — narrowed to one unit's subtree and to the
scopes it was given. Revoking keeps the row (who made it, when it was last used).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from danvan.org.models import Unit


class Scope(models.TextChoices):
    READ = "read", _("Đọc dữ liệu trong phạm vi đơn vị")
    PETITIONS_WRITE = "petitions.write", _("Tiếp nhận đơn thư, ghi chú hồ sơ")
    REPORTS_SUBMIT = "reports.submit", _("Lập và nộp báo cáo của đơn vị")
    OPEN311 = "open311", _("Gửi phản ánh, kiến nghị của công dân qua Open311")


class ApiKeyQuerySet(models.QuerySet):
    def active(self) -> ApiKeyQuerySet:
        return self.filter(revoked_at__isnull=True)


class ApiKey(models.Model):
    name = models.CharField(_("tên hệ thống"), max_length=150)
    prefix = models.CharField(_("tiền tố khóa"), max_length=12, unique=True, editable=False)
    key_hash = models.CharField(max_length=64, editable=False)
    staff = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("tài khoản sử dụng"),
                              on_delete=models.PROTECT, related_name="api_keys")
    unit = models.ForeignKey(Unit, verbose_name=_("giới hạn trong đơn vị"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="api_keys")
    scopes = models.JSONField(_("quyền của khóa"), default=list)
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người tạo"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    revoked_by = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("người thu hồi"), null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    last_used_at = models.DateTimeField(_("dùng lần cuối"), null=True, blank=True)

    objects = ApiKeyQuerySet.as_manager()
    history = HistoricalRecords(excluded_fields=["last_used_at", "key_hash"])

    class Meta:
        verbose_name = _("khóa API")
        # Vietnamese has no plural form; the context gives the English catalogue its own "API keys".
        verbose_name_plural = pgettext_lazy("số nhiều", "khóa API")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        return self.revoked_at is None

    def has_scope(self, scope: str) -> bool:
        return scope in (self.scopes or [])

    def scope_labels(self) -> str:
        labels = dict(Scope.choices)
        return ", ".join(str(labels.get(s, s)) for s in self.scopes or [])


class Open311Request(models.Model):
    """Where and how a case filed through Open311 came: the point on the map, the app's own ids.

    The case itself is an ordinary petition (channel "ứng dụng"); the citizen's name and contacts
    went to its petitioner record, and nothing here is ever answered back (write-only fields).
    """

    petition = models.OneToOneField("petitions.Petition", on_delete=models.CASCADE, related_name="open311")
    api_key = models.ForeignKey(ApiKey, on_delete=models.PROTECT, related_name="open311_requests")
    service_code = models.CharField(max_length=120)
    lat = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    long = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    address_string = models.CharField(max_length=255, blank=True)
    media_url = models.URLField(max_length=500, blank=True)
    device_id = models.CharField(max_length=100, blank=True)
    account_id = models.CharField(max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("yêu cầu Open311")
        verbose_name_plural = pgettext_lazy("số nhiều", "yêu cầu Open311")

    def __str__(self) -> str:
        return f"Open311 {self.petition_id}"
