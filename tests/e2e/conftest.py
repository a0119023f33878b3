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
