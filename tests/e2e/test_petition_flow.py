"""A citizen's feedback from the public form to the rated answer, in a real browser."""

from __future__ import annotations

import io
import re

import pytest
from playwright.sync_api import expect

from danvan.carryover import demo as reform_demo
from danvan.core.vntext import format_date
from danvan.legal.selectors import current_calendar
from danvan.org import services
from danvan.org.demo import DEMO_PASSWORD
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
    ward = demo_org["hn-thanh-xuan"]  # the ward that took over Thượng Đình on 1 July 2025
    reform_demo.load(io.StringIO())  # the former wards' successors, from the 2025 mapping
    services.create_staff(actor=None, username="canbo3", full_name="Lê Thị Hồng", unit=ward,
                          position="Công chức Văn phòng - Thống kê phường Thanh Xuân", password=DEMO_PASSWORD)

    # 1. The citizen files feedback on the public form, without an account. A former ward is not
    #    offered; the page says where its citizens now go.
    page.goto(f"{live_server.url}/cong-thong-tin/gui/")
    expect(page.locator("[data-testid=former-units]")).to_contain_text(
        "Phường Thượng Đình (cũ) → phường Thanh Xuân")
    assert page.locator(f"#id_unit option[value='{demo_org['tx-thuong-dinh'].pk}']").count() == 0
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

    # 2. The ward officer opens the case: its first step is to triage it; the rest is folded.
    login("canbo3")
    page.goto(f"{live_server.url}/don-thu/")
    page.click(f"text={code}")
    next_step = page.locator("[data-testid=next-step]")
    expect(next_step).to_contain_text("Phân loại đơn")
    expect(page.locator("[data-testid=other-actions] [data-testid=close-form]")).to_have_count(0)
    expect(page.locator("[data-testid=other-actions] form").first).to_be_hidden()  # folded
    next_step.locator("#decision").select_option("accept")
    next_step.locator("[data-testid=triage-form] button[type=submit]").click()
    assert page.inner_text("[data-testid=status]") == "Đã thụ lý"
    petition = Petition.objects.get(code=code)
    expected = current_calendar().add_workdays(petition.accepted_on, field.resolve_days)
    deadlines = page.inner_text("[data-testid=deadlines]")
    assert format_date(expected) in deadlines and "10 ngày làm việc" in deadlines
    assert "cần kiểm tra" not in deadlines and "FIELD-" not in deadlines

    # 3. Now the answer comes first. Closing asks for an explicit confirmation.
    expect(page.locator("[data-testid=next-step]")).to_contain_text("Trả lời công dân")
    page.fill("#answer", "Phường đã lập biên bản, yêu cầu thu dọn; vỉa hè đã thông thoáng (ảnh kèm theo).")
    page.select_option("#outcome", "fixed")
    page.set_input_files("#evidence", files=[{"name": "via-he.png", "mimeType": "image/png",
                                              "buffer": png_bytes()}])
    page.click("[data-testid=close-form] button[type=submit]")
    assert page.inner_text("[data-testid=status]") == "Đã thụ lý"  # the browser asks for the box first
    page.check("#close_confirm")
    page.click("[data-testid=close-form] button[type=submit]")
    assert page.inner_text("[data-testid=status]") == "Đã kết thúc"
    assert "via-he.png" in page.inner_text("[data-testid=attachments]")
    case_url = page.url
    page.click("button:has-text('Đăng xuất')")

    # 4. The citizen opens the status with code and secret, and rates the answer.
    page.goto(f"{live_server.url}/cong-thong-tin/tra-cuu/")
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

    # 5. The officer reads the citizen's rating and comment on the case page.
    login("canbo3")
    page.goto(case_url)
    expect(page.locator("[data-testid=ratings]")).to_contain_text("5/5")
    expect(page.locator("[data-testid=ratings]")).to_contain_text("Xử lý nhanh, cảm ơn phường.")
