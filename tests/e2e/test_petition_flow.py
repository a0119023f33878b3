"""A citizen's feedback from the public form to the rated answer, in a real browser."""

from __future__ import annotations

import re

import pytest

from danvan.core.vntext import format_date
from danvan.legal.selectors import current_calendar
from danvan.petitions.demo import ensure_fields
from danvan.petitions.models import Field, Petition
from tests.petitions.helpers import png_bytes

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


def test_citizen_feedback_to_rated_answer(page, live_server, login, demo_org):
    ensure_fields()  # a transactional test flushes the rows seeded by the data migration
    field = Field.objects.get(code="trat-tu-do-thi")
    ward = demo_org["tx-thuong-dinh"]

    # 1. The citizen files feedback on the public form, without an account.
    page.goto(f"{live_server.url}/don-thu/gui/")
    page.select_option("#id_kind", "feedback")
    page.select_option("#id_field", str(field.pk))
    page.select_option("#id_unit", str(ward.pk))
    page.fill("#id_subject", "Lấn chiếm vỉa hè trước số 40 Thượng Đình")
    page.fill("#id_content", "Quán nước bày bàn ghế kín vỉa hè, người đi bộ phải xuống lòng đường.")
    page.fill("#id_full_name", "Nguyễn Thị Dân")
    page.fill("#id_phone", "0912000111")
    page.click("[data-testid=public-form] button[type=submit]")
    code = page.inner_text("[data-testid=code]").strip()
    secret = page.inner_text("[data-testid=secret]").strip()
    assert re.match(r"^DT\d\d-[A-Z0-9]{6}$", code) and len(secret) == 10

    # 2. The ward officer triages and accepts it; the deadline shown is the field's rule.
    login("canbo")
    page.goto(f"{live_server.url}/don-thu/")
    page.click(f"text={code}")
    page.select_option("#decision", "accept")
    page.click("[data-testid=triage-form] button[type=submit]")
    assert page.inner_text("[data-testid=status]") == "Đã thụ lý"
    petition = Petition.objects.get(code=code)
    expected = current_calendar().add_workdays(petition.accepted_on, field.resolve_days)
    deadlines = page.inner_text("[data-testid=deadlines]")
    assert format_date(expected) in deadlines and "10 ngày làm việc" in deadlines

    # 3. The officer answers with a photo and closes the case.
    page.fill("#answer", "Phường đã lập biên bản, yêu cầu thu dọn; vỉa hè đã thông thoáng (ảnh kèm theo).")
    page.select_option("#outcome", "fixed")
    page.set_input_files("#evidence", files=[{"name": "via-he.png", "mimeType": "image/png",
                                              "buffer": png_bytes()}])
    page.click("[data-testid=close-form] button[type=submit]")
    assert page.inner_text("[data-testid=status]") == "Đã kết thúc"
    assert "via-he.png" in page.inner_text("[data-testid=attachments]")

    # 4. The citizen opens the status with code and secret, and rates the answer.
    page.goto(f"{live_server.url}/don-thu/tra-cuu/")
    page.fill("#id_code", code)
    page.fill("#id_secret", secret)
    page.click("[data-testid=track-form] button[type=submit]")
    assert page.inner_text("[data-testid=public-status-label]") == "Đã kết thúc"
    assert "vỉa hè đã thông thoáng" in page.inner_text("[data-testid=public-answer]")
    page.select_option("#id_score", "5")
    page.fill("#id_comment", "Xử lý nhanh, cảm ơn phường.")
    page.click("[data-testid=rating-form] button[type=submit]")
    assert page.locator("text=Cảm ơn bạn đã đánh giá").is_visible()
    assert petition.ratings.get().score == 5
