"""The exported plan as a signed PDF/A-2b (issue 19, "Done when"): one LibreOffice conversion for the module.

`danvan plan export 307/KH-UBND --pdf FILE` on the demo: the PDF opens, page 1 has the number and the
title, its XMP declares PDF/A-2b, it carries two signatures that pyHanko finds intact — the chairman's,
then the committee's — with the seal over the left third of the chairman's signature image; one changed
byte makes `danvan docs verify` report the file as altered.
"""

from __future__ import annotations

import io
import json
import re
from io import BytesIO

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature

from danvan.core.references import number_key
from danvan.documents.pdf import pdfa_part
from danvan.documents.pdf.layout import LEFT_MARGIN, RIGHT_MARGIN, SEAL_SIZE_PT, SIGNATURE_COLUMNS
from danvan.documents.signing import verify_pdf
from danvan.documents.signing.loop import outside_event_loop
from danvan.documents.signing.sign import AGENCY_FIELD, SIGNER_FIELD
from tests.documents.electronic import (
    appearance,
    fonts_not_embedded,
    page_text,
    require_soffice,
    signature_widgets,
    text_positions,
)

# Where the signer's column of the renderer's signature table starts on an A4 page (the recipients' list is
# to its left).
SIGNER_COLUMN_X = LEFT_MARGIN + (595.3 - LEFT_MARGIN - RIGHT_MARGIN) * SIGNATURE_COLUMNS[0] / sum(SIGNATURE_COLUMNS)

PLAN = "307/KH-UBND"


@pytest.fixture(scope="module")
def exported(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo loaded, Plan 307 exported as a signed PDF; everything rolled back afterwards."""
    require_soffice()
    target = tmp_path_factory.mktemp("pdf") / "ke-hoach-307.pdf"
    media = tmp_path_factory.mktemp("media")
    storages = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage",
                                                 "OPTIONS": {"location": str(media), "base_url": "/files/"}}}
    with override_settings(STORAGES=storages), django_db_blocker.unblock(), transaction.atomic():
        from danvan.documents import demo as document_demo
        from danvan.org import demo as org_demo
        from danvan.plans.demo import load_plan_307
        from danvan.plans.models import Plan

        org_demo.load(io.StringIO())
        document_demo.load(io.StringIO())
        load_plan_307()
        out = io.StringIO()
        call_command("plan", "export", PLAN, "--pdf", str(target), stdout=out)
        title = Plan.objects.get(number_key=number_key(PLAN)).title
        # A second export gives the same signed file: a signed document never changes.
        again = tmp_path_factory.mktemp("pdf") / "lan-hai.pdf"
        call_command("plan", "export", PLAN, "--pdf", str(again), stdout=io.StringIO())
        same = again.read_bytes() == target.read_bytes()
        transaction.set_rollback(True)
    return {"pdf": target.read_bytes(), "path": target, "title": title, "out": out.getvalue(), "same": same}


def test_the_exported_pdf_opens_with_number_and_title_on_page_one(exported):
    text = page_text(exported["pdf"])
    assert PLAN in text
    assert " ".join(exported["title"].split()).lower() in text.lower()
    assert "Đã xuất" in exported["out"]


def test_it_declares_pdfa_2b_with_every_font_embedded(exported):
    assert pdfa_part(exported["pdf"]) == ("2", "B")
    # The page text's fonts (LibreOffice) and the signatures' text (pyHanko) alike.
    assert fonts_not_embedded(exported["pdf"]) == []


def test_exporting_again_gives_the_same_signed_file(exported):
    assert exported["same"]


def test_two_intact_signatures_the_chairman_then_the_committee(exported):
    reader = PdfFileReader(BytesIO(exported["pdf"]))
    signatures = reader.embedded_signatures
    assert [s.field_name for s in signatures] == [SIGNER_FIELD, AGENCY_FIELD]
    for signature in signatures:
        status = outside_event_loop(validate_pdf_signature, signature)
        assert status.intact and status.valid
    chairman, committee = (s.signer_cert.subject.native["common_name"] for s in signatures)
    assert chairman.startswith("Trần Văn Minh") and "CHỈ DÙNG THỬ" in chairman
    assert committee.startswith("UBND quận Thanh Xuân")
    assert "không có giá trị pháp lý" in signatures[1].signer_cert.subject.human_friendly


def test_the_images_and_the_agencys_text_are_where_the_decree_places_them(exported):
    """Decree 30/2020, Appendix I, part II: the signer's image at the signing position; the agency's seal at
    its real size over the left third of it; the agency's name and the signing time (ISO 8601, +07:00) in
    10 pt italic. Measured on what the widgets draw, not on their rectangles."""
    pdf = exported["pdf"]
    widgets = signature_widgets(pdf)
    pages = len(PdfFileReader(BytesIO(pdf)).root["/Pages"]["/Kids"])
    assert widgets[SIGNER_FIELD][0] == widgets[AGENCY_FIELD][0] == pages - 1  # the block ends the document
    lines = text_positions(pdf, pages - 1)
    _name_x, name_y = lines["Trần Văn Minh"]
    _title_x, title_y = lines["CHỦ TỊCH"]

    signer = appearance(pdf, SIGNER_FIELD)
    assert len(signer.images) == 1 and signer.text == ""  # the signature image only, no words
    image = signer.images[0]
    # Between the title and the name, in the signer's (right) column of the signature table.
    assert name_y < image.y1 < image.y2 < title_y
    assert image.x1 > SIGNER_COLUMN_X and image.height > 40

    agency = appearance(pdf, AGENCY_FIELD)
    assert len(agency.images) == 1
    seal = agency.images[0]
    assert abs(seal.width - SEAL_SIZE_PT) < 1 and abs(seal.height - SEAL_SIZE_PT) < 1  # 36 mm, the seal's size
    # Its right edge one third into the signer's image: it covers the image's left third …
    assert abs(seal.x2 - (image.x1 + image.width / 3)) < 2
    assert seal.x1 < image.x1
    # … at the same height.
    assert seal.y1 < (image.y1 + image.y2) / 2 < seal.y2

    # The agency's name and the signing time, in 10 pt italic, unscaled.
    name_line, time_line = agency.text.splitlines()
    assert name_line == "UBND quận Thanh Xuân"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", time_line)
    signed_at = verify_pdf(pdf, trust_roots=[]).signatures[1].signed_at
    assert time_line == signed_at
    assert agency.sizes and set(agency.sizes) == {10.0}
    assert all("Italic" in font for font in agency.fonts)
    # Under the seal and the signer's name, inside the signer's column: never over the recipients' list.
    for x, y in agency.origins:
        assert x > SIGNER_COLUMN_X and y < name_y and y < seal.y1


def test_docs_verify_reports_intact_and_trusted(exported, demo_org):
    from danvan.documents import demo

    demo.load(io.StringIO())  # the demo's trusted root
    out = io.StringIO()
    call_command("docs", "verify", str(exported["path"]), "--json", stdout=out)
    result = json.loads(out.getvalue())
    assert result["status"] == "valid"
    assert [s["intact"] for s in result["signatures"]] == [True, True]
    assert result["signatures"][1]["organisation"] == "UBND quận Thanh Xuân"
    assert result["signatures"][0]["signed_at"].endswith("+07:00")


def test_one_changed_byte_is_reported_as_altered(exported, demo_org, tmp_path):
    from danvan.documents import demo

    demo.load(io.StringIO())
    data = bytearray(exported["pdf"])
    # A byte inside the first page's content, which both signatures cover.
    position = data.index(b"stream", 2000) + 200
    data[position] ^= 0x01
    changed = tmp_path / "sua-mot-byte.pdf"
    changed.write_bytes(bytes(data))
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("docs", "verify", str(changed), stdout=out)
    assert exit_info.value.code == 1
    assert "đã bị thay đổi sau khi ký" in out.getvalue()
    assert "nguyên vẹn: không" in out.getvalue()


def test_no_changed_byte_that_the_signatures_cover_passes(exported, db, tmp_path):
    """Bytes through the whole file (outside the signature values themselves, which no signature can cover),
    and the signing dates the signatures carry: each change is reported as altered or unreadable, never as
    a valid or merely untrusted file — and never as a crash."""
    data = exported["pdf"]
    values = [(m.start(), data.index(b">", m.end())) for m in re.finditer(rb"/Contents <", data)]
    covered = [p for p in range(0, len(data), len(data) // 40) if not any(a <= p <= b for a, b in values)]
    # pyHanko writes "(D:2026…" as "(D\0722026…": a digit of the month, and the backslash, which makes the
    # date unreadable.
    marks = list(re.finditer(rb"/M \(D\\072", data))
    assert len(marks) == 2
    dates = [m.end() + 4 for m in marks] + [m.start() + 5 for m in marks]
    for position in [*covered, *dates, len(data) - 1]:
        changed = bytearray(data)
        changed[position] ^= 0x01
        result = verify_pdf(bytes(changed), trust_roots=[])
        assert result.status in ("altered", "damaged"), (position, result.status)
    # The command line says so for a changed signing date too, with its exit status 1.
    changed = bytearray(data)
    changed[dates[-1]] ^= 0x01
    target = tmp_path / "sua-ngay-ky.pdf"
    target.write_bytes(bytes(changed))
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_info:
        call_command("docs", "verify", str(target), stdout=out)
    assert exit_info.value.code == 1 and "đã bị thay đổi sau khi ký" in out.getvalue()


def test_verification_works_where_an_event_loop_is_already_running(exported):
    """pyHanko's synchronous calls start a loop of their own: inside a running one (an async view, or
    this test process once a browser test has started Playwright) they are moved to another thread."""
    import asyncio
    from concurrent.futures import ThreadPoolExecutor

    async def inside_a_loop():
        return verify_pdf(exported["pdf"], trust_roots=[])

    # A thread of its own for the loop, since this test's own thread may already run Playwright's.
    with ThreadPoolExecutor(max_workers=1) as pool:
        result = pool.submit(asyncio.run, inside_a_loop()).result()
    assert len(result.signatures) == 2 and all(s.intact for s in result.signatures)
