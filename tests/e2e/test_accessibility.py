"""Accessibility beyond the per-page axe check: the check itself, zoom to 200 %, the statement page."""

from __future__ import annotations

import pytest

from tests.e2e import a11y

pytestmark = pytest.mark.django_db(transaction=True)

# 1366×900 at 200 % zoom is a 683×450 CSS-pixel window.
ZOOM_200 = {"width": 683, "height": 450}


def test_the_check_reports_what_a_person_would_meet(browser):
    """A page with an unlabelled field, an image without text and no language fails the check."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.set_content("<html><body><img src='x.png'><input name='q'><p>Xin chào</p></body></html>")
        found = {v["id"] for v in a11y.blocking(a11y.check_page(page))}
        assert {"image-alt", "label", "html-has-lang"} <= found
        page.set_content("<html lang='vi'><head><title>Trang</title></head><body><main><h1>Xin chào</h1>"
                         "<label for='q'>Tìm</label><input id='q' name='q'></main></body></html>")
        assert a11y.blocking(a11y.check_page(page)) == []
    finally:
        context.close()


def test_pages_reflow_at_200_percent_zoom(page, live_server, login, demo_org):
    page.set_viewport_size(ZOOM_200)
    for path in ["/dang-nhap/", "/cong-thong-tin/gui/", "/cong-thong-tin/tra-cuu/", "/tiep-can/"]:
        page.goto(live_server.url + path)
        assert not page.evaluate(a11y.OVERFLOW), path
    login("canbo")
    for path in ["/", "/don-thu/", "/tiep-cong-dan/", "/tiep-cong-dan/so/", "/ke-hoach/nhiem-vu/"]:
        page.goto(live_server.url + path)
        assert not page.evaluate(a11y.OVERFLOW), path
        assert page.locator("main h1").first.is_visible(), path


def test_statement_is_linked_from_every_footer_and_says_how_to_report_a_barrier(page, live_server, demo_org):
    page.goto(f"{live_server.url}/cong-thong-tin/tra-cuu/")
    page.get_by_role("contentinfo").get_by_role("link", name="Tuyên bố về khả năng tiếp cận").click()
    assert page.locator("h1").inner_text() == "Tuyên bố về khả năng tiếp cận"
    assert page.get_by_role("heading", name="Báo cho chúng tôi khi gặp khó khăn").is_visible()
    form_link = page.get_by_role("link", name="Gửi phản ánh qua mẫu trực tuyến")
    assert form_link.get_attribute("href") == "/cong-thong-tin/gui/"
    assert page.locator("html").get_attribute("lang") == "vi"
