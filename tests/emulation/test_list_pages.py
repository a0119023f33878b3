"""The emulation lists (models, proposals, the staff's ratings and training) and the schemes in the API open
for everyone who belongs to a unit; an account without a unit is told to ask for one; registering a model is
for the units' people, never an inspector."""

from __future__ import annotations

import pytest

from danvan.org.models import Role, Staff

LISTS = ["/thi-dua/mo-hinh/", "/thi-dua/de-nghi/", "/thi-dua/can-bo/", "/api/v1/emulation-schemes/"]


@pytest.mark.parametrize("url", LISTS)
def test_a_list_opens_for_people_of_a_unit_and_an_administrator_and_not_without_a_unit(url, demo_org, users,
                                                                                       client_for):
    for username in ("canbo", "kiemtra", "chutich"):
        assert client_for(users[username]).get(url).status_code == 200, username
    admin = Staff.objects.create(username="qt-khong-don-vi", full_name="Quản trị hệ thống", role=Role.ADMINISTRATOR)
    assert client_for(admin).get(url).status_code == 200
    newcomer = Staff.objects.create(username="cb-moi", full_name="Lê Thị Hoa", role=Role.OFFICER)
    response = client_for(newcomer).get(url)
    assert response.status_code == 403
    if not url.startswith("/api/"):
        assert "chưa gắn với đơn vị" in response.content.decode()


def test_the_units_people_register_a_model_an_inspector_and_an_account_without_a_unit_do_not(demo_org, users,
                                                                                             client_for):
    url = "/thi-dua/mo-hinh/dang-ky/"
    assert client_for(users["canbo"]).get(url).status_code == 200
    assert 'href="/thi-dua/mo-hinh/dang-ky/"' in client_for(users["canbo"]).get("/thi-dua/mo-hinh/").content.decode()
    assert client_for(users["kiemtra"]).get(url).status_code == 403
    assert 'href="/thi-dua/mo-hinh/dang-ky/"' not in client_for(users["kiemtra"]).get(
        "/thi-dua/mo-hinh/").content.decode()
    newcomer = Staff.objects.create(username="cb-moi", full_name="Lê Thị Hoa", role=Role.OFFICER)
    assert client_for(newcomer).get(url).status_code == 403
