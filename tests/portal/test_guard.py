"""Abuse protection without outside services: honeypot, size limit, rate limits per client address."""

from __future__ import annotations

import pytest
from django.urls import reverse

from danvan.petitions.models import Petition
from tests.once_helpers import token_for

pytestmark = pytest.mark.django_db


def _form(demo_org, **extra):
    from tests.petitions.helpers import field

    return {"kind": "feedback", "field": field().pk, "unit": demo_org["hn-thanh-xuan"].pk,
            "subject": "Ổ gà trên phố Khương Trung", "content": "Ổ gà lớn trước số 5, xe máy dễ ngã.",
            "full_name": "Lê Thị Hoa", "phone": "0987000111", **extra}


def _post(client, data):
    url = reverse("petitions:public_submit")
    token = token_for(client.get(url).content.decode())
    return client.post(url, {**data, "once": token})


def test_honeypot_filled_saves_nothing(client, demo_org):
    page = client.get(reverse("petitions:public_submit")).content.decode()
    assert 'name="website"' in page and 'class="dv-hp" aria-hidden="true"' in page
    response = _post(client, _form(demo_org, website="http://spam.example"))
    assert response.status_code == 400 and "Để trống ô này" in response.content.decode()
    assert Petition.objects.count() == 0
    assert _post(client, _form(demo_org)).status_code == 302
    assert Petition.objects.count() == 1


def test_filed_cases_per_address_are_limited(client, demo_org, settings):
    settings.DANVAN_PORTAL_SUBMIT_PER_HOUR = 2
    assert _post(client, _form(demo_org)).status_code == 302
    assert _post(client, _form(demo_org, subject="Ổ gà thứ hai")).status_code == 302
    refused = _post(client, _form(demo_org, subject="Ổ gà thứ ba"))
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    assert "nhiều đơn trong một giờ" in refused.content.decode()
    assert Petition.objects.count() == 2
    # Another address is not affected.
    other = client.post(reverse("petitions:public_submit"), {}, REMOTE_ADDR="10.0.0.9")
    assert other.status_code != 429


def test_too_large_a_post_is_refused_before_it_is_read(client, settings):
    settings.DANVAN_PORTAL_MAX_POST_MB = 1
    response = client.post(reverse("petitions:public_submit"), {"content": "x" * (1024 * 1024 + 10)})
    assert response.status_code == 413 and "quá lớn" in response.content.decode()


def test_long_text_is_refused_with_a_message(client, demo_org):
    response = _post(client, _form(demo_org, content="Rất dài. " * 1000))
    assert response.status_code == 200 and Petition.objects.count() == 0
    assert "5000" in response.content.decode() or "5.000" in response.content.decode()


def test_lookups_and_pages_per_address_are_limited(client, settings):
    settings.DANVAN_PORTAL_TRACK_PER_WINDOW = 3
    settings.DANVAN_PORTAL_PAGES_PER_WINDOW = 4
    url = reverse("petitions:public_track")
    statuses = [client.post(url, {"code": "DT26-AAAAAA", "secret": "X"}).status_code for _ in range(4)]
    assert statuses[:2] == [200, 200] and statuses[-1] == 429
    pages = [client.get(reverse("portal:index")).status_code for _ in range(5)]
    assert pages[:4] == [200] * 4 and pages[4] == 429
