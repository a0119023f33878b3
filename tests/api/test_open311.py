"""Open311 GeoReport v2: a city app lists the services, files a citizen's feedback, follows it."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import pytest

from danvan.api import services as key_services
from danvan.core.vntext import format_date
from danvan.org.services import create_staff
from danvan.petitions.models import Channel, Petition

pytestmark = pytest.mark.django_db

PERSONAL = ["Phạm Thị Hoa", "0912000111", "hoa@example.vn", "thiet-bi-42", "tai-khoan-7"]


@pytest.fixture
def app_key(demo_org):
    return key_services.create_key(actor=None, name="Ứng dụng iHanoi", unit=demo_org["hn"],
                                   scopes=["open311"]).raw


def _xml(response) -> ET.Element:
    assert response["Content-Type"].startswith("text/xml")
    return ET.fromstring(response.content)


def _post(client, fmt, **data):
    return client.post(f"/open311/v2/requests.{fmt}", data)


def test_services_post_and_get_in_json_and_xml_and_the_officer_finds_the_case(demo_org, users, client, client_for,
                                                                              app_key):
    discovery = client.get("/open311/v2/discovery.json").json()
    assert discovery["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    listed = client.get("/open311/v2/services.json").json()
    code = next(s["service_code"] for s in listed if s["service_code"] == "feedback-trat-tu-do-thi")
    service = next(s for s in listed if s["service_code"] == code)
    assert service["service_name"] == "Phản ánh — Trật tự đô thị" and service["metadata"] is False
    xml_services = _xml(client.get("/open311/v2/services.xml"))
    assert xml_services.tag == "services" and code in [e.findtext("service_code") for e in xml_services]
    assert client.get(f"/open311/v2/services/{code}.json").json()["service_code"] == code

    created = {}
    for fmt in ("json", "xml"):
        response = _post(client, fmt, api_key=app_key, service_code=code, jurisdiction_id="hn-thanh-xuan",
                         lat="20.993512", long="105.815233", address_string="Ngõ 12 Thượng Đình",
                         description=f"Xe tải đỗ chắn lối đi ngõ 12 ({fmt}).\nĐã nhiều ngày.",
                         first_name="Hoa", last_name="Phạm Thị", phone="0912000111", email="hoa@example.vn",
                         device_id="thiet-bi-42", account_id="tai-khoan-7")
        assert response.status_code == 201, response.content
        if fmt == "json":
            row = response.json()[0]
        else:
            row = {e.tag: e.text for e in _xml(response).find("request")}
        assert "mã bí mật" in row["service_notice"]
        created[fmt] = row["service_request_id"]

    case = Petition.objects.get(code=created["json"])
    assert case.channel == Channel.APP and case.get_channel_display() == "Ứng dụng"
    assert case.unit == case.handling_unit == demo_org["hn-thanh-xuan"] and case.kind == "feedback"
    assert case.identities.get().full_name == "Phạm Thị Hoa" and case.open311.lat is not None
    assert case.subject == "Xe tải đỗ chắn lối đi ngõ 12 (json)."

    one = client.get(f"/open311/v2/requests/{case.code}.json").json()[0]
    assert one["service_request_id"] == case.code and one["status"] == "open"
    assert one["agency_responsible"] == demo_org["hn-thanh-xuan"].name
    assert one["expected_datetime"].startswith(case.next_due.isoformat()) and one["lat"] == pytest.approx(20.993512)
    assert one["address"] == "Ngõ 12 Thượng Đình" and one["status_notes"] == ""
    xml_one = _xml(client.get(f"/open311/v2/requests/{created['xml']}.xml")).find("request")
    assert xml_one.findtext("service_request_id") == created["xml"] and xml_one.findtext("status") == "open"
    every = client.get("/open311/v2/requests.json").json()
    assert {r["service_request_id"] for r in every} == set(created.values())
    assert {r.findtext("service_request_id") for r in _xml(client.get("/open311/v2/requests.xml"))} == \
        set(created.values())
    for response in (client.get("/open311/v2/requests.json"), client.get("/open311/v2/requests.xml"),
                     client.get(f"/open311/v2/requests/{case.code}.json")):
        assert not [bit for bit in PERSONAL if bit in response.content.decode()]  # write-only

    # The officer of the ward sees it in the list, with its unit and legal due date.
    officer = create_staff(actor=None, username="canbo-thanh-xuan", full_name="Lý Thị Xuân",
                           unit=demo_org["hn-thanh-xuan"])
    page = client_for(officer).get("/don-thu/").content.decode()
    assert case.code in page and format_date(case.next_due) in page
    assert client_for(users["canbo2"]).get("/don-thu/").content.decode().count(case.code) == 0


def test_filters_of_the_request_list(demo_org, client, app_key):
    for n, code in enumerate(["feedback-trat-tu-do-thi", "recommendation-dat-dai"]):
        assert _post(client, "json", api_key=app_key, service_code=code, jurisdiction_id="hn-thanh-xuan",
                     address_string="Phố Thượng Đình", description=f"Nội dung {n}",
                     first_name="An", last_name="Nguyễn Văn").status_code == 201
    assert len(client.get("/open311/v2/requests.json?service_code=recommendation-dat-dai").json()) == 1
    assert len(client.get("/open311/v2/requests.json?status=closed").json()) == 0
    assert len(client.get("/open311/v2/requests.json?status=open").json()) == 2
    assert len(client.get("/open311/v2/requests.json?start_date=2000-01-01T00:00:00Z"
                          "&end_date=2000-02-01T00:00:00Z").json()) == 0
    assert client.get("/open311/v2/requests.json?status=maybe").status_code == 400
    # Cases filed another way are not published through Open311.
    assert not [r for r in client.get("/open311/v2/requests.json").json() if not r["service_request_id"]]


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_errors_in_the_specification_format(demo_org, users, client, app_key, fmt):
    good = dict(api_key=app_key, service_code="feedback-trat-tu-do-thi", jurisdiction_id="hn-thanh-xuan",
                address_string="Ngõ 5", description="Rác thải ùn ứ.", first_name="An", last_name="Lê")
    read_only = key_services.create_key(actor=None, name="Chỉ đọc", staff=users["canbo"]).raw

    def refused(status, **changes):
        data = {k: v for k, v in {**good, **changes}.items() if v is not None}
        response = _post(client, fmt, **data)
        assert response.status_code == status, (changes, response.content)
        if fmt == "json":
            errors = response.json()
            assert errors[0]["code"] == status
            return errors[0]["description"]
        root = _xml(response)
        assert root.tag == "errors" and root.find("error").findtext("code") == str(status)
        return root.find("error").findtext("description")

    assert "api_key" in refused(403, api_key=None)
    assert "thu hồi" in refused(403, api_key=app_key + "x")
    assert "Open311" in refused(403, api_key=read_only)
    assert "service_code" in refused(404, service_code="feedback-khong-co")
    assert "lat" in refused(400, address_string=None)
    assert "lat" in refused(400, address_string=None, lat="91", long="105")
    assert "4000" in refused(400, description="x" * 4001)
    assert "HTML" in refused(400, description="Xem <a href='http://x'>đây</a>")
    assert "jurisdiction_id" in refused(400, jurisdiction_id="tx-noi-vu")
    assert "thôi hoạt động" in refused(400, jurisdiction_id="tx-thuong-dinh")
    assert "họ tên" in refused(400, first_name=None, last_name=None)  # the public form's rule
    assert not Petition.objects.exists()
    assert _post(client, fmt, **{**good, "description": "y" * 4000}).status_code == 201
    missing = client.get(f"/open311/v2/requests/KHONG-CO.{fmt}")
    assert missing.status_code == 404
    assert client.get("/open311/v2/services.yaml").status_code == 404


def test_a_ward_key_files_for_its_own_ward_only(demo_org, client):
    raw = key_services.create_key(actor=None, name="Cổng phường", unit=demo_org["hn-thanh-xuan"],
                                  scopes=["open311"]).raw
    data = dict(api_key=raw, service_code="feedback-trat-tu-do-thi", address_string="Ngõ 5",
                description="Đèn hỏng.", first_name="An", last_name="Lê")
    assert _post(client, "json", **data).status_code == 201  # its own ward by default
    assert _post(client, "json", **data, jurisdiction_id="hn-khuong-dinh").status_code == 403
