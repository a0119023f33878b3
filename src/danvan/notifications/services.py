"""Every write of notifications: create (idempotently), mark read, preferences, tick, e-mail delivery."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from danvan.notifications import registry
from danvan.notifications.models import DigestRun, EmailMode, EmailState, Escalation, Notification, Preference
from danvan.org import clock
from danvan.org.models import Staff

log = logging.getLogger(__name__)


def _email_state(mode: str, staff: Staff) -> str:
    if not staff.email or mode == EmailMode.NONE:
        return EmailState.NONE
    return EmailState.DIGEST if mode == EmailMode.DIGEST else EmailState.PENDING


def _modes(people: Iterable[Staff]) -> dict[int, str]:
    ids = {p.pk for p in people}
    return dict(Preference.objects.filter(staff_id__in=ids).values_list("staff_id", "email_mode"))


def _subject_ref(subject: Any) -> tuple[ContentType | None, int | None]:
    if subject is None:
        return None, None
    return ContentType.objects.get_for_model(subject), subject.pk


def recipient_key(key: str, staff: Staff) -> str:
    return f"{key}:u{staff.pk}"


def notify(*, recipients: Sequence[Staff], kind: str, key: str, title: str, body: str = "", url: str = "",
           subject: Any = None, email: bool = True) -> list[Notification]:
    """Tell each recipient once: the notifications created now (none for a key already used).

    ``key`` names the event ("petition:12:assigned:3"); the recipient is added to it. Immediate
    e-mails are enqueued for the worker when the transaction commits.
    """
    people = [p for p in dict.fromkeys(recipients) if p is not None and p.is_active]
    if not people:
        return []
    keys = {recipient_key(key, p): p for p in people}
    existing = set(Notification.objects.filter(key__in=list(keys)).values_list("key", flat=True))
    modes = _modes(people)
    ctype, obj_id = _subject_ref(subject)
    created: list[Notification] = []
    for full_key, person in keys.items():
        if full_key in existing:
            continue
        state = _email_state(modes.get(person.pk, EmailMode.IMMEDIATE), person) if email else EmailState.NONE
        row = Notification(recipient=person, kind=kind, key=full_key, title=title[:255], body=body, url=url,
                           subject_type=ctype, subject_id=obj_id, email_state=state)
        try:
            with transaction.atomic():
                row.save()
        except IntegrityError:  # another process created it between our look and our write
            continue
        created.append(row)
    ids = [n.pk for n in created if n.email_state == EmailState.PENDING]
    if ids:
        transaction.on_commit(lambda: _enqueue_delivery(ids))
    return created


def _enqueue_delivery(ids: list[int]) -> None:
    from danvan.notifications import tasks

    tasks.deliver.enqueue(ids)


@transaction.atomic
def log_escalation(*, subject: Any, due: date, step: str, recipients: Sequence[Staff], days_over: int = 0
                   ) -> Escalation | None:
    """Record one step of the ladder on the record; ``None`` when that step was taken already."""
    ctype, obj_id = _subject_ref(subject)
    try:
        with transaction.atomic():
            row = Escalation.objects.create(subject_type=ctype, subject_id=obj_id, due=due, step=step,
                                            days_over=days_over)
    except IntegrityError:
        return None
    row.recipients.set([p for p in recipients if p is not None])
    return row


# --- reading --------------------------------------------------------------------------------------

def mark_read(*, actor: Staff, notifications: Iterable[Notification]) -> int:
    ids = [n.pk for n in notifications if n.recipient_id == actor.pk and n.read_at is None]
    if not ids:
        return 0
    return Notification.objects.filter(pk__in=ids, recipient=actor, read_at__isnull=True).update(
        read_at=timezone.now())


def mark_all_read(*, actor: Staff) -> int:
    return Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=timezone.now())


@transaction.atomic
def set_email_mode(*, actor: Staff, email_mode: str) -> Preference:
    if email_mode not in EmailMode.values:
        from django.core.exceptions import ValidationError

        raise ValidationError({"email_mode": _("Hãy chọn một cách nhận thư điện tử trong danh sách.")})
    pref, _created = Preference.objects.select_for_update().get_or_create(staff=actor)
    if pref.email_mode != email_mode:
        pref.email_mode = email_mode
        pref.save()
        # What waits for e-mail follows the new choice.
        waiting = Notification.objects.filter(recipient=actor, email_state__in=[EmailState.PENDING,
                                                                               EmailState.DIGEST])
        new_state = _email_state(email_mode, actor)
        ids = list(waiting.values_list("pk", flat=True))
        waiting.update(email_state=new_state)
        if new_state == EmailState.PENDING and ids:
            transaction.on_commit(lambda: _enqueue_delivery(ids))
    return pref


# --- the tick: what is due today ------------------------------------------------------------------

@dataclass
class TickResult:
    created: int
    escalations: int
    digests: int

    def __str__(self) -> str:
        parts = [
            ngettext("%(n)d thông báo mới", "%(n)d thông báo mới", self.created) % {"n": self.created},
            ngettext("%(n)d bậc báo quá hạn", "%(n)d bậc báo quá hạn", self.escalations) % {"n": self.escalations},
            ngettext("%(n)d thư tổng hợp được xếp hàng gửi", "%(n)d thư tổng hợp được xếp hàng gửi",
                     self.digests) % {"n": self.digests},
        ]
        return ", ".join(parts) + "."


def tick(*, today: date | None = None) -> TickResult:
    """Ask every registered rule what is due and tell each person once (safe to run any number of times)."""
    today = today or clock.today()
    created = escalations = 0
    for _name, rule in registry.rules().items():
        for reminder in rule(today):
            with transaction.atomic():
                if reminder.step:
                    step = log_escalation(subject=reminder.subject, due=reminder.due, step=reminder.step,
                                          recipients=reminder.recipients, days_over=reminder.days_over)
                    if step is None:
                        continue
                    escalations += 1
                created += len(notify(recipients=reminder.recipients, kind=reminder.kind, key=reminder.key,
                                      title=reminder.title, body=reminder.body, url=reminder.url,
                                      subject=reminder.subject))
    digests = enqueue_digests(today=today)
    give_up_stuck_sends()
    # Anything left waiting (a worker that was down, a failed send) is tried again.
    waiting = list(Notification.objects.filter(email_state=EmailState.PENDING).values_list("pk", flat=True)[:5000])
    if waiting:
        transaction.on_commit(lambda: _enqueue_delivery(waiting))
    return TickResult(created=created, escalations=escalations, digests=digests)


def enqueue_digests(*, today: date) -> int:
    """Once the digest hour has come, one digest task per person with notifications waiting for it."""
    if clock.now().hour < settings.DANVAN_DIGEST_HOUR:
        return 0
    people = set(Notification.objects.filter(email_state=EmailState.DIGEST).values_list("recipient_id", flat=True))
    done = set(DigestRun.objects.filter(day=today, staff_id__in=people).values_list("staff_id", flat=True))
    todo = sorted(people - done)
    if todo:
        from danvan.notifications import tasks

        for staff_id in todo:
            transaction.on_commit(lambda staff_id=staff_id: tasks.digest.enqueue(staff_id, today.isoformat()))
    return len(todo)


# --- e-mail (run by the worker) -------------------------------------------------------------------

def _absolute(url: str) -> str:
    if not url or url.startswith("http"):
        return url
    return settings.DANVAN_SITE_URL.rstrip("/") + url


#: A send that has not finished this long after it began never will: its worker died in between.
STUCK_AFTER = timedelta(minutes=15)


def _claim(ids: Iterable[int], state: str) -> list[Notification]:
    """Take the rows still in ``state`` for this process: only one process wins each row.

    ``emailed_at`` holds when the sending began until the send succeeds (then when it was sent), so
    that :func:`give_up_stuck_sends` can tell a send whose worker was killed from one under way."""
    won = []
    started = clock.now()
    for pk in ids:
        if Notification.objects.filter(pk=pk, email_state=state).update(email_state=EmailState.SENDING,
                                                                         emailed_at=started):
            won.append(pk)
    return list(Notification.objects.filter(pk__in=won).select_related("recipient").order_by("pk"))


def deliver(ids: Iterable[int]) -> int:
    """Send the immediate e-mails of these notifications (those nobody sent yet); the number sent."""
    sent = 0
    for n in _claim(ids, EmailState.PENDING):
        with translation.override("vi"):
            text = render_to_string("notifications/email.txt", {"n": n, "link": _absolute(n.url)})
        try:
            send_mail(n.title, text, None, [n.recipient.email])
        except Exception:
            log.exception("sending notification %s failed", n.pk)
            Notification.objects.filter(pk=n.pk).update(email_state=EmailState.PENDING)
            raise
        Notification.objects.filter(pk=n.pk).update(email_state=EmailState.SENT, emailed_at=clock.now())
        sent += 1
    return sent


def give_up_stuck_sends() -> int:
    """Mark as failed the e-mails whose sending began over :data:`STUCK_AFTER` ago and never ended.

    The worker was killed between taking the row and sending (or between sending and recording it).
    Whether the message left is unknown, so it is not sent again: a reminder is sent at most once
    (two copies of an overdue warning confuse more than a missing e-mail, and the notification is
    still in the person's bell). The row then says "Gửi thư không thành công" instead of "Đang gửi
    thư" for ever. Run by :func:`tick`."""
    return Notification.objects.filter(
        Q(emailed_at__lt=clock.now() - STUCK_AFTER) | Q(emailed_at__isnull=True), email_state=EmailState.SENDING
    ).update(email_state=EmailState.FAILED)


def deliver_pending() -> int:
    return deliver(Notification.objects.filter(email_state=EmailState.PENDING).values_list("pk", flat=True))


def send_digest(*, staff_id: int, day: date) -> int:
    """The day's one digest for a person; 0 when it was sent already or nothing waits."""
    try:
        with transaction.atomic():
            run = DigestRun.objects.create(staff_id=staff_id, day=day)
    except IntegrityError:
        return 0
    ids = Notification.objects.filter(recipient_id=staff_id, email_state=EmailState.DIGEST).values_list(
        "pk", flat=True)
    rows = _claim(list(ids), EmailState.DIGEST)
    if not rows:
        return 0
    person = rows[0].recipient
    with translation.override("vi"):
        subject = ngettext("danvan: %(n)d thông báo trong ngày %(day)s", "danvan: %(n)d thông báo trong ngày %(day)s",
                           len(rows)) % {"n": len(rows), "day": day.strftime("%d/%m/%Y")}
        text = render_to_string("notifications/digest.txt", {
            "rows": [(n, _absolute(n.url)) for n in rows], "person": person, "day": day})
    try:
        send_mail(subject, text, None, [person.email])
    except Exception:
        Notification.objects.filter(pk__in=[n.pk for n in rows]).update(email_state=EmailState.DIGEST)
        run.delete()
        raise
    Notification.objects.filter(pk__in=[n.pk for n in rows]).update(email_state=EmailState.SENT,
                                                                    emailed_at=clock.now())
    DigestRun.objects.filter(pk=run.pk).update(count=len(rows), sent_at=timezone.now())
    return len(rows)
