"""The one clock: "today" and "now" in the user's time zone (Asia/Ho_Chi_Minh), for every module.

Deadlines, overdue flags, default dates on forms and the year of a report all ask this module,
never ``date.today()`` (the server's zone) or ``timezone.localdate()`` directly, so that a test —
or the CI run "as if on 2 January" and "in next year's Tết week" — moves every part of danvan to
the same day with :func:`freeze`.
"""

from __future__ import annotations

from datetime import date, datetime, time

from django.utils import timezone

_frozen: datetime | None = None


def now() -> datetime:
    """The current moment, aware, in the active time zone."""
    return timezone.localtime(_frozen) if _frozen is not None else timezone.localtime()


def today() -> date:
    """Today's date in the user's time zone."""
    return now().date()


def freeze(moment: date | datetime | None) -> None:
    """Stop the clock at ``moment`` (a date means 09:00 that day); ``None`` lets it run again."""
    global _frozen
    if moment is None:
        _frozen = None
        return
    if not isinstance(moment, datetime):
        moment = datetime.combine(moment, time(9, 0))
    _frozen = timezone.make_aware(moment) if timezone.is_naive(moment) else moment
