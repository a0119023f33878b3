"""The case page puts first the one action the case's state calls for, and folds the others."""

from __future__ import annotations

import re

from danvan.petitions import services
from danvan.petitions.models import Petition, Status
from tests.petitions.helpers import feedback, png_upload


def _next_step(html: str) -> str:
    match = re.search(r'data-testid="next-step".*?</section>', html, re.S)
    return match.group(0) if match else ""


def _folded(html: str) -> str:
    match = re.search(r'<details[^>]*data-testid="other-actions".*?</details>', html, re.S)
    return match.group(0) if match else ""


def test_a_new_case_asks_to_be_triaged_first_and_folds_the_rest(demo_org, users, client_for):
    sub = feedback(demo_org, actor=users["canbo"])
    html = client_for(users["canbo"]).get(sub.petition.get_absolute_url()).content.decode()
    first = _next_step(html)
    assert "Phân loại đơn" in first and 'data-testid="triage-form"' in first
    assert "Thêm ghi chú" in _folded(html) and "Thêm ghi chú" not in first
    assert "Trả lời công dân" not in first


def test_an_accepted_feedback_asks_for_the_answer(demo_org, users, client_for):
    canbo = users["canbo"]
    p = services.triage(actor=canbo, petition=feedback(demo_org, actor=canbo).petition, decision="accept")
    html = client_for(canbo).get(p.get_absolute_url()).content.decode()
    first = _next_step(html)
    assert "Trả lời công dân" in first and 'data-testid="close-form"' in first
    assert "Chuyển bước giải quyết" in _folded(html)


def test_closing_a_case_needs_the_confirmation_box(demo_org, users, client_for):
    canbo = users["canbo"]
    p = services.triage(actor=canbo, petition=feedback(demo_org, actor=canbo).petition, decision="accept")
    client = client_for(canbo)
    url = f"/don-thu/{p.pk}/xu-ly/"
    data = {"action": "close", "version": p.version, "answer": "Đã sửa đèn.", "outcome": "fixed",
            "evidence": png_upload()}
    html = client.post(url, data, follow=True).content.decode()
    assert "Hãy đánh dấu ô xác nhận" in html
    assert Petition.objects.get(pk=p.pk).status == Status.ACCEPTED
    client.post(url, {**data, "evidence": png_upload(), "confirm": "1"})
    assert Petition.objects.get(pk=p.pk).status == Status.CLOSED


def test_officers_read_the_citizens_rating_and_comment(demo_org, users, client_for):
    canbo = users["canbo"]
    sub = feedback(demo_org, actor=canbo)
    p = services.triage(actor=canbo, petition=sub.petition, decision="accept")
    p = services.close(actor=canbo, petition=p, answer="Đã sửa đèn.", outcome="fixed", evidence=png_upload())
    services.rate(petition=p, secret=sub.secret, score=2, comment="Sửa chậm, đèn lại hỏng sau 3 ngày.")
    html = client_for(canbo).get(p.get_absolute_url()).content.decode()
    ratings = re.search(r'data-testid="ratings".*?</div>', html, re.S).group(0)
    assert "2/5" in ratings and "Sửa chậm, đèn lại hỏng sau 3 ngày." in ratings


def test_representative_mark_only_with_several_petitioners(demo_org, users, client_for):
    canbo = users["canbo"]
    alone = feedback(demo_org, actor=canbo, petitioners=[
        {"full_name": "Nguyễn Văn Bình", "address": "Số 3 ngõ 12", "phone": "0912345678", "is_representative": True}])
    html = client_for(canbo).get(alone.petition.get_absolute_url()).content.decode()
    assert "Nguyễn Văn Bình" in html and "(đại diện)" not in html
