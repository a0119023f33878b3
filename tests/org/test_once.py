"""Organisation create forms and the temporary password: a double post does the thing once."""

from __future__ import annotations

from danvan.org.models import MobilizationResponsibility, Staff, Unit

from ..once_helpers import post_twice, token_for


def test_unit_posted_twice_is_one_unit(client_for, users, demo_org):
    post_twice(client_for(users["noivu"]), "/don-vi/them/", {
        "code": "tx-mn-thuong-dinh", "name": "Trường Mầm non Thượng Đình", "level": "commune",
        "kind": "public_service_unit", "parent": demo_org["tx-thuong-dinh"].pk}, Unit)


def test_staff_posted_twice_is_one_log_in(client_for, users, demo_org):
    post_twice(client_for(users["noivu"]), "/can-bo/them/", {
        "username": "canbo3", "full_name": "Nguyễn Văn Ba", "unit": demo_org["tx-kim-giang"].pk,
        "position": "Công chức Văn phòng - Thống kê", "role": "officer", "is_active": "on"}, Staff)


def test_responsibility_posted_twice_is_one_assignment(client_for, users, demo_org):
    unit = demo_org["tx-thuong-dinh"]
    post_twice(client_for(users["noivu"]), f"/don-vi/{unit.pk}/", {
        "staff": users["canbo"].pk, "title": "Phụ trách công tác dân vận", "valid_from": "01/02/2026"},
        MobilizationResponsibility, action=f"/don-vi/{unit.pk}/phu-trach/")


def test_temporary_password_posted_twice_is_issued_once(client_for, users):
    staff = users["canbo2"]
    client = client_for(users["noivu"])
    page = f"/can-bo/{staff.pk}/"
    action = f"/can-bo/{staff.pk}/mat-khau/"
    token = token_for(client.get(page).content.decode(), action)
    first = client.post(action, {"once": token}, follow=True)
    password = next(str(m) for m in first.context["messages"]).split(": ")[1].split(" — ")[0]
    second = client.post(action, {"once": token}, follow=True)
    assert password not in second.content.decode()
    staff.refresh_from_db()
    assert staff.check_password(password)  # the password given to the officer still works
    assert staff.history.filter(history_change_reason="Cấp mật khẩu tạm thời").count() == 1
