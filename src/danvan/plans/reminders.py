"""What the notifications tell about plans: a unit's task due within 3 working days (and on the day)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.utils.translation import gettext as _

from danvan.legal.selectors import current_calendar
from danvan.notifications import recipients as who
from danvan.notifications.models import Kind
from danvan.notifications.registry import Reminder, rule
from danvan.plans.models import Task, TaskStatus

SOON_WORKDAYS = 3


@rule("plans.tasks")
def task_due(today: date) -> Iterator[Reminder]:
    horizon = current_calendar().add_workdays(today, SOON_WORKDAYS)
    tasks = list(Task.objects.filter(status__in=[TaskStatus.NOT_STARTED, TaskStatus.IN_PROGRESS],
                                     due_date__gte=today, due_date__lte=horizon)
                 .select_related("lead_unit").order_by("due_date", "pk"))
    contacts = who.unit_contacts({t.lead_unit_id for t in tasks}, today)
    for task in tasks:
        yield Reminder(
            key=f"task:{task.pk}:due:{task.due_date.isoformat()}", kind=Kind.TASK_DUE,
            recipients=contacts.get(task.lead_unit_id, []), subject=task, due=task.due_date,
            url=task.get_absolute_url(),
            title=_("Nhiệm vụ đến hạn %(due)s: %(title)s") % {"due": task.due_date.strftime("%d/%m/%Y"),
                                                             "title": task.title[:180]},
            body=_("Đơn vị chủ trì: %(unit)s. Tiến độ hiện tại: %(p)d%%.") % {"unit": task.lead_unit.name,
                                                                             "p": task.progress})
