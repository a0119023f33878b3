"""PostgreSQL connections turn JIT off and make parallel plans dearer (short queries planned for a million
cases must not be compiled or split; docs/performance.md, "Planner settings"); an operator can change it."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from django.db import connection


def _options(env: dict[str, str]) -> str:
    code = ("import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE', 'danvan.settings'); django.setup(); "
            "from django.conf import settings; "
            "print(repr(settings.DATABASES['default'].get('OPTIONS', {}).get('options')))")
    return subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60,
                          check=True).stdout.strip()


def test_postgresql_connections_get_the_planner_settings_and_the_operator_may_change_them():
    env = {**os.environ, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/danvan"}
    env.pop("DANVAN_PG_OPTIONS", None)
    assert _options(env) == repr("-c jit=off -c parallel_setup_cost=10000")
    assert _options({**env, "DANVAN_PG_OPTIONS": ""}) == "None"
    assert _options({**env, "DANVAN_PG_OPTIONS": "-c jit=on"}) == repr("-c jit=on")
    assert _options({**env, "DATABASE_URL": "sqlite:////tmp/danvan-options.sqlite3"}) == "None"


@pytest.mark.django_db
def test_the_running_connection_has_them():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's settings")
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"
        cursor.execute("SHOW parallel_setup_cost")
        assert float(cursor.fetchone()[0]) == 10000
