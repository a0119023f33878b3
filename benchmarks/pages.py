"""Time the pages that grow with the data, as the users who see them, on the database in DATABASE_URL.

    DATABASE_URL=postgres://… python benchmarks/pages.py --runs 7 > out.json

Prints one JSON object: for each page, the number of SQL queries of the last run and the p50/p95
of the runs' wall times in milliseconds (Django's test client, logged in, no network). The
database must hold the demo (``danvan demo``) and usually one or more ``danvan generate`` batches.
With ``--pair SMALL_URL LARGE_URL`` it measures two databases side by side, alternating request by
request (what ``benchmarks/compare.py`` and ``make bench`` use).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time

# (name, username, url): the pages whose latency must not grow with the number of cases.
PAGES = [
    ("petition list, ward officer", "canbo", "/don-thu/"),
    ("petition list, coordinator", "noivu", "/don-thu/"),
    ("petition list page 40, coordinator", "noivu", "/don-thu/?page=40"),
    ("overdue petitions, coordinator", "noivu", "/don-thu/?overdue=on"),
    ("search without diacritics, ward officer", "canbo", "/don-thu/?q=dat+dai"),
    ("search without diacritics, coordinator", "noivu", "/don-thu/?q=dat+dai"),
    ("home, ward officer", "canbo", "/"),
    ("home, coordinator", "noivu", "/"),
    ("home after a write, ward officer", "canbo", "/"),
    ("home after a write, coordinator", "noivu", "/"),
    ("reception book, ward officer", "canbo", "/tiep-cong-dan/so/"),
    ("reception book, coordinator", "noivu", "/tiep-cong-dan/so/"),
    ("reception sessions, coordinator", "noivu", "/tiep-cong-dan/"),
    ("dashboard, district chairman", "chutich", "/bang-dieu-hanh/"),
    ("dashboard, coordinator", "noivu", "/bang-dieu-hanh/"),
]

# Rows timed just after a write of a case or a reception line (untimed): the home page's kept counts
# are then counted again, as on most views in a district where cases are written all day.
AFTER_WRITE = {"home after a write, ward officer", "home after a write, coordinator"}


def before_request(name: str) -> None:
    if name in AFTER_WRITE:
        from danvan.web.selectors import invalidate_figures

        invalidate_figures()


def dashboard_figures() -> list[tuple[str, object]]:
    """The parts of the leaders' dashboard, each a call timed on its own (the district, this year so
    far): which figure is the slowest, and whether any grows with the data."""
    from danvan.dashboard import selectors as dashboard
    from danvan.dashboard import views as dashboard_views
    from danvan.org import clock
    from danvan.org.models import Staff, Unit
    from danvan.petitions import figures as petition_figures
    from danvan.petitions import selectors as petition_selectors
    from danvan.plans import figures as plan_figures
    from danvan.plans import selectors as plan_selectors
    from danvan.reception import figures as reception_figures

    chairman = Staff.objects.get(username="chutich")
    unit = Unit.objects.get(code="tx-ubnd")
    start, end = dashboard.default_period(clock.today())
    overview = dashboard.overview(chairman, unit, start, end)

    def ids() -> list[int]:
        return list(Unit.objects.filter(path__startswith=unit.path).values_list("pk", flat=True))

    def overdue() -> list:
        cases = petition_selectors.petition_list(chairman, petition_selectors.Filters(handling_unit=unit,
                                                                                      overdue_on=end))
        return list(cases.order_by("next_due", "pk")[:dashboard.OVERDUE_SHOWN])

    def plan_items():
        plan = plan_selectors.plan_list(chairman).order_by("-date", "-pk").first()
        return plan_selectors.progress_tree(plan, unit=unit) if plan else None

    return [
        ("petitions: received, resolved, on time, overdue", lambda: petition_figures.compute(start, end, ids())),
        ("petitions: monthly trend", lambda: petition_figures.monthly(start, end, ids())),
        ("overdue cases (first 20)", overdue),
        ("reception: days held/required, dialogues, commitments",
         lambda: reception_figures.compute(start, end, ids())),
        ("plans: tasks, progress, overdue", lambda: plan_figures.compute(start, end, ids())),
        ("plan progress per item", plan_items),
        ("the four charts (SVG, from figures already computed)",
         lambda: [dashboard_views._svg(name, overview) for name in dashboard_views.CHARTS]),
        ("the whole overview", lambda: dashboard.overview(chairman, unit, start, end)),
    ]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    k = (len(ordered) - 1) * q
    lo, hi = int(k), min(int(k) + 1, len(ordered) - 1)
    return ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo)


def measure(runs: int) -> dict[str, dict[str, float]]:
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from danvan.org.models import Staff
    from danvan.petitions.models import Petition

    results: dict[str, dict[str, float]] = {"_size": {"petitions": Petition.objects.count()}}
    clients: dict[str, Client] = {}
    for name, username, url in PAGES:
        client = clients.get(username)
        if client is None:
            client = clients[username] = Client()
            client.force_login(Staff.objects.get(username=username))
        times = []
        queries = 0
        client.get(url)  # warm the caches of the process (templates, legal calendar)
        for _i in range(runs):
            before_request(name)
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            queries = len(ctx.captured_queries)
        results[name] = {"queries": queries, "p50_ms": round(statistics.median(times), 1),
                         "p95_ms": round(percentile(times, 0.95), 1)}
    return results


def measure_pair(small_url: str, large_url: str, runs: int) -> dict:
    """Every page on both databases, alternating request by request in one process.

    The machine's load then weighs on both sizes alike. Before each timed request the connection
    is switched to that database (connecting is not timed); each database has its own logged-in
    client, since a session lives in the database it was made in.
    """
    import dj_database_url
    from django.core.cache import caches
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from danvan.org.models import Staff
    from danvan.petitions.models import Petition

    targets = {"small": dj_database_url.parse(small_url)["NAME"], "large": dj_database_url.parse(large_url)["NAME"]}

    def use(size: str) -> None:
        if connection.settings_dict["NAME"] != targets[size]:
            connection.close()
            connection.settings_dict["NAME"] = targets[size]
        connection.ensure_connection()
        # Each database its own cache entries: the same user has the same key in both, and the large
        # database must not be served the small one's cached figures.
        caches["default"].key_prefix = size

    clients: dict[tuple[str, str], Client] = {}
    sizes = {}
    for size in targets:
        use(size)
        sizes[size] = Petition.objects.count()
        for username in sorted({u for _n, u, _url in PAGES}):
            client = clients[size, username] = Client()
            client.force_login(Staff.objects.get(username=username))
    result: dict = {"sizes": sizes, "pages": {}}
    for name, username, url in PAGES:
        times: dict[str, list[float]] = {"small": [], "large": []}
        queries = {}
        for size in targets:  # warm each process-level cache once per database
            use(size)
            clients[size, username].get(url)
        for _i in range(runs):
            for size in targets:
                use(size)
                before_request(name)
                with CaptureQueriesContext(connection) as ctx:
                    start = time.perf_counter()
                    response = clients[size, username].get(url)
                    times[size].append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, (size, url, response.status_code)
                queries[size] = len(ctx.captured_queries)
        row = {size: {"queries": queries[size], "p50_ms": round(statistics.median(times[size]), 1),
                      "p95_ms": round(percentile(times[size], 0.95), 1)} for size in targets}
        row["ratio_p50"] = round(row["large"]["p50_ms"] / max(row["small"]["p50_ms"], 0.1), 2)
        result["pages"][name] = row
    result["dashboard_figures"] = {}
    for size in targets:
        use(size)
        for name, call in dashboard_figures():
            call()  # warm
            times = []
            for _i in range(runs):
                start = time.perf_counter()
                call()
                times.append((time.perf_counter() - start) * 1000)
            result["dashboard_figures"].setdefault(name, {})[size] = {"p50_ms": round(statistics.median(times), 1)}
    for row in result["dashboard_figures"].values():
        row["ratio_p50"] = round(row["large"]["p50_ms"] / max(row["small"]["p50_ms"], 0.1), 2)
    return result


def setup() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    import django

    django.setup()
    from django.conf import settings

    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append("testserver")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--pair", nargs=2, metavar=("SMALL_URL", "LARGE_URL"),
                        help="measure two databases side by side, request by request")
    args = parser.parse_args()
    if args.pair:
        os.environ["DATABASE_URL"] = args.pair[0]
    setup()
    result = measure_pair(*args.pair, args.runs) if args.pair else measure(args.runs)
    json.dump(result, sys.stdout, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
