"""What each event and each due date tells, to whom, by e-mail at once or in one digest a day."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from danvan.legal.selectors import current_calendar
from danvan.notifications import services
from danvan.notifications.models import DigestRun, EmailMode, EmailState, Kind, Notification
from danvan.petitions import services as petition_services
from tests.petitions.helpers import feedback

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_assignment_tells_the_officer_not_the_one_who_took_it(demo_org, users, django_capture_on_commit_callbacks):
    canbo, phuong = users["canbo"], users["phuong"]
    case = feedback(demo_org, actor=canbo).petition
    assert not Notification.objects.filter(recipient=canbo).exists()  # took it themselves
    petition_services.assign(actor=phuong, petition=case, officer=None)
    case.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        petition_services.assign(actor=phuong, petition=case, officer=canbo)
    told = Notification.objects.get(recipient=canbo)
    assert told.kind == Kind.ASSIGNED and case.code in told.title
    services.deliver_pending()
    assert [m.to for m in mail.outbox] == [[canbo.email]]
    assert case.code in mail.outbox[0].subject


def test_deadline_reminders_are_keyed_by_the_deadline(demo_org, users, freeze_clock):
    canbo = users["canbo"]
    case = feedback(demo_org, actor=canbo).petition
    calendar = current_calendar()
    freeze_clock(calendar.add_workdays(case.next_due, -2))
    services.tick()
    freeze_clock(calendar.add_workdays(case.next_due, -1))
    services.tick()  # the next day inside the window: still the one reminder
    freeze_clock(case.next_due)
    services.tick()
    kinds = list(Notification.objects.filter(recipient=canbo).order_by("pk").values_list("kind", flat=True))
    assert kinds == [Kind.DUE_SOON, Kind.DUE_TODAY]


def test_daily_digest_once(demo_org, users, freeze_clock, settings):
    settings.DANVAN_DIGEST_HOUR = 16
    canbo = users["canbo"]
    services.set_email_mode(actor=canbo, email_mode=EmailMode.DIGEST)
    for i in range(3):
        services.notify(recipients=[canbo], kind=Kind.ASSIGNED, key=f"t{i}", title=f"Việc số {i}")
    day = date(2026, 12, 1)
    freeze_clock(timezone.make_aware(datetime.combine(day, time(9, 0))))
    assert services.enqueue_digests(today=day) == 0  # before the digest hour
    freeze_clock(timezone.make_aware(datetime.combine(day, time(16, 30))))
    assert services.enqueue_digests(today=day) == 1
    assert services.send_digest(staff_id=canbo.pk, day=day) == 3
    assert services.send_digest(staff_id=canbo.pk, day=day) == 0
    assert len(mail.outbox) == 1 and "Việc số 2" in mail.outbox[0].body
    assert DigestRun.objects.get(staff=canbo, day=day).count == 3
    assert services.enqueue_digests(today=day) == 0
    assert set(Notification.objects.values_list("email_state", flat=True)) == {EmailState.SENT}


def test_no_email_address_means_in_app_only(users):
    person = users["canbo"]
    person.email = ""
    person.save()
    n = services.notify(recipients=[person], kind=Kind.ASSIGNED, key="x", title="Việc")[0]
    assert n.email_state == EmailState.NONE


def test_report_task_and_commitment_due(demo_org, users, freeze_clock):
    """The demo's report request, plan tasks and dialogue commitments: each due one tells its unit once."""
    from django.core.management import call_command

    from danvan.plans.models import Task
    from danvan.reception.models import Commitment
    from danvan.reporting.models import ReportRequest

    call_command("demo", stdout=__import__("io").StringIO())
    request = ReportRequest.objects.order_by("due_date").first()
    freeze_clock(current_calendar().add_workdays(request.due_date, -1))
    services.tick()
    services.tick()
    report = Notification.objects.filter(kind=Kind.REPORT_DUE, key__startswith=f"report:{request.pk}:")
    assert report.exists()
    assert report.count() == len(set(report.values_list("key", flat=True)))
    task = Task.objects.filter(due_date__isnull=False, status__in=["not_started", "in_progress"]).first()
    if task is not None:
        freeze_clock(task.due_date)
        services.tick()
        assert Notification.objects.filter(kind=Kind.TASK_DUE, key__startswith=f"task:{task.pk}:").exists()
    commitment = Commitment.objects.filter(status="open").first()
    if commitment is not None:
        freeze_clock(commitment.due_on)
        services.tick()
        assert Notification.objects.filter(kind=Kind.COMMITMENT_DUE,
                                           key__startswith=f"commitment:{commitment.pk}:").exists()


def test_an_email_whose_worker_died_while_sending_is_marked_failed_and_never_sent_twice(
        demo_org, users, freeze_clock):
    """A worker killed between taking an e-mail and sending it left it "Đang gửi thư" for ever; the next
    tick after 15 minutes says it failed, and no tick sends it again (at most once)."""
    canbo = users["canbo"]
    start = timezone.make_aware(datetime(2026, 12, 1, 9, 0))
    freeze_clock(start)
    told = services.notify(recipients=[canbo], kind=Kind.ASSIGNED, key="chet-giua-chung", title="Việc dở dang")[0]
    assert [n.pk for n in services._claim([told.pk], EmailState.PENDING)] == [told.pk]  # the worker took it, then died
    freeze_clock(start + timedelta(minutes=10))
    services.tick(today=date(2026, 12, 1))
    told.refresh_from_db()
    assert told.email_state == EmailState.SENDING  # a send may still be under way
    freeze_clock(start + timedelta(minutes=16))
    services.tick(today=date(2026, 12, 1))
    services.deliver_pending()
    told.refresh_from_db()
    assert told.email_state == EmailState.FAILED and told.get_email_state_display() == "Gửi thư không thành công"
    assert mail.outbox == []
    # The notification itself is still in the person's bell.
    assert Notification.objects.filter(pk=told.pk, recipient=canbo, read_at__isnull=True).exists()
