"""The public pages: what they show, what they never show, their queries and their caching headers."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from danvan.documents import services as documents
from danvan.org import clock
from danvan.petitions import services
from danvan.portal import services as portal
from tests.confidential import forms_of, leaks
from tests.once_helpers import token_for
from tests.petitions.helpers import denunciation, feedback, png_upload
from tests.portal.helpers import ADDRESS, NAME, PHONE, published

pytestmark = pytest.mark.django_db


@pytest.fixture
def canbo(users):
    return users["canbo"]


def _pages(code, case):
    return [reverse("portal:index"), reverse("portal:home", args=[code]), reverse("portal:answers", args=[code]),
            reverse("portal:answers", args=[code]) + "?q=den+duong", reverse("portal:answer_detail", args=[code, case]),
            reverse("portal:disclosure", args=[code]), reverse("portal:news_list", args=[code]),
            reverse("portal:documents", args=[code])]


def test_published_answer_on_every_page_without_the_petitioner(client, demo_org, canbo):
    p = published(demo_org, canbo)
    unpublished = feedback(demo_org, actor=canbo, subject="Rác thải chưa thu gom").petition
    secret_forms = forms_of(NAME, PHONE, ADDRESS)
    for code in ("tx-thuong-dinh", "tx-ubnd"):
        for path in _pages(code, p.code):
            response = client.get(path)
            assert response.status_code == 200, path
            assert leaks(response, secret_forms) == [], path
            assert "Rác thải chưa thu gom" not in response.content.decode()
    home = client.get(reverse("portal:home", args=["tx-thuong-dinh"])).content.decode()
    assert "Đèn đường ngõ 12 đã được thay" in home
    detail = client.get(reverse("portal:answer_detail", args=["tx-thuong-dinh", p.code])).content.decode()
    assert "Phường đã thay bóng đèn mới." in detail
    # The case's own text (content typed by the citizen) is not published: only the title and the answer.
    assert "hỏng đã 2 tuần" not in detail
    assert client.get(reverse("portal:answer_detail", args=["tx-thuong-dinh", unpublished.code])).status_code == 404
    # Another committee's portal does not list it.
    assert client.get(reverse("portal:answer_detail", args=["hn-thanh-xuan", p.code])).status_code == 404


def test_search_with_and_without_diacritics_by_field_ward_and_period(client, demo_org, canbo):
    p = published(demo_org, canbo)
    url = reverse("portal:answers", args=["tx-ubnd"])
    for q in ("đèn đường", "den duong", "ĐÈN ĐƯỜNG", "thay bong"):
        assert p.code in client.get(url, {"q": q}).content.decode(), q
    # Words only in the citizen's own text are not searchable.
    assert p.code not in client.get(url, {"q": "hai tuan"}).content.decode()
    assert p.code not in client.get(url, {"q": "Bình"}).content.decode()
    today = clock.today()
    assert p.code in client.get(url, {"linh_vuc": p.field_id, "phuong": p.unit_id, "nam": today.year,
                                      "thang": today.month}).content.decode()
    assert p.code not in client.get(url, {"nam": today.year, "thang": today.month % 12 + 1}).content.decode()
    assert p.code not in client.get(url, {"phuong": demo_org["tx-kim-giang"].pk}).content.decode()
    found = client.get(reverse("portal:find_answer", args=["tx-ubnd"]), {"ma": p.code.lower()})
    assert found.status_code == 302 and found["Location"].endswith(f"/tra-loi/{p.code}/")


def test_publishing_refuses_personal_data_and_denunciations(demo_org, canbo):
    sub = feedback(demo_org, actor=canbo)
    p = services.triage(actor=canbo, petition=sub.petition, decision="accept")
    p = services.close(actor=canbo, petition=p, answer="Đã trả lời ông Nguyễn Văn Bình, số 0912 345 678.",
                       outcome="fixed", evidence=png_upload())
    with pytest.raises(ValidationError) as err:
        services.publish_answer(actor=canbo, petition=p, title="Đèn đường")
    assert "họ tên" in str(err.value) and "số điện thoại" in str(err.value)
    p.refresh_from_db()
    assert p.published_on is None and p.public_key == ""
    d = denunciation(demo_org, actor=canbo).petition
    with pytest.raises(ValidationError):
        services.publish_answer(actor=canbo, petition=d, title="Tố cáo")
    open_case = feedback(demo_org, actor=canbo).petition
    with pytest.raises(ValidationError):
        services.publish_answer(actor=canbo, petition=open_case, title="Chưa trả lời")


def test_officer_publishes_when_closing_and_withdraws(client_for, client, demo_org, canbo):
    sub = feedback(demo_org, actor=canbo)
    p = services.triage(actor=canbo, petition=sub.petition, decision="accept")
    c = client_for(canbo)
    page = c.get(p.get_absolute_url()).content.decode()
    assert 'name="publish"' in page
    action = reverse("petitions:petition_action", args=[p.pk])
    response = c.post(action, {
        "action": "close", "version": p.version, "answer": "Đã sửa đèn.", "outcome": "fixed", "confirm": "1",
        "publish": "1", "public_title": "Sửa đèn đường ngõ 12", "evidence": png_upload(),
        "once": token_for(page, action)})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.status == "closed" and p.published_on == clock.today() and p.public_title == "Sửa đèn đường ngõ 12"
    assert client.get(reverse("portal:answer_detail", args=["tx-thuong-dinh", p.code])).status_code == 200
    services.withdraw_answer(actor=canbo, petition=p, version=p.version)
    assert client.get(reverse("portal:answer_detail", args=["tx-thuong-dinh", p.code])).status_code == 404


def test_fixed_number_of_queries_whatever_the_rows(client, demo_org, canbo, users, django_assert_max_num_queries):
    published(demo_org, canbo)
    admin = users["admin"]
    district = demo_org["tx-ubnd"]
    portal.create_news(actor=admin, committee=district, title="Tin 1", body="Nội dung.")
    portal.create_disclosure(actor=admin, committee=district, category="plan", title="Kế hoạch 1")
    paths = _pages("tx-ubnd", published(demo_org, canbo, title="Sửa cống").code)
    counts = {}
    for path in paths:
        with django_assert_max_num_queries(12) as ctx:
            client.get(path)
        counts[path] = len(ctx.captured_queries)
    for i in range(6):
        published(demo_org, canbo, title=f"Trả lời số {i}")
        portal.create_news(actor=admin, committee=district, title=f"Tin {i + 2}", body="Nội dung.")
        portal.create_disclosure(actor=admin, committee=district, category="budget", title=f"Dự toán {i}")
    for path in paths:
        with django_assert_max_num_queries(counts[path]):
            client.get(path)


def test_caching_headers(client, demo_org, canbo, users):
    p = published(demo_org, canbo)
    for path in _pages("tx-ubnd", p.code):
        response = client.get(path)
        assert response["Cache-Control"] == "public, max-age=300", path
        assert "Cookie" in response["Vary"], path
        assert "csrftoken" not in response.cookies, path
    for name in ("petitions:public_submit", "petitions:public_track"):
        assert client.get(reverse(name))["Cache-Control"] == "private, no-store"
    # A logged-in officer's copy is never kept.
    client.force_login(users["canbo"])
    assert client.get(reverse("portal:home", args=["tx-ubnd"]))["Cache-Control"] == "private, no-store"


def test_old_addresses_send_people_on(client):
    response = client.get("/don-thu/tra-cuu/?ma=DT26-ABCDEF")
    assert response.status_code == 301 and response["Location"] == "/cong-thong-tin/tra-cuu/?ma=DT26-ABCDEF"
    assert client.get("/don-thu/gui/")["Location"] == "/cong-thong-tin/gui/"


def test_public_documents_only(client, demo_org, users, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    admin = users["admin"]
    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    shown = documents.create_document(actor=admin, full_number="12/KH-UBND", type_name="Kế hoạch",
                                      issuer_unit=demo_org["tx-thuong-dinh"], subject="Kế hoạch chỉnh trang ngõ",
                                      is_public=True, file=SimpleUploadedFile("kh.pdf", pdf, "application/pdf"))
    hidden = documents.create_document(actor=admin, full_number="13/KH-UBND", issuer_unit=demo_org["tx-thuong-dinh"],
                                       file=SimpleUploadedFile("kh2.pdf", pdf, "application/pdf"))
    page = client.get(reverse("portal:home", args=["tx-thuong-dinh"])).content.decode()
    assert "12/KH-UBND" in page and "13/KH-UBND" not in page
    assert client.get(reverse("portal:document_file", args=[shown.pk])).status_code == 200
    assert client.get(reverse("portal:document_file", args=[hidden.pk])).status_code == 404
