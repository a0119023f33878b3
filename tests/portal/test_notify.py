"""E-mails to a citizen who gave an address: the code, then each change they can see; never the secret."""

from __future__ import annotations

import pytest
from django.core import mail

from danvan.petitions import services
from tests.petitions.helpers import feedback, png_upload

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _reference(demo_org):
    from danvan.petitions.demo import ensure_fields

    ensure_fields()


def test_code_then_each_public_change(demo_org, users):
    canbo = users["canbo"]
    sub = feedback(demo_org, actor=None, petitioners=[
        {"full_name": "Trần Văn Gửi", "address": "Số 7 ngõ 9", "phone": "0911222333", "email": "gui@example.vn"},
        {"full_name": "Lê Thị Cùng", "email": "cung@example.vn"}], signers_count=2)
    assert len(mail.outbox) == 2  # one message per address: no one reads another's address
    first = mail.outbox[0]
    assert sub.code in first.subject and sub.code in first.body
    assert first.to == ["cung@example.vn"] and "gui@example.vn" not in first.body
    for message in mail.outbox:
        assert sub.secret not in message.body and sub.secret not in message.subject
        for private in ("Trần Văn Gửi", "Lê Thị Cùng", "0911222333", "Số 7 ngõ 9"):
            assert private not in message.body
        assert "/cong-thong-tin/tra-cuu/" in message.body
    mail.outbox.clear()
    p = services.triage(actor=canbo, petition=sub.petition, decision="accept")
    assert [m.to for m in mail.outbox] == [["cung@example.vn"], ["gui@example.vn"]]
    assert "Đang xử lý" in mail.outbox[0].body
    mail.outbox.clear()
    services.add_note(actor=canbo, petition=p, text="Nội bộ: chờ đội trật tự.")
    assert mail.outbox == []  # an internal note is nobody's business outside
    services.add_note(actor=canbo, petition=p, text="Phường đã cử người kiểm tra.", is_public=True)
    assert len(mail.outbox) == 2 and "Phường đã cử người" not in mail.outbox[0].body
    mail.outbox.clear()
    services.close(actor=canbo, petition=p, answer="Đã sửa.", outcome="fixed", evidence=png_upload())
    assert len(mail.outbox) == 2 and "đã trả lời" in mail.outbox[0].subject
    assert "Đã sửa." not in mail.outbox[0].body


def test_no_address_no_mail(demo_org, users):
    feedback(demo_org, actor=users["canbo"])
    assert mail.outbox == []
