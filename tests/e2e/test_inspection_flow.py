"""The Internal Affairs office plans and carries out an inspection of ward Thượng Đình, records a finding
with its evidence, issues the conclusion with a recommendation; the ward reports the recommendation done."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def _pdf(name: str) -> dict:
    return {"name": name, "mimeType": "application/pdf", "buffer": PDF}


def test_plan_findings_conclusion_and_a_recommendation_done(page, live_server, demo_org, login, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    login("noivu")
    page.click("nav >> text=Kiểm tra")
    page.click("text=Lập kế hoạch kiểm tra")
    page.fill("#id_title", "Kiểm tra công tác tiếp công dân phường Thượng Đình")
    page.select_option("#id_units", label="UBND phường Thượng Đình")
    page.fill("#id_start_on", "16/11/2026")
    page.fill("#id_end_on", "18/11/2026")
    page.fill("#id_period_start", "01/01/2026")
    page.fill("#id_period_end", "15/11/2026")
    page.locator("#id_period_end").press("Enter")
    expect(page.locator("[data-testid=status]")).to_contain_text("Dự thảo kế hoạch kiểm tra")

    page.click("summary:has-text('Thêm thành viên')")
    page.select_option("#id_team-staff", label="Nguyễn Thị Thu Hà — Phòng Nội vụ")
    page.select_option("#id_team-role", label="Trưởng đoàn")
    page.click("button:has-text('Thêm vào đoàn')")
    expect(page.locator("[data-testid=team]")).to_contain_text("Nguyễn Thị Thu Hà — Trưởng đoàn")
    page.click("summary:has-text('Thêm tiêu chí')")
    page.fill("#id_line-text", "Lịch tiếp công dân được niêm yết công khai.")
    page.click("button:has-text('Lưu tiêu chí')")
    page.click("button:has-text('Phê duyệt kế hoạch kiểm tra')")
    expect(page.locator("[data-testid=status]")).to_contain_text("Đã phê duyệt kế hoạch")
    page.click("button:has-text('Bắt đầu kiểm tra')")
    expect(page.locator("[data-testid=status]")).to_contain_text("Đang kiểm tra")

    page.click("a.btn:has-text('UBND phường Thượng Đình')")
    expect(page.locator("h1")).to_contain_text("Kết quả kiểm tra tại UBND phường Thượng Đình")
    line = page.locator("[data-testid=line]").first
    line.locator("select").select_option(label="Đạt một phần")
    line.locator("textarea").fill("Chưa niêm yết trên trang thông tin điện tử.")
    line.locator("input[type=file]").set_input_files(_pdf("bien-ban.pdf"))
    line.locator("button:has-text('Lưu kết quả')").click()
    expect(page.locator("[data-testid=finding]")).to_contain_text("Đạt một phần")
    expect(page.locator("[data-testid=finding]")).to_contain_text("bien-ban.pdf")

    page.click("text=Kiểm tra công tác tiếp công dân phường Thượng Đình")
    page.click("summary:has-text('Thêm kiến nghị')")
    page.select_option("#id_rec-unit", label="UBND phường Thượng Đình")
    page.fill("#id_rec-text", "Niêm yết lịch tiếp công dân trên trang thông tin điện tử.")
    page.fill("#id_rec-due_workdays", "10")
    page.click("button:has-text('Lưu kiến nghị')")
    expect(page.locator("[data-testid=recommendations]")).to_contain_text("Niêm yết lịch tiếp công dân")

    page.click("a:has-text('Kết luận kiểm tra')")
    page.fill("#id_summary", "Phường thực hiện cơ bản tốt việc tiếp công dân.")
    page.click("button:has-text('Tiếp tục')")
    page.click("[data-testid=confirm-button]")
    expect(page.locator("[data-testid=status]")).to_contain_text("Đã kết luận")
    expect(page.locator("[data-testid=conclusion]")).to_contain_text("/TB-UBND")
    with page.expect_download() as download:
        page.click("text=Kết luận kiểm tra .docx")
    assert download.value.suggested_filename.startswith("ket-luan-kiem-tra-")
    page.click("text=Đăng xuất")

    login("phuong")
    page.click("nav >> text=Kiểm tra")
    page.click("text=Kiến nghị sau kiểm tra")
    page.click("text=Niêm yết lịch tiếp công dân trên trang thông tin điện tử.")
    page.fill("#id_note", "Đã niêm yết lịch tiếp công dân quý IV.")
    page.locator("#id_files").set_input_files(_pdf("thong-bao.pdf"))
    page.click("button:has-text('Báo cáo hoàn thành')")
    expect(page.locator("[data-testid=status]")).to_contain_text("Đã thực hiện xong")
    expect(page.locator("[data-testid=evidence]")).to_contain_text("thong-bao.pdf")
