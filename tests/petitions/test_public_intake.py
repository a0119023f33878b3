"""The citizen's form does in the request only what must happen there; the rest is the worker's."""

from __future__ import annotations

import pytest
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


def test_suggestions_of_a_public_filing_come_from_the_worker_and_show_on_the_case_page(
        demo_org, users, client, client_for):
    first = _file(client, demo_org)
    second = _file(client, demo_org)
    # The citizen's request wrote the case, not its suggestions.
    assert not PetitionLink.objects.filter(petition=second).exists()
    assert run_queued() == 2
    link = PetitionLink.objects.get(petition=second)
    assert link.earlier_id == first.pk and link.relation == "duplicate" and link.history.count() == 1
    html = client_for(users["admin"]).get(second.get_absolute_url()).content.decode()
    assert "Đơn liên quan" in html and first.code in html


def test_the_worker_suggests_only_cases_filed_before_and_once(demo_org, client):
    from danvan.petitions import tasks

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

