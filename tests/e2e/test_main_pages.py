"""Every main page, as a ward officer and as the Internal Affairs coordinator, on the demo data.

Nothing is clicked: opening a page is enough for the accessibility check of conftest (axe-core,
WCAG 2.1 A/AA, no critical or serious violation). Each page must also open without an error.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db(transaction=True)

LISTS = ["/", "/don-vi/", "/can-bo/", "/don-thu/", "/tiep-cong-dan/", "/tiep-cong-dan/so/",
         "/tiep-cong-dan/tan-suat/", "/tiep-cong-dan/doi-thoai/", "/tiep-cong-dan/doi-thoai/hoi-nghi/",
         "/ke-hoach/", "/ke-hoach/nhiem-vu/", "/ke-hoach/qua-han/", "/ke-hoach/hoat-dong/", "/van-ban/", "/bao-cao/",
         "/thoi-han/", "/thoi-han/lich/2026/", "/doi-mat-khau/", "/tiep-can/", "/bang-dieu-hanh/"]


def _details(username: str) -> list[str]:
    from danvan.documents.models import Document
    from danvan.org import policy
    from danvan.org.models import Staff
    from danvan.petitions.models import Petition
    from danvan.plans.models import Plan
    from danvan.reception.models import Dialogue, ReceptionEntry, ReceptionSession
    from danvan.reporting.models import ReportRequest, Submission

    user = Staff.objects.get(username=username)
    units = policy.visible_units(user)
    urls = [user.unit.get_absolute_url(), user.get_absolute_url()]
    for model, field in [(Petition, "handling_unit"), (ReceptionEntry, "unit"), (ReceptionSession, "unit"),
                         (Dialogue, "unit"), (Submission, "unit")]:
        row = model.objects.filter(**{f"{field}__in": units}).order_by("-pk").first()
        if row is not None:
            urls.append(row.get_absolute_url())
    plan = Plan.objects.order_by("date").first()
    if plan is not None:
        urls += [plan.get_absolute_url(), f"/ke-hoach/{plan.pk}/tien-do/"]
    document = Document.objects.order_by("pk").first()
    if document is not None:
        urls.append(document.get_absolute_url())
    request = ReportRequest.objects.order_by("-year").first()
    if request is not None:
        urls.append(request.get_absolute_url())
        if username == "noivu":
            urls.append(f"/bao-cao/{request.pk}/tong-hop/")
    return urls


@pytest.mark.parametrize("username", ["canbo", "noivu"])
def test_main_pages_open_and_pass_the_accessibility_check(page, live_server, login, username):
    call_command("demo", stdout=io.StringIO())
    login(username)
    for path in LISTS + _details(username):
        response = page.goto(live_server.url + path)
        assert response is not None and response.status in (200, 403), f"{path}: {response and response.status}"
        assert page.locator("html").get_attribute("lang") == "vi", path
        assert page.locator("main h1").count() >= 1, path
