"""A notification never carries a denouncer's identity: not in the app, not in an e-mail, not in a digest."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from danvan.legal.selectors import current_calendar
from danvan.notifications import services
from danvan.notifications.models import EmailMode, Notification
from danvan.petitions import services as petition_services
from tests.confidential import forms_of
from tests.petitions.helpers import denunciation

pytestmark = pytest.mark.django_db


def test_denouncer_never_in_a_notification(demo_org, users, client_for, freeze_clock, settings,
                                           django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.DANVAN_ESCALATE_AFTER_WORKDAYS = 1
    settings.DANVAN_DIGEST_HOUR = 0
    canbo, phuong = users["canbo"], users["phuong"]
    services.set_email_mode(actor=phuong, email_mode=EmailMode.DIGEST)
    case = denunciation(demo_org, actor=phuong, handling_unit=demo_org["tx-thuong-dinh"]).petition
    with django_capture_on_commit_callbacks(execute=True):
        petition_services.assign(actor=phuong, petition=case, officer=canbo)
    calendar = current_calendar()
    for day in (-3, 0, 1, 2, 3):
        freeze_clock(calendar.add_workdays(case.next_due, day))
        services.tick()
    services.deliver_pending()
    for person in {n.recipient_id for n in Notification.objects.all()}:
        services.send_digest(staff_id=person, day=calendar.add_workdays(case.next_due, 3))
    assert Notification.objects.filter(recipient=canbo).count() >= 4
    assert mail.outbox

    secret = forms_of("Trần Thị Bí Mật", "Số 99 phố Kín", "001199887766", "0988777666")
    texts = [f"{n.title}\n{n.body}\n{n.url}" for n in Notification.objects.all()]
    texts += [f"{m.subject}\n{m.body}" for m in mail.outbox]
    for who in (canbo, phuong, users["chutich"]):
        texts.append(client_for(who).get(reverse("notifications:list")).content.decode())
    leaked = sorted({f for f in secret for t in texts if f in t})
    assert leaked == []
    # A denunciation is named by its code and kind only: not even its summary goes out.
    assert all(case.subject not in t for t in texts)
