"""Project-level behaviour: the demo command, deployment settings, static files, languages."""

from __future__ import annotations

import io
import os
import secrets
import subprocess
import sys

from django.core.management import call_command

from danvan.org import clock
from danvan.org.models import Level, Staff, Unit


def test_demo_command_twice_changes_nothing(db):
    call_command("demo", stdout=io.StringIO())
    counts = (Unit.objects.count(), Staff.objects.count())
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert (Unit.objects.count(), Staff.objects.count()) == counts
    assert Unit.objects.wards_of(Unit.objects.get(code="tx-ubnd")).count() == 11
    assert Unit.objects.filter(level=Level.COMMUNE, valid_from__year=2025).count() == 3
    assert "danvan@2026" in out.getvalue() and "canbo" in out.getvalue()


def test_check_deploy_is_clean_with_documented_production_settings(tmp_path):
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},  # set for browser tests only
        "DEBUG": "false", "SECRET_KEY": secrets.token_urlsafe(64), "ALLOWED_HOSTS": "danvan.example.vn",
        "DANVAN_BEHIND_PROXY": "true", "DANVAN_HTTPS": "true", "SECURE_SSL_REDIRECT": "true",
        "SECURE_HSTS_SECONDS": "31536000", "SECURE_HSTS_PRELOAD": "true", "DANVAN_MANIFEST_STATIC": "true",
        "DANVAN_DATA_DIR": str(tmp_path),
    }
    result = subprocess.run([sys.executable, "-m", "danvan", "check", "--deploy", "--fail-level", "WARNING"],
                            env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_bootstrap_and_htmx_are_served_by_the_app(client, demo_org):
    import re

    html = client.get("/dang-nhap/").content.decode()
    scripts = re.findall(r'src="(/static/[^"]+)"', html)
    styles = re.findall(r'href="(/static/[^"]+\.css)"', html)
    assert any("htmx" in path for path in scripts) and len(styles) >= 2
    # The date picker comes from the npm registry at install time (package.json), never from the repository.
    assert any("vendor/datepicker" in path for path in scripts)
    for path in scripts + styles:
        response = client.get(path)
        assert response.status_code == 200, path
        assert b"".join(response.streaming_content if response.streaming else [response.content])
    assert not re.search(r'(src|href)="https?://', html)  # nothing from a CDN: intranets are offline


def test_login_page_in_english_when_chosen(client, demo_org):
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    html = client.get("/dang-nhap/").content.decode()
    assert 'lang="en"' in html
    assert ">English</option>" in html and ">Tiếng Việt</option>" in html  # each language named in itself


def test_login_error_is_vietnamese(client, demo_org):
    html = client.post("/dang-nhap/", {"username": "canbo", "password": "sai"}).content.decode()
    assert "Tên đăng nhập hoặc mật khẩu không đúng" in html


def test_english_browser_still_gets_vietnamese_until_the_user_switches(client, demo_org):
    html = client.get("/dang-nhap/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert 'lang="vi"' in html and '<option value="vi" lang="vi" selected>' in html


def test_home_shows_the_work_that_is_late_in_the_users_scope(client, db, django_assert_max_num_queries):
    call_command("demo", stdout=io.StringIO())
    from danvan.petitions.models import Petition
    from danvan.plans.models import Task

    coordinator = Staff.objects.get(username="noivu")
    client.force_login(coordinator)
    with django_assert_max_num_queries(16):
        html = client.get("/").content.decode()
    late = Petition.objects.overdue().filter(handling_unit__path__startswith=coordinator.unit.committee().path)
    assert f'data-testid="petitions-overdue">{late.count()}<' in html
    assert late.count() > 0 and late.first().code in html
    officer = Staff.objects.get(username="canbo2")
    client.force_login(officer)
    html = client.get("/").content.decode()
    ward_tasks = Task.objects.filter(lead_unit=officer.unit, status__in=["not_started", "in_progress"],
                                     due_date__lt=clock.today())
    assert f'data-testid="tasks-overdue">{ward_tasks.count()}<' in html
