"""What the notifications tell about reports: a report due soon, a report returned, a report accepted."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

from django.utils.translation import gettext as _

from danvan.legal.selectors import current_calendar
from danvan.notifications import recipients as who
from danvan.notifications.models import Kind
from danvan.notifications.registry import Reminder, rule
from danvan.notifications.services import notify
from danvan.org import clock
from danvan.org.models import Staff
from danvan.reporting.models import COUNTED_STATUSES, ReportRequest, Submission, SubmissionEvent, SubmissionKind

SOON_WORKDAYS = 3


@rule("reporting.due")
def report_due(today: date) -> Iterator[Reminder]:
    """Each unit that has not yet sent its report, from 3 working days before the due date to the day."""
    horizon = current_calendar().add_workdays(today, SOON_WORKDAYS)
    requests = list(ReportRequest.objects.filter(due_date__gte=today, due_date__lte=horizon)
                    .prefetch_related("units").order_by("due_date", "pk"))
    sent = set(Submission.objects.filter(request__in=requests, kind=SubmissionKind.UNIT, status__in=COUNTED_STATUSES)
               .values_list("request_id", "unit_id"))
    pairs = [(r, u) for r in requests for u in r.units.all() if (r.pk, u.pk) not in sent]
    contacts = who.unit_contacts({u.pk for _r, u in pairs}, today)
    for request, unit in pairs:
        yield Reminder(
            key=f"report:{request.pk}:{unit.pk}:due:{request.due_date.isoformat()}", kind=Kind.REPORT_DUE,
            recipients=contacts.get(unit.pk, []), subject=request, due=request.due_date,
            url=request.get_absolute_url(),
            title=_("Báo cáo sắp đến hạn nộp (%(due)s): %(title)s") % {
                "due": request.due_date.strftime("%d/%m/%Y"), "title": request.title},
            body=_("Đơn vị %(unit)s chưa nộp báo cáo.") % {"unit": unit.name})


def _people_of(submission: Submission) -> list[Staff]:
    people = [submission.submitted_by] if submission.submitted_by_id else []
    return people or who.unit_contacts([submission.unit_id], clock.today()).get(submission.unit_id, [])


def notify_reviewed(*, submission: Submission, event: SubmissionEvent) -> None:
    """Tell the unit that its report was returned (with what to correct) or accepted."""
    returned = event.action == SubmissionEvent.Action.RETURNED
    title = (_("Báo cáo bị trả lại: %(title)s") if returned else _("Báo cáo đã được tiếp nhận: %(title)s")) % {
        "title": submission.request.title}
    body = event.comment if returned else ""
    notify(recipients=_people_of(submission), kind=Kind.REPORT_RETURNED if returned else Kind.REPORT_ACCEPTED,
           key=f"submission:{submission.pk}:event:{event.pk}", title=title, body=body,
           url=submission.get_absolute_url(), subject=submission)
