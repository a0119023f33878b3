"""The citizen's form does in the request only what must happen there; the rest is the worker's."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse

from danvan.petitions.models import Petition, PetitionLink
from tests.jobs.helpers import post, run_queued

from .helpers import feedback, field

pytestmark = pytest.mark.django_db

SAME = {"kind": "feedback", "subject": "Đèn đường ngõ 105 hỏng",
        "content": "Đèn đường ngõ 105 hỏng đã mười ngày, buổi tối rất tối.", "full_name": "Nguyễn Văn An",
        "phone": "0912345678"}


def _file(client, demo_org, **extra) -> Petition:
    r = post(client, reverse("petitions:public_submit"),
             {**SAME, "field": field().pk, "unit": demo_org["hn-thanh-xuan"].pk, **extra})
    assert r.status_code == 302, r.content[:500]
    return Petition.objects.latest("pk")


def test_by_default_a_public_filing_has_its_suggestions_at_once(demo_org, client):
    first = _file(client, demo_org)
    second = _file(client, demo_org)
    assert PetitionLink.objects.get(petition=second).earlier_id == first.pk
    assert run_queued() == 0  # nothing left for a worker


def test_suggestions_of_a_public_filing_come_from_the_worker_and_show_on_the_case_page(
        demo_org, users, client, client_for, settings):
    settings.DANVAN_INTAKE_SUGGESTIONS = "worker"
    first = _file(client, demo_org)
    second = _file(client, demo_org)
    # The citizen's request wrote the case, not its suggestions.
    assert not PetitionLink.objects.filter(petition=second).exists()
    assert run_queued() == 2
    link = PetitionLink.objects.get(petition=second)
    assert link.earlier_id == first.pk and link.relation == "duplicate" and link.history.count() == 1
    html = client_for(users["admin"]).get(second.get_absolute_url()).content.decode()
    assert "Đơn liên quan" in html and first.code in html


def test_the_worker_suggests_only_cases_filed_before_and_once(demo_org, client, settings):
    from danvan.petitions import tasks

    settings.DANVAN_INTAKE_SUGGESTIONS = "worker"
    first = _file(client, demo_org)
    second = _file(client, demo_org)
    run_queued()  # the first case's task runs after the second case exists: it must not call it "earlier"
    assert not PetitionLink.objects.filter(petition=first).exists()
    tasks.suggest_links.call(second.pk)  # a task run twice (two workers, a retry) adds nothing
    assert PetitionLink.objects.filter(petition=second).count() == 1


def test_an_officer_filing_at_the_desk_sees_the_suggestions_at_once(demo_org, users):
    first = feedback(demo_org, actor=users["canbo"])
    again = feedback(demo_org, actor=users["canbo"])
    assert again.petition.links.get().earlier_id == first.petition.pk


def _form(client) -> str:
    return client.get(reverse("petitions:public_submit")).content.decode()


def _select(html: str, name: str) -> str:
    start = html.index(f'name="{name}"')
    return html[start:html.index("</select>", start)]


def test_the_form_lists_come_from_the_cache_without_reading_units_or_fields(demo_org, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = _form(client)
    with CaptureQueriesContext(connection) as ctx:
        again = _form(client)
    assert _select(again, "unit") == _select(first, "unit") and _select(again, "field") == _select(first, "field")
    assert f'value="{demo_org["hn-thanh-xuan"].pk}"' in _select(again, "unit")
    read = " ".join(q["sql"] for q in ctx.captured_queries)
    assert '"org_unit"' not in read and '"petitions_field"' not in read


def test_the_form_lists_a_renamed_ward_a_new_succession_and_a_retired_field_at_once(demo_org, client):
    import io

    from danvan.carryover import demo as reform_demo
    from danvan.org import services as org_services
    from danvan.petitions.models import Field

    ward = demo_org["hn-thanh-xuan"]
    assert ward.name in _select(_form(client), "unit")  # now cached
    org_services.update_unit(actor=None, unit=ward, name="UBND phường Thanh Xuân Mới")
    html = _form(client)
    assert "UBND phường Thanh Xuân Mới" in _select(html, "unit") and "Phường Thượng Đình (cũ)" not in html
    reform_demo.load(io.StringIO())  # successions of the 2025 reform: the former wards appear beside the form
    html = _form(client)
    assert "Phường Thượng Đình (cũ) → phường Thanh Xuân" in html
    assert "UBND phường Thượng Đình" not in _select(html, "unit")
    retired = Field.objects.get(pk=field().pk)
    retired.is_active = False
    retired.save()
    assert f'value="{retired.pk}"' not in _select(_form(client), "field")


def test_a_ward_that_closed_since_the_list_was_cached_is_refused(demo_org, client):
    from danvan.org import clock
    from danvan.org.models import Unit

    ward = demo_org["hn-thanh-xuan"]
    assert f'value="{ward.pk}"' in _select(_form(client), "unit")
    # Closed by a write that sends no signal: the cached list still offers it.
    Unit.objects.filter(pk=ward.pk).update(valid_to=clock.today() - timedelta(days=1))
    r = post(client, reverse("petitions:public_submit"), {**SAME, "field": field().pk, "unit": ward.pk})
    assert r.status_code == 200 and not Petition.objects.exists()  # the posted choice is checked in the database


def test_the_empty_form_is_rendered_once_and_follows_the_language_and_the_lists(demo_org, client, monkeypatch):
    from danvan.petitions import forms

    rendered = []
    real = forms.PublicForm.render
    monkeypatch.setattr(forms.PublicForm, "render", lambda self, *a, **k: rendered.append(1) or real(self, *a, **k))
    forms._BLANK.clear()
    first, again = _form(client), _form(client)
    assert len(rendered) == 1 and _select(first, "unit") == _select(again, "unit") and "Thư điện tử" in again
    reader = Client()
    reader.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = _form(reader)
    assert len(rendered) == 2 and ">Email" in english and "Thư điện tử" not in english
    # A citizen's form with a mistake is shown with what they typed, not the empty one.
    r = client.post(reverse("petitions:public_submit"), {**SAME, "field": field().pk, "unit": "", "email": "x@"})
    html = r.content.decode()
    assert r.status_code == 200 and SAME["subject"] in html and "is-invalid" in html


def test_with_another_queue_the_suggestions_are_queued_once_the_filing_has_committed(demo_org, client, settings):
    # The immediate backend stands for a queue outside the database (RQ): told after the commit, it runs the
    # task at once, and the task finds the committed case.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    settings.DANVAN_INTAKE_SUGGESTIONS = "worker"
    first = _file(client, demo_org)
    second = _file(client, demo_org)
    assert PetitionLink.objects.get(petition=second).earlier_id == first.pk
