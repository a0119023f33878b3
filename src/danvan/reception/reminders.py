"""What the notifications tell about dialogues: a commitment made to citizens due within 3 working days."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.utils.translation import gettext as _

from danvan.legal.selectors import current_calendar
from danvan.notifications import recipients as who
from danvan.notifications.models import Kind
from danvan.notifications.registry import Reminder, rule
from danvan.reception.models import Commitment, CommitmentStatus

SOON_WORKDAYS = 3


@rule("reception.commitments")
def commitment_due(today: date) -> Iterator[Reminder]:
    horizon = current_calendar().add_workdays(today, SOON_WORKDAYS)
    rows = list(Commitment.objects.filter(status=CommitmentStatus.OPEN, due_on__gte=today, due_on__lte=horizon)
                .select_related("dialogue", "owner_unit").order_by("due_on", "pk"))
    contacts = who.unit_contacts({c.owner_unit_id for c in rows}, today)
    for c in rows:
        yield Reminder(
            key=f"commitment:{c.pk}:due:{c.due_on.isoformat()}", kind=Kind.COMMITMENT_DUE,
            recipients=contacts.get(c.owner_unit_id, []), subject=c, due=c.due_on,
            url=c.dialogue.get_absolute_url(),
            title=_("Cam kết tại đối thoại đến hạn %(due)s: %(text)s") % {"due": c.due_on.strftime("%d/%m/%Y"),
                                                                          "text": c.text[:160]},
            body=_("Đối thoại: %(topic)s. Đơn vị thực hiện: %(unit)s.") % {"topic": c.dialogue.topic,
                                                                           "unit": c.owner_unit.name})
