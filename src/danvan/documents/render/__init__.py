"""Rendering of official documents (.docx, Decree 30/2020) and indicator tables (.xlsx).

Pure python-docx/openpyxl, no Django: the command line, reports, plans and notices all call it.
"""

from danvan.core.media_types import DOCX, XLSX

from .check import Violation, check_docx, find_violations
from .docx import render_docx
from .officialdoc import (
    AUTHORITIES,
    SPAN_LEFT,
    SPAN_UP,
    TYPE_NAMES,
    DocumentError,
    Image,
    OfficialDocument,
    PageBreak,
    Paragraph,
    Signer,
    Span,
    Table,
    number_line,
    place_date_line,
)
from .xlsx import render_table_xlsx

__all__ = [
    "AUTHORITIES",
    "DOCX",
    "SPAN_LEFT",
    "SPAN_UP",
    "TYPE_NAMES",
    "XLSX",
    "DocumentError",
    "Image",
    "OfficialDocument",
    "PageBreak",
    "Paragraph",
    "Signer",
    "Span",
    "Table",
    "Violation",
    "check_docx",
    "find_violations",
    "number_line",
    "place_date_line",
    "render_docx",
    "render_table_xlsx",
]
