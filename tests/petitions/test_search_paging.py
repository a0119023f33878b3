"""The list's search pages every match once, in the list's order, with the list's count — whether the
user sees a few units (matched case by case) or a whole committee (the text and the names paged as
two ways to match, each ordered and limited on its own)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse

from danvan.org import clock, paging
from danvan.org.paging import CappedPaginator, UnionRows
from danvan.petitions import selectors
from danvan.petitions.models import Petition

from .helpers import feedback

pytestmark = pytest.mark.django_db

QUERY = "dat dai"


@pytest.fixture
def matches(demo_org):
    """Cases found by "dat dai": by their text (five days, two cases a day: ties ordered by number),
    by a petitioner's name only, by both; and cases it must not find."""
    today = clock.today()
    found = []
    for i in range(10):
        found.append(feedback(demo_org, subject=f"Tranh chấp đất đai thửa số {i}",
                              received_on=today - timedelta(days=i // 2)).petition)
    found.append(feedback(demo_org, received_on=today - timedelta(days=1),
                          petitioners=[{"full_name": "Lê Đạt Đài", "address": "Số 1 ngõ 2"}]).petition)
    found.append(feedback(demo_org, subject="Đất đai bị lấn chiếm", received_on=today - timedelta(days=3),
                          petitioners=[{"full_name": "Phạm Đạt Đài", "address": "Số 5 ngõ 2"}]).petition)
    for i in range(3):
        feedback(demo_org, subject=f"Đèn đường hỏng số {i}", received_on=today - timedelta(days=i))
    return found


def _walk(client, url: str, q: str) -> tuple[list[int], list]:
    """Every row of every page, as the pages show them, and the first page."""
    first = client.get(url, {"q": q}).context["page"]
    page, seen, number = first, [p.pk for p in first.object_list], 1
    while page.has_next():
        number += 1
        page = client.get(url, {"q": q, "page": number}).context["page"]
        seen += [p.pk for p in page.object_list]
    return seen, first


@pytest.mark.parametrize("username", ["noivu", "chutich", "phuong", "canbo"])
def test_search_pages_show_every_match_once_in_the_lists_order(username, matches, users, client_for, monkeypatch):
    monkeypatch.setattr(paging, "DEFAULT_CAP", 4)
    monkeypatch.setattr("danvan.petitions.views.PAGE_SIZE", 3)
    user = users[username]
    expected = [p.pk for p in selectors.petition_list(user, selectors.Filters(q=QUERY))]
    assert {p.pk for p in matches} <= set(expected)
    seen, first = _walk(client_for(user), reverse("petitions:petition_list"), QUERY)
    assert seen == expected
    assert first.paginator.capped
    assert "hơn 4 dòng" in client_for(user).get(reverse("petitions:petition_list"), {"q": QUERY}).content.decode()


@pytest.mark.parametrize("username", ["noivu", "canbo"])
def test_search_below_the_cap_shows_the_exact_count(username, matches, users, client_for):
    user = users[username]
    r = client_for(user).get(reverse("petitions:petition_list"), {"q": QUERY})
    page = r.context["page"]
    total = selectors.petition_list(user, selectors.Filters(q=QUERY)).count()
    assert not page.paginator.capped and page.paginator.count == total >= len(matches)
    assert f"{total} dòng" in r.content.decode()


@pytest.mark.skipif(not connection.features.supports_slicing_ordering_in_compound,
                    reason="the database cannot order and limit the members of a UNION")
def test_a_committees_search_is_paged_as_its_two_ways_to_match(matches, users):
    rows = selectors.petition_rows(users["noivu"], selectors.Filters(q=QUERY))
    assert isinstance(rows, UnionRows) and len(rows.parts) == 2
    by_name, both = matches[-2:]
    text, names = ({p.pk for p in part} for part in rows.parts)
    assert by_name.pk in names - text and both.pk in names & text


@pytest.mark.skipif(not connection.features.supports_slicing_ordering_in_compound,
                    reason="the database cannot order and limit the members of a UNION")
def test_union_rows_slice_and_count_as_the_union_would(matches):
    """Overlapping parts: every slice is the sorted union's, every capped count min(union, limit)."""
    ids = [p.pk for p in matches]
    parts = [Petition.objects.filter(pk__in=ids[:8]), Petition.objects.filter(pk__in=ids[5:]),
             Petition.objects.filter(pk__in=ids[2:4])]
    ordering = ["-received_on", "-pk"]
    union = list(Petition.objects.filter(pk__in=ids).order_by(*ordering))
    rows = UnionRows(parts, ordering)
    assert rows.count() == len(union) == len(ids)
    for limit in range(1, len(ids) + 3):
        assert rows.count_upto(limit) == min(len(union), limit), limit
    for start in range(0, len(ids) + 1):
        for stop in range(start, len(ids) + 2):
            assert [p.pk for p in rows[start:stop]] == [p.pk for p in union[start:stop]], (start, stop)
    assert rows[0].pk == union[0].pk
    paginator = CappedPaginator(rows, 5, cap=7)
    assert paginator.capped and [p.pk for p in paginator.page(3).object_list] == [p.pk for p in union[10:15]]
    assert [p.pk for p in CappedPaginator(rows, 5, cap=100).page(3).object_list] == [p.pk for p in union[10:]]
