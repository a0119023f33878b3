"""Screenshots of the main pages on the demo data, for docs/user-guide.md.

Run by ``make screenshots`` (DANVAN_SCREENSHOTS=docs/screenshots); skipped otherwise. Every page it
opens also goes through the accessibility check of conftest, so the pictures show pages that pass it.
"""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

TARGET = os.environ.get("DANVAN_SCREENSHOTS", "")
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.mark.skipif(not TARGET, reason="make screenshots sets DANVAN_SCREENSHOTS")
def test_screenshots_of_the_main_pages(page, live_server):
    from danvan.emulation.models import Scheme
    from danvan.inspections.models import Inspection
    from danvan.org.demo import DEMO_PASSWORD
    from danvan.petitions.models import Petition
    from danvan.plans.models import Plan
    from danvan.reporting.models import ReportRequest, Submission
    from danvan.surveys.models import Survey

    call_command("demo", stdout=io.StringIO())
    out = Path(TARGET)
    out.mkdir(parents=True, exist_ok=True)
    url = live_server.url

    def shot(name: str, path: str) -> None:
        page.goto(url + path)
        page.wait_for_load_state("networkidle")
        page.screenshot(path=str(out / f"{name}.png"))

    def login(username: str) -> None:
        page.context.clear_cookies()
        page.goto(f"{url}/dang-nhap/")
        page.fill("#id_username", username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_selector("[data-testid=current-user]")

    page.set_viewport_size(DESKTOP)
    shot("dang-nhap", "/dang-nhap/")
    shot("gui-phan-anh", "/cong-thong-tin/gui/")
    page.click("[data-testid=public-form] button[type=submit]")  # empty: errors beside the fields
    page.screenshot(path=str(out / "gui-phan-anh-loi.png"))
    shot("tuyen-bo-tiep-can", "/tiep-can/")

    shot("cong-thong-tin", "/cong-thong-tin/tx-ubnd/")
    shot("tra-loi-cong-khai", "/cong-thong-tin/tx-ubnd/tra-loi/")

    login("canbo")
    shot("tong-quan", "/")
    shot("don-thu", "/don-thu/")
    case = Petition.objects.filter(handling_unit__code="tx-thuong-dinh").order_by("-received_on").first()
    if case:
        shot("ho-so", case.get_absolute_url())
    shot("so-tiep-cong-dan", "/tiep-cong-dan/so/")

    login("noivu")
    plan = Plan.objects.order_by("date").first()
    if plan:
        shot("tien-do-ke-hoach", f"/ke-hoach/{plan.pk}/tien-do/")
    request = ReportRequest.objects.order_by("-year").first()
    if request:
        shot("tong-hop-bao-cao", f"/bao-cao/{request.pk}/tong-hop/")
    shot("tao-yeu-cau-bao-cao", "/bao-cao/tao/")
    submission = Submission.objects.filter(unit__code="tx-thuong-dinh", request__year__gte=2026).first()
    if submission:
        shot("bao-cao-don-vi", submission.get_absolute_url())
    scheme = Scheme.objects.filter(unit__code="tx-ubnd").order_by("-year").first()
    if scheme:
        shot("xep-hang-thi-dua", f"/thi-dua/bang-diem/{scheme.pk}/")
    inspection = Inspection.objects.order_by("pk").first()
    if inspection:
        shot("kiem-tra", inspection.get_absolute_url())
    survey = Survey.objects.order_by("pk").first()
    if survey:
        shot("ket-qua-khao-sat", f"/khao-sat/{survey.pk}/ket-qua/")

    login("chutich")
    shot("bang-dieu-hanh", "/bang-dieu-hanh/")
    shot("thong-bao", "/thong-bao/")

    page.context.clear_cookies()
    page.set_viewport_size(PHONE)
    shot("gui-phan-anh-dien-thoai", "/cong-thong-tin/gui/")
    assert len(list(out.glob("*.png"))) >= 18
