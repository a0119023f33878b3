"""Officers find a case by the citizen's name, where they may see that name — never through a
denouncer's name hidden from them, not even by a difference in what the search returns."""

from __future__ import annotations

import io
import re

import openpyxl
import pytest
from django.urls import reverse

from danvan.org import policy
from danvan.org.models import Staff
from danvan.petitions import selectors, services
from danvan.petitions.models import Petition
from danvan.petitions.permissions import identity_q

from .helpers import denunciation, feedback


def _codes(client, q: str) -> list[str]:
    html = client.get(reverse("petitions:petition_list"), {"q": q}).content.decode()
    body = html[html.index('data-testid="petition-list"'):]
    return re.findall(r'href="/don-thu/\d+/">([^<]+)</a>', body)


@pytest.fixture
def cases(demo_org, users):
    """A feedback by Nguyễn Văn Bình, and a denunciation by Trần Thị Bí Mật handled by canbo."""
    mine = feedback(demo_org, actor=users["canbo"]).petition
    secret = denunciation(demo_org, actor=users["canbo"]).petition
    assert secret.assigned_to == users["canbo"]
    return mine, secret


def test_officer_finds_a_case_by_the_citizens_name_with_or_without_marks(cases, users, client_for):
    mine, _secret = cases
    client = client_for(users["phuong"])
    assert _codes(client, "Nguyễn Văn Bình") == [mine.code]
    assert _codes(client, "nguyen van binh") == [mine.code]
    assert _codes(client, "NGUYEN   binh") == [mine.code]
    assert _codes(client, "Nguyễn Văn Bảo") == []  # another name: nothing


def test_handler_and_head_find_the_denunciation_by_the_denouncers_name(cases, users, client_for):
    _mine, secret = cases
    for username in ("canbo", "phuong"):  # the officer handling it, the head of the handling unit
        assert _codes(client_for(users[username]), "Trần Thị Bí Mật") == [secret.code], username


@pytest.mark.parametrize("username", ["chutich", "kiemtra", "noivu", "admin", "canbo"])
def test_a_hidden_denouncers_name_finds_nothing_and_looks_like_any_unknown_name(username, cases, users, demo_org,
                                                                                 client_for):
    _mine, secret = cases
    if username == "canbo":  # the case passes to a colleague: the former handler no longer sees the denouncer
        colleague = Staff.objects.create_user(username="canbo5", full_name="Lý Văn Năm",
                                              unit=demo_org["tx-thuong-dinh"], role="officer")
        Petition.objects.filter(pk=secret.pk).update(assigned_to=colleague)
    user = users[username]
    assert not policy.can(user, "petition.identity", Petition.objects.get(pk=secret.pk))
    client = client_for(user)
    assert _codes(client, "Trần Thị Bí Mật") == _codes(client, "Hoàng Thị Không Có") == []
    assert _codes(client, "bi mat") == []
    # The register export (where a count could be read) answers the same way.
    export = reverse("petitions:petition_export", args=["xlsx"])
    rows = [openpyxl.load_workbook(io.BytesIO(client.get(export, {"q": q}).content)).active.max_row
            for q in ("Trần Thị Bí Mật", "Hoàng Thị Không Có")]
    assert rows[0] == rows[1]
    assert selectors.petition_list(user, selectors.Filters(q="bí mật")).count() == 0


def test_the_case_text_still_finds_the_denunciation_for_those_who_see_the_case(cases, users, client_for):
    _mine, secret = cases
    assert _codes(client_for(users["chutich"]), "địa chính nhận tiền") == [secret.code]


def test_identity_query_agrees_with_the_policy_case_by_case(cases, users, demo_org):
    mine, secret = cases
    other = denunciation(demo_org, actor=users["canbo2"], unit=demo_org["tx-khuong-dinh"],
                         subject="Tố cáo cán bộ Khương Đình").petition
    services.assign(actor=users["phuong"], petition=secret, officer=users["canbo"], verifier=users["phuong"])
    for user in Staff.objects.all():
        visible = selectors.visible_petitions(user)
        matched = set(visible.filter(identity_q(user)).values_list("pk", flat=True))
        expected = {p.pk for p in visible if policy.can(user, "petition.identity", p)}
        assert matched == expected, user.username
    assert {mine.pk, other.pk} <= {p.pk for p in Petition.objects.all()}
