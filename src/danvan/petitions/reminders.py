"""What the notifications tell about cases: assignment, the legal deadline ahead, the overdue ladder.

Registered with ``danvan.notifications.registry`` and run by ``danvan tick``. A notification names
the case by its code, kind and (except for denunciations) its summary; it never carries who filed
it — a denunciation's summary is left out too, as officers sometimes write names into it.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.utils.translation import gettext as _

from danvan.legal.selectors import current_calendar
from danvan.notifications import recipients as who
from danvan.notifications.models import Escalation, Step
from danvan.notifications.models import Kind as NotificationKind
from danvan.notifications.registry import Reminder, rule
from danvan.notifications.services import notify
from danvan.org.models import Staff
from danvan.petitions.models import OPEN_STATUSES, Kind, Petition

#: "Sắp đến hạn" this many working days before the deadline.
SOON_WORKDAYS = 3


def case_label(petition: Petition) -> str:
    label = _("%(kind)s %(code)s") % {"kind": Kind(petition.kind).label, "code": petition.code}
    if petition.kind == Kind.DENUNCIATION:
        return label
    return f"{label}: {petition.subject}"


def notify_assigned(*, petition: Petition, officer: Staff | None, actor: Staff | None) -> None:
    """Tell an officer a case was given to them (not when they took it themselves)."""
    if officer is None or (actor is not None and actor.pk == officer.pk):
        return
    due = petition.next_due
    body = _("Hạn đang chạy: %(due)s.") % {"due": due.strftime("%d/%m/%Y")} if due else ""
    notify(recipients=[officer], kind=NotificationKind.ASSIGNED,
           key=f"petition:{petition.pk}:assigned:{petition.version}",
           title=_("Bạn được giao xử lý %(case)s") % {"case": case_label(petition)},
           body=body, url=petition.get_absolute_url(), subject=petition)


def _told_at(step: str, officer: list[Staff], heads: list[Staff]) -> list[Staff]:
    return officer if step == Step.OFFICER else heads


def _steps(days_over: int, after: int) -> list[str]:
    steps = [Step.OFFICER]
    if days_over >= after:
        steps.append(Step.UNIT_HEAD)
    if days_over >= 2 * after:
        steps.append(Step.LEADER)
    return steps


@rule("petitions.deadlines")
def deadline_reminders(today: date) -> Iterator[Reminder]:
    calendar = current_calendar()
    horizon = calendar.add_workdays(today, SOON_WORKDAYS)
    after = max(1, settings.DANVAN_ESCALATE_AFTER_WORKDAYS)
    cases: Iterable[Petition] = list(
        Petition.objects.filter(status__in=OPEN_STATUSES, next_due__isnull=False, next_due__lte=horizon)
        .select_related("assigned_to", "handling_unit").order_by("next_due", "pk"))
    heads = who.unit_heads({p.handling_unit_id for p in cases})
    # Steps already taken are skipped here (one query), not refused one by one by the unique key.
    taken = set(Escalation.objects.filter(subject_type=ContentType.objects.get_for_model(Petition),
                                          subject_id__in=[p.pk for p in cases if p.next_due < today])
                .values_list("subject_id", "due", "step"))
    leaders = who.LeaderFinder()
    for p in cases:
        due = p.next_due
        when = due.strftime("%d/%m/%Y")
        officer = [p.assigned_to] if p.assigned_to_id else heads.get(p.handling_unit_id, [])
        url = p.get_absolute_url()
        if due > today:
            yield Reminder(key=f"petition:{p.pk}:soon:{due.isoformat()}", kind=NotificationKind.DUE_SOON,
                           recipients=officer, subject=p, due=due, url=url,
                           title=_("Sắp đến hạn giải quyết (%(due)s): %(case)s") % {"due": when, "case": case_label(p)},
                           body=_("Còn %(n)d ngày làm việc đến hạn theo luật.") % {
                               "n": calendar.workdays_between(today, due)})
        elif due == today:
            yield Reminder(key=f"petition:{p.pk}:today:{due.isoformat()}", kind=NotificationKind.DUE_TODAY,
                           recipients=officer, subject=p, due=due, url=url,
                           title=_("Hôm nay đến hạn giải quyết: %(case)s") % {"case": case_label(p)})
        else:
            days_over = max(1, calendar.workdays_between(due, today))
            told: list[Staff] = []
            for step in _steps(days_over, after):
                if (p.pk, due, step) in taken:
                    told = _told_at(step, officer, heads.get(p.handling_unit_id, []))
                    continue
                if step == Step.OFFICER:
                    people, kind = officer, NotificationKind.OVERDUE
                    title = _("Quá hạn giải quyết từ %(due)s: %(case)s") % {"due": when, "case": case_label(p)}
                elif step == Step.UNIT_HEAD:
                    people, kind = heads.get(p.handling_unit_id, []), NotificationKind.ESCALATED
                    title = _("Hồ sơ quá hạn %(n)d ngày làm việc tại đơn vị: %(case)s") % {
                        "n": days_over, "case": case_label(p)}
                else:
                    people = leaders.above(p.handling_unit, exclude=told)
                    kind = NotificationKind.ESCALATED
                    title = _("Báo cáo lãnh đạo: hồ sơ quá hạn %(n)d ngày làm việc: %(case)s") % {
                        "n": days_over, "case": case_label(p)}
                handler = p.assigned_to.get_full_name() if p.assigned_to_id else _("chưa giao cán bộ")
                body = _("Đơn vị xử lý: %(unit)s. Cán bộ xử lý: %(officer)s. Hạn theo luật: %(due)s.") % {
                    "unit": p.handling_unit.name, "officer": handler, "due": when}
                told = list(people)
                yield Reminder(key=f"petition:{p.pk}:overdue:{due.isoformat()}:{step}", kind=kind,
                               recipients=people, subject=p, due=due, step=step, days_over=days_over,
                               url=url, title=title, body=body)
