"""The exported plan as a signed PDF/A-2b (issue 19, "Done when"): one LibreOffice conversion for the module.

`danvan plan export 307/KH-UBND --pdf FILE` on the demo: the PDF opens, page 1 has the number and the
title, its XMP declares PDF/A-2b, it carries two signatures that pyHanko finds intact — the chairman's,
then the committee's — with the seal over the left third of the chairman's signature image; one changed
byte makes `danvan docs verify` report the file as altered.
"""

from __future__ import annotations

import io
import json
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
from danvan.documents.signing import verify_pdf
from danvan.documents.signing.loop import outside_event_loop
from danvan.documents.signing.sign import AGENCY_FIELD, SIGNER_FIELD
from tests.documents.electronic import page_text, require_soffice, signature_widgets

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


def test_it_declares_pdfa_2b(exported):
    assert pdfa_part(exported["pdf"]) == ("2", "B")


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


def test_the_seal_overlaps_the_left_third_of_the_signers_image(exported):
    widgets = signature_widgets(exported["pdf"])
    (signer_page, signer), (agency_page, agency) = widgets[SIGNER_FIELD], widgets[AGENCY_FIELD]
    pages = len(PdfFileReader(BytesIO(exported["pdf"])).root["/Pages"]["/Kids"])
    assert signer_page == agency_page == pages - 1  # the signature block ends the document
    # The agency's widget ends (its seal's right edge) about one third into the signer's image…
    overlap = agency.x2 - signer.x1
    assert signer.width / 4 <= overlap <= signer.width * 0.4
    assert agency.x1 < signer.x1  # … the seal and the agency's name and time stand to its left
    # … at the same height.
    assert agency.y1 < (signer.y1 + signer.y2) / 2 < agency.y2
    # The signer's image lies between the title and the name, on the right half of the page.
    assert signer.x1 > 297 and signer.height > 40


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
