"""A report leaves out the sections nobody wrote, instead of "nothing to report" under every heading."""

from __future__ import annotations

from io import BytesIO

import docx

from danvan.documents.render import check_docx
from danvan.reporting import exports, services


def _paragraphs(data: bytes) -> list[str]:
    return [p.text for p in docx.Document(BytesIO(data)).paragraphs if p.text.strip()]


def test_empty_sections_are_left_out_and_said_once(request_2026, demo_org, users):
    empty = _paragraphs(exports.consolidated_docx(request_2026))
    assert sum("nội dung báo cáo" in p for p in empty) == 1
    assert not any(p.startswith(("III.", "IV.")) for p in empty)  # no empty closing sections

    submission = services.open_submission(actor=None, request=request_2026, unit=demo_org["tx-thuong-dinh"])
    services.save_draft(actor=None, submission=submission, narratives={"II.5": "Tiếp 52 lượt công dân."})
    data = exports.submission_docx(services.submit(actor=users["phuong"], submission=submission))
    assert check_docx(data) == []
    written = _paragraphs(data)
    assert "Tiếp 52 lượt công dân." in written
    assert not any("nội dung báo cáo" in p for p in written)
    headings = [p for p in written if p[:2] in {"1.", "2.", "3."}]
    assert len(headings) == 1 and headings[0].startswith("1. Tiếp công dân")
