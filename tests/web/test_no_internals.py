"""No page shows the inside of the program: every page of every module, for every demo role.

The crawl (tests/web/crawl.py) renders every URL of danvan with arguments taken from the demo
(lists, one detail page per module and per case state, forms, text exports) as each demo account
and as an anonymous visitor, and fails on any stored code, rule id, indicator key, repository file
name, JSON dump or "None", and on "(cần kiểm tra)" shown to anyone but an administrator.
"""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.test import Client

from danvan.org.models import Staff
from danvan.org.selectors import history_of
from danvan.petitions.models import Petition
from tests.web import crawl

ROLES = ["admin", "noivu", "chutich", "kiemtra", "truongphong", "canbo", "phuong", "canbo2"]


@pytest.fixture
def demo(db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    call_command("demo", stdout=io.StringIO())


def _client_for(user):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_no_page_shows_internals_to_any_role(demo):
    paths, missing = crawl.urls_to_visit()
    assert missing == [], "a new page needs demo arguments in tests/web/crawl.py, or it is never checked"
    assert len(paths) > 90
    users = [Staff.objects.get(username=name) for name in ROLES] + [None]
    found, seen = crawl.crawl(_client_for, users)
    assert seen > 500  # every role really read the pages (403 pages count, redirects do not)
    report = "\n".join(f"{page}: {', '.join(problems)}" for page, problems in sorted(found.items()))
    assert not found, f"Trang hiển thị mã nội bộ:\n{report}"


@pytest.mark.parametrize("text, problem", [
    ("trạng thái: Đã tiếp nhận → accepted", "accepted"),
    ("Nguồn: plans.dissemination_sessions", "plans.dissemination_sessions"),
    ("Căn cứ: legal-rules.md §3", "legal-rules.md"),
    ("Quy tắc KN-RESOLVE-1", "KN-RESOLVE-1"),
    ('Dữ liệu: {"a": 1}', "JSON"),
    ("Cán bộ xử lý: None", "None"),
    ("Hạn: 01/09 là ngày nghỉ (Quốc khánh (ngày liền kề))", "ngoặc lồng nhau"),
    ("Điều 41 Luật Khiếu nại 2011 (cần kiểm tra)", "cần kiểm tra"),
])
def test_the_crawl_notices_each_kind_of_internal(db, text, problem):
    problems = crawl.problems_in(text, crawl.raw_codes())
    assert any(problem in p for p in problems), problems


def test_marks_to_verify_are_for_administrators():
    assert not crawl.problems_in("Điều 41 Luật Khiếu nại 2011 (cần kiểm tra)", set(), administrator=True)


def test_history_names_people_units_and_labels_in_a_fixed_number_of_queries(
        demo, django_assert_max_num_queries):
    from danvan.petitions.services import assign

    petition = Petition.objects.filter(status="closed").order_by("pk").first()
    before = petition.assigned_to
    other = Staff.objects.filter(unit=petition.handling_unit).exclude(pk=before.pk).order_by("pk").first()
    assign(actor=Staff.objects.get(username="admin"), petition=petition, officer=other)
    with django_assert_max_num_queries(4):
        entries = history_of(petition)
    text = " | ".join(f"{c['field']}: {c['old']} → {c['new']}" for e in entries for c in e["changes"])
    assert "Đã tiếp nhận → Đã thụ lý" in text and "received" not in text
    assert f"{before.full_name} → {other.full_name}" in text
    assert f"{before.pk} → {other.pk}" not in text
