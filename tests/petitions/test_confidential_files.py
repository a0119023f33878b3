"""A denunciation's scan carries who wrote it: listed, named and served only as the policy's one rule allows."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.org.services import create_staff
from danvan.petitions import services
from danvan.petitions.models import IdentityAccessLog
from tests.confidential import forms_of, leaks

from .helpers import SCAN_NAME, denunciation, png_upload

pytestmark = pytest.mark.django_db

NAME_FORMS = forms_of("Trần Thị Bí Mật", SCAN_NAME)


@pytest.fixture
def case(demo_org, users):
    sub = denunciation(demo_org, actor=users["canbo"])
    petition = sub.petition
    services.add_attachment(
        actor=users["canbo"], petition=petition, upload=png_upload("bien-ban-lam-viec.png"), purpose="working"
    )
    return petition


def _page(client, petition, reveal=False):
    return client.get(reverse("petitions:petition_detail", args=[petition.pk]) + ("?danh-tinh=1" if reveal else ""))


def test_case_page_lists_the_scan_under_a_neutral_name_until_the_handler_reveals(client_for, users, case):
    scan = case.attachments.get(confidential=True)
    client = client_for(users["canbo"])
    page = _page(client, case)
    html = page.content.decode()
    assert reverse("petitions:attachment", args=[scan.pk]) in html  # the handler can open it…
    assert f"tai-lieu-bao-mat-{scan.pk}.png" in html and not leaks(page, NAME_FORMS)  # …named neutrally
    assert not IdentityAccessLog.objects.filter(petition=case).exists()
    revealed = _page(client, case, reveal=True).content.decode()
    assert SCAN_NAME in revealed
    assert list(IdentityAccessLog.objects.filter(petition=case).values_list("staff__username", "context")) == [
        ("canbo", "Trang hồ sơ")
    ]


def test_downloading_the_scan_is_logged_and_served_under_a_neutral_name(client_for, users, case):
    scan = case.attachments.get(confidential=True)
    response = client_for(users["canbo"]).get(reverse("petitions:attachment", args=[scan.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="tai-lieu-bao-mat-{scan.pk}.png"'
    assert response["Cache-Control"] == "private, no-store"
    assert not leaks(response, NAME_FORMS)
    log = IdentityAccessLog.objects.get(petition=case)
    assert (log.staff, log.context) == (users["canbo"], "Tải tệp bảo mật")


def test_who_may_not_see_the_denouncer_gets_neither_the_scan_nor_its_link(client_for, users, demo_org, case):
    scan = case.attachments.get(confidential=True)
    working = case.attachments.get(confidential=False)
    verifier = create_staff(actor=None, username="xacminh", full_name="Ngô Xác Minh", unit=demo_org["tx-thuong-dinh"])
    services.assign(actor=users["phuong"], petition=case, officer=users["canbo"], verifier=verifier)
    for user in (verifier, users["chutich"], users["kiemtra"], users["admin"], users["noivu"]):
        client = client_for(user)
        for reveal in (False, True):
            page = _page(client, case, reveal)
            assert page.status_code == 200, user.username
            html = page.content.decode()
            assert reverse("petitions:attachment", args=[scan.pk]) not in html, user.username
            assert f"tai-lieu-bao-mat-{scan.pk}" not in html, user.username
            assert reverse("petitions:attachment", args=[working.pk]) in html, user.username  # the rest is there
            assert not leaks(page, NAME_FORMS), user.username
        assert client.get(reverse("petitions:attachment", args=[scan.pk])).status_code == 403, user.username
        assert client.get(reverse("petitions:attachment", args=[working.pk])).status_code == 200, user.username
    assert not IdentityAccessLog.objects.exists()


def test_another_wards_officer_opens_no_file_of_the_case_by_number(client_for, users, case):
    """Direct object reference: a file's number is no key; the case must be visible first."""
    client = client_for(users["canbo2"])
    for att in case.attachments.all():
        assert client.get(reverse("petitions:attachment", args=[att.pk])).status_code == 403
    assert client.get(reverse("petitions:notice", args=[case.pk, "acceptance"])).status_code == 403


def test_who_sees_a_case_but_does_not_handle_it_issues_no_notice(client_for, users, case):
    """The inspector reads the case; the notices are documents the handling unit issues."""
    client = client_for(users["kiemtra"])
    assert client.get(reverse("petitions:petition_detail", args=[case.pk])).status_code == 200
    for which in ("acceptance", "rejection", "forwarding"):
        assert client.get(reverse("petitions:notice", args=[case.pk, which])).status_code == 403, which
        assert client.get(reverse("petitions:notice_issue", args=[case.pk, which])).status_code == 403, which
        assert client.post(reverse("petitions:notice_issue", args=[case.pk, which])).status_code == 403, which
    handler = client_for(users["canbo"])
    assert handler.get(reverse("petitions:notice", args=[case.pk, "acceptance"]), follow=True).status_code == 200


def test_a_neutral_name_keeps_only_plain_letters_and_digits_of_the_extension():
    """A scan named after its writer, down to the "extension", is still served as plain ASCII: no
    letter of the name, no space or quote that would break the download header."""
    from danvan.petitions.models import Attachment

    scan = Attachment(pk=7, original_name='don-to-cao.Nguyễn "Bí Mật"')
    assert services.neutral_file_name(scan) == "tai-lieu-bao-mat-7.nguynbmt"
