"""A refreshed or double-clicked create form files one case, not two (one-time token, Post/Redirect/Get)."""

from __future__ import annotations

import re

from django.urls import reverse

from danvan.org.models import FormSubmission
from danvan.petitions.models import Petition

from .helpers import field


def _token(html: str) -> str:
    match = re.search(r'name="once" value="([^"]+)"', html)
    assert match, "the form carries no one-time token"
    return match.group(1)


def _public_data(demo_org) -> dict:
    return {"kind": "feedback", "field": field().pk, "unit": demo_org["hn-thanh-xuan"].pk,
            "subject": "Đèn đường hỏng", "content": "Đèn đường trước số 12 Khương Trung không sáng.",
            "full_name": "Phạm Văn Dân", "phone": "0901234567"}


def test_public_form_posted_twice_files_one_case(demo_org, client):
    url = reverse("petitions:public_submit")
    data = {**_public_data(demo_org), "once": _token(client.get(url).content.decode())}
    first = client.post(url, data)
    second = client.post(url, data)  # the double click, or F5 on the answer to the post
    assert Petition.objects.count() == 1
    assert first.status_code == second.status_code == 302
    assert second["Location"] == first["Location"] == reverse("petitions:public_submitted")
    code = Petition.objects.get().code
    page = client.get(second["Location"]).content.decode()
    assert code in page and "không có bản ghi nào được tạo thêm" in page


def test_secret_shown_once_and_never_in_a_url(demo_org, client):
    url = reverse("petitions:public_submit")
    data = {**_public_data(demo_org), "once": _token(client.get(url).content.decode())}
    response = client.post(url, data)
    first = client.get(response["Location"]).content.decode()
    secret = re.search(r'data-testid="secret">([^<]+)<', first).group(1)
    assert secret not in response["Location"]
    again = client.get(response["Location"]).content.decode()
    code = Petition.objects.get().code
    assert code in again and secret not in again and 'data-testid="secret-hidden"' in again


def test_a_form_with_errors_can_be_corrected_and_sent(demo_org, client):
    url = reverse("petitions:public_submit")
    token = _token(client.get(url).content.decode())
    bad = client.post(url, {**_public_data(demo_org), "subject": "", "once": token})
    assert bad.status_code == 200 and Petition.objects.count() == 0
    assert not FormSubmission.objects.filter(token=token).exists()
    good = client.post(url, {**_public_data(demo_org), "once": _token(bad.content.decode())})
    assert good.status_code == 302 and Petition.objects.count() == 1


def test_officer_intake_posted_twice_files_one_case(demo_org, users, client_for):
    c = client_for(users["canbo"])
    url = reverse("petitions:petition_create")
    data = {"kind": "feedback", "field": field().pk, "unit": demo_org["tx-thuong-dinh"].pk, "channel": "in_person",
            "received_on": "02/11/2026", "subject": "Rác thải tồn đọng", "content": "Rác tồn đọng ở ngõ 105.",
            "nguoi-TOTAL_FORMS": "1", "nguoi-INITIAL_FORMS": "0", "nguoi-0-full_name": "Trần Thị Hoa",
            "nguoi-0-address": "ngõ 105 Khương Trung", "signers_count": "1",
            "once": _token(c.get(url).content.decode())}
    first = c.post(url, data)
    second = c.post(url, data)
    assert first.status_code == 302, first.content.decode()[:2000]
    assert Petition.objects.count() == 1
    assert second.status_code == 302 and second["Location"] == first["Location"]


def test_someone_elses_token_creates_nothing_for_them(demo_org, users, client):
    url = reverse("petitions:petition_create")
    client.force_login(users["canbo"])
    token = _token(client.get(url).content.decode())
    FormSubmission.objects.create(token=token, owner=f"u{users['canbo2'].pk}", result_url="/don-thu/1/")
    response = client.post(url, {"once": token, "subject": "x"})
    assert response.status_code == 302 and response["Location"] != "/don-thu/1/"
    assert Petition.objects.count() == 0


def test_note_posted_twice_is_one_note(demo_org, users, client_for):
    from danvan.petitions.models import Note

    from ..once_helpers import token_for
    from .helpers import feedback

    petition = feedback(demo_org).petition
    c = client_for(users["canbo"])
    action = reverse("petitions:petition_action", args=[petition.pk])
    html = c.get(petition.get_absolute_url()).content.decode()
    start = html.index('name="action" value="note"')
    token = token_for(html[html.rindex("<form", 0, start):], action)
    data = {"action": "note", "text": "Đã gọi điện cho công dân.", "once": token}
    first, second = c.post(action, data), c.post(action, data)
    assert first.status_code == second.status_code == 302 and first["Location"] == second["Location"]
    assert Note.objects.filter(petition=petition).count() == 1


def test_the_secret_in_the_intake_message_never_travels_in_a_cookie(demo_org, users, client_for):
    c = client_for(users["canbo"])
    url = reverse("petitions:petition_create")
    response = c.post(url, {
        "kind": "feedback", "field": field().pk, "unit": demo_org["tx-thuong-dinh"].pk, "channel": "in_person",
        "received_on": "02/11/2026", "subject": "Rác thải tồn đọng", "content": "Rác tồn đọng ở ngõ 105.",
        "nguoi-TOTAL_FORMS": "1", "nguoi-INITIAL_FORMS": "0", "nguoi-0-full_name": "Trần Thị Hoa",
        "signers_count": "1", "once": _token(c.get(url).content.decode())})
    assert response.status_code == 302
    assert "messages" not in response.cookies
    page = c.get(response["Location"])
    secret = re.search(r"mã bí mật[^:]*: (\S+)", page.content.decode()).group(1)
    assert all(secret not in morsel.value for morsel in [*response.cookies.values(), *page.cookies.values()])
    assert "messages" not in page.cookies or not page.cookies["messages"].value
