"""PAPI: the dimension scores as printed, 6 until 2017 and 8 since 2018, and their trend chart."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.surveys import services
from danvan.surveys.models import PapiScore

pytestmark = pytest.mark.django_db

SIX = {"participation": "5,21", "transparency": "5,62", "accountability": "5,18", "corruption_control": "6,34",
       "procedures": "7,05", "services": "7,28"}
EIGHT = {**SIX, "environment": "3,92", "e_governance": "1.45"}


def test_scores_are_kept_as_printed(users):
    services.save_papi_year(actor=users["admin"], province="Hà Nội", year=2018, printed=EIGHT,
                            source="Báo cáo PAPI 2018, trang 20")
    row = PapiScore.objects.get(year=2018, dimension="e_governance")
    assert row.score == Decimal("1.45") and row.printed == "1,45"
    assert PapiScore.objects.filter(year=2018).count() == 8


@pytest.mark.parametrize(("year", "printed", "field", "words"), [
    (2016, EIGHT, "environment", "6 chỉ số nội dung"),
    (2019, SIX, "environment", "Hãy nhập điểm"),
    (2019, {**EIGHT, "services": "bảy"}, "services", "không phải một điểm"),
    (2019, {**EIGHT, "services": "12,5"}, "services", "từ 1 đến 10"),
    (2008, SIX, "year", "từ năm 2011"),
])
def test_a_wrong_year_is_refused_and_nothing_is_saved(users, year, printed, field, words):
    with pytest.raises(ValidationError) as caught:
        services.save_papi_year(actor=users["admin"], province="Hà Nội", year=year, printed=printed, source="Báo cáo")
    assert any(words in m for m in caught.value.message_dict[field])
    assert PapiScore.objects.count() == 0


def test_only_administrators_type_scores(users):
    with pytest.raises(PermissionDenied):
        services.save_papi_year(actor=users["noivu"], province="Hà Nội", year=2017, printed=SIX, source="Báo cáo")


def test_papi_page_has_an_accessible_chart_and_the_numbers_as_a_table(users, client_for):
    services.save_papi_year(actor=None, province="Hà Nội", year=2017, printed=SIX, source="Báo cáo PAPI 2017")
    services.save_papi_year(actor=None, province="Hà Nội", year=2018, printed=EIGHT, source="Số liệu minh họa",
                            is_demo=True)
    page = client_for(users["canbo"]).get("/khao-sat/papi/").content.decode()
    assert 'src="data:image/svg+xml;base64,' in page and "alt=\"Biểu đồ đường" in page
    assert "<caption>Điểm các chỉ số nội dung PAPI của Hà Nội" in page
    assert "7,28" in page and "1,45" in page and 'data-testid="papi-demo"' in page
    import base64
    import re

    svg = base64.b64decode(re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', page).group(1)).decode()
    assert "<title>" in svg and "<desc>" in svg and "<script" not in svg


def test_papi_entry_page_saves_a_year_once(users, client_for):
    from ..once_helpers import token_for

    client = client_for(users["admin"])
    token = token_for(client.get("/khao-sat/papi/nhap/").content.decode())
    data = {"province": "Hà Nội", "year": "2017", "source": "Báo cáo PAPI 2017", **SIX, "once": token}
    first = client.post("/khao-sat/papi/nhap/", data)
    second = client.post("/khao-sat/papi/nhap/", data)
    assert first.status_code == 302 and second["Location"] == first["Location"]
    assert PapiScore.objects.count() == 6
    bad = client.post("/khao-sat/papi/nhap/", {**data, "year": "2017", "environment": "4", "once": ""})
    assert "6 chỉ số nội dung" in bad.content.decode()
    assert client_for(users["canbo"]).get("/khao-sat/papi/nhap/").status_code == 403
