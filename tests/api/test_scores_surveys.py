"""/api/v1/ for emulation scores and survey results: the same policy as the pages, fixed query counts."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.emulation import selectors as emulation_selectors
from danvan.emulation import services as emulation_services
from danvan.org import clock
from danvan.org.models import Unit
from danvan.surveys import services as survey_services
from danvan.surveys.models import QuestionKind, SurveyStatus, Target

from .conftest import auth

pytestmark = pytest.mark.django_db

EIGHT = {"participation": "5,21", "transparency": "5,62", "accountability": "5,18", "corruption_control": "6,34",
         "procedures": "7,05", "services": "7,28", "environment": "3,92", "e_governance": "1,45"}


@pytest.fixture
def scheme(demo_org, users):
    clock.freeze(date(2026, 11, 27))
    created = emulation_services.create_scheme(actor=users["noivu"], unit=demo_org["tx-ubnd"], year=2026)
    yield emulation_services.activate(actor=users["noivu"], scheme=created)
    clock.freeze(None)


def _ward_survey(ward, actor, scores: list[int], on=date(2026, 3, 10)):
    """A ward's survey of its visitors, answered on the 1–5 scale of access and civil servants."""
    survey = survey_services.create_survey(actor=actor, unit=ward, title=f"Khảo sát {ward.name}", target=Target.UNIT,
                                           starts_on=date(2026, 1, 1), ends_on=date(2026, 12, 31))
    access = survey_services.add_question(actor=actor, survey=survey, kind=QuestionKind.SCALE, aspect="access",
                                          text="Liên hệ với phường có thuận tiện không?")
    staff = survey_services.add_question(actor=actor, survey=survey, kind=QuestionKind.SCALE,
                                         aspect="civil_servants", text="Cán bộ có lịch sự, tôn trọng không?")
    survey = survey_services.set_status(actor=actor, survey=survey, version=survey.version, status=SurveyStatus.OPEN)
    for i, score in enumerate(scores):
        survey_services.submit_response(survey=survey, token=f"{ward.code}-{i}",
                                        raw={access.pk: [str(score)], staff.pk: ["4"]}, on=on)
    return survey


def test_a_ward_sees_its_own_sheet_and_the_published_ranking_as_on_the_pages(demo_org, users, client, client_for,
                                                                              key_for, scheme):
    ward, other = demo_org["tx-thuong-dinh"], demo_org["tx-khuong-dinh"]
    council, officer = key_for("noivu"), key_for("canbo")
    ranking_url = f"/api/v1/emulation-schemes/{scheme.pk}/ranking/"
    own_sheet = f"/api/v1/emulation-schemes/{scheme.pk}/units/{ward.pk}/"
    other_sheet = f"/api/v1/emulation-schemes/{scheme.pk}/units/{other.pk}/"

    # The council sees the scheme, its criteria and every ward's points per criterion.
    listed = client.get("/api/v1/emulation-schemes/?year=2026", **auth(council)).json()["results"]
    assert [s["id"] for s in listed] == [scheme.pk] and listed[0]["status_label"] == "Đang áp dụng"
    assert listed[0]["criteria"] and listed[0]["criteria"][0]["kind_label"]
    body = client.get(ranking_url, **auth(council)).json()
    expected = emulation_selectors.ranking(scheme)
    assert [(r["unit"], r["rank"], r["total"]) for r in body["rows"]] == [
        (r.unit.pk, r.rank, float(r.total)) for r in expected.rows]
    assert all(len(r["points"]) == len(body["criteria"]) for r in body["rows"]) and not body["frozen"]

    # Unpublished: the ward sees its own sheet only, as on the pages (same answer for each address).
    page = client_for(users["canbo"])
    pages = {ranking_url: f"/thi-dua/bang-diem/{scheme.pk}/", own_sheet: f"/thi-dua/bang-diem/{scheme.pk}/don-vi/"
             f"{ward.pk}/", other_sheet: f"/thi-dua/bang-diem/{scheme.pk}/don-vi/{other.pk}/"}
    for api_url, page_url in pages.items():
        assert client.get(api_url, **auth(officer)).status_code == page.get(page_url).status_code, api_url
    page.logout()
    assert client.get("/api/v1/emulation-schemes/", **auth(officer)).json()["results"] == []
    refused = client.get(ranking_url, **auth(officer))
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
    assert client.get(other_sheet, **auth(officer)).status_code == 403
    sheet = client.get(own_sheet, **auth(officer)).json()
    row = expected.row_for(ward)
    assert sheet["unit_name"] == ward.name and sheet["total"] == float(row.total) and sheet["rank"] == row.rank
    assert [line["points"] for line in sheet["lines"]] == [float(line.points) for line in row.lines]
    assert all(line["explanation"] for line in sheet["lines"] if line["kind"] == "formula")

    # Published: the ranking too, with a sheet link for its own ward only.
    emulation_services.set_published(actor=users["noivu"], scheme=scheme, published=True)
    assert [s["id"] for s in client.get("/api/v1/emulation-schemes/", **auth(officer)).json()["results"]] == [
        scheme.pk]
    rows = client.get(ranking_url, **auth(officer)).json()["rows"]
    assert {r["unit"] for r in rows if r["sheet_visible"]} == {ward.pk}
    assert client.get(other_sheet, **auth(officer)).status_code == 403
    missing = client.get(f"/api/v1/emulation-schemes/{scheme.pk}/units/{demo_org['tx-ubnd'].pk}/", **auth(council))
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"

    # Frozen: read from what was stored, the same points.
    emulation_services.freeze(actor=users["noivu"], scheme=scheme)
    frozen = client.get(ranking_url, **auth(officer)).json()
    assert frozen["frozen"] and [(r["unit"], r["total"]) for r in frozen["rows"]] == [
        (r["unit"], r["total"]) for r in body["rows"]]
    assert client.get(own_sheet, **auth(officer)).json()["total"] == sheet["total"]


def test_survey_results_satisfaction_per_unit_and_papi(demo_org, users, client, key_for):
    ward, other = demo_org["tx-thuong-dinh"], demo_org["tx-khuong-dinh"]
    # Access: 5 4 3 2 → 2 of 4 satisfied = 50 %; civil servants: all 4 → 100 %; index (50 + 100) / 2 = 75.
    survey = _ward_survey(ward, users["canbo"], [5, 4, 3, 2])
    _ward_survey(other, users["canbo2"], [5, 5, 5])
    officer = key_for("canbo")
    listed = client.get("/api/v1/surveys/", **auth(officer)).json()["results"]
    assert [(s["id"], s["responses"], s["questions"]) for s in listed] == [(survey.pk, 4, 2)]
    result = client.get(f"/api/v1/surveys/{survey.pk}/results/", **auth(officer)).json()
    aspects = {a["aspect"]: a["score"] for a in result["aspects"]}
    assert result["sample"] == 4 and result["index"] == 75.0 and result["low_sample"] is True
    assert aspects == {"access": 50.0, "procedures": None, "civil_servants": 100.0, "results": None,
                       "feedback": None}
    assert [(u["unit_name"], u["sample"], u["index"]) for u in result["units"]] == [(ward.name, 4, 75.0)]
    assert [c["count"] for c in result["questions"][0]["counts"]] == [0, 1, 1, 1, 1]
    later = client.get(f"/api/v1/surveys/{survey.pk}/results/?start=2026-04-01", **auth(officer)).json()
    assert later["sample"] == 0 and later["index"] is None
    bad = client.get(f"/api/v1/surveys/{survey.pk}/results/?start=hôm-qua&unit=x", **auth(officer))
    assert bad.status_code == 400 and set(bad.json()["fields"]) == {"start", "unit"}

    # Per unit and period: the ward's officer sees its ward; the district's coordinator both wards.
    mine = client.get("/api/v1/satisfaction/?start=2026-01-01&end=2026-12-31", **auth(officer)).json()["results"]
    assert [(r["unit"], r["sample"], r["index"], r["low_sample"]) for r in mine] == [(ward.pk, 4, 75.0, True)]
    district = key_for("noivu")
    both = client.get("/api/v1/satisfaction/?start=2026-01-01&end=2026-12-31", **auth(district)).json()["results"]
    assert {r["unit"]: r["index"] for r in both} == {ward.pk: 75.0, other.pk: 100.0}
    assert client.get(f"/api/v1/satisfaction/?unit={other.pk}", **auth(officer)).status_code == 404
    assert client.get(f"/api/v1/surveys/{survey.pk}/results/", **auth(key_for("canbo2"))).status_code == 404

    survey_services.save_papi_year(actor=users["admin"], province="Hà Nội", year=2018, printed=EIGHT,
                                   source="Báo cáo PAPI 2018")
    papi = client.get("/api/v1/papi-scores/?province=Hà Nội&year=2018", **auth(officer)).json()["results"]
    printed = {p["dimension"]: (p["printed"], p["score"]) for p in papi}
    assert len(printed) == 8 and printed["e_governance"] == ("1,45", 1.45)


def _count(client, url: str, raw: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(url, **auth(raw))
    assert response.status_code == 200, (url, response.content[:300])
    body = response.json()
    rows = body["results"] if "results" in body else body["rows"] if "rows" in body else body["questions"]
    return len(ctx.captured_queries), len(rows)


def test_scores_and_survey_lists_run_a_fixed_number_of_queries(demo_org, users, client, key_for, scheme,
                                                               monkeypatch):
    """Counted warm on the demo's wards, then again with more wards, surveys, answers and PAPI years."""
    from danvan.datagen.generator import generate
    from danvan.legal import selectors as legal_selectors

    monkeypatch.setattr(legal_selectors, "RECHECK_SECONDS", 3600.0)  # as the scoring count: not about the clock
    wards = [u for code, u in sorted(demo_org.items()) if code.startswith("tx-") and u.level == "commune"
             and u.kind == "committee"]
    first, _second = (_ward_survey(ward, users["noivu"], [5, 3]) for ward in wards[:2])
    survey_services.save_papi_year(actor=users["admin"], province="Hà Nội", year=2018, printed=EIGHT, source="PAPI")
    raw = key_for("noivu")
    urls = ["/api/v1/emulation-schemes/", f"/api/v1/emulation-schemes/{scheme.pk}/ranking/", "/api/v1/surveys/",
            "/api/v1/satisfaction/?start=2026-01-01&end=2026-12-31", "/api/v1/papi-scores/?page_size=200",
            f"/api/v1/surveys/{first.pk}/results/"]
    for url in urls:
        _count(client, url, raw)
    small = {url: _count(client, url, raw) for url in urls}

    generate(units=3, petitions=20, seed=8, year=2026, progress=lambda _text: None)
    more = [u for u in Unit.objects.filter(parent=demo_org["tx-ubnd"], level="commune")
            if u.pk not in {w.pk for w in wards[:2]}]
    for ward in more[:4]:
        _ward_survey(ward, users["noivu"], [5, 4, 3])
    survey_services.save_papi_year(actor=users["admin"], province="Hà Nội", year=2019, printed=EIGHT, source="PAPI")
    questions = list(first.questions.order_by("order", "pk"))
    for i in range(12):
        survey_services.submit_response(survey=first, token=f"more-{i}", raw={
            questions[0].pk: [str(1 + i % 5)], questions[1].pk: ["5"]}, on=date(2026, 5, 1))
    emulation_services.new_revision(actor=users["noivu"], scheme=scheme)
    for url in urls:
        queries, rows = small[url]
        grown = _count(client, url, raw)
        assert grown[0] == queries, (url, queries, grown)
        assert grown[1] >= rows, url
    assert _count(client, urls[1], raw)[1] > small[urls[1]][1]  # more wards ranked
    assert _count(client, urls[3], raw)[1] == small[urls[3]][1] + 4  # more wards answered about
    assert client.get(urls[5], **auth(raw)).json()["sample"] == 14  # more answers to the same survey
