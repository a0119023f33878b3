"""Writes to the document registry: register a document once, record citations, number outgoing documents.

Plans (import) and reports (issue 6) both call these; every write is transactional and leaves a
history record naming who made it (``actor`` None = the system: import command, demo).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from danvan.core.references import TYPE_CODES, normalise_full_number, number_key, parse_number
from danvan.core.vntext import clean_text, fold
from danvan.documents.models import Citation, Document, DocumentStatus, OutgoingNumber
from danvan.org import policy
from danvan.org.audit import record_change as _history
from danvan.org.models import Staff, Unit

# Type names that are not spelled out by a symbol's type part (a law's symbol is "QH14").
_NAME_TO_CODE = {
    "ke hoach": "KH", "bao cao": "BC", "quyet dinh": "QĐ", "chi thi": "CT", "nghi quyet": "NQ",
    "nghi dinh": "NĐ", "ket luan": "KL", "thong bao": "TB", "thong tu": "TT", "huong dan": "HD",
    "chuong trinh": "CTr", "luat": "L", "to trinh": "TTr", "quy dinh": "QyĐ", "quy che": "QC",
}


def _type_code(full_number: str, type_name: str) -> str:
    code = parse_number(full_number)[2] or ""
    if code and fold(code) in TYPE_CODES:
        return TYPE_CODES[fold(code)]
    return _NAME_TO_CODE.get(fold(type_name), code)


@transaction.atomic
def register_document(*, actor: Staff | None = None, full_number: str, type_name: str = "",
                      date: date | None = None, issuer: str = "", issuer_unit: Unit | None = None,
                      subject: str = "", file: Any = None) -> tuple[Document, bool]:
    """The registry row of a document, created once; known facts fill in what an earlier mention lacked.

    Documents are matched on their normalised number (``number_key``) and year (from the date or
    the number itself), so "07-CT/TU" cited by three plans is one row.
    """
    if actor is not None:
        policy.require(actor, "document.change", None)
    printed = clean_text(full_number)
    if not printed:
        raise ValidationError({"full_number": _("Hãy nhập số, ký hiệu văn bản.")})
    normalised = normalise_full_number(printed)
    key = number_key(normalised)
    number, number_year, _code, _issuer_code = parse_number(normalised)
    year = date.year if date else number_year
    existing = Document.objects.select_for_update().filter(number_key=key, year=year).first()
    if existing is None and year is not None:
        # An earlier mention without a date: adopt it rather than create a second row.
        existing = Document.objects.select_for_update().filter(number_key=key, year__isnull=True).first()
    if existing is not None:
        changed = False
        for field, value in (("date", date), ("issuer", clean_text(issuer)), ("issuer_unit", issuer_unit),
                             ("subject", clean_text(subject)), ("type_name", clean_text(type_name)),
                             ("year", year)):
            if value and not getattr(existing, field):
                setattr(existing, field, value)
                changed = True
        if file:
            existing.file = file
            changed = True
        if changed:
            _history(existing, actor, _("Bổ sung thông tin văn bản"))
            existing.save()
        return existing, False
    document = Document(
        type_code=_type_code(normalised, type_name), type_name=clean_text(type_name), number=number or "",
        symbol=normalised.split("/", 1)[1] if "/" in normalised else "", full_number=printed, number_key=key,
        year=year, date=date, issuer=clean_text(issuer), issuer_unit=issuer_unit, subject=clean_text(subject),
    )
    if file:
        document.file = file
    _history(document, actor, _("Đăng ký văn bản vào danh mục"))
    document.save()
    return document, True


@transaction.atomic
def cite(*, citing: Document, cited: Document, text: str = "", order: int = 0) -> Citation:
    """Record that ``citing`` relies on ``cited``; citing twice keeps one row."""
    citation, created = Citation.objects.get_or_create(
        citing=citing, cited=cited, defaults={"text": clean_text(text)[:500], "order": order})
    if not created and citation.order != order:
        citation.order = order
        citation.save(update_fields=["order"])
    return citation


@transaction.atomic
def set_status(*, actor: Staff | None, document: Document, status: str, replaced_by: Document | None = None,
               note: str = "") -> Document:
    """Mark a document replaced or repealed; its citations stay as printed (they are history)."""
    if actor is not None:
        policy.require(actor, "document.change", document)
    if status not in DocumentStatus.values:
        raise ValidationError({"status": _("Tình trạng hiệu lực không hợp lệ.")})
    if status == DocumentStatus.REPLACED and replaced_by is None:
        raise ValidationError({"replaced_by": _("Hãy chọn văn bản thay thế.")})
    if replaced_by is not None and replaced_by.pk == document.pk:
        raise ValidationError({"replaced_by": _("Văn bản không thể thay thế chính nó.")})
    document = Document.objects.select_for_update().get(pk=document.pk)
    document.status = status
    document.replaced_by = replaced_by if status == DocumentStatus.REPLACED else None
    document.status_note = clean_text(note)
    _history(document, actor, _("Cập nhật tình trạng hiệu lực"))
    document.save()
    return document


def reserve_number(*, issuer: Unit, type_code: str, year: int) -> int:
    """Take the next outgoing number of ``issuer`` for ``type_code`` in ``year`` (1, 2, …; restarts each year).

    The counter row is locked (SELECT … FOR UPDATE) so two clerks never get the same number; the
    first number of a year creates the row, and a concurrent creator retries on the unique key.
    """
    type_code = clean_text(type_code)
    for _attempt in range(3):
        try:
            with transaction.atomic():
                counter, _created = OutgoingNumber.objects.select_for_update().get_or_create(
                    issuer=issuer, type_code=type_code, year=year)
                counter.last_number += 1
                counter.save(update_fields=["last_number"])
                return counter.last_number
        except IntegrityError:
            continue
    raise RuntimeError("Could not reserve an outgoing number")  # pragma: no cover


next_number = reserve_number
