"""Done when: moving the clock across a due date gives exactly one reminder, one overdue notice and one
escalation step — with ``danvan tick`` run twice and two workers sending the e-mails at once."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.core import mail
from django.core.management import call_command

from danvan.legal.selectors import current_calendar
from danvan.notifications.models import EmailState, Escalation, Kind, Notification, Step
from danvan.org.models import Staff
from danvan.petitions.models import Field
from tests.notifications.helpers import run_workers
from tests.petitions.helpers import feedback

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def case(demo_org, freeze_clock, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DANVAN_ESCALATE_AFTER_WORKDAYS = 2
    settings.DANVAN_DIGEST_HOUR = 7
    # A transactional test's flush removes the fields the migrations made: put back the one used here.
    Field.objects.get_or_create(code="trat-tu-do-thi", defaults={"name": "Trật tự đô thị"})
    canbo = Staff.objects.get(username="canbo")
    freeze_clock(current_calendar().next_workday(date(2026, 9, 1)))
    submitted = feedback(demo_org, actor=canbo)
    return submitted.petition


def kinds(**filters) -> list[str]:
    return sorted(Notification.objects.filter(**filters).values_list("kind", flat=True))


def test_clock_across_the_due_date(case, freeze_clock):
    calendar = current_calendar()
    due = case.next_due
    canbo = case.assigned_to
    assert canbo.username == "canbo"

    # Three working days before: one reminder, whatever the number of ticks and workers.
    freeze_clock(calendar.add_workdays(due, -3))
    call_command("tick", stdout=io.StringIO())
    call_command("tick", stdout=io.StringIO())
    run_workers(2)
    assert kinds(recipient=canbo) == [Kind.DUE_SOON]
    assert [m.to for m in mail.outbox] == [[canbo.email]]
    assert "Sắp đến hạn" in mail.outbox[0].subject

    # The day after the deadline: one overdue notice to the officer, the first step of the ladder.
    freeze_clock(calendar.add_workdays(due, 1))
    call_command("tick", stdout=io.StringIO())
    call_command("tick", stdout=io.StringIO())
    run_workers(2)
    assert kinds(recipient=canbo) == [Kind.DUE_SOON, Kind.OVERDUE]
    assert list(Escalation.objects.values_list("step", flat=True)) == [Step.OFFICER]
    assert len(mail.outbox) == 2

    # Two working days over (the setting): one escalation step, to the head of the ward.
    freeze_clock(calendar.add_workdays(due, 2))
    call_command("tick", stdout=io.StringIO())
    call_command("tick", stdout=io.StringIO())
    run_workers(2)
    steps = list(Escalation.objects.order_by("pk"))
    assert [s.step for s in steps] == [Step.OFFICER, Step.UNIT_HEAD]
    head = Staff.objects.get(username="phuong")
    assert [p.username for p in steps[1].recipients.all()] == ["phuong"]
    assert kinds(recipient=head, kind=Kind.ESCALATED) == [Kind.ESCALATED]
    assert kinds(recipient=canbo) == [Kind.DUE_SOON, Kind.OVERDUE]
    assert len(mail.outbox) == 3
    assert not Notification.objects.exclude(email_state=EmailState.SENT).exists()

    # Later ticks the same day and the day after repeat nothing.
    freeze_clock(calendar.add_workdays(due, 3))
    call_command("tick", stdout=io.StringIO())
    run_workers(2)
    assert Escalation.objects.count() == 2
    assert len(mail.outbox) == 3


def test_the_ladder_reaches_the_leader_once(case, freeze_clock):
    """A tick that first runs long after the deadline takes each step once, officer to leader."""
    calendar = current_calendar()
    freeze_clock(calendar.add_workdays(case.next_due, 5))
    call_command("tick", stdout=io.StringIO())
    call_command("tick", stdout=io.StringIO())
    steps = list(Escalation.objects.order_by("pk"))
    assert [s.step for s in steps] == [Step.OFFICER, Step.UNIT_HEAD, Step.LEADER]
    leaders = [p.username for p in steps[2].recipients.all()]
    assert leaders and "phuong" not in leaders and "canbo" not in leaders
    run_workers(2)
    # One e-mail per person told, never two.
    to = sorted(m.to[0] for m in mail.outbox)
    assert len(to) == len(set(to)) == Notification.objects.count()
