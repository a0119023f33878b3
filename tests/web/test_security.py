"""Headers, log-in throttling, required versions and cookies: the security every page relies on."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.urls import reverse

import danvan
from danvan.reception import services as reception
from danvan.reception.models import ReceptionEntry
from danvan.web.security import CONTENT_SECURITY_POLICY

TEMPLATES = Path(danvan.__file__).parent


# --- Content-Security-Policy and no inline code ------------------------------------------------


def test_the_policy_is_strict():
    directives = dict(d.split(" ", 1) for d in CONTENT_SECURITY_POLICY.split("; "))
    assert directives["default-src"] == "'self'" and directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'" and directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in CONTENT_SECURITY_POLICY and "http" not in CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("url", ["/dang-nhap/", "/cong-thong-tin/gui/", "/cong-thong-tin/tra-cuu/"])
def test_public_pages_send_the_policy(client, db, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY


def test_no_template_carries_inline_script_style_or_handlers():
    offenders = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for pattern in (r"<script(?![^>]*\bsrc=)[^>]*>", r"<style\b", r"\sstyle=\"", r"\son[a-z]+=\"",
                        r"javascript:"):
            if re.search(pattern, text, flags=re.IGNORECASE):
                offenders.append(f"{path.relative_to(TEMPLATES)}: {pattern}")
    assert offenders == []


# --- pages that show identity are never cached --------------------------------------------------


def test_pages_with_identity_are_not_stored(client_for, users, demo_org, db):
    entry = reception.record_entry(actor=users["canbo"], unit=demo_org["tx-thuong-dinh"],
                                   received_on=reception.today(), citizen_name="Nguyễn Văn An",
                                   kind="feedback", summary="Đèn hỏng")
    client = client_for(users["canbo"])
    for url in (entry.get_absolute_url(), "/tiep-cong-dan/so/", "/tiep-cong-dan/so/xuat.xlsx", "/don-thu/", "/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "private, no-store", url
        assert response["Content-Security-Policy"] == CONTENT_SECURITY_POLICY, url


# --- optimistic locking cannot be skipped --------------------------------------------------------


def test_an_edit_without_its_version_is_refused_and_changes_nothing(client_for, users, demo_org, db):
    entry = reception.record_entry(actor=users["canbo"], unit=demo_org["tx-thuong-dinh"],
                                   received_on=reception.today(), citizen_name="Nguyễn Văn An",
                                   kind="feedback", summary="Đèn hỏng")
    client = client_for(users["canbo"])
    data = {"received_on": entry.received_on.strftime("%d/%m/%Y"), "citizen_name": "Người Khác Ghi Đè",
            "kind": "feedback", "people_count": 1, "summary": "Ghi đè"}
    response = client.post(f"/tiep-cong-dan/so/{entry.pk}/sua/", data)
    assert response.status_code == 200 and "thiếu số phiên bản" in response.content.decode()
    assert ReceptionEntry.objects.get(pk=entry.pk).citizen_name == "Nguyễn Văn An"
    response = client.post(f"/tiep-cong-dan/so/{entry.pk}/sua/", {**data, "version": entry.version})
    assert response.status_code == 302
    assert ReceptionEntry.objects.get(pk=entry.pk).citizen_name == "Người Khác Ghi Đè"


def test_a_case_action_without_its_version_is_refused(client_for, users, demo_org, db):
    from danvan.petitions.models import Petition
    from tests.petitions.helpers import feedback

    petition = feedback(demo_org, actor=users["canbo"]).petition
    client = client_for(users["canbo"])
    url = reverse("petitions:petition_action", args=[petition.pk])
    html = client.post(url, {"action": "transition", "to": "triaged"}, follow=True).content.decode()
    assert "thiếu số phiên bản" in html
    assert Petition.objects.get(pk=petition.pk).status == "received"
    client.post(url, {"action": "transition", "to": "triaged", "version": petition.version})
    assert Petition.objects.get(pk=petition.pk).status == "triaged"


# --- log-in throttling ---------------------------------------------------------------------------


def _login(client, username, password, address="10.0.0.1"):
    return client.post("/dang-nhap/", {"username": username, "password": password}, REMOTE_ADDR=address)


def test_after_five_wrong_passwords_the_right_one_waits(client, users):
    for _i in range(5):
        assert _login(client, "canbo", "sai-mat-khau").status_code == 200
    response = _login(client, "canbo", "danvan@2026")
    assert response.status_code == 200 and "_auth_user_id" not in client.session
    assert "Bạn đã đăng nhập sai quá nhiều lần" in response.content.decode()
    # The throttle is per account: another officer logs in normally from elsewhere.
    assert _login(client, "canbo2", "danvan@2026", address="10.0.0.2").status_code == 302


def test_one_address_trying_many_accounts_is_stopped(client, users):
    names = ["canbo", "canbo2", "phuong", "chutich", "noivu", "kiemtra", "truongphong"]
    for i in range(20):
        _login(client, names[i % len(names)], f"sai-{i}", address="10.9.9.9")
    response = _login(client, "admin", "danvan@2026", address="10.9.9.9")
    assert "_auth_user_id" not in client.session and "quá nhiều lần" in response.content.decode()
    assert _login(client, "admin", "danvan@2026", address="10.9.9.8").status_code == 302


def test_a_right_password_clears_the_accounts_count(client, users):
    for _i in range(4):
        _login(client, "canbo", "sai")
    assert _login(client, "canbo", "danvan@2026").status_code == 302
    client.logout()
    for _i in range(4):
        _login(client, "canbo", "sai")
    assert _login(client, "canbo", "danvan@2026").status_code == 302


def test_the_admin_log_in_is_throttled_too(client, users):
    for _i in range(5):
        client.post("/quan-tri/login/", {"username": "admin", "password": "sai"}, REMOTE_ADDR="10.1.1.1")
    response = client.post("/quan-tri/login/", {"username": "admin", "password": "danvan@2026"},
                           REMOTE_ADDR="10.1.1.1")
    assert "_auth_user_id" not in client.session and "quá nhiều lần" in response.content.decode()


# --- cookies behind TLS --------------------------------------------------------------------------


@pytest.mark.parametrize(("env", "secure"), [({"DANVAN_BEHIND_PROXY": "true"}, True), ({"DANVAN_HTTPS": "true"}, True),
                                              ({}, False)])
def test_session_cookie_is_secure_behind_tls(tmp_path, env, secure):
    clean = {k: v for k, v in os.environ.items() if k not in {"DANVAN_BEHIND_PROXY", "DANVAN_HTTPS",
                                                              "SESSION_COOKIE_SECURE"}}
    code = "from django.conf import settings; print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE)"
    result = subprocess.run([sys.executable, "-c", "import django; django.setup(); " + code],
                            env={**clean, "DJANGO_SETTINGS_MODULE": "danvan.settings", "DANVAN_DATA_DIR": str(tmp_path),
                                 "SECRET_KEY": "x" * 50, **env}, capture_output=True, text=True, timeout=60)
    assert result.stdout.split() == [str(secure), str(secure)], result.stderr
