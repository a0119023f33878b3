"""Shared by the tests of electronic documents: whether LibreOffice can run here, and reading signed PDFs."""

from __future__ import annotations

import os
from io import BytesIO

import pytest
from pypdf import PdfReader

from danvan.documents.pdf import Box, find_soffice


def require_soffice() -> None:
    """Skip when LibreOffice is not installed on a developer's machine; on CI (CI=true) it must be there."""
    if find_soffice() is None and os.environ.get("CI", "").lower() not in ("1", "true", "yes"):
        pytest.skip("LibreOffice (soffice) chưa được cài trên máy này; CI cài nó qua .ci/run")


def page_text(pdf: bytes, index: int = 0) -> str:
    return " ".join(PdfReader(BytesIO(pdf)).pages[index].extract_text().split())


def signature_widgets(pdf: bytes) -> dict[str, tuple[int, Box]]:
    """Field name → (page index, rectangle) of every signature widget."""
    reader = PdfReader(BytesIO(pdf))
    found = {}
    for index, page in enumerate(reader.pages):
        for annot in page.get("/Annots") or []:
            annot = annot.get_object()
            if annot.get("/FT") == "/Sig" or annot.get("/Parent", {}).get("/FT") == "/Sig":
                x1, y1, x2, y2 = (float(v) for v in annot["/Rect"])
                found[str(annot.get("/T"))] = (index, Box(min(x1, x2), min(y1, y2), max(x1, x2), max(y1, y2)))
    return found
