"""The home page's "việc cần làm": what is late or due soon in the user's scope, across modules.

Each module is read through its own selectors or policy filter; each count is one query, so the
page costs the same whatever the number of records.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.cache import cache
from django.core.exceptions import EmptyResultSet
from django.db import connection

from danvan.legal import permissions as legal_permissions
from danvan.org import cacheversion, clock, policy

SOON_DAYS = 5
FIGURES_SECONDS = 60
#: Counts stop here: a district's open cases (78,000 of a generated province's 1,000,000) are not all
#: read on each view; above it the page says "hơn 1.000".
COUNT_CAP = 1000
_VERSION_KEY = "home-petitions:version"


def figures_version() -> int:
    """A counter every write of a case or a line of the book moves on: cached home-page counts are never older."""
    return cacheversion.current(_VERSION_KEY)


def invalidate_figures(**_kwargs: Any) -> None:
    """Receiver of every save and delete of a case or a reception line: the next home page counts again."""
    cacheversion.bump(_VERSION_KEY)


@dataclass(frozen=True)
class Workload:
    petitions_open: int
    petitions_overdue: int
    petitions_due_soon: int
    overdue_petitions: list[Any]
    replies_overdue: int
    tasks_overdue: int
    overdue_tasks: list[Any]
    reports_pending: list[Any]
    calendar_years: list[int]  # for who keeps the calendar: years whose days off are still to confirm
    count_cap: int = COUNT_CAP  # the four counts above stop at count_cap + 1: more than the cap


def _counts_upto(parts: dict[str, Any], cap: int) -> dict[str, int]:
    """The number of rows of each queryset in ``parts``, exact up to ``cap`` (``cap + 1`` means more),
    in one statement: ``SELECT (SELECT COUNT(*) FROM (… LIMIT cap + 1)), …``."""
    names, selects, params = list(parts), [], []
    for name in names:
        try:
            sql, values = parts[name].order_by().values("pk")[: cap + 1].query.sql_with_params()
        except EmptyResultSet:  # a scope of no unit
            selects.append("0")
            continue
        selects.append(f"(SELECT COUNT(*) FROM ({sql}) AS upto_{len(selects)})")
        params.extend(values)
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(selects), params)
        row = cursor.fetchone()
    return dict(zip(names, (int(value) for value in row), strict=True))


def workload(user: Any, *, today: date | None = None) -> Workload:
    from danvan.legal.selectors import years_to_confirm
    from danvan.petitions.models import OPEN_STATUSES, Status
    from danvan.petitions.selectors import visible_petitions
    from danvan.plans.selectors import overdue_tasks
    from danvan.reception.models import ReceptionEntry
    from danvan.reporting.models import ReportRequest, Submission, SubmissionStatus

    today = today or clock.today()
    soon = today + timedelta(days=SOON_DAYS)
    # Open cases first (a partial index holds only them), so the counts follow the open workload,
    # not the years of closed cases behind it; and kept a minute, dropped at any case's change.
    open_petitions = visible_petitions(user).filter(status__in=OPEN_STATUSES)
    key = (f"home-petitions:{figures_version()}:{getattr(user, 'pk', None)}:{getattr(user, 'unit_id', None)}:"
           f"{getattr(user, 'role', '')}:{today.isoformat()}")
    counts = cache.get(key)
    if counts is None:
        narrow_open = None
        if not policy.is_administrator(user) and getattr(user, "role", None) not in policy.WIDE_ROLES:
            # An officer's few units: the same cases as "not closed", a test PostgreSQL makes on the
            # scope's rows; "open" let it also read the partial index of every open case in the
            # province (78,000 entries at 1,000,000 cases, 7 ms) to intersect with the officer's 8.
            closed = [value for value in Status.values if value not in OPEN_STATUSES]
            narrow_open = visible_petitions(user).exclude(status__in=closed)
        # Each count stops after COUNT_CAP + 1 rows: a committee's open cases grow with the years of
        # cases behind them, and an exact count read them all (300 ms at 1,000,000 cases) whenever a
        # write had moved the version on, which in a busy district is most views.
        counts = _counts_upto({
            "open": narrow_open if narrow_open is not None else open_petitions,
            "overdue": open_petitions.filter(next_due__lt=today),
            "soon": open_petitions.filter(next_due__gte=today, next_due__lte=soon),
            # Lines of the book still unanswered past their due date: as many as the backlog.
            "replies": ReceptionEntry.objects.filter(policy.unit_q(user, "unit"), replied_on__isnull=True,
                                                     reply_due__lt=today),
        }, COUNT_CAP)
        cache.set(key, counts, FIGURES_SECONDS)
    late_petitions = list(open_petitions.filter(next_due__lt=today)
                          .select_related("handling_unit").order_by("next_due")[:5])
    replies = counts["replies"]
    tasks = overdue_tasks(user, today=today)
    pending: list[Any] = []
    if getattr(user, "unit_id", None):
        done = Submission.objects.filter(
            unit_id=user.unit_id, status__in=[SubmissionStatus.SUBMITTED, SubmissionStatus.ACCEPTED])
        pending = list(
            ReportRequest.objects.filter(units=user.unit_id, due_date__gte=today - timedelta(days=60))
            .exclude(pk__in=done.values("request_id"))
            .select_related("requesting_unit").order_by("due_date")[:5]
        )
    return Workload(
        petitions_open=counts["open"], petitions_overdue=counts["overdue"], petitions_due_soon=counts["soon"],
        overdue_petitions=late_petitions, replies_overdue=replies, tasks_overdue=tasks.count(),
        overdue_tasks=list(tasks[:5]), reports_pending=pending,
        calendar_years=years_to_confirm(today) if policy.can(user, legal_permissions.CALENDAR_CHANGE) else [],
        count_cap=COUNT_CAP,
    )
