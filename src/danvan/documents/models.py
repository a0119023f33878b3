"""The document registry: administrative and legal documents, what they cite, outgoing numbers.

A plan is only trackable if what it implements is known: each cited document is one registry
row (deduplicated by its normalised number and year), with its status, so that a plan citing
Decree 04/2015 can show that the decree was replaced under the 2022 law on grassroots democracy
while keeping the citation as printed. Outgoing numbers restart on 1 January for each issuing
unit and type (Decree 30/2020), so the register is one row per (unit, type, year).
"""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from danvan.core.vntext import fold, slug_key
from danvan.org.models import Unit


class DocumentStatus(models.TextChoices):
    IN_FORCE = "in_force", _("Còn hiệu lực")
    REPLACED = "replaced", _("Đã được thay thế")
    REPEALED = "repealed", _("Đã bãi bỏ")


class Document(models.Model):
    """One administrative or legal document, as printed ("Chỉ thị số 07-CT/TU ngày 01/10/2021")."""

    type_code = models.CharField(_("ký hiệu loại"), max_length=10, blank=True,
                                 help_text=_("KH, BC, QĐ, CT, NQ, NĐ, QH, KL, TB, …"))
    type_name = models.CharField(_("tên loại"), max_length=60, blank=True)
    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=60, blank=True)
    full_number = models.CharField(_("số, ký hiệu"), max_length=80,
                                   help_text=_("Như in trên văn bản, vd. 307/KH-UBND, 97/2019/QH14."))
    number_key = models.CharField(max_length=80, db_index=True, editable=False, default="")
    year = models.PositiveSmallIntegerField(_("năm"), null=True, blank=True, db_index=True)
    date = models.DateField(_("ngày ban hành"), null=True, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255, blank=True)
    issuer_unit = models.ForeignKey(Unit, verbose_name=_("đơn vị ban hành (trong danh mục)"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="documents")
    subject = models.TextField(_("trích yếu"), blank=True)
    status = models.CharField(_("tình trạng hiệu lực"), max_length=20, choices=DocumentStatus.choices,
                              default=DocumentStatus.IN_FORCE)
    replaced_by = models.ForeignKey("self", verbose_name=_("được thay thế bởi"), null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="replaces")
    status_note = models.CharField(_("ghi chú hiệu lực"), max_length=500, blank=True)
    file = models.FileField(_("tệp văn bản"), upload_to="documents/%Y/", blank=True)
    cites = models.ManyToManyField("self", through="Citation", symmetrical=False, related_name="cited_by",
                                   verbose_name=_("căn cứ"))
    # Derived on save: the issuer as a matching key (duplicates are number + year + issuer) and a
    # folded text (no diacritics, đ → d) that the registry search filters on.
    issuer_key = models.CharField(max_length=255, default="", editable=False)
    search_text = models.TextField(default="", editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords(excluded_fields=["number_key", "issuer_key", "search_text"])

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")
        ordering = ["-date", "full_number"]
        constraints = [
            # The same number restarts each year and each issuer numbers its own documents: a key is
            # unique within its year and issuer where known.
            models.UniqueConstraint(fields=["number_key", "year", "issuer_key"],
                                    name="document_unique_number_year_issuer"),
        ]

    def __str__(self) -> str:
        name = f"{self.type_name} " if self.type_name else ""
        return f"{name}{self.full_number}".strip()

    def save(self, *args, **kwargs):
        self.refresh_keys()
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "issuer_key", "search_text"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("documents:document_detail", args=[self.pk])

    def refresh_keys(self) -> None:
        self.issuer_key = slug_key(self.issuer)
        self.search_text = fold(" ".join([self.full_number, self.number_key, self.type_name, self.subject,
                                          self.issuer]))

    @property
    def citation_text(self) -> str:
        """ "Chỉ thị số 07-CT/TU ngày 01/10/2021 của Ban Thường vụ Thành ủy Hà Nội"."""
        parts = [f"{self.type_name} số {self.full_number}" if self.type_name else self.full_number]
        if self.date:
            parts.append(f"ngày {self.date:%d/%m/%Y}")
        if self.issuer:
            parts.append(f"của {self.issuer}")
        return " ".join(parts)


class Citation(models.Model):
    """``citing`` relies on ``cited`` (its legal basis), with the words as printed."""

    citing = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="citations")
    cited = models.ForeignKey(Document, on_delete=models.PROTECT, related_name="citations_in")
    text = models.CharField(_("trích dẫn như in"), max_length=500, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("trích dẫn")
        verbose_name_plural = _("trích dẫn")
        ordering = ["citing", "order"]
        constraints = [models.UniqueConstraint(fields=["citing", "cited"], name="citation_unique")]

    def __str__(self) -> str:
        return f"{self.citing} → {self.cited}"


class OutgoingNumber(models.Model):
    """The last number given to outgoing documents of one unit, type and year (sổ đăng ký văn bản đi)."""

    issuer = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="outgoing_numbers")
    type_code = models.CharField(max_length=10)
    year = models.PositiveSmallIntegerField()
    last_number = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("sổ đăng ký văn bản đi")
        verbose_name_plural = _("sổ đăng ký văn bản đi")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "type_code", "year"], name="outgoing_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.issuer} {self.type_code} {self.year}: {self.last_number}"
