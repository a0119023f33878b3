"""One rule for a denouncer's identity: the reception line and the case opened from it agree, for everyone."""

from __future__ import annotations

import pytest

from danvan.org import policy
from danvan.org.services import create_staff
from danvan.petitions import services as petition_services
from danvan.petitions.models import Field
from danvan.reception import services
from danvan.reception.models import ReceptionEntry


@pytest.fixture
def line(session, users):
    return services.record_entry(actor=users["canbo"], session=session, citizen_name="Hoàng Minh Đức",
                                 citizen_address="Tổ 12", id_number="001078099999", kind="denunciation",
                                 summary="Tố cáo cán bộ địa chính thu tiền ngoài quy định")


def _everyone(users, demo_org):
    verifier = create_staff(actor=None, username="xacminh", full_name="Ngô Xác Minh", unit=demo_org["tx-thuong-dinh"])
    other = create_staff(actor=None, username="canbo3", full_name="Phan Văn Cùng Phường",
                         unit=demo_org["tx-thuong-dinh"])
    return [*users.values(), verifier, other], verifier


def test_before_it_is_a_case_the_receiving_officer_and_the_head_see_the_denouncer(line, users, demo_org):
    people, _verifier = _everyone(users, demo_org)
    allowed = {u.username for u in people if policy.can(u, "reception.identity", line)}
    assert allowed == {"canbo", "phuong"}  # not admin, not the district, not the ward's other officer


def test_line_and_case_agree_for_every_user(line, users, demo_org):
    people, verifier = _everyone(users, demo_org)
    submitted = services.create_petition(actor=users["canbo"], entry=line, field=Field.objects.get(code="dat-dai"),
                                         is_signed=True, version=line.version)
    petition = submitted.petition
    petition_services.assign(actor=users["phuong"], petition=petition, officer=users["canbo"], verifier=verifier)
    line = ReceptionEntry.objects.select_related("petition").get(pk=line.pk)
    petition.refresh_from_db()
    for user in people:
        assert policy.can(user, "reception.identity", line) == policy.can(user, "petition.identity", petition), \
            user.username
    assert not policy.can(verifier, "reception.identity", line)
    assert not policy.can(users["admin"], "reception.identity", line)
    # Handing the case to another officer moves the identity with it, on the line as well.
    other = next(u for u in people if u.username == "canbo3")
    petition_services.assign(actor=users["phuong"], petition=petition, officer=other, verifier=verifier,
                             version=petition.version)
    line = ReceptionEntry.objects.select_related("petition").get(pk=line.pk)
    assert policy.can(other, "reception.identity", line) and not policy.can(users["canbo"], "reception.identity", line)


def test_search_follows_the_same_rule(client_for, line, users):
    for username, found in (("canbo", True), ("phuong", True), ("chutich", False), ("admin", False)):
        html = client_for(users[username]).get("/tiep-cong-dan/so/?q=hoang+minh+duc").content.decode()
        assert (line.get_absolute_url() in html) is found, username


def test_another_officer_of_the_ward_does_not_find_the_line_by_the_denouncers_name(client_for, line, demo_org):
    other = create_staff(
        actor=None, username="canbo3", full_name="Phan Văn Cùng Phường", unit=demo_org["tx-thuong-dinh"]
    )
    html = client_for(other).get("/tiep-cong-dan/so/?q=hoang+minh+duc").content.decode()
    assert line.get_absolute_url() not in html


def test_once_a_case_the_line_is_found_by_name_by_the_cases_officer_not_by_its_receiver(client_for, line, users,
                                                                                         demo_org):
    submitted = services.create_petition(actor=users["canbo"], entry=line, field=Field.objects.get(code="dat-dai"),
                                         is_signed=True, version=line.version)
    other = create_staff(
        actor=None, username="canbo3", full_name="Phan Văn Cùng Phường", unit=demo_org["tx-thuong-dinh"]
    )
    petition_services.assign(actor=users["phuong"], petition=submitted.petition, officer=other)
    for user, found in ((other, True), (users["canbo"], False)):
        html = client_for(user).get("/tiep-cong-dan/so/?q=hoang+minh+duc").content.decode()
        assert (line.get_absolute_url() in html) is found, user.username


def test_a_head_made_verifier_does_not_see_the_denouncer(users, demo_org):
    """The verifier works on the content alone, even when the verifier is the unit's head."""
    from tests.petitions.helpers import denunciation

    petition = denunciation(demo_org, actor=users["canbo"]).petition
    assert policy.can(users["phuong"], "petition.identity", petition)  # the ward's head, before
    petition_services.assign(actor=users["phuong"], petition=petition, officer=users["canbo"],
                             verifier=users["phuong"])
    petition.refresh_from_db()
    assert not policy.can(users["phuong"], "petition.identity", petition)
    assert policy.can(users["canbo"], "petition.identity", petition)


def test_the_cases_list_finds_a_denunciation_by_the_denouncers_name_only_for_who_may_see_the_denouncer(
        client_for, users, demo_org):
    """Searching the cases by a denouncer's name is the same rule: the officer handling it and the ward's
    head find the case, another officer of the same ward (who sees the case) does not, nor a head made
    its verifier."""
    from tests.petitions.helpers import denunciation

    petition = denunciation(demo_org, actor=users["canbo"]).petition
    other = create_staff(actor=None, username="canbo3", full_name="Phan Văn Cùng Phường",
                         unit=demo_org["tx-thuong-dinh"])
    petition_services.assign(actor=users["phuong"], petition=petition, officer=users["canbo"])
    url = petition.get_absolute_url()

    def finds(user, query="Tran Thi Bi Mat"):
        return url in client_for(user).get(f"/don-thu/?q={query}").content.decode()

    assert finds(other, "dia chinh nhan tien")  # the case itself is in the other officer's list
    assert finds(users["canbo"]) and finds(users["phuong"])
    assert not finds(other) and not finds(users["chutich"])
    petition.refresh_from_db()
    petition_services.assign(actor=users["phuong"], petition=petition, officer=users["canbo"],
                             verifier=users["phuong"], version=petition.version)
    assert not finds(users["phuong"]) and finds(users["canbo"])
