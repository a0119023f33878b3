"""The leaders' dashboard: every figure leads to a list with exactly that many records."""

from __future__ import annotations

import base64
import re
from datetime import date
from html import unescape
from xml.etree import ElementTree

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from danvan.dashboard import selectors
from danvan.org import clock
from danvan.org.models import Staff, Unit
from danvan.petitions import figures as petition_figures

FIGURE = re.compile(r'<a data-figure="([\w-]+)" href="([^"]+)">(\d+)</a>')
ROW_COUNT = re.compile(r'data-testid="page-count">[^<]*?(\d+) dòng')
COUNTED_LISTS = {"received", "resolved", "on-time", "overdue", "kind", "field", "dialogues", "tasks", "tasks-overdue",
                 "commitments-made", "commitments-done", "commitments-overdue"}


def _figures(html: str) -> list[tuple[str, str, int]]:
    return [(name, unescape(href), int(n)) for name, href, n in FIGURE.findall(html)]


@pytest.mark.django_db
def test_every_figure_opens_a_list_of_the_same_count(full_demo, client_for):
    client = client_for(Staff.objects.get(username="chutich"))
    page = client.get("/bang-dieu-hanh/?start=01/01/2020")
    assert page.status_code == 200
    html = page.content.decode()
    figures = _figures(html)
    names = {name for name, _, _ in figures}
    assert {"received", "resolved", "overdue", "kind", "field", "dialogues", "received-total"} <= names
    for shown in ("received", "tasks", "tasks-overdue", "commitments-made", "commitments-done"):
        assert any(n > 0 for name, _, n in figures if name == shown), f"the demo has {shown} in the period"
    checked = 0
    for name, href, number in figures:
        if name.removesuffix("-total") not in COUNTED_LISTS:
            continue
        listing = client.get(href)
        assert listing.status_code == 200, href
        counts = ROW_COUNT.findall(listing.content.decode())
        assert counts, href
        assert int(counts[0]) == number, (name, href)
        checked += 1
    assert checked >= 20


@pytest.mark.django_db
def test_totals_add_up_and_match_the_figures_module(full_demo, users):
    chairman = users["chutich"]
    unit = chairman.unit
    start, end = date(2020, 1, 1), clock.today()
    data = selectors.overview(chairman, unit, start, end)
    ids = list(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))
    computed = petition_figures.compute(start, end, ids)
    received = sum(computed.get("petitions.received", {}).values())
    assert received > 0
    assert data.total.values["petitions.received"] == received
    assert sum(r.values.get("petitions.received", 0) for r in data.rows) == received
    assert sum(k["count"] for k in data.kinds) == received
    assert sum(m["received"] for m in data.trend) == received
    assert sum(m["resolved"] for m in data.trend) == sum(computed.get("petitions.resolved", {}).values())
    assert data.plan is not None and data.plan_items, "the demo plan has tasks led by the district's units"
    assert all(0 <= (e["progress"] or 0) <= 100 for e in data.plan_items)
    for row in data.overdue:
        assert row["days_over"] > 0
        assert row["petition"].handling_unit.path.startswith(unit.path)


@pytest.mark.django_db
def test_charts_are_svg_pictures_with_title_description_and_no_script(full_demo, client_for):
    client = client_for(Staff.objects.get(username="chutich"))
    html = client.get("/bang-dieu-hanh/?start=01/01/2020").content.decode()
    pictures = re.findall(
        r'<img class="img-fluid" data-testid="chart" src="data:image/svg\+xml;base64,([^"]+)" alt="([^"]+)"', html)
    downloads = [unescape(h) for h in re.findall(r'<a href="(/bang-dieu-hanh/bieu-do/[^"]+)" download>', html)]
    assert len(pictures) == len(downloads) == 4
    ns = "{http://www.w3.org/2000/svg}"
    for (encoded, alt), href in zip(pictures, downloads, strict=True):
        assert alt.strip()
        body = base64.b64decode(encoded).decode()
        assert "<script" not in body and "style=" not in body
        root = ElementTree.fromstring(body.encode())
        assert root.find(f"{ns}title").text.strip()
        assert root.find(f"{ns}desc").text.strip()
        assert "Noto Sans" in body  # a font family with Vietnamese letters
        response = client.get(href)  # the same picture as a file of its own
        assert response.status_code == 200
        assert response["Content-Type"].startswith("image/svg+xml")
        assert ElementTree.fromstring(response.content).find(f"{ns}title").text == root.find(f"{ns}title").text
    trend = base64.b64decode(pictures[1][0]).decode()
    assert "Tiếp nhận" in trend and "Giải quyết" in trend


@pytest.mark.django_db
def test_ward_chairman_sees_his_ward_and_nothing_above(full_demo, client_for, users):
    ward_chairman = users["phuong"]
    client = client_for(ward_chairman)
    page = client.get("/bang-dieu-hanh/")
    assert page.status_code == 200
    assert ward_chairman.unit.name in page.content.decode()
    district = users["chutich"].unit
    assert client.get(f"/bang-dieu-hanh/?unit={district.pk}").status_code == 403
    assert client.get(f"/bang-dieu-hanh/bieu-do/don-vi.svg?unit={district.pk}").status_code == 403


@pytest.mark.django_db
def test_officers_have_no_dashboard_and_no_menu_entry(full_demo, client_for, users):
    client = client_for(users["canbo"])
    assert client.get("/bang-dieu-hanh/").status_code == 403
    assert client.get("/bang-dieu-hanh/bieu-do/xu-huong.svg").status_code == 403
    assert "/bang-dieu-hanh/" not in client.get("/").content.decode()
    client = client_for(users["chutich"])
    assert 'href="/bang-dieu-hanh/"' in client.get("/").content.decode()


@pytest.mark.django_db
def test_a_bad_date_is_explained_and_the_default_period_used(full_demo, client_for, users):
    page = client_for(users["chutich"]).get("/bang-dieu-hanh/?start=32/13/2026&end=01/01/2020")
    assert page.status_code == 200
    text = page.content.decode()
    assert "Ngày bắt đầu phải có dạng ngày/tháng/năm" in text


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url).status_code == 200
    return len(ctx.captured_queries)


@pytest.mark.django_db
def test_fixed_number_of_queries_at_demo_size_and_with_generated_data(full_demo, client_for, users,
                                                                      django_assert_max_num_queries):
    from danvan.datagen import generate

    client = client_for(users["admin"])
    url = "/bang-dieu-hanh/?start=01/01/2020"
    with django_assert_max_num_queries(40):
        assert client.get(url).status_code == 200
    at_demo = _queries(client, url)
    generate(units=6, petitions=300, seed=5, progress=lambda _text: None)
    assert _queries(client, url) == at_demo


@pytest.mark.django_db
def test_the_lists_behind_figures_refuse_a_unit_outside_the_viewers_scope(full_demo, client_for):
    """A ward officer cannot read another unit's tasks or commitments by editing the address."""
    district = Unit.objects.get(code="tx-ubnd")
    officer = client_for(Staff.objects.get(username="canbo"))
    period = "start=2026-01-01&end=2026-12-31"
    assert officer.get(f"/ke-hoach/nhiem-vu/theo-so-lieu/?unit={district.pk}&{period}").status_code == 403
    assert officer.get(f"/tiep-cong-dan/cam-ket/?unit={district.pk}&{period}&state=made").status_code == 403
    own = Staff.objects.get(username="canbo").unit
    assert officer.get(f"/ke-hoach/nhiem-vu/theo-so-lieu/?unit={own.pk}&{period}").status_code == 200
    assert officer.get(f"/tiep-cong-dan/cam-ket/?unit={own.pk}&{period}&state=unknown").status_code == 404
    assert officer.get(f"/ke-hoach/nhiem-vu/theo-so-lieu/?unit={own.pk}&start=31/12/2026&end=01/01/2026").status_code \
        == 404


def test_a_chart_is_drawn_once_for_the_same_numbers_and_again_when_they_change(monkeypatch):
    """Drawing is the slowest part of the page: the same chart comes from the cache, but a changed
    number is never shown from an old picture."""
    from danvan.dashboard import charts

    drawn = []
    real = charts.pygal.HorizontalBar

    def counting(*args, **kwargs):
        drawn.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(charts.pygal, "HorizontalBar", counting)
    first = charts.bars("Đơn thư theo đơn vị", "Mô tả", ["Phường A"], [("Tiếp nhận", [7])])
    again = charts.bars("Đơn thư theo đơn vị", "Mô tả", ["Phường A"], [("Tiếp nhận", [7])])
    changed = charts.bars("Đơn thư theo đơn vị", "Mô tả", ["Phường A"], [("Tiếp nhận", [8])])
    assert first == again and len(drawn) == 2
    assert changed != first and ">8<" in changed


@pytest.mark.django_db
def test_units_with_overdue_cases_come_first_then_the_busiest(full_demo, users):
    from danvan.dashboard import selectors
    from danvan.org.models import Unit

    district = Unit.objects.get(code="tx-ubnd")
    rows = selectors.overview(users["chutich"], district, date(2026, 1, 1), date(2026, 12, 31)).rows
    keys = [(-r.values.get("petitions.overdue_open", 0), -r.values.get("petitions.received", 0)) for r in rows
            if not r.direct]
    assert keys == sorted(keys) and keys[0] < (0, 0)  # the first unit has overdue or received cases
    quiet = [r.unit.path for r in rows if not r.direct and not r.values.get("petitions.received")
             and not r.values.get("petitions.overdue_open")]
    assert quiet == sorted(quiet)


def test_bar_charts_read_top_down_in_the_tables_order():
    import re as _re

    from danvan.dashboard import charts

    svg = charts.bars("Thứ tự", "Mô tả", ["Phường Đầu", "Phường Giữa", "Phường Cuối"],
                      [("Tiếp nhận", [9, 5, 1])])
    y = {name: float(_re.search(rf'<text[^>]*y="([0-9.]+)"[^>]*>{name}</text>', svg).group(1))
         for name in ("Phường Đầu", "Phường Giữa", "Phường Cuối")}
    assert y["Phường Đầu"] < y["Phường Giữa"] < y["Phường Cuối"]
