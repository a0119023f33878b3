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
    # Shown (with its file) on the citizens' portal of the committee whose tree issued it.
    is_public = models.BooleanField(_("công khai trên cổng thông tin"), default=False)
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


# --- electronic documents: signing keys, trusted roots, outgoing PDFs, checks of incoming PDFs ---------


class KeyKind(models.TextChoices):
    PKCS12 = "pkcs12", _("Tệp khóa PKCS#12 trên máy chủ")
    PKCS11 = "pkcs11", _("Thiết bị ký số (USB token, PKCS#11)")


class SigningKey(models.Model):
    """The key with which a unit (its seal) or a person with authority (their signature) signs.

    Exactly one of ``unit`` and ``staff``. The passphrase or PIN is never stored: ``secret_env`` names the
    server's environment variable that holds it.
    """

    unit = models.ForeignKey(Unit, verbose_name=_("cơ quan"), null=True, blank=True, on_delete=models.CASCADE,
                             related_name="signing_keys")
    staff = models.ForeignKey("org.Staff", verbose_name=_("người ký"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="signing_keys")
    kind = models.CharField(_("loại khóa"), max_length=10, choices=KeyKind.choices, default=KeyKind.PKCS12)
    pkcs12_path = models.CharField(_("đường dẫn tệp .p12 trên máy chủ"), max_length=500, blank=True)
    secret_env = models.CharField(_("biến môi trường chứa mật khẩu/PIN"), max_length=100, blank=True)
    pkcs11_module = models.CharField(_("thư viện PKCS#11 của thiết bị"), max_length=500, blank=True)
    pkcs11_token = models.CharField(_("nhãn thiết bị (token)"), max_length=100, blank=True)
    pkcs11_key = models.CharField(_("nhãn khóa và chứng thư trên thiết bị"), max_length=100, blank=True)
    image_path = models.CharField(_("hình ảnh chữ ký hoặc con dấu (.png nền trong suốt)"), max_length=500,
                                  blank=True)
    is_demo = models.BooleanField(_("chỉ dùng thử"), default=False)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("khóa ký số")
        verbose_name_plural = _("khóa ký số")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(unit__isnull=False, staff__isnull=True)
                           | models.Q(unit__isnull=True, staff__isnull=False)),
                name="signing_key_unit_or_staff"),
        ]

    def __str__(self) -> str:
        owner = self.unit if self.unit_id else self.staff
        return f"{owner} — {self.get_kind_display()}"

    def spec(self):
        from danvan.documents.signing import KeySpec

        label = self.unit.name if self.unit_id else self.staff.full_name
        return KeySpec(kind=self.kind, label=label, pkcs12_path=self.pkcs12_path, secret_env=self.secret_env,
                       pkcs11_module=self.pkcs11_module, pkcs11_token=self.pkcs11_token,
                       pkcs11_key=self.pkcs11_key, image_path=self.image_path)


class TrustedRoot(models.Model):
    """A root certificate whose signatures danvan trusts (e.g. the government's root CA; the demo CA)."""

    name = models.CharField(_("tên"), max_length=255)
    certificate = models.TextField(_("chứng thư gốc (PEM)"))
    is_demo = models.BooleanField(_("chỉ dùng thử"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("chứng thư gốc tin cậy")
        verbose_name_plural = _("chứng thư gốc tin cậy")

    def __str__(self) -> str:
        return self.name


class OutgoingStatus(models.TextChoices):
    DRAFTED = "drafted", _("Dự thảo")
    NUMBERED = "numbered", _("Đã cấp số")
    SIGNED = "signed", _("Đã ký số")
    ISSUED = "issued", _("Đã ban hành")


class VerificationStatus(models.TextChoices):
    VALID = "valid", _("Chữ ký số hợp lệ")
    UNTRUSTED = "untrusted", _("Chữ ký nguyên vẹn nhưng chưa xác thực được người ký")
    ALTERED = "altered", _("Văn bản đã bị thay đổi sau khi ký")
    UNSIGNED = "unsigned", _("Không có chữ ký số")
    DAMAGED = "damaged", _("Tệp PDF hỏng, không đọc được")


class ImmutableDocument(ValueError):
    """A signed document is never changed: a correction is a new document that replaces it."""


class OutgoingDocument(models.Model):
    """An outgoing document on its way to an electronic original: drafted → numbered → signed → issued.

    ``source`` says what it was made from ("reporting.consolidated:12", "plans.plan:3"); once signed, its
    files and words never change (``save`` refuses it): a correction is a new row that ``replaces`` it.
    """

    source = models.CharField(max_length=100, db_index=True)
    issuer = models.ForeignKey(Unit, verbose_name=_("cơ quan ban hành"), on_delete=models.PROTECT,
                               related_name="outgoing_documents")
    type_name = models.CharField(_("tên loại"), max_length=60, blank=True)
    full_number = models.CharField(_("số, ký hiệu"), max_length=80, blank=True)
    date = models.DateField(_("ngày văn bản"), null=True, blank=True)
    subject = models.TextField(_("trích yếu"))
    signer_name = models.CharField(_("người ký"), max_length=150)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=100)
    status = models.CharField(_("trạng thái"), max_length=10, choices=OutgoingStatus.choices,
                              default=OutgoingStatus.DRAFTED)
    docx = models.FileField(_("tệp .docx"), upload_to="outgoing/%Y/")
    pdf = models.FileField(_("tệp PDF đã ký"), upload_to="outgoing/%Y/", blank=True)
    pdf_sha256 = models.CharField(max_length=64, blank=True, editable=False)
    signed_by = models.ForeignKey("org.Staff", verbose_name=_("người có thẩm quyền đã ký"), null=True, blank=True,
                                  on_delete=models.PROTECT, related_name="+")
    signed_at = models.DateTimeField(_("ký lúc"), null=True, blank=True)
    issued_at = models.DateTimeField(_("ban hành lúc"), null=True, blank=True)
    replaces = models.ForeignKey("self", verbose_name=_("thay thế văn bản"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="replaced_by")
    registry_document = models.ForeignKey(Document, verbose_name=_("trong danh mục văn bản"), null=True,
                                          blank=True, on_delete=models.SET_NULL, related_name="outgoing")
    verification = models.JSONField(default=dict, blank=True, editable=False)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # The files are not history lines (a page never shows a file name); a signed file never changes anyway.
    history = HistoricalRecords(excluded_fields=["verification", "docx", "pdf", "pdf_sha256"])

    FROZEN = ("docx", "pdf", "pdf_sha256", "full_number", "subject", "type_name", "date", "signer_name",
              "issuer_id", "signed_by_id", "signed_at")

    class Meta:
        verbose_name = _("văn bản đi điện tử")
        verbose_name_plural = _("văn bản đi điện tử")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.type_name} {self.full_number or _('(chưa cấp số)')}".strip()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).first()
            if stored is not None and stored.is_signed:
                changed = [f for f in self.FROZEN if str(getattr(stored, f)) != str(getattr(self, f))]
                if changed or (stored.status == OutgoingStatus.ISSUED and self.status != OutgoingStatus.ISSUED):
                    raise ImmutableDocument(str(_("Văn bản đã ký số không được sửa: hãy lập văn bản mới thay thế.")))
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("documents:outgoing_detail", args=[self.pk])

    @property
    def is_signed(self) -> bool:
        return self.status in (OutgoingStatus.SIGNED, OutgoingStatus.ISSUED)


class PdfCheck(models.Model):
    """The check of a registry document's PDF: its signatures as found when the file came in."""

    document = models.ForeignKey(Document, on_delete=models.CASCADE, related_name="pdf_checks")
    checked_at = models.DateTimeField(_("kiểm tra lúc"))
    sha256 = models.CharField(max_length=64)
    status = models.CharField(_("kết quả"), max_length=10, choices=VerificationStatus.choices)
    result = models.JSONField(default=dict)

    class Meta:
        verbose_name = _("kiểm tra chữ ký số")
        verbose_name_plural = _("kiểm tra chữ ký số")
        ordering = ["-checked_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.document}: {self.get_status_display()}"
