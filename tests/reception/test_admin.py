"""The reception admin: scoped by the policy, read-only, a denouncer's identity by the policy's one rule, logged."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission

from danvan.reception import services
from danvan.reception.models import EntryIdentityView


@pytest.fixture
def denunciation(session, users):
    return services.record_entry(actor=users["canbo"], session=session, citizen_name="Hoàng Minh Đức",
                                 citizen_address="Tổ 12", id_number="001078099999", kind="denunciation",
                                 summary="Tố cáo cán bộ địa chính thu tiền ngoài quy định")


def test_administrator_browses_everything_read_only_without_a_denouncer(client_for, users, session, denunciation):
    """One rule for a denouncer: an administrator handles no case, so the admin site hides who denounced."""
    client = client_for(users["admin"])
    listing = client.get("/quan-tri/reception/receptionentry/")
    assert listing.status_code == 200
    assert "Hoàng Minh Đức" not in listing.content.decode() and "(giữ bí mật)" in listing.content.decode()
    assert "Hoàng Minh Đức" not in client.get("/quan-tri/reception/receptionentry/?q=hoang+minh").content.decode()
    change = client.get(f"/quan-tri/reception/receptionentry/{denunciation.pk}/change/")
    assert change.status_code == 200
    assert "001078099999" not in change.content.decode() and "Hoàng Minh Đức" not in change.content.decode()
    assert client.get(f"/quan-tri/reception/receptionentry/{denunciation.pk}/history/").status_code == 403
    assert client.post(f"/quan-tri/reception/receptionentry/{denunciation.pk}/change/", {}).status_code == 403
    assert client.get("/quan-tri/reception/receptionentry/add/").status_code == 403
    for model in ("receptionsession", "dialogue", "commitment"):
        assert client.get(f"/quan-tri/reception/{model}/").status_code == 200, model
    assert client.get("/quan-tri/reception/entryidentityview/").status_code == 404  # the log is not in the admin
    assert not EntryIdentityView.objects.exists()


def test_administrator_sees_other_citizens(client_for, users, session):
    entry = services.record_entry(actor=users["canbo"], session=session, citizen_name="Trần Văn Phản Ánh",
                                  kind="feedback", summary="Đèn hỏng")
    client = client_for(users["admin"])
    assert "Trần Văn Phản Ánh" in client.get("/quan-tri/reception/receptionentry/?q=tran+van").content.decode()
    assert "Trần Văn Phản Ánh" in client.get(
        f"/quan-tri/reception/receptionentry/{entry.pk}/change/").content.decode()


def _admin_access(user):
    user.is_staff = True
    user.save(update_fields=["is_staff"])
    user.user_permissions.add(Permission.objects.get(codename="view_receptionentry"))
    return user


def test_the_head_sees_the_denouncer_in_the_admin_and_every_page_is_logged(client_for, users, session,
                                                                         denunciation):
    client = client_for(_admin_access(users["phuong"]))
    listing = client.get("/quan-tri/reception/receptionentry/").content.decode()
    assert "Hoàng Minh Đức" in listing
    change = client.get(f"/quan-tri/reception/receptionentry/{denunciation.pk}/change/").content.decode()
    assert "001078099999" in change
    history = client.get(f"/quan-tri/reception/receptionentry/{denunciation.pk}/history/")
    assert history.status_code == 200
    for response in (history,):
        assert response["Cache-Control"] == "private, no-store"
    contexts = list(EntryIdentityView.objects.filter(staff=users["phuong"], entry=denunciation)
                    .order_by("pk").values_list("context", flat=True))
    assert contexts == ["Trang quản trị: danh sách sổ tiếp công dân", "Trang quản trị: lượt tiếp công dân",
                        "Trang quản trị: lịch sử lượt tiếp công dân"]


def test_other_admin_users_see_their_scope_without_a_denouncer_identity(client_for, users, session, denunciation,
                                                                        demo_org):
    other = services.record_entry(actor=None, unit=demo_org["tx-khuong-dinh"], received_on=session.date,
                                  citizen_name="Người Khương Đình", kind="feedback", summary="Rác thải")
    services.record_entry(actor=users["canbo"], session=session, citizen_name="Trần Văn Phản Ánh",
                          kind="feedback", summary="Đèn hỏng")
    client = client_for(_admin_access(users["chutich"]))  # the district chairman: in scope, not the handler
    html = client.get("/quan-tri/reception/receptionentry/").content.decode()
    assert "Trần Văn Phản Ánh" in html and "(giữ bí mật)" in html and "Người Khương Đình" in html
    assert "Hoàng Minh Đức" not in html
    searched = client.get("/quan-tri/reception/receptionentry/?q=hoang").content.decode()
    assert "Hoàng Minh Đức" not in searched and "(giữ bí mật)" not in searched
    assert "(giữ bí mật)" in client.get("/quan-tri/reception/receptionentry/?q=dia+chinh").content.decode()
    change = client.get(f"/quan-tri/reception/receptionentry/{denunciation.pk}/change/").content.decode()
    assert "Hoàng Minh Đức" not in change and "001078099999" not in change and "Tổ 12" not in change
    assert client.get(f"/quan-tri/reception/receptionentry/{denunciation.pk}/history/").status_code == 403
    ward = client_for(_admin_access(users["canbo2"]))  # another ward's officer: not even in scope
    assert client.get(f"/quan-tri/reception/receptionentry/{other.pk}/change/").status_code == 200
    assert ward.get(f"/quan-tri/reception/receptionentry/{denunciation.pk}/change/").status_code == 302
    assert not EntryIdentityView.objects.exists()
