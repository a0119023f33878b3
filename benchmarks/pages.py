"""Time the pages that grow with the data, as the users who see them, on the database in DATABASE_URL.

    DATABASE_URL=postgres://… python benchmarks/pages.py --runs 7 > out.json

Prints one JSON object: for each page, the number of SQL queries of the last run and the p50/p95
of the runs' wall times in milliseconds (Django's test client, logged in, no network). The
database must hold the demo (``danvan demo``) and usually one or more ``danvan generate`` batches.
``benchmarks/compare.py`` runs this on two databases in alternation and prints the ratios.
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
    ("reception book, ward officer", "canbo", "/tiep-cong-dan/so/"),
    ("reception book, coordinator", "noivu", "/tiep-cong-dan/so/"),
    ("reception sessions, coordinator", "noivu", "/tiep-cong-dan/"),
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
            with CaptureQueriesContext(connection) as ctx:
                start = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, (url, response.status_code)
            queries = len(ctx.captured_queries)
        results[name] = {"queries": queries, "p50_ms": round(statistics.median(times), 1),
                         "p95_ms": round(percentile(times, 0.95), 1)}
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver,localhost,127.0.0.1")
    import django

    django.setup()
    from django.conf import settings

    if "testserver" not in settings.ALLOWED_HOSTS and "*" not in settings.ALLOWED_HOSTS:
        settings.ALLOWED_HOSTS.append("testserver")
    json.dump(measure(args.runs), sys.stdout, ensure_ascii=False)
    print()


if __name__ == "__main__":
    main()
