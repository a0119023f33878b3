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
from danvan.core.vntext import clean_text, fold, format_date, slug_key
from danvan.documents.models import Citation, Document, DocumentStatus, OutgoingNumber
from danvan.documents.uploads import DOCUMENT_TYPES, check_upload
from danvan.org import clock, policy
from danvan.org.audit import check_version
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
    candidates = Document.objects.select_for_update().filter(number_key=key)
    if issuer:
        # Another issuer's document with the same number is a different document; a mention
        # without an issuer is this one.
        candidates = candidates.filter(issuer_key__in=[slug_key(clean_text(issuer)), ""]).order_by("-issuer_key")
    existing = candidates.filter(year=year).first()
    if existing is None and year is not None:
        # An earlier mention without a date: adopt it rather than create a second row.
        existing = candidates.filter(year__isnull=True).first()
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
    document.version += 1
    _history(document, actor, _("Cập nhật tình trạng hiệu lực"))
    document.save()
    return document


# --- editing the registry by hand (coordinators, administrators) -------------------------------------

_EARLIEST = date(1945, 9, 2)  # nothing the registry holds predates the state


def _replacement_loop(document: Document | None, replaced_by: Document | None) -> bool:
    """Would ``document`` → ``replaced_by`` → … come back to ``document``?"""
    seen: set[int] = set()
    current = replaced_by
    while current is not None and current.pk not in seen:
        if document is not None and current.pk == document.pk:
            return True
        seen.add(current.pk)
        current = current.replaced_by
    return False


def _checked(document: Document | None, *, full_number: str, type_name: str, date: date | None, issuer: str,
             subject: str, status: str, replaced_by: Document | None, status_note: str,
             today: date | None = None) -> dict[str, Any]:
    """The cleaned fields of a hand-edited document, or a ValidationError naming every bad field."""
    errors: dict[str, str] = {}
    printed = clean_text(full_number)
    normalised = normalise_full_number(printed) if printed else ""
    number, number_year, _code, _issuer_code = parse_number(normalised) if normalised else ("", None, None, None)
    if not printed:
        errors["full_number"] = _("Hãy nhập số, ký hiệu văn bản.")
    elif not (number or "")[:1].isdigit():
        errors["full_number"] = _("Số, ký hiệu “%(value)s” không hợp lệ: phải bắt đầu bằng số, vd. 307/KH-UBND.") % {
            "value": printed}
    today = today or clock.today()
    if date is not None:
        if date > today:
            errors["date"] = _("Ngày ban hành %(date)s ở sau ngày hôm nay.") % {"date": format_date(date)}
        elif date < _EARLIEST:
            errors["date"] = _("Ngày ban hành %(date)s không hợp lệ.") % {"date": format_date(date)}
        elif number_year is not None and number_year != date.year:
            errors["date"] = _("Ngày ban hành %(date)s không khớp năm %(year)s trong số, ký hiệu.") % {
                "date": format_date(date), "year": number_year}
    if status not in DocumentStatus.values:
        errors["status"] = _("Tình trạng hiệu lực không hợp lệ.")
    elif status == DocumentStatus.REPLACED:
        if replaced_by is None:
            errors["replaced_by"] = _("Hãy chọn văn bản thay thế.")
        elif document is not None and replaced_by.pk == document.pk:
            errors["replaced_by"] = _("Văn bản không thể thay thế chính nó.")
        elif _replacement_loop(document, replaced_by):
            errors["replaced_by"] = _("Văn bản %(other)s lại được thay thế bởi văn bản này: hãy kiểm tra lại.") % {
                "other": replaced_by.full_number}
    cleaned = {
        "full_number": printed, "number_key": number_key(normalised) if normalised else "",
        "number": number or "", "symbol": normalised.split("/", 1)[1] if "/" in normalised else "",
        "type_name": clean_text(type_name), "type_code": _type_code(normalised, type_name) if normalised else "",
        "date": date, "year": date.year if date else number_year, "issuer": clean_text(issuer),
        "subject": clean_text(subject, multiline=True), "status": status,
        "replaced_by": replaced_by if status == DocumentStatus.REPLACED else None,
        "status_note": clean_text(status_note)[:500],
    }
    if "full_number" not in errors:
        duplicate = Document.objects.filter(number_key=cleaned["number_key"], year=cleaned["year"],
                                            issuer_key=slug_key(cleaned["issuer"]))
        if document is not None:
            duplicate = duplicate.exclude(pk=document.pk)
        other = duplicate.first()
        if other is not None:
            errors["full_number"] = _("Danh mục đã có văn bản %(number)s%(year)s%(issuer)s; không nhập trùng.") % {
                "number": other.full_number, "year": _(" năm %(y)s") % {"y": other.year} if other.year else "",
                "issuer": _(" của %(i)s") % {"i": other.issuer} if other.issuer else ""}
    if errors:
        raise ValidationError(errors)
    return cleaned


def _attach_file(document: Document, file: Any) -> None:
    _mime, extension = check_upload(file, DOCUMENT_TYPES)
    stem = slug_key(document.full_number).replace(" ", "-") or "van-ban"
    document.file.save(f"{stem}.{extension}", file, save=False)


def _check_uploaded_pdf(document: Document, file: Any) -> None:
    """A PDF that comes into the registry has its signatures checked, and the result kept (issue 19)."""
    if not file or not document.file.name.lower().endswith(".pdf"):
        return
    file.seek(0)
    check_pdf(document=document, data=file.read())


@transaction.atomic
def create_document(*, actor: Staff | None, full_number: str, type_name: str = "", date: date | None = None,
                    issuer: str = "", issuer_unit: Unit | None = None, subject: str = "",
                    status: str = DocumentStatus.IN_FORCE, replaced_by: Document | None = None,
                    status_note: str = "", file: Any = None, is_public: bool = False) -> Document:
    """Enter a document in the registry by hand (refuses a second row for the same number, year and issuer)."""
    if actor is not None:
        policy.require(actor, "document.change", None)
    cleaned = _checked(None, full_number=full_number, type_name=type_name, date=date, issuer=issuer,
                       subject=subject, status=status, replaced_by=replaced_by, status_note=status_note)
    if file:
        check_upload(file, DOCUMENT_TYPES)
    document = Document(issuer_unit=issuer_unit, is_public=bool(is_public), **cleaned)
    if file:
        _attach_file(document, file)
    _history(document, actor, _("Nhập văn bản vào danh mục"))
    document.save()
    _check_uploaded_pdf(document, file)
    return document


@transaction.atomic
def update_document(*, actor: Staff | None, document: Document, version: int | str | None = None,
                    full_number: str, type_name: str = "", date: date | None = None, issuer: str = "",
                    issuer_unit: Unit | None = None, subject: str = "", status: str = DocumentStatus.IN_FORCE,
                    replaced_by: Document | None = None, status_note: str = "", file: Any = None,
                    is_public: bool | None = None) -> Document:
    """Correct a document's facts, its status (replaced by …, repealed) or its file; stale edits are refused."""
    if actor is not None:
        policy.require(actor, "document.change", document)
    document = Document.objects.select_for_update().get(pk=document.pk)
    check_version(document, version, _("Văn bản này"))
    cleaned = _checked(document, full_number=full_number, type_name=type_name, date=date, issuer=issuer,
                       subject=subject, status=status, replaced_by=replaced_by, status_note=status_note)
    if file:
        check_upload(file, DOCUMENT_TYPES)
    for field, value in cleaned.items():
        setattr(document, field, value)
    document.issuer_unit = issuer_unit
    if is_public is not None:
        document.is_public = bool(is_public)
    if file:
        _attach_file(document, file)
    document.version += 1
    _history(document, actor, _("Sửa thông tin văn bản"))
    document.save()
    _check_uploaded_pdf(document, file)
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


# --- electronic documents (documents/electronic.py): outgoing PDFs signed, incoming PDFs checked -------

from danvan.documents.electronic import (  # noqa: E402, F401 (the services of electronic documents)
    check_pdf,
    for_signature,
    issue_outgoing,
    prepare_outgoing,
    replace_outgoing,
    sign_outgoing,
    verify,
)

