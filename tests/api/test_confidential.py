"""The confidentiality walk over every API endpoint: who may not see a denouncer reads them nowhere.

Every GET operation of the OpenAPI document (lists, details with ``?identity=1``, the consolidation
and figures, a scheme's ranking and a ward's sheet of emulation points, a survey's results — the
denouncer also wrote their name in a survey's comment) and the Open311 answers are called as the
other ward's officer, a verifier of the case, the district's inspector, leader and coordinator (with
keys) and the administrator (by session); no form of the denouncer's name, address, ID number or
telephone may appear, and nothing is logged.
The handling officer, asking, sees the denouncer, and that read is logged.
"""

from __future__ import annotations

import re

import pytest

from danvan.api import services as key_services
from danvan.emulation import services as emulation_services
from danvan.org import clock
from danvan.petitions import services
from danvan.petitions.models import IdentityAccessLog
from danvan.reception import services as reception_services
from danvan.surveys import services as survey_services
from danvan.surveys.models import QuestionKind, SurveyStatus, Target
from tests.confidential import forms_of, leaks
from tests.petitions.helpers import SCAN_NAME, denunciation, feedback

from .conftest import auth

pytestmark = pytest.mark.django_db

SECRET_BITS = ["Trần Thị Bí Mật", "Tran Thi Bi Mat", "Số 99 phố Kín", "001199887766", "0988777666"]
SECRET_FORMS = forms_of(*SECRET_BITS, SCAN_NAME, SCAN_NAME.rsplit(".", 1)[0])


def _api_urls(ids: dict[str, int]) -> list[str]:
    """Every GET path of the document, its id filled with the record the walk is about."""
    from drf_spectacular.generators import SchemaGenerator

    paths = SchemaGenerator().get_schema(request=None, public=True)["paths"]
    urls = []
    for path, item in sorted(paths.items()):
        if "get" not in item:
            continue
        resource = path.split("/")[3]
        url = re.sub(r"\{id\}", str(ids.get(resource, 0)), path).replace("{unit_pk}", str(ids.get("units", 0)))
        urls.append(url)
        if "{id}" not in path:
            urls.append(url + "?page_size=200")
        if resource == "petitions":
            urls.append(url + ("&" if "?" in url else "?") + "identity=1")
    return urls


def _answered_survey(ward, actor):
    """A ward's survey whose one comment, as citizens sometimes write, names the denouncer."""
    today = clock.today()
    survey = survey_services.create_survey(actor=actor, unit=ward, title="Khảo sát người đến làm việc",
                                           target=Target.UNIT, starts_on=today.replace(month=1, day=1),
                                           ends_on=today.replace(month=12, day=31))
    scale = survey_services.add_question(actor=actor, survey=survey, kind=QuestionKind.SCALE, aspect="access",
                                         text="Liên hệ với phường có thuận tiện không?")
    comment = survey_services.add_question(actor=actor, survey=survey, kind=QuestionKind.TEXT, required=False,
                                           text="Góp ý của bạn")
    survey = survey_services.set_status(actor=actor, survey=survey, version=survey.version, status=SurveyStatus.OPEN)
    survey_services.submit_response(survey=survey, token="walk", raw={
        scale.pk: ["5"], comment.pk: ["Tôi là Trần Thị Bí Mật, số 99 phố Kín, điện thoại 0988777666."]}, on=today)
    return survey


OPEN311 = ["/open311/v2/requests.json", "/open311/v2/requests.xml"]


def test_no_api_endpoint_shows_a_denouncer_to_anyone_but_the_handler(demo_org, users, client, client_for):
    from danvan.org.services import create_staff

    canbo = users["canbo"]
    case = denunciation(demo_org, actor=canbo).petition
    verifier = create_staff(actor=None, username="xacminh", full_name="Ngô Xác Minh", unit=demo_org["tx-thuong-dinh"])
    services.assign(actor=users["phuong"], petition=case, officer=canbo, verifier=verifier)
    services.triage(actor=canbo, petition=case, decision="accept")
    note = services.add_note(actor=canbo, petition=case, text="Đã làm việc với cán bộ địa chính.", is_public=False)
    feedback(demo_org)
    entry = reception_services.record_entry(
        actor=canbo, unit=demo_org["tx-thuong-dinh"], received_on=clock.today(), citizen_name="Trần Thị Bí Mật",
        citizen_address="Số 99 phố Kín", id_number="001199887766", kind="denunciation",
        summary="Bà Trần Thị Bí Mật tố cáo cán bộ địa chính nhận tiền.")
    scheme = emulation_services.create_scheme(actor=users["noivu"], unit=demo_org["tx-ubnd"], year=clock.today().year)
    scheme = emulation_services.set_published(actor=users["noivu"], published=True, scheme=emulation_services.activate(
        actor=users["noivu"], scheme=scheme))
    survey = _answered_survey(demo_org["tx-thuong-dinh"], canbo)
    ids = {"petitions": case.pk, "notes": note.pk, "reception-entries": entry.pk,
           "units": demo_org["tx-thuong-dinh"].pk, "staff": canbo.pk, "emulation-schemes": scheme.pk,
           "surveys": survey.pk}
    urls = _api_urls(ids) + OPEN311
    assert len(urls) >= 35 and any("/units/" in url for url in urls)
    log_before = IdentityAccessLog.objects.count()

    callers = []
    for who in (users["canbo2"], verifier, users["kiemtra"], users["chutich"], users["noivu"]):
        raw = key_services.create_key(actor=None, name=f"walk {who.username}", staff=who,
                                      scopes=["read"]).raw
        callers.append((who.username, auth(raw)))
    callers.append(("admin (phiên)", None))
    seen, answered = 0, set()
    for name, headers in callers:
        c = client_for(users["admin"]) if headers is None else client
        for url in urls:
            response = c.get(url, **(headers or {}))
            assert response.status_code in (200, 400, 403, 404), (name, url, response.status_code)
            assert not leaks(response, SECRET_FORMS), (name, url)
            seen += response.status_code == 200
            if response.status_code == 200:
                answered.add(url)
        if headers is None:
            c.logout()
    assert seen > 100
    ward = demo_org["tx-thuong-dinh"].pk
    assert {f"/api/v1/emulation-schemes/{scheme.pk}/ranking/", f"/api/v1/emulation-schemes/{scheme.pk}/units/{ward}/",
            f"/api/v1/surveys/{survey.pk}/results/", "/api/v1/satisfaction/"} <= answered
    assert IdentityAccessLog.objects.count() == log_before  # nobody else saw it, nothing logged

    # The handling officer sees the denouncer on request, and that read is logged; lists never carry it.
    raw = key_services.create_key(actor=None, name="walk canbo", staff=canbo, scopes=["read"]).raw
    assert not leaks(client.get(f"/api/v1/petitions/{case.pk}/", **auth(raw)), SECRET_FORMS)
    assert not leaks(client.get("/api/v1/petitions/?page_size=200", **auth(raw)), SECRET_FORMS)
    assert IdentityAccessLog.objects.count() == log_before
    shown = client.get(f"/api/v1/petitions/{case.pk}/?identity=1", **auth(raw))
    assert "Trần Thị Bí Mật" in shown.content.decode()
    assert IdentityAccessLog.objects.filter(petition=case, staff=canbo, context="API: hồ sơ đơn thư").count() == 1
