"""The surveys list: everyone with a unit opens it and finds their scope's surveys; an account without a
unit is told to ask for one."""

from __future__ import annotations

import pytest

from danvan.org.models import Role, Staff

pytestmark = pytest.mark.django_db


def test_officers_and_leaders_find_their_wards_survey_in_the_list_others_do_not(client_for, users, draft):
    for name in ("canbo", "phuong", "chutich", "kiemtra", "admin"):
        page = client_for(users[name]).get("/khao-sat/")
        assert page.status_code == 200, name
        assert draft.title in page.content.decode(), name
    other_ward = client_for(users["canbo2"]).get("/khao-sat/")
    assert other_ward.status_code == 200
    text = other_ward.content.decode()
    assert draft.title not in text and "Chưa có phiếu khảo sát nào trong phạm vi của bạn." in text


def test_an_account_without_a_unit_is_refused_the_list_and_told_to_ask_for_a_unit(client_for, draft):
    unitless = Staff.objects.create(username="chua-co-don-vi", full_name="Người chưa gắn đơn vị", role=Role.OFFICER)
    page = client_for(unitless).get("/khao-sat/")
    assert page.status_code == 403
    text = page.content.decode()
    assert "chưa gắn với đơn vị nào" in text and draft.title not in text
