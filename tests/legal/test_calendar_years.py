"""A year whose days off nobody confirmed says so wherever a deadline falls in it; the administrator is asked."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core.management import call_command

from danvan.legal import selectors, services
from danvan.legal.models import ConfirmedYear

NOTICE_2027 = "Lịch nghỉ năm 2027 chưa được xác nhận"


def test_shipped_years_are_confirmed_and_2027_is_not(db):
    assert {2024, 2025, 2026} <= selectors.confirmed_years()
    assert selectors.unconfirmed_years(date(2026, 12, 20), date(2027, 1, 15)) == [2027]
    assert selectors.unconfirmed_years(date(2026, 3, 1), date(2026, 4, 1)) == []
    assert selectors.calendar_notices(date(2027, 2, 1))[0].startswith(NOTICE_2027)


def test_the_command_says_it(db):
    out, err = io.StringIO(), io.StringIO()
    call_command("deadline", "complaint", "resolve", "--from", "2027-01-04", stdout=out, stderr=err)
    assert NOTICE_2027 in err.getvalue()
    out, err = io.StringIO(), io.StringIO()
    call_command("deadline", "complaint", "resolve", "--from", "2026-03-02", stdout=out, stderr=err)
    assert "chưa được xác nhận" not in err.getvalue()


def test_the_calculator_and_the_case_page_say_it(client_for, users, demo_org, freeze_clock):
    client = client_for(users["canbo"])
    html = client.get("/thoi-han/lich/2027/?kind=complaint&milestone=resolve&from_date=04/01/2027").content.decode()
    assert NOTICE_2027 in html
    freeze_clock(date(2027, 1, 4))
    from tests.petitions.helpers import feedback

    petition = feedback(demo_org, actor=users["canbo"]).petition
    assert NOTICE_2027 in client.get(petition.get_absolute_url()).content.decode()


def test_the_administrator_is_asked_to_confirm_and_then_the_notice_goes(client_for, users, freeze_clock):
    freeze_clock(date(2027, 1, 4))
    admin = client_for(users["admin"])
    home = admin.get("/").content.decode()
    assert 'data-testid="calendar-task"' in home and "Xác nhận lịch nghỉ năm 2027" in home
    officer_home = client_for(users["canbo"]).get("/").content.decode()
    assert 'data-testid="calendar-task"' not in officer_home
    # An officer may not confirm; an empty source is refused in Vietnamese.
    assert client_for(users["canbo"]).post("/thoi-han/lich/2027/", {"source": "x"}).status_code == 403
    admin = client_for(users["admin"])
    page = admin.post("/thoi-han/lich/2027/", {"source": ""}, follow=True).content.decode()
    assert "Hãy ghi căn cứ" in page and not ConfirmedYear.objects.exists()
    admin.post("/thoi-han/lich/2027/", {"source": "Thông báo 6150/TB-BNV ngày 01/12/2026 của Bộ Nội vụ"})
    confirmed = ConfirmedYear.objects.get(year=2027)
    assert confirmed.confirmed_by == users["admin"] and confirmed.history.count() == 1
    assert 'data-testid="calendar-task"' not in admin.get("/").content.decode()
    assert selectors.calendar_notices(date(2027, 2, 1)) == []


def test_from_october_next_year_is_asked_too(db, freeze_clock):
    freeze_clock(date(2026, 10, 5))
    assert selectors.years_to_confirm() == [2027]
    freeze_clock(date(2026, 9, 30))
    assert selectors.years_to_confirm() == []


def test_confirming_needs_the_permission(users):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        services.confirm_year(actor=users["noivu"], year=2027, source="Thông báo")


def test_the_json_of_the_command_carries_the_notice_only_when_there_is_one(db):
    import json

    out = io.StringIO()
    call_command("deadline", "complaint", "resolve", "--from", "2027-01-04", "--json", stdout=out, stderr=io.StringIO())
    assert json.loads(out.getvalue())["calendar_notices"][0].startswith(NOTICE_2027)
    out = io.StringIO()
    call_command("deadline", "complaint", "resolve", "--from", "2026-03-02", "--json", stdout=out, stderr=io.StringIO())
    assert "calendar_notices" not in json.loads(out.getvalue())
