"""The reporting workflow: request, pre-filled report, submit, return, resubmit, accept — and refusals."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from danvan.reporting import services
from danvan.reporting.models import DeadlinePolicy, SubmissionStatus, SubmissionValue
from danvan.reporting.reminders import report_due

HANOI = ZoneInfo("Asia/Ho_Chi_Minh")


def test_shipped_template_covers_plan_items(template):
    codes = list(template.sections.values_list("code", flat=True))
    assert codes[:8] == ["II.1", "II.2", "II.3", "II.4", "II.5", "II.6", "II.7", "III"]
    sources = set(template.indicators.values_list("source_code", flat=True))
    assert {"org.responsible_assigned", "petitions.received", "reception.days_held"} <= sources


def test_request_defaults_to_every_department_and_ward_with_decree_09_cutoff(request_2026, demo_org):
    codes = set(request_2026.units.values_list("code", flat=True))
    assert "tx-thuong-dinh" in codes and "tx-vhtt" in codes and "tx-van-phong" in codes
    assert "tx-mttq" not in codes and "tx-bdv" not in codes
    assert len([c for c in codes if c in {u for u in demo_org if demo_org[u].level == "commune"}]) == 11
    assert (request_2026.period_start, request_2026.period_end) == (date(2025, 12, 15), date(2026, 12, 14))
    assert request_2026.due_date == date(2026, 11, 30)  # a Monday: no shift
    assert request_2026.title == "Báo cáo kết quả công tác dân vận chính quyền năm 2026"


@pytest.mark.parametrize(("policy", "expected"), [
    (DeadlinePolicy.KEEP, date(2026, 11, 29)),
    (DeadlinePolicy.NEXT_WORKDAY, date(2026, 11, 30)),
    (DeadlinePolicy.PREVIOUS_WORKDAY, date(2026, 11, 27)),
])
def test_deadline_on_a_sunday_follows_the_chosen_policy(template, demo_org, policy, expected):
    request = services.create_request(actor=None, template=template, requesting_unit=demo_org["tx-ubnd"],
                                      period_kind="quarterly", year=2026, part=4, deadline=date(2026, 11, 29),
                                      deadline_policy=policy)
    assert request.due_date == expected
    assert (request.period_start, request.period_end) == (date(2026, 9, 15), date(2026, 12, 14))


def test_officer_may_not_create_a_request(template, demo_org, users):
    with pytest.raises(PermissionDenied):
        services.create_request(actor=users["canbo"], template=template, requesting_unit=demo_org["tx-ubnd"],
                                period_kind="yearly", year=2026, deadline=date(2026, 11, 30))


def test_report_opens_prefilled_with_its_source(request_2026, demo_org, users):
    submission = services.open_submission(actor=users["canbo"], request=request_2026, unit=demo_org["tx-thuong-dinh"])
    values = {v.indicator.code: v for v in submission.values.select_related("indicator")}
    assigned = values["responsible.assigned"]
    assert assigned.flag is True and assigned.source_code == "org.responsible_assigned"
    assert "Thượng Đình" in assigned.source_description and "15/12/2025" in assigned.source_description
    assert values["staff.count"].number == 2  # canbo and phuong
    assert values["commendation.individuals"].number is None and values["commendation.individuals"].source_code == ""
    assert submission.narratives.count() == request_2026.template.sections.count()
    # opening again returns the same report
    assert services.open_submission(actor=users["canbo"], request=request_2026,
                                    unit=demo_org["tx-thuong-dinh"]).pk == submission.pk


def test_changing_a_prefilled_number_needs_a_reason(request_2026, demo_org, users):
    submission = services.open_submission(actor=users["canbo"], request=request_2026, unit=demo_org["tx-thuong-dinh"])
    with pytest.raises(ValidationError, match="ghi lý do"):
        services.save_draft(actor=users["canbo"], submission=submission, values={"staff.count": "5"})
    services.save_draft(actor=users["canbo"], submission=submission, values={"staff.count": "5"},
                        reasons={"staff.count": "Có 3 công chức chưa có tài khoản"},
                        narratives={"II.5": "Tiếp 52 lượt công dân."})
    value = SubmissionValue.objects.get(submission=submission, indicator__code="staff.count")
    assert value.number == 5 and value.overridden and value.source_number == 2
    assert value.history.first().history_change_reason == "Có 3 công chức chưa có tài khoản"
    # manual numbers need no reason; bad numbers say which indicator
    services.save_draft(actor=users["canbo"], submission=submission, values={"commendation.individuals": "2"})
    with pytest.raises(ValidationError, match="Số cá nhân được biểu dương"):
        services.save_draft(actor=users["canbo"], submission=submission, values={"commendation.individuals": "hai"})


def test_officer_cannot_submit_head_can_and_late_is_flagged(request_2026, demo_org, users):
    submission = services.open_submission(actor=users["canbo"], request=request_2026, unit=demo_org["tx-thuong-dinh"])
    with pytest.raises(PermissionDenied):
        services.submit(actor=users["canbo"], submission=submission)
    with pytest.raises(PermissionDenied):  # another ward's officer cannot even edit it
        services.save_draft(actor=users["canbo2"], submission=submission, narratives={"II.1": "x"})
    submission = services.submit(actor=users["phuong"], submission=submission,
                                 now=datetime(2026, 12, 1, 9, tzinfo=HANOI))
    assert submission.status == SubmissionStatus.SUBMITTED and submission.is_late
    assert submission.doc_number == 1 and submission.versions.count() == 1


def test_return_resubmit_accept_keeps_every_version(request_2026, demo_org, users):
    submission = services.open_submission(actor=users["phuong"], request=request_2026, unit=demo_org["tx-thuong-dinh"])
    services.submit(actor=users["phuong"], submission=submission, now=datetime(2026, 11, 20, 9, tzinfo=HANOI))
    with pytest.raises(PermissionDenied):  # the ward cannot accept its own report
        services.accept_submission(actor=users["phuong"], submission=submission)
    with pytest.raises(ValidationError, match="ghi rõ nội dung"):
        services.return_submission(actor=users["noivu"], submission=submission, comment="  ")
    services.return_submission(actor=users["noivu"], submission=submission, comment="Bổ sung số buổi đối thoại.")
    with pytest.raises(ValidationError, match="Chỉ tiếp nhận"):
        services.accept_submission(actor=users["noivu"], submission=submission)
    services.save_draft(actor=users["phuong"], submission=submission, values={"commendation.individuals": "4"})
    submission = services.submit(actor=users["phuong"], submission=submission,
                                   now=datetime(2026, 11, 25, 9, tzinfo=HANOI))
    assert not submission.is_late and submission.doc_number == 1  # the number stays with the report
    submission = services.accept_submission(actor=users["noivu"], submission=submission)
    assert submission.status == SubmissionStatus.ACCEPTED
    assert [v.snapshot["values"]["commendation.individuals"]["value"] for v in submission.versions.all()] == [None, 4]
    assert [e.action for e in submission.events.all()] == ["opened", "submitted", "returned", "submitted", "accepted"]
    with pytest.raises(ValidationError, match="không sửa được"):
        services.save_draft(actor=users["phuong"], submission=submission, values={"commendation.individuals": "5"})
    with pytest.raises(ValidationError, match="đã được tiếp nhận"):
        services.submit(actor=users["phuong"], submission=submission)


def test_stale_edit_is_refused(request_2026, demo_org, users):
    submission = services.open_submission(actor=users["canbo"], request=request_2026, unit=demo_org["tx-thuong-dinh"])
    services.save_draft(actor=users["canbo"], submission=submission, narratives={"II.1": "a"}, version=1)
    with pytest.raises(services.StaleEditError):
        services.save_draft(actor=users["phuong"], submission=submission, narratives={"II.1": "b"}, version=1)


def test_the_due_reminder_goes_to_each_unit_that_still_owes_the_report(request_2026, demo_org, users):
    submission = services.open_submission(actor=users["phuong"], request=request_2026, unit=demo_org["tx-thuong-dinh"])
    services.submit(actor=users["phuong"], submission=submission, now=datetime(2026, 11, 20, 9, tzinfo=HANOI))
    # Due Monday 30/11: from Wednesday 25/11 (three working days before) each unit that has not sent is told.
    reminded = {reminder.body for reminder in report_due(date(2026, 11, 25))}
    assert f"Đơn vị {demo_org['tx-khuong-dinh'].name} chưa nộp báo cáo." in reminded
    assert f"Đơn vị {demo_org['tx-thuong-dinh'].name} chưa nộp báo cáo." not in reminded
    assert list(report_due(date(2026, 10, 1))) == []


def test_unit_outside_the_request_cannot_open_a_report(request_2026, demo_org, users):
    with pytest.raises(ValidationError, match="không thuộc danh sách"):
        services.open_submission(actor=None, request=request_2026, unit=demo_org["tx-mttq"])
    assert Decimal("1") == 1
