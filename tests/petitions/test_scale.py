"""Lists whose cost does not grow with history: capped counts, scope as unit ids, open cases first."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from danvan.org import paging, policy
from danvan.org.models import Unit
from danvan.petitions import selectors
from danvan.petitions.models import Petition

from .helpers import feedback

pytestmark = pytest.mark.django_db


def test_list_above_the_cap_says_more_than_and_still_pages(demo_org, users, client_for, monkeypatch):
    monkeypatch.setattr(paging, "DEFAULT_CAP", 4)
    monkeypatch.setattr("danvan.petitions.views.PAGE_SIZE", 3)
    for i in range(8):
        feedback(demo_org, subject=f"Đèn đường hỏng số {i}")
    c = client_for(users["canbo"])
    url = reverse("petitions:petition_list")
    first = c.get(url)
    page = first.context["page"]
    assert page.paginator.capped and page.has_next() and len(page.object_list) == 3
    assert "hơn 4 dòng" in first.content.decode()
    seen = [p.pk for p in page.object_list]
    number = 1
    while page.has_next():
        number += 1
        page = c.get(url, {"page": number}).context["page"]
        seen += [p.pk for p in page.object_list]
    visible = selectors.petition_list(users["canbo"])
    assert seen == [p.pk for p in visible] and len(seen) == len(set(seen)) >= 8
    # A page past the end falls back to the first, never to an error.
    assert c.get(url, {"page": 99}).context["page"].number == 1


def test_list_below_the_cap_keeps_exact_count(demo_org, users, client_for):
    feedback(demo_org)
    r = client_for(users["canbo"]).get(reverse("petitions:petition_list"))
    page = r.context["page"]
    assert not page.paginator.capped
    assert page.paginator.count == selectors.petition_list(users["canbo"]).count()


def test_scope_ids_are_the_subtree_and_follow_the_policy(demo_org, users):
    canbo, noivu, admin = users["canbo"], users["noivu"], users["admin"]
    assert set(policy.scope_unit_ids(canbo)) == set(
        Unit.objects.filter(path__startswith=canbo.unit.path).values_list("pk", flat=True))
    committee = noivu.unit.committee()
    assert set(policy.scope_unit_ids(noivu)) == set(
        Unit.objects.filter(path__startswith=committee.path).values_list("pk", flat=True))
    assert policy.scope_unit_ids(admin) is None
    # The list filter selects exactly what the per-object permission allows.
    for p in feedback(demo_org).petition, feedback(demo_org, unit=demo_org["tx-khuong-dinh"]).petition:
        for user in (canbo, users["canbo2"], noivu):
            listed = selectors.visible_petitions(user).filter(pk=p.pk).exists()
            assert listed == policy.can(user, "petition.view", p)


def test_home_counts_only_open_cases(demo_org, users, client_for):
    sub = feedback(demo_org, received_on=date(2025, 1, 6))
    Petition.objects.filter(pk=sub.petition.pk).update(status="closed")
    feedback(demo_org, received_on=date(2025, 1, 6))
    work = client_for(users["canbo"]).get("/").context["work"]
    open_ = selectors.visible_petitions(users["canbo"]).open()
    assert work.petitions_open == open_.count() and work.petitions_overdue == open_.overdue().count() >= 1


def _same_text(demo_org):
    return feedback(demo_org, subject="Ngập nước ngõ 7",
                    content="Mưa lớn là ngõ 7 Khương Đình ngập sâu, đề nghị nạo vét.",
                    petitioners=[{"full_name": "Phạm Văn Cường", "address": "Số 2 ngõ 7", "phone": "0903111222"}])


def test_intake_statements_do_not_grow_with_duplicates(demo_org, django_assert_max_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from danvan.petitions.models import PetitionLink

    _same_text(demo_org)
    with CaptureQueriesContext(connection) as few:
        second = _same_text(demo_org)
    assert PetitionLink.objects.filter(petition=second.petition).count() == 1
    for _i in range(12):
        _same_text(demo_org)
    with django_assert_max_num_queries(len(few.captured_queries)):
        last = _same_text(demo_org)
    links = PetitionLink.objects.filter(petition=last.petition)
    assert links.count() == 14 and all(link.relation == "duplicate" for link in links)
    # Each suggestion keeps its history row, as an officer reviewing the link sees it.
    assert PetitionLink.history.filter(petition_id=last.petition.pk, history_type="+").count() == 14
    assert last.petition.identities.get().history.count() == 1


def test_home_counts_are_cached_and_dropped_when_a_case_changes(demo_org, users, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    c = client_for(users["canbo"])
    feedback(demo_org)
    first = c.get("/").context["work"].petitions_open
    with CaptureQueriesContext(connection) as ctx:
        again = c.get("/").context["work"].petitions_open
    assert again == first >= 1
    # the counts came from the cache: no count of the cases ran
    assert not any("COUNT(" in q["sql"] and "petitions_petition" in q["sql"] for q in ctx.captured_queries)
    feedback(demo_org)  # a new case: the next view counts again
    assert c.get("/").context["work"].petitions_open == first + 1
