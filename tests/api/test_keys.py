"""Keys for other systems: made once, stored hashed, limited to a unit and scopes, revocable, last use kept."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from danvan.api import services
from danvan.api.models import ApiKey
from danvan.org.models import Staff

from .conftest import auth

pytestmark = pytest.mark.django_db


def _command(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("apikey", *args, stdout=out, stderr=err)
    return out.getvalue().strip(), err.getvalue()


def test_the_command_prints_the_key_once_and_keeps_only_its_hash(demo_org, client):
    raw, told = _command("create", "--name", "Cổng iHanoi", "--unit", "tx-thuong-dinh", "--scope", "read",
                         "--scope", "open311")
    assert raw.startswith("dv_") and "chỉ hiện một lần" in told
    key = ApiKey.objects.get()
    assert key.key_hash == services.digest(raw) and raw not in str(ApiKey.objects.values().get())
    assert sorted(key.scopes) == ["open311", "read"] and key.unit == demo_org["tx-thuong-dinh"]
    # Without a person named, the key acts as a new officer of the ward who cannot log in.
    assert key.staff.unit == demo_org["tx-thuong-dinh"] and not key.staff.has_usable_password()
    assert key.last_used_at is None
    assert client.get("/api/v1/units/", **auth(raw)).status_code == 200
    key.refresh_from_db()
    assert key.last_used_at is not None
    listed, _ = _command("list")
    assert key.prefix in listed and raw not in listed and "Cổng iHanoi" in listed


def test_a_revoked_or_wrong_key_is_refused_with_a_stable_body(demo_org, users, client, key_for):
    raw = key_for("canbo")
    _command("revoke", ApiKey.objects.get().prefix)
    for sent in (raw, raw[:-2] + "xx", "dv_nothing_here"):
        response = client.get("/api/v1/petitions/", **auth(sent))
        assert response.status_code == 401
        assert response.json()["code"] == "invalid_key" and "thu hồi" in response.json()["message"]
    response = client.get("/api/v1/petitions/")
    assert response.status_code == 401 and response.json() == {
        "code": "not_authenticated", "message": response.json()["message"], "fields": {}}
    assert response["WWW-Authenticate"] == "Api-Key"


def test_no_key_acts_as_an_administrator_or_outside_its_person(demo_org, users):
    with pytest.raises(CommandError, match="quản trị"):
        _command("create", "--name", "X", "--user", "admin")
    with pytest.raises(CommandError, match="ngoài phạm vi"):
        _command("create", "--name", "X", "--user", "canbo", "--unit", "tx-khuong-dinh")
    with pytest.raises(CommandError):
        _command("create", "--name", "X", "--scope", "everything")
    assert not ApiKey.objects.exists()


def test_a_key_of_a_district_leader_limited_to_a_ward_sees_that_ward_only(demo_org, users, client, key_for):
    raw = key_for("chutich", unit=demo_org["tx-thuong-dinh"])
    codes = {u["code"] for u in client.get("/api/v1/units/?page_size=200", **auth(raw)).json()["results"]}
    assert codes == {"tx-thuong-dinh"} | {u.code for u in demo_org.values()
                                         if u.is_within(demo_org["tx-thuong-dinh"])}
    wide = key_for("chutich")
    wide_codes = {u["code"] for u in client.get("/api/v1/units/?page_size=200", **auth(wide)).json()["results"]}
    assert "tx-khuong-dinh" in wide_codes and "tx-khuong-dinh" not in codes
    other = demo_org["tx-khuong-dinh"]
    assert client.get(f"/api/v1/units/{other.pk}/", **auth(raw)).status_code == 404


def test_a_read_key_cannot_write(demo_org, users, client, key_for):
    from tests.petitions.helpers import feedback

    case = feedback(demo_org).petition
    raw = key_for("canbo", "read")
    response = client.post("/api/v1/notes/", {"petition": case.pk, "text": "Đã xác minh."},
                           content_type="application/json", **auth(raw))
    assert response.status_code == 403 and response.json()["code"] == "forbidden"


def test_the_admin_lists_keys_without_the_key_and_revokes_them(demo_org, users, client_for, key_for):
    raw = key_for("canbo")
    key = ApiKey.objects.get()
    admin = client_for(users["admin"])
    page = admin.get("/quan-tri/api/apikey/")
    assert page.status_code == 200 and key.name in page.content.decode() and raw not in page.content.decode()
    response = admin.post("/quan-tri/api/apikey/", {"action": "revoke", "_selected_action": [key.pk]})
    assert response.status_code == 302
    key.refresh_from_db()
    assert key.revoked_at is not None and key.revoked_by == users["admin"]
    assert key.history.first().history_change_reason == "Thu hồi khóa API"
    # An officer does not see the list.
    assert client_for(users["noivu"]).get("/quan-tri/api/apikey/").status_code in (302, 403)


def test_the_system_account_is_not_a_person_with_a_password(demo_org):
    made = services.create_key(actor=None, name="Cổng một cửa", unit=demo_org["tx-thuong-dinh"])
    again = services.create_key(actor=None, name="Cổng một cửa", unit=demo_org["tx-thuong-dinh"])
    assert made.key.staff != again.key.staff
    assert Staff.objects.filter(username__startswith="api-cong-mot-cua").count() == 2
