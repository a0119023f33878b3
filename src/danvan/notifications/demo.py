"""Demo notifications: a few for the demo officer, the ward's chairman and the district's coordinator.

Add-only like every demo: each notification has a fixed key and is created only when missing, the
escalation step only when that step was never taken. The records they point to are the other apps'
demo records, found through the app registry (this app sits below them and never imports them).
``danvan tick`` is not part of the demo: it depends on the day it runs.
"""

from __future__ import annotations

from typing import IO

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from danvan.notifications.models import EmailState, Escalation, Kind, Notification, Step
from danvan.notifications.recipients import unit_heads
from danvan.org import clock
from danvan.org.models import Staff

#: Open states of a case (as petitions.models.OPEN_STATUSES, which this app may not import).
OPEN = ["received", "triaged", "accepted", "verifying", "dialogue", "suspended", "resolved", "concluded"]


def _label(case) -> str:
    return f"{case.get_kind_display()} {case.code}: {case.subject}"


def _add(*, person: Staff | None, key: str, kind: str, title: str, body: str = "", obj=None) -> bool:
    if person is None or Notification.objects.filter(key=key).exists():
        return False
    Notification.objects.create(
        recipient=person, key=key, kind=kind, title=title, body=body,
        url=obj.get_absolute_url() if obj is not None else "",
        subject_type=ContentType.objects.get_for_model(obj) if obj is not None else None,
        subject_id=obj.pk if obj is not None else None,
        email_state=EmailState.NONE,  # the demo's addresses are not real: nothing is mailed
    )
    return True


@transaction.atomic
def load(out: IO[str]) -> None:
    people = {s.username: s for s in Staff.objects.filter(username__in=["canbo", "phuong", "noivu"])}
    Petition = apps.get_model("petitions", "Petition")
    ReportRequest = apps.get_model("reporting", "ReportRequest")
    added = 0
    mine = Petition.objects.filter(assigned_to=people.get("canbo"), next_due__isnull=False,
                                   status__in=OPEN).exclude(kind="denunciation").order_by("next_due", "pk")
    today = clock.today()
    soon = mine.filter(next_due__gte=today).first()
    if soon is not None:
        added += _add(person=people.get("canbo"), key="demo:canbo:due-soon", kind=Kind.DUE_SOON, obj=soon,
                      title=f"Sắp đến hạn giải quyết ({soon.next_due:%d/%m/%Y}): {_label(soon)}",
                      body="Hạn theo luật đã gần: hãy hoàn thành hoặc gia hạn nếu luật cho phép.")
    late = (Petition.objects.filter(next_due__lt=today, status__in=OPEN)
            .exclude(kind="denunciation").select_related("assigned_to", "handling_unit").order_by("next_due", "pk")
            .first())
    if late is not None:
        due = late.next_due.strftime("%d/%m/%Y")
        heads = unit_heads([late.handling_unit_id]).get(late.handling_unit_id, [])
        # Not yet given to an officer: the officer's step goes to the head of the unit (as the tick does).
        officers = [late.assigned_to] if late.assigned_to_id else heads
        handler = late.assigned_to.get_full_name() if late.assigned_to_id else "chưa giao cán bộ"
        body = f"Đơn vị xử lý: {late.handling_unit.name}. Cán bộ xử lý: {handler}. Hạn theo luật: {due}."
        for officer in officers:
            added += _add(person=officer, key=f"demo:overdue:officer:{officer.username}", kind=Kind.OVERDUE,
                          obj=late, title=f"Quá hạn giải quyết từ {due}: {_label(late)}", body=body)
        for head in heads:
            added += _add(person=head, key=f"demo:overdue:head:{head.username}", kind=Kind.ESCALATED, obj=late,
                          title=f"Hồ sơ quá hạn tại đơn vị: {_label(late)}", body=body)
        ctype = ContentType.objects.get_for_model(late)
        for step, told, days in ((Step.OFFICER, officers, 1), (Step.UNIT_HEAD, heads, 3)):
            if not Escalation.objects.filter(subject_type=ctype, subject_id=late.pk, due=late.next_due,
                                             step=step).exists():
                row = Escalation.objects.create(subject_type=ctype, subject_id=late.pk, due=late.next_due,
                                                step=step, days_over=days)
                row.recipients.set(told)
    request = ReportRequest.objects.order_by("-due_date", "pk").first()
    if request is not None:
        added += _add(person=people.get("noivu"), key="demo:noivu:report-due", kind=Kind.REPORT_DUE, obj=request,
                      title=f"Báo cáo sắp đến hạn nộp ({request.due_date:%d/%m/%Y}): {request.title}",
                      body="Còn đơn vị chưa nộp báo cáo.")
    out.write(f"Thông báo mẫu: thêm {added}.\n")
