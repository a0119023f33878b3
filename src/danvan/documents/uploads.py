"""Checking an uploaded file by what it is, not what it claims to be: size first, then its first bytes.

Shared by the document registry (the text of a document: PDF or Word), reports (evidence files)
and petitions (citizens' scans and photos); it takes the allowed types as an argument so each
caller says what it accepts.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from danvan.core.media_types import DOCX, XLSX
from danvan.core.vntext import format_size

PDF = "application/pdf"

DOCUMENT_TYPES: dict[str, str] = {PDF: "pdf", DOCX: "docx"}
EVIDENCE_TYPES: dict[str, str] = {
    PDF: "pdf", DOCX: "docx", XLSX: "xlsx", "image/jpeg": "jpg", "image/png": "png", "image/webp": "webp",
}
_OFFICE_SUFFIXES = (".docx", ".xlsx", ".pptx")


def check_upload(upload: Any, allowed: Mapping[str, str], *, max_mb: int | None = None,
                 field: str = "file") -> tuple[str, str]:
    """Return ``(content_type, extension)`` of ``upload`` or raise a Vietnamese ValidationError on ``field``.

    The type comes from the file's first bytes (``filetype``), never from its name or the browser:
    a renamed executable is refused, and so is a bare zip named ``.docx``.
    """
    limit_mb = max_mb if max_mb is not None else getattr(settings, "DANVAN_MAX_UPLOAD_MB", 20)
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", None)
    if not size:
        raise ValidationError({field: _("Tệp “%(name)s” rỗng.") % {"name": name}})
    if size > limit_mb * 1024 * 1024:
        raise ValidationError({field: _("Tệp “%(name)s” nặng %(size)s, vượt quá giới hạn %(limit)s MB.")
                               % {"name": name, "size": format_size(size), "limit": limit_mb}})
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    kind = filetype.guess(head)
    mime = kind.mime if kind else ""
    if mime == "application/zip" and name.lower().endswith(_OFFICE_SUFFIXES):
        mime = ""  # a plain zip claiming to be an office file
    if mime not in allowed:
        accepted = ", ".join(sorted({f".{ext}" for ext in allowed.values()}))
        raise ValidationError({field: _("Tệp “%(name)s” không đúng loại: chỉ nhận %(accepted)s "
                                        "(nội dung thực của tệp: %(real)s).")
                               % {"name": name, "accepted": accepted, "real": mime or _("không xác định")}})
    return mime, allowed[mime]
