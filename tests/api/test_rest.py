"""/api/v1/: the policy decides, lists are scoped, writes go through the apps' services, errors are stable."""

from __future__ import annotations

from datetime import date

import pytest
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.petitions.models import IdentityAccessLog, Note, Petition
from danvan.reporting import services as report_services
from danvan.reporting.catalogue import PLAN_307_CODE
from danvan.reporting.models import DeadlinePolicy, ReportTemplate, Submission
from tests.petitions.helpers import denunciation, feedback

from .conftest import auth

pytestmark = pytest.mark.django_db

LISTS = ["units", "staff", "petitions", "notes", "reception-entries", "dialogues", "plans", "tasks",
         "report-requests", "submissions"]


def test_the_openapi_document_validates_and_the_docs_page_keeps_the_strict_csp(client):
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.validation import validate_schema

    schema = SchemaGenerator().get_schema(request=None, public=True)
    validate_schema(schema)
    assert {f"/api/v1/{name}/" for name in LISTS} <= set(schema["paths"])
    assert schema["components"]["schemas"]["Error"]["required"] == ["code", "message", "fields"]
    response = client.get("/api/schema/?format=json")
    assert response.status_code == 200 and response.json()["info"]["title"] == "danvan API"
    page = client.get("/api/tai-lieu/")
    html = page.content.decode()
    assert page.status_code == 200 and "script-src 'self'" in page["Content-Security-Policy"]
    assert "<style" not in html and " style=" not in html and "<script>" not in html
    assert "cdn" not in html.lower() and "/static/drf_spectacular_sidecar/swagger-ui-dist/" in html
    script = client.get("/api/tai-lieu/?script=")
    assert script.status_code == 200 and script["Content-Type"].startswith("application/javascript")
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    assert finders.find("api/docs.css")


def test_an_officer_sees_the_cases_of_their_ward_only_and_by_session_too(demo_org, users, client, client_for,
                                                                          key_for):
    mine = feedback(demo_org).petition
    other = feedback(demo_org, unit=demo_org["tx-khuong-dinh"]).petition
    raw = key_for("canbo")
    ids = {p["id"] for p in client.get("/api/v1/petitions/", **auth(raw)).json()["results"]}
    assert mine.pk in ids and other.pk not in ids
    response = client.get(f"/api/v1/petitions/{other.pk}/", **auth(raw))
    assert response.status_code == 404 and response.json()["code"] == "not_found"
    detail = client.get(f"/api/v1/petitions/{mine.pk}/", **auth(raw)).json()
    assert detail["kind_label"] == "Phản ánh" and detail["handling_unit_name"] == demo_org["tx-thuong-dinh"].name
    assert detail["petitioners"][0]["full_name"] == "Nguyễn Văn Bình"  # not a denunciation: as on the page
    # The web's session works the same way.
    session = client_for(users["canbo"])
    assert {p["id"] for p in session.get("/api/v1/petitions/").json()["results"]} == ids
    assert session.get("/api/v1/petitions/").headers["Cache-Control"] == "private, no-store"


def test_filters_and_cursor_pages(demo_org, users, client, key_for):
    for n in range(5):
        feedback(demo_org, subject=f"Phản ánh số {n}")
    denunciation(demo_org)
    raw = key_for("canbo")
    page = client.get("/api/v1/petitions/?page_size=2&kind=feedback", **auth(raw)).json()
    seen = [p["id"] for p in page["results"]]
    while page["next"]:
        page = client.get(page["next"], **auth(raw)).json()
        seen += [p["id"] for p in page["results"]]
    assert len(seen) == len(set(seen)) == 5
    assert [p["kind"] for p in client.get("/api/v1/petitions/?kind=denunciation", **auth(raw)).json()["results"]] \
        == ["denunciation"]
    bad = client.get("/api/v1/petitions/?received_from=hôm-qua", **auth(raw))
    assert bad.status_code == 400 and bad.json()["code"] == "invalid" and "received_from" in bad.json()["fields"]
    bad_cursor = client.get("/api/v1/petitions/?cursor=abc", **auth(raw))
    assert bad_cursor.status_code == 404 and bad_cursor.json()["code"] == "not_found"


def test_a_denouncer_only_for_the_handler_on_request_and_each_read_logged(demo_org, users, client, key_for):
    from danvan.petitions import services

    case = denunciation(demo_org, actor=users["canbo"]).petition
    services.assign(actor=users["phuong"], petition=case, officer=users["canbo"])
    url = f"/api/v1/petitions/{case.pk}/"
    for name in ("canbo2", "kiemtra", "chutich", "noivu"):
        raw = key_for(name)
        for suffix in ("", "?identity=1"):
            response = client.get(url + suffix, **auth(raw))
            assert response.status_code in (200, 404)
            assert "Bí Mật" not in response.content.decode()
    assert not IdentityAccessLog.objects.exists()
    raw = key_for("canbo")
    assert client.get(url, **auth(raw)).json()["petitioners"] is None  # not shown until asked
    assert not IdentityAccessLog.objects.exists()
    shown = client.get(url + "?identity=1", **auth(raw)).json()
    assert shown["petitioners"][0]["full_name"] == "Trần Thị Bí Mật"
    log = IdentityAccessLog.objects.get()
    assert log.staff == users["canbo"] and log.context == "API: hồ sơ đơn thư"
    # Lists never carry a petitioner.
    assert "Bí Mật" not in client.get("/api/v1/petitions/", **auth(raw)).content.decode()


def test_filing_a_case_and_a_note_go_through_the_services(demo_org, users, client, key_for):
    raw = key_for("canbo", "read", "petitions.write")
    from danvan.petitions.models import Field

    field = Field.objects.get(code="trat-tu-do-thi")
    body = {"kind": "feedback", "field": field.pk, "unit": demo_org["tx-thuong-dinh"].pk, "channel": "hotline",
            "received_on": date.today().isoformat(), "subject": "Lấn chiếm vỉa hè",
            "content": "Quán ăn lấn chiếm vỉa hè ngõ 5.", "petitioners": [{"full_name": "Lê Văn Ba"}]}
    response = client.post("/api/v1/petitions/", body, content_type="application/json", **auth(raw))
    assert response.status_code == 201, response.content
    created = response.json()
    case = Petition.objects.get(pk=created["id"])
    assert created["tracking_secret"] and case.check_secret(created["tracking_secret"])
    assert case.history.first().history_user == users["canbo"] and case.next_due is not None
    # The same check as the officer's form: a complaint must be signed.
    refused = client.post("/api/v1/petitions/", {**body, "kind": "complaint_first"}, content_type="application/json",
                          **auth(raw))
    assert refused.status_code == 400 and refused.json()["code"] == "invalid"
    assert "chữ ký" in refused.json()["fields"]["is_signed"][0]
    note = client.post("/api/v1/notes/", {"petition": case.pk, "text": "Đã liên hệ chủ quán.", "is_public": False},
                       content_type="application/json", **auth(raw))
    assert note.status_code == 201
    saved = Note.objects.get(pk=note.json()["id"])
    assert saved.author == users["canbo"] and saved.history.first().history_change_reason == "Thêm ghi chú"
    listed = client.get(f"/api/v1/notes/?petition={case.pk}", **auth(raw)).json()["results"]
    assert [n["text"] for n in listed] == ["Đã liên hệ chủ quán."]
    # Another ward's officer may neither read nor write on it.
    other = key_for("canbo2", "read", "petitions.write")
    assert client.post("/api/v1/notes/", {"petition": case.pk, "text": "x"}, content_type="application/json",
                       **auth(other)).status_code in (400, 404)
    assert client.get(f"/api/v1/notes/{saved.pk}/", **auth(other)).status_code == 404


def test_a_ward_submits_its_report_through_the_api(demo_org, users, client, key_for):
    template = ReportTemplate.objects.get(code=PLAN_307_CODE)
    request = report_services.create_request(
        actor=users["noivu"], template=template, requesting_unit=demo_org["tx-ubnd"], period_kind="yearly",
        year=2026, deadline=date(2026, 11, 30), deadline_policy=DeadlinePolicy.NEXT_WORKDAY)
    ward = demo_org["tx-thuong-dinh"]
    head = key_for("phuong", "read", "reports.submit")
    officer = key_for("canbo", "read", "reports.submit")
    listed = client.get("/api/v1/report-requests/", **auth(head)).json()["results"]
    assert [r["id"] for r in listed] == [request.pk] and ward.pk in listed[0]["units"]
    opened = client.post("/api/v1/submissions/", {"request": request.pk, "unit": ward.pk},
                         content_type="application/json", **auth(officer))
    assert opened.status_code == 201, opened.content
    report = opened.json()
    assert report["status"] == "draft" and report["values"]
    url = f"/api/v1/submissions/{report['id']}/"
    stale = client.patch(url, {"version": report["version"] + 5, "narratives": {"II.1": "Đã làm."}},
                         content_type="application/json", **auth(officer))
    assert stale.status_code == 409 and stale.json()["code"] == "stale_version"
    saved = client.patch(url, {"version": report["version"], "narratives": {"II.1": "Đã tổ chức 4 hội nghị."}},
                         content_type="application/json", **auth(officer))
    assert saved.status_code == 200 and saved.json()["version"] == report["version"] + 1
    # Only the unit's head submits, as on the page.
    refused = client.post(url + "submit/", {"version": saved.json()["version"]}, content_type="application/json",
                          **auth(officer))
    assert refused.status_code == 403 and "nộp báo cáo" in refused.json()["message"]
    sent = client.post(url + "submit/", {"version": saved.json()["version"]}, content_type="application/json",
                       **auth(head))
    assert sent.status_code == 200 and sent.json()["status"] == "submitted"
    submission = Submission.objects.get(pk=report["id"])
    assert submission.submitted_by == users["phuong"] and submission.doc_number
    # The district's coordinator reads the consolidated figures.
    district = key_for("noivu")
    figures = client.get(f"/api/v1/report-requests/{request.pk}/consolidation/", **auth(district)).json()
    assert figures["reported_count"] == 1 and figures["rows"]
    assert client.get(f"/api/v1/report-requests/{request.pk}/consolidation/",
                      **auth(head)).status_code == 403


def test_indicators_and_figures_of_a_unit(demo_org, users, client, key_for):
    feedback(demo_org)
    raw = key_for("phuong")
    codes = [i["code"] for i in client.get("/api/v1/indicators/", **auth(raw)).json()]
    assert "petitions.received" in codes
    ward = demo_org["tx-thuong-dinh"]
    figures = client.get(f"/api/v1/figures/?unit={ward.pk}", **auth(raw)).json()
    values = {f["code"]: f["value"] for f in figures["figures"]}
    assert figures["unit_name"] == ward.name and values["petitions.received"] >= 1
    other = demo_org["tx-khuong-dinh"]
    assert client.get(f"/api/v1/figures/?unit={other.pk}", **auth(raw)).status_code == 404
    assert client.get("/api/v1/figures/?start=2026-12-01&end=2026-01-01", **auth(raw)).status_code == 400


def _queries(client, url: str, raw: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **auth(raw))
    assert response.status_code == 200, (url, response.content[:300])
    return len(ctx.captured_queries), len(response.json()["results"])


def test_every_list_runs_a_fixed_number_of_queries_whatever_the_data(demo_org, users, client, key_for,
                                                                       django_assert_max_num_queries):
    """Measured on a small batch of generated records (every list has rows), then asserted on a batch
    ten times larger: the same number of queries, more rows."""
    from danvan.datagen.generator import generate

    def notes():
        for case in Petition.objects.filter(notes__isnull=True)[:40]:
            Note.objects.create(petition=case, text="Đã xác minh tại chỗ.")

    raw = key_for("chutich")
    generate(units=1, petitions=6, seed=7, progress=lambda _text: None)
    notes()
    small = {name: _queries(client, f"/api/v1/{name}/?page_size=200", raw) for name in LISTS}
    assert all(rows for _queries_, rows in small.values()), small
    generate(units=3, petitions=60, seed=8, progress=lambda _text: None)
    notes()
    for name in LISTS:
        queries, before = small[name]
        with django_assert_max_num_queries(queries, info=name):
            response = client.get(f"/api/v1/{name}/?page_size=200", **auth(raw))
        assert response.status_code == 200
        assert len(response.json()["results"]) >= before, name
    grown = {name: len(client.get(f"/api/v1/{name}/?page_size=200", **auth(raw)).json()["results"]) for name in LISTS}
    assert grown["petitions"] > small["petitions"][1] and grown["notes"] > small["notes"][1]
