"""A consolidated report from draft to a signed, issued PDF in a real browser: the coordinator numbers it
and makes its electronic document, the chairman signs it, the coordinator issues it and downloads the PDF."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from io import BytesIO
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature

from danvan.documents.pdf import pdfa_part
from danvan.documents.signing.sign import AGENCY_FIELD, SIGNER_FIELD
from danvan.org.models import Staff, Unit
from danvan.reporting import services
from danvan.reporting.catalogue import PLAN_307_CODE
from danvan.reporting.models import DeadlinePolicy, ReportTemplate
from tests.documents.electronic import appearance, page_text, require_soffice

pytestmark = pytest.mark.django_db(transaction=True)


def _logout(page) -> None:
    page.click("button:has-text('Đăng xuất')")


def test_a_report_goes_from_draft_to_a_signed_issued_pdf(page, live_server, demo_org, login, tmp_path):
    require_soffice()
    from danvan.documents import demo

    demo.load(io.StringIO())  # the demo keys of the committee and its chairman
    request = services.create_request(
        actor=Staff.objects.get(username="noivu"), template=ReportTemplate.objects.get(code=PLAN_307_CODE),
        requesting_unit=Unit.objects.get(code="tx-ubnd"), period_kind="yearly", year=2026,
        deadline=date(2026, 11, 30), deadline_policy=DeadlinePolicy.NEXT_WORKDAY, plan_reference="307/KH-UBND")

    login("noivu")
    page.goto(f"{live_server.url}/bao-cao/{request.pk}/tong-hop/")
    # A draft without a number is not yet offered for signing.
    expect(page.locator("[data-testid=make-electronic]")).to_have_count(0)
    page.click("button:has-text('Cấp số văn bản')")
    page.click("[data-testid=confirm-button]")
    page.click("[data-testid=make-electronic]")
    expect(page.locator("[data-testid=outgoing-status]")).to_have_text("Đã cấp số")
    expect(page.locator("[data-testid=sign]")).to_have_count(0)  # the coordinator does not sign
    outgoing_url = page.url
    _logout(page)

    login("chutich")
    page.goto(outgoing_url)
    page.click("[data-testid=sign]")
    page.click("[data-testid=confirm-button]")
    expect(page.locator("[data-testid=outgoing-status]")).to_have_text("Đã ký số", timeout=120_000)
    expect(page.locator("[data-testid=signatures]")).to_contain_text("Trần Văn Minh")
    expect(page.locator("[data-testid=signatures]")).to_contain_text("UBND quận Thanh Xuân")
    _logout(page)

    login("noivu")
    page.goto(outgoing_url)
    page.click("[data-testid=issue]")
    page.click("[data-testid=confirm-button]")
    expect(page.locator("[data-testid=outgoing-status]")).to_have_text("Đã ban hành")
    with page.expect_download() as info:
        page.click("[data-testid=download-signed-pdf]")
    target = Path(tmp_path) / "bao-cao.pdf"
    info.value.save_as(target)
    pdf = target.read_bytes()
    assert pdfa_part(pdf) == ("2", "B")
    assert "/BC-UBND" in page_text(pdf)
    signatures = PdfFileReader(BytesIO(pdf)).embedded_signatures
    assert [s.field_name for s in signatures] == [SIGNER_FIELD, AGENCY_FIELD]
    # The committee's seal with its name and the signing time (ISO 8601, Việt Nam's time zone).
    agency = appearance(pdf, AGENCY_FIELD)
    assert len(agency.images) == 1 and agency.text.startswith("UBND quận Thanh Xuân\n")
    assert agency.text.endswith("+07:00")
    with ThreadPoolExecutor(1) as pool:  # pyHanko runs its own event loop; Playwright's is running here
        assert all(pool.map(lambda s: validate_pdf_signature(s).intact, signatures))
    # The issued report is in the registry with its check.
    page.click("text=xem trong danh mục văn bản")
    expect(page.locator("[data-testid=pdf-check-status]")).to_have_text("Chữ ký số hợp lệ")
    # Signed and issued, the report's page no longer offers to make its electronic document again.
    page.goto(f"{live_server.url}/bao-cao/{request.pk}/tong-hop/")
    expect(page.locator("[data-testid=electronic-document]")).to_contain_text("đã ban hành")
    expect(page.locator("[data-testid=make-electronic]")).to_have_count(0)
