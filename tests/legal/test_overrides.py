"""Administrators' corrections in the database reach every computed deadline, and leave it again."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from danvan.legal import selectors, services
from danvan.legal.models import DeadlineRuleRow, DeclaredDay

pytestmark = pytest.mark.django_db


def example_1() -> date:
    return selectors.compute_due("complaint", "resolve", date(2026, 1, 5)).due


def test_declared_day_moves_a_deadline_and_deleting_it_moves_it_back():
    assert example_1() == date(2026, 2, 4)
    day = services.save_declared_day(actor=None, date=date(2026, 2, 4), kind="off", reason="nghỉ đột xuất do bão",
                                     source="Quyết định thử nghiệm")
    due = selectors.compute_due("complaint", "resolve", date(2026, 1, 5))
    assert due.due == date(2026, 2, 5)
    assert "nghỉ đột xuất do bão" in due.explanation
    assert not selectors.current_calendar().is_workday(date(2026, 2, 4))
    services.delete_declared_day(actor=None, day=day)
    assert example_1() == date(2026, 2, 4)


def test_make_up_saturday_and_cancelled_day_off():
    cal = selectors.current_calendar()
    assert not cal.is_workday(date(2026, 9, 1))
    services.save_declared_day(actor=None, date=date(2026, 9, 1), kind="work", reason="không nghỉ ngày liền kề")
    services.save_declared_day(actor=None, date=date(2026, 8, 29), kind="work", reason="làm việc bù")
    cal = selectors.current_calendar()
    assert cal.is_workday(date(2026, 9, 1)) and cal.is_workday(date(2026, 8, 29))
    assert any(e.date == date(2026, 8, 29) and e.origin == "override" for e in selectors.calendar_year(2026))


def test_change_made_elsewhere_is_seen_at_the_next_request():
    """Another process saved without our signals: the stamp check finds it at the next request."""
    day = services.save_declared_day(actor=None, date=date(2026, 2, 4), kind="off", reason="nghỉ")
    assert example_1() == date(2026, 2, 5)
    DeclaredDay.objects.filter(pk=day.pk).update(date=date(2026, 2, 3), updated_at=timezone.now())
    assert example_1() == date(2026, 2, 5)  # cached within the same request / recheck window
    selectors._recheck_soon()
    assert example_1() == date(2026, 2, 4)


def test_calendar_is_built_once_for_many_cases(django_assert_max_num_queries):
    services.save_declared_day(actor=None, date=date(2026, 2, 4), kind="off", reason="nghỉ")
    selectors.current_calendar()
    with django_assert_max_num_queries(2):
        calendars = {id(selectors.current_calendar()) for _ in range(1000)}
        for i in range(1000):
            selectors.compute_due("complaint", "resolve", date.fromordinal(date(2026, 1, 1).toordinal() + i % 300))
    assert len(calendars) == 1


def test_rule_row_override_changes_the_days():
    row = services.save_rule_row(
        actor=None, rule_id="KN-RESOLVE-1", kind="complaint", milestone="resolve", label="Hạn giải quyết",
        days=20, days_complex=45, unit="calendar", counts_from="kể từ ngày thụ lý", source="Luật sửa đổi (thử)",
        valid_from=date(2012, 7, 1))
    due = selectors.compute_due("complaint", "resolve", date(2026, 1, 5))
    assert (due.days, due.due, due.source) == (20, date(2026, 1, 26), "Luật sửa đổi (thử)")
    assert any(v.overridden and v.rule.id == "KN-RESOLVE-1" for v in selectors.rule_table())
    services.delete_rule_row(actor=None, row=row)
    assert selectors.compute_due("complaint", "resolve", date(2026, 1, 5)).days == 30


def test_inactive_row_removes_a_version_and_a_new_version_is_chosen_by_receipt_date():
    common = {"kind": "complaint", "milestone": "accept", "label": "Hạn thụ lý", "unit": "working",
              "counts_from": "kể từ ngày nhận được đơn", "source": "thử"}
    services.save_rule_row(actor=None, rule_id="KN-ACCEPT-1", days=7, valid_from=date(2026, 7, 1), active=False,
                           **common)
    services.save_rule_row(actor=None, rule_id="KN-ACCEPT-1", days=10, valid_from=date(2012, 7, 1), valid_to=None,
                           **common)
    due = selectors.compute_due("complaint", "accept", date(2026, 2, 10), received=date(2026, 7, 2))
    assert due.days == 10


@pytest.mark.parametrize(("values", "field", "message"), [
    ({"unit": "weeks"}, "unit", "Đơn vị tính phải là"),
    ({"days": 0}, "days", "số nguyên dương"),
    ({"valid_from": date(2026, 7, 1), "valid_to": date(2026, 6, 1)}, "valid_to", "Ngày hết hiệu lực"),
])
def test_rule_row_validation_in_vietnamese(values, field, message):
    base = {"rule_id": "XX-NEW", "kind": "petition", "milestone": "reply", "days": 5, "unit": "working",
            "counts_from": "kể từ ngày nhận", "source": "thử", "valid_from": date(2026, 1, 1)}
    with pytest.raises(ValidationError) as info:
        services.save_rule_row(actor=None, **{**base, **values})
    assert any(message in m for m in info.value.message_dict[field])
    assert not DeadlineRuleRow.objects.exists()


def test_overlapping_version_is_refused_and_nothing_is_saved():
    with pytest.raises(ValidationError) as info:
        services.save_rule_row(actor=None, rule_id="KN-RESOLVE-1", kind="complaint", milestone="resolve", days=20,
                               unit="calendar", counts_from="x", source="y", valid_from=date(2020, 1, 1))
    assert "chồng nhau" in " ".join(info.value.messages)
    assert not DeadlineRuleRow.objects.exists()


def test_declared_day_needs_a_reason_and_a_valid_kind():
    with pytest.raises(ValidationError) as info:
        services.save_declared_day(actor=None, date=date(2026, 3, 3), kind="holiday", reason="")
    assert set(info.value.message_dict) >= {"kind", "reason"}
    assert not DeclaredDay.objects.exists()


def test_only_administrators_may_change(users):
    with pytest.raises(PermissionDenied):
        services.save_declared_day(actor=users["canbo"], date=date(2026, 3, 3), kind="off", reason="nghỉ")
    with pytest.raises(PermissionDenied):
        services.save_declared_day(actor=users["noivu"], date=date(2026, 3, 3), kind="off", reason="nghỉ")
    day = services.save_declared_day(actor=users["admin"], date=date(2026, 3, 3), kind="off", reason="nghỉ")
    record = day.history.first()
    assert record.history_user == users["admin"] and record.history_change_reason


def test_admin_shows_an_overlapping_version_as_a_form_error_not_a_crash(client, users):
    client.force_login(users["admin"])
    response = client.post("/quan-tri/legal/deadlinerulerow/add/", {
        "rule_id": "KN-RESOLVE-1", "kind": "complaint", "milestone": "resolve", "days": 20, "unit": "calendar",
        "counts_from": "kể từ ngày thụ lý", "source": "Thử nghiệm", "valid_from": "01/01/2020", "active": "on",
        "label": "Hạn giải quyết khiếu nại lần đầu", "direction": "after", "max_extensions_complex": 0,
        "max_extensions_very_complex": 0,
    })
    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "chồng nhau" in str(errors), errors
    assert not DeadlineRuleRow.objects.exists()


def test_a_pinned_run_computes_due_dates_without_asking_the_database_again(django_assert_num_queries):
    selectors.compute_due("petition", "triage", date(2026, 3, 2))  # loaded
    with selectors.pinned():
        selectors._recheck_soon()  # as at the start of a request, or after RECHECK_SECONDS
        with django_assert_num_queries(0):
            selectors.compute_due("petition", "triage", date(2026, 3, 2))
    with django_assert_num_queries(1):  # outside, the stamp is checked again
        selectors.compute_due("petition", "triage", date(2026, 3, 2))
