"""Guessing tracking secrets online is stopped per citizen, and one citizen never locks out the others."""

from __future__ import annotations

import pytest

from danvan.petitions.views import _LOOKUP_LIMIT

pytestmark = pytest.mark.django_db

WRONG = {"code": "DT26-KHONGCO", "secret": "sai-ma-bi-mat"}


def _guess(client, address: str):
    return client.post("/cong-thong-tin/tra-cuu/", WRONG, REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=address)


def test_too_many_wrong_secrets_from_one_citizen_are_refused_behind_the_proxy(client, settings):
    settings.DANVAN_BEHIND_PROXY = True
    for _attempt in range(_LOOKUP_LIMIT):
        assert _guess(client, "198.51.100.9").status_code == 200
    refused = _guess(client, "198.51.100.9")
    assert refused.status_code == 429
    assert "sai quá nhiều lần" in refused.content.decode()
    # Another citizen behind the same proxy is not locked out.
    assert _guess(client, "203.0.113.20").status_code == 200


def test_without_a_proxy_a_forged_forwarded_header_does_not_reset_the_count(client, settings):
    settings.DANVAN_BEHIND_PROXY = False
    for attempt in range(_LOOKUP_LIMIT):
        assert _guess(client, f"10.0.0.{attempt}").status_code == 200
    assert _guess(client, "10.0.0.250").status_code == 429
