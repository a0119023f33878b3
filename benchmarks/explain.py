"""Print PostgreSQL's plan of the main list and home-page queries, as a ward officer and a coordinator.

    DATABASE_URL=postgres://… python benchmarks/explain.py > plans.txt

``EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF)`` of the queries the pages run, built by the same
selectors, so docs/performance.md can show which index serves each one.
"""

from __future__ import annotations

import os


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.db import connection
    from django.utils import timezone

    from danvan.org import policy
    from danvan.org.models import Staff
    from danvan.petitions import selectors
    from danvan.petitions.models import OPEN_STATUSES
    from danvan.reception import selectors as reception
    from danvan.reception.models import ReceptionEntry

    def explain(title: str, qs) -> None:
        sql, params = qs.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        print(f"### {title}\n\n```\n{plan}\n```\n")

    today = timezone.localdate()
    for username in ("canbo", "noivu"):
        user = Staff.objects.select_related("unit").get(username=username)
        who = f"{username} ({user.get_role_display()})"
        rows = selectors.petition_list(user)
        explain(f"Petition list, first page — {who}", rows[:25])
        explain(f"Petition list, capped count — {who}", rows[:1001].values("pk"))
        open_ = selectors.visible_petitions(user).filter(status__in=OPEN_STATUSES)
        explain(f"Home, the open cases its counts read — {who}", open_.values("pk", "next_due"))
        explain(f"Home, late cases — {who}", open_.filter(next_due__lt=today).order_by("next_due")[:5])
        explain(f"Home, replies overdue — {who}", ReceptionEntry.objects.filter(
            policy.unit_q(user, "unit"), replied_on__isnull=True, reply_due__lt=today).values("pk"))
        explain(f"Reception sessions, first page — {who}", reception.session_list(user)[:50])


if __name__ == "__main__":
    main()
