"""Reads of notifications shaped for pages (each a fixed number of queries)."""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet
from django.http import Http404

from danvan.notifications.models import EmailMode, Escalation, Notification, Preference
from danvan.org.models import Staff


def unread_count(staff: Staff) -> int:
    return Notification.objects.filter(recipient=staff, read_at__isnull=True).count()


def notifications_for(staff: Staff, *, unread_only: bool = False) -> QuerySet[Notification]:
    """Only the person's own notifications: nobody reads another's."""
    qs = Notification.objects.filter(recipient=staff)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    return qs.order_by("-created_at", "-pk")


def notification_for(staff: Staff, pk: int) -> Notification:
    """The person's own notification, or 404 (another person's notification does not exist for them)."""
    found = Notification.objects.filter(pk=pk, recipient=staff).first()
    if found is None:
        raise Http404
    return found


def email_mode(staff: Staff) -> str:
    return Preference.objects.filter(staff=staff).values_list("email_mode", flat=True).first() or EmailMode.IMMEDIATE


def escalations_for(obj: Any) -> list[Escalation]:
    """The ladder steps taken for a record, oldest first, with the people told (two queries)."""
    ctype = ContentType.objects.get_for_model(obj)
    return list(Escalation.objects.filter(subject_type=ctype, subject_id=obj.pk)
                .prefetch_related("recipients").order_by("created_at", "pk"))
