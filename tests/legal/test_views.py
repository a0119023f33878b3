"""The rules page and the calendar: readable by every officer, changed only by administrators."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from danvan.legal.models import DeadlineRuleRow, DeclaredDay

pytestmark = pytest.mark.django_db


def test_rules_page_is_readable_by_an_officer(users, client_for):
    response = client_for(users["canbo"]).get(reverse("legal:rule_list"))
    assert response.status_code == 200
    text = response.content.decode()
    assert "KN-RESOLVE-1" not in text and "Khiếu nại lần đầu / Giải quyết" in text
    assert "Điều 28 Luật Khiếu nại 2011" in text and "ngày làm việc" in text
    assert "01/07/2026" in text  # the new version of KN-ACCEPT-1 is listed with its start
    assert reverse("legal:rule_add") not in text


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get(reverse("legal:rule_list"))
    assert response.status_code == 302


def test_edit_refused_to_an_officer(users, client_for):
    client = client_for(users["canbo"])
    url = reverse("legal:rule_edit", args=["KN-RESOLVE-1", "2012-07-01"])
    assert client.get(url).status_code == 403
    assert client.post(url, {"days": 1}).status_code == 403
    assert client.get(reverse("legal:day_add")).status_code == 403
    assert not DeadlineRuleRow.objects.exists()


def test_admin_edits_a_rule(users, client_for):
    client = client_for(users["admin"])
    page = client.get(reverse("legal:rule_list")).content.decode()
    url = reverse("legal:rule_edit", args=["KN-RESOLVE-1", "2012-07-01"])
    assert url in page
    form = client.get(url)
    assert form.status_code == 200 and "Điều 28 Luật Khiếu nại 2011" in form.content.decode()
    data = {"rule_id": "KN-RESOLVE-1", "kind": "complaint", "milestone": "resolve", "label": "Hạn giải quyết",
            "days": "20", "days_complex": "45", "unit": "calendar", "direction": "after",
            "counts_from": "kể từ ngày thụ lý", "source": "Điều 28 (sửa)", "valid_from": "01/07/2012",
            "max_extensions_complex": "0", "max_extensions_very_complex": "0", "active": "on"}
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()
    assert DeadlineRuleRow.objects.get().days == 20
    bad = client.post(url, {**data, "days": "0", "valid_to": "01/01/2000"})
    text = bad.content.decode()
    assert bad.status_code == 200 and "số nguyên dương" in text and "Ngày hết hiệu lực" in text


def test_calendar_page_and_corrections(users, client_for):
    client = client_for(users["canbo"])
    text = client.get(reverse("legal:calendar", args=[2026])).content.decode()
    assert "14/02/2026 – 22/02/2026" in text and "10/01/2026" in text and "làm việc bù" in text
    admin = client_for(users["admin"])
    response = admin.post(reverse("legal:day_add"), {"date": "04/02/2026", "kind": "off", "reason": "nghỉ bão"})
    assert response.status_code == 302
    assert DeclaredDay.objects.get().date == date(2026, 2, 4)
    text = admin.get(reverse("legal:calendar", args=[2026])).content.decode()
    assert "nghỉ bão" in text
    bad = admin.post(reverse("legal:day_add"), {"date": "30/02/2026", "kind": "off", "reason": "x"})
    assert "Ngày không hợp lệ" in bad.content.decode()


def test_compute_form_shows_the_explanation(users, client_for):
    client = client_for(users["canbo"])
    response = client.get(reverse("legal:rule_list"), {"kind": "complaint", "milestone": "resolve",
                                                       "from_date": "05/01/2026", "complex": "on"})
    text = response.content.decode()
    assert "Hạn giải quyết: 23/02/2026 — 45 ngày kể từ ngày thụ lý" in text
    assert "Tết" in text


@pytest.mark.parametrize(("params", "message"), [
    ({"kind": "complaint", "milestone": "resolve", "from_date": "30/02/2026"}, "Ngày không hợp lệ"),
    ({"kind": "complaint", "milestone": "triage", "from_date": "05/01/2026"}, "Mốc thời hạn không hợp lệ"),
    ({"kind": "denunciation", "milestone": "resolve", "from_date": "02/03/2026", "very_complex": "on",
      "extensions": "3"}, "tối đa hai lần"),
])
def test_compute_form_errors(users, client_for, params, message):
    response = client_for(users["canbo"]).get(reverse("legal:calendar", args=[2026]), params)
    assert response.status_code == 200
    assert message in response.content.decode()


def test_deleting_a_calendar_change_asks_for_confirmation(users, client_for):
    day = DeclaredDay.objects.create(date=date(2026, 12, 31), kind="off", reason="Nghỉ đột xuất cuối năm")
    client = client_for(users["admin"])
    url = reverse("legal:day_delete", args=[day.pk])
    html = client.post(url).content.decode()
    assert "Xóa điều chỉnh lịch?" in html and "31/12/2026" in html and "không hoàn tác được" in html
    assert DeclaredDay.objects.filter(pk=day.pk).exists()
    assert client.post(url, {"confirm": "1"}).status_code == 302
    assert not DeclaredDay.objects.filter(pk=day.pk).exists()
