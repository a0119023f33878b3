"""The citizen's visit as the server runs it, outside a test's transaction: each write one statement."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from danvan.petitions.models import Petition

from .helpers import field

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_visit_writes_its_session_once_and_a_double_click_still_files_one_case(demo_org):
    from danvan.petitions.demo import ensure_fields

    ensure_fields()  # a transactional test's flush removed the fields the migrations made
    url = reverse("petitions:public_submit")
    Client().get(url)  # the lists are cached by an earlier visitor
    citizen = Client()
    with CaptureQueriesContext(connection) as visit:
        html = citizen.get(url).content.decode()
    # The new visitor's session: one INSERT, no look for the key first, no BEGIN/COMMIT around it.
    assert [q["sql"].split()[0] for q in visit.captured_queries] == ["INSERT"]
    data = {"kind": "feedback", "field": field().pk, "unit": demo_org["hn-thanh-xuan"].pk, "subject": "Ổ gà",
            "content": "Ổ gà lớn trước số 12.", "full_name": "Phạm Văn Dân", "phone": "0901234567",
            "once": re.search(r'name="once" value="([^"]+)"', html).group(1)}
    first, second = citizen.post(url, data), citizen.post(url, data)
    assert Petition.objects.count() == 1 and first["Location"] == second["Location"]
    receipt = citizen.get(first["Location"]).content.decode()
    assert Petition.objects.get().code in receipt and 'data-testid="secret"' in receipt


def test_a_new_session_never_takes_a_key_in_use(demo_org, monkeypatch):
    from django.contrib.sessions.models import Session

    from danvan.web import sessions

    taken = Client()
    taken.get(reverse("petitions:public_submit"))
    used = Session.objects.get().session_key
    keys = iter([used, "k" * 32])
    monkeypatch.setattr(sessions, "get_random_string", lambda *a: next(keys))
    store = sessions.SessionStore()
    store["public"] = True
    store.save()
    assert store.session_key == "k" * 32 and Session.objects.count() == 2
    assert sessions.SessionStore(used).load() != {} and sessions.SessionStore(used).load() == taken.session.load()
