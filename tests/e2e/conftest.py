"""Browser tests: Playwright driving Debian's Chromium against a live danvan server.

``playwright install`` cannot download browsers here, so we launch the system Chromium. On a
laptop without it the tests are skipped with a message; in CI (CI=true) that is a failure.
"""

from __future__ import annotations

import os
import shutil

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs an event loop

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)
            if not CHROMIUM:
                if os.environ.get("CI") == "true":
                    raise pytest.UsageError("CI=true but Chromium is not installed (apt-get install chromium)")
                item.add_marker(pytest.mark.skip(reason="Chromium chưa được cài (apt-get install chromium)"))


@pytest.fixture(autouse=True)
def _reference_data(transactional_db):
    """Browser tests are transactional: the database is flushed after each one, rows seeded by data
    migrations included (petition fields, the Plan 307 report template). Put them back first."""
    from danvan.petitions.demo import ensure_fields
    from danvan.reporting.catalogue import install_templates

    ensure_fields()
    install_templates()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    }


@pytest.fixture
def login(page, live_server):
    """``login(username)`` opens the log-in page and signs in with the demo password."""
    from danvan.org.demo import DEMO_PASSWORD

    def do(username: str) -> None:
        page.goto(f"{live_server.url}/dang-nhap/")
        page.fill("#id_username", username)
        page.fill("#id_password", DEMO_PASSWORD)
        page.click("button[type=submit]")
        page.wait_for_selector("[data-testid=current-user]")

    return do


@pytest.fixture(autouse=True)
def _accessibility(request):
    """axe-core on every page the test visits, at desktop size, and public pages also at phone size;
    the test fails on any critical or serious violation (see tests/e2e/a11y.py)."""
    if "page" not in request.fixturenames:
        yield
        return
    from tests.e2e import a11y

    page = request.getfixturevalue("page")
    recorder = a11y.Recorder()
    source = a11y.axe_source()
    page.context.expose_binding("__danvanAxeStarted", recorder.on_started)
    page.context.expose_binding("__danvanAxeReport", recorder.on_report)
    page.context.add_init_script(script=source + "\n" + a11y.RUNNER)
    yield
    call = getattr(request.node, "rep_call", None)
    if call is None or call.failed:  # the test's own failure says more
        return
    failures = []
    pending = [url for url in recorder.visited() if url not in recorder.results]
    visited = recorder.visited()
    if not page.is_closed():
        for url in pending:  # left before its check finished: open it again
            page.goto(url)
            failures += [(url, v) for v in a11y.blocking(a11y.check_page(page))]
    for url, found in recorder.results.items():
        failures += [(url, v) for v in found]
    public = sorted({url.split("#")[0] for url in visited if a11y.is_public(url)})
    if public:
        browser = page.context.browser
        phone = browser.new_context(viewport=a11y.PHONE, is_mobile=True, has_touch=True)
        try:
            small = phone.new_page()
            for url in public:
                small.goto(url)
                failures += [(f"{url} (390×844)", v) for v in a11y.blocking(a11y.check_page(small))]
                if small.evaluate(a11y.OVERFLOW):  # reflow: nothing wider than the phone's screen
                    failures.append((f"{url} (390×844)", a11y.REFLOW))
        finally:
            phone.close()
    if failures:
        by_url: dict[str, list[dict]] = {}
        for url, violation in failures:
            by_url.setdefault(url, []).append(violation)
        pytest.fail("Accessibility (axe-core, WCAG 2.1 A/AA), critical or serious:\n"
                    + "\n".join(a11y.describe(url, found) for url, found in by_url.items()), pytrace=False)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, f"rep_{report.when}", report)
