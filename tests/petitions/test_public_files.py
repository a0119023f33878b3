"""The citizen downloads the public evidence of the answer from the tracking page: signed, short-lived links only."""

from __future__ import annotations

import re

import pytest
from django.core import signing
from django.urls import reverse

from danvan.petitions import services
from danvan.petitions.models import Attachment

from .helpers import denunciation, feedback, png_bytes, png_upload

pytestmark = pytest.mark.django_db


def _pdf(name: str = "bien-ban.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    return SimpleUploadedFile(name, pdf, content_type="application/pdf")


def _links(html: str) -> list[str]:
    return re.findall(r'href="(/[^"]*tra-cuu/tep/[^"]+)"', html)


@pytest.fixture
def answered(demo_org, users):
    canbo = users["canbo"]
    sub = feedback(demo_org)
    p = services.triage(actor=canbo, petition=sub.petition, decision="accept")
    services.add_attachment(actor=canbo, petition=p, upload=_pdf("ket-qua-cong-khai.pdf"), purpose="evidence",
                            is_public=True)
    services.add_attachment(actor=canbo, petition=p, upload=_pdf("to-trinh-noi-bo.pdf"), purpose="working")
    services.close(actor=canbo, petition=p, answer="Đã thay bóng đèn.", outcome="fixed", evidence=png_upload())
    return sub


def test_citizen_downloads_public_evidence_but_never_internal_files(answered, client):
    html = client.post(reverse("petitions:public_track"), {"code": answered.code, "secret": answered.secret}
                       ).content.decode()
    links = _links(html)
    public = Attachment.objects.filter(petition=answered.petition, is_public=True)
    assert len(links) == public.count() >= 1
    assert "ket-qua-cong-khai.pdf" in html and "to-trinh-noi-bo.pdf" not in html
    names = set()
    for url in links:
        response = client.get(url)  # no login, no secret: the signed link is enough
        assert response.status_code == 200 and response["Cache-Control"] == "private, no-store"
        assert response["X-Content-Type-Options"] == "nosniff"
        body = b"".join(response.streaming_content)
        assert body.startswith(b"%PDF") or body == png_bytes()
        names.add(response["Content-Disposition"])
    assert any("ket-qua-cong-khai.pdf" in n for n in names)

    # An internal file cannot be reached by forging or re-using a token.
    internal = Attachment.objects.get(petition=answered.petition, original_name="to-trinh-noi-bo.pdf")
    forged = signing.dumps({"p": internal.petition_id, "a": internal.pk}, salt="autre-sel")
    assert client.get(reverse("petitions:public_attachment", args=[forged])).status_code == 404
    tampered = links[0].split("/tep/")[1].rstrip("/")
    assert client.get(reverse("petitions:public_attachment", args=[tampered[:-2] + "xx"])).status_code == 404
    # A genuine token for a file that is (or becomes) internal is refused at download time.
    genuine = services.public_attachment_token(internal)
    assert client.get(reverse("petitions:public_attachment", args=[genuine])).status_code == 404
    shared = Attachment.objects.get(original_name="ket-qua-cong-khai.pdf")
    url = reverse("petitions:public_attachment", args=[services.public_attachment_token(shared)])
    assert client.get(url).status_code == 200
    Attachment.objects.filter(pk=shared.pk).update(is_public=False)
    assert client.get(url).status_code == 404


def test_wrong_secret_shows_no_link_and_links_expire(demo_org, users, answered, client):
    html = client.post(reverse("petitions:public_track"), {"code": answered.code, "secret": "SAISAISAI"}
                       ).content.decode()
    assert _links(html) == []
    att = Attachment.objects.get(original_name="ket-qua-cong-khai.pdf")
    token = services.public_attachment_token(att)
    assert services.public_attachment_from_token(token) == att
    assert services.public_attachment_from_token(token, max_age=-1) is None  # expired
    assert client.get(reverse("petitions:public_attachment", args=["khong-hop-le"])).status_code == 404
    # A token names both the case and the file: pointing one case's token at another case's file fails.
    other = feedback(demo_org).petition
    other_file = services.add_attachment(actor=users["canbo"], petition=other, upload=_pdf(), purpose="evidence",
                                         is_public=True)
    mixed = signing.dumps({"p": answered.petition.pk, "a": other_file.pk}, salt=services._PUBLIC_FILE_SALT)
    assert services.public_attachment_from_token(mixed) is None


def test_denunciation_files_never_downloadable_by_the_public(demo_org, users, client):
    canbo = users["canbo"]
    sub = denunciation(demo_org, actor=canbo)
    p = services.triage(actor=canbo, petition=sub.petition, decision="accept")
    confidential = p.attachments.get()
    Attachment.objects.filter(pk=confidential.pk).update(is_public=True)  # even if someone ticks "public"
    html = client.post(reverse("petitions:public_track"), {"code": sub.code, "secret": sub.secret}).content.decode()
    assert _links(html) == [] and "Trần Thị Bí Mật" not in html
    token = services.public_attachment_token(confidential)
    assert client.get(reverse("petitions:public_attachment", args=[token])).status_code == 404
