"""The reception admin: scoped by the policy, read-only, and a denouncer's identity for administrators only."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from danvan.reception import services


@pytest.fixture
def denunciation(session, users):
    return services.record_entry(actor=users["canbo"], session=session, citizen_name="Hoàng Minh Đức",
                                 citizen_address="Tổ 12", id_number="001078099999", kind="denunciation",
                                 summary="Tố cáo cán bộ địa chính thu tiền ngoài quy định")


def test_administrator_browses_everything_read_only(client_for, users, session, denunciation):
    client = client_for(users["admin"])
    listing = client.get("/quan-tri/reception/receptionentry/")
    assert listing.status_code == 200 and "Hoàng Minh Đức" in listing.content.decode()
    assert "Hoàng Minh Đức" in client.get("/quan-tri/reception/receptionentry/?q=hoang+minh").content.decode()
    change = client.get(f"/quan-tri/reception/receptionentry/{denunciation.pk}/change/")
    assert change.status_code == 200 and "001078099999" in change.content.decode()
    assert client.post(f"/quan-tri/reception/receptionentry/{denunciation.pk}/change/", {}).status_code == 403
    assert client.get("/quan-tri/reception/receptionentry/add/").status_code == 403
    for model in ("receptionsession", "dialogue", "commitment"):
        assert client.get(f"/quan-tri/reception/{model}/").status_code == 200, model
    assert client.get("/quan-tri/reception/entryidentityview/").status_code == 404  # the log is not in the admin


def test_other_admin_users_see_their_scope_without_a_denouncer_identity(client_for, users, session, denunciation,
                                                                        demo_org):
    other = services.record_entry(actor=None, unit=demo_org["tx-khuong-dinh"], received_on=session.date,
                                  citizen_name="Người Khương Đình", kind="feedback", summary="Rác thải")
    services.record_entry(actor=users["canbo"], session=session, citizen_name="Trần Văn Phản Ánh",
                          kind="feedback", summary="Đèn hỏng")
    leader = users["phuong"]
    leader.is_staff = True
    leader.save(update_fields=["is_staff"])
    leader.user_permissions.add(Permission.objects.get(codename="view_receptionentry"))
    client = client_for(leader)
    html = client.get("/quan-tri/reception/receptionentry/").content.decode()
    assert "Trần Văn Phản Ánh" in html and "(giữ bí mật)" in html
    assert "Hoàng Minh Đức" not in html and "Người Khương Đình" not in html
    searched = client.get("/quan-tri/reception/receptionentry/?q=hoang").content.decode()
    assert "Hoàng Minh Đức" not in searched and "(giữ bí mật)" not in searched
    assert "(giữ bí mật)" in client.get("/quan-tri/reception/receptionentry/?q=dia+chinh").content.decode()
    change = client.get(f"/quan-tri/reception/receptionentry/{denunciation.pk}/change/").content.decode()
    assert "Hoàng Minh Đức" not in change and "001078099999" not in change and "Tổ 12" not in change
    assert client.get(f"/quan-tri/reception/receptionentry/{denunciation.pk}/history/").status_code == 403
    assert client.get(f"/quan-tri/reception/receptionentry/{other.pk}/change/").status_code == 302  # not found → index
