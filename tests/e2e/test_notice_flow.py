"""An officer issues the acceptance notice of a case in a real browser: only the notices the case allows are
offered, the confirmation names the signing chairman, and the download carries the register's number."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import expect

from danvan.documents.render import check_docx
from danvan.petitions import services
from danvan.petitions.models import IssuedNotice
from tests.petitions.helpers import feedback

pytestmark = pytest.mark.django_db(transaction=True)


def _show_notices(page) -> None:
    """Notices sit among the case's other actions, folded under the next step: unfold them as a user would."""
    if not page.locator("[data-testid=notice-acceptance]").is_visible():
        page.locator("[data-testid=other-actions] > summary").click()


def test_officer_issues_the_acceptance_notice(page, live_server, login, demo_org, users, tmp_path):
    petition = feedback(demo_org, actor=users["canbo"]).petition
    petition = services.triage(actor=users["canbo"], petition=petition, decision="accept")

    login("canbo")
    page.goto(f"{live_server.url}{petition.get_absolute_url()}")
    _show_notices(page)
    expect(page.locator("[data-testid=notice-rejection]")).to_contain_text("đã được thụ lý")
    expect(page.locator("[data-testid=notice-rejection] a")).to_have_count(0)
    expect(page.locator("[data-testid=notice-forwarding] a")).to_have_count(0)
    page.click("[data-testid=notice-acceptance] a")

    expect(page.locator("[data-testid=notice-signer]")).to_have_text("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH — Vũ Thị Mai")
    expect(page.locator("[data-testid=notice-warning]")).to_contain_text("không hoàn tác")
    page.click("[data-testid=notice-confirm]")

    _show_notices(page)
    link = page.locator("[data-testid=notice-acceptance] a")
    expect(link).to_contain_text("số 01/TB-UBND")
    with page.expect_download() as info:
        link.click()
    download = info.value
    assert download.suggested_filename == f"thong-bao-thu-ly-{petition.code}.docx"
    target = Path(tmp_path) / download.suggested_filename
    download.save_as(target)
    assert check_docx(target.read_bytes()) == []
    assert IssuedNotice.objects.get(petition=petition).number == 1
