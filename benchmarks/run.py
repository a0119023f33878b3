"""``make bench``: pages at two sizes, the generator's rate and the deadline engine's, on PostgreSQL.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench \\
    BENCH_SMALL=10000 BENCH_LARGE=200000 python benchmarks/run.py

1. Two databases, ``<name>_<small>`` and ``<name>_<large>``: ``danvan migrate``, ``danvan demo`` and
   ``danvan generate --units 200 --petitions N --seed 2026``. A database already built for the
   same size and seed is kept (migrated again), so a second run takes minutes, not the load.
2. The generator's rate: taken while building a database, or else by generating 20,000 more
   petitions into a copy of the small one (dropped afterwards).
3. Every page of ``benchmarks/pages.py`` on both databases, in alternation (``compare.py``):
   queries and p50/p95 at each size, and the ratio large/small.
4. The deadline engine without its memo: computations per second.
5. The triage assistant (``triage.py``): ``danvan triage eval``/``train`` on the small database,
   and the time to suggest for one case with a model of 100,000 synthetic cases.
6. Public intake against django-helpdesk (``intake.py``): both public forms under gunicorn on the
   same PostgreSQL server, in turns, with the same text repeated and with distinct texts; the
   ratio danvan/helpdesk and rows = successes (``BENCH_INTAKE_SECONDS``, 20 per server and scenario).

Writes ``benchmarks/results.json`` and prints a table with each goal. The machine may be shared:
read the ratios; absolute times are examples. Never part of ``make test``.
"""

from __future__ import annotations

import json
import os
import re
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DANVAN = [sys.executable, "-m", "danvan"]
SEED = 2026
UNITS = 200
GOALS = {"page_ratio": 1.5, "generator_per_s": 5000, "engine_per_s": 500_000, "intake_ratio": 2.0}


def _url_for(base: str, name: str) -> str:
    parts = urlsplit(base)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin(base: str):
    import psycopg

    return psycopg.connect(_url_for(base, "postgres"), autocommit=True)


def _danvan(url: str, *args: str, capture: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "danvan.settings"}
    return subprocess.run([*DANVAN, *args], env=env, check=True, text=True,
                          stdout=subprocess.PIPE if capture else subprocess.DEVNULL)


def _postgres_cpu() -> float | None:
    """CPU seconds used so far by every PostgreSQL process of this machine (``/proc``), or None.

    The server runs on this machine in ``make bench``; its backends, parallel index builders,
    WAL writer and checkpointer are all named ``postgres``, and those that have exited are counted
    in the postmaster's children's times. Other sessions' work at the same time
    counts too, so on a shared server the figure is an upper bound of the generator's cost.
    """
    proc = Path("/proc")
    if not proc.is_dir():
        return None
    ticks, total = os.sysconf("SC_CLK_TCK"), 0
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            raw = (entry / "stat").read_text()
        except OSError:
            continue
        name, _sep, rest = raw.partition(" (")[2].rpartition(")")
        if name == "postgres":
            fields = rest.split()
            # utime + stime, and cutime + cstime: the postmaster's share holds the backends that
            # have exited since (the generator's own among them once the command is done).
            total += sum(int(f) for f in fields[11:15])
    return total / ticks


def _generate(url: str, petitions: int, units: int) -> dict[str, float]:
    """Run ``danvan generate``: petitions per second of wall clock (as the command says), per CPU
    second of the generating process, and per CPU second of the generating process and PostgreSQL
    together (every ``postgres`` process of the machine: see :func:`_postgres_cpu`). On a shared
    machine the CPU figures say more about the code than the wall clock."""
    before, server_before = resource.getrusage(resource.RUSAGE_CHILDREN), _postgres_cpu()
    out = _danvan(url, "generate", "--units", str(units), "--petitions", str(petitions), "--seed", str(SEED),
                  "--every", str(max(petitions // 5, 1)), capture=True).stdout
    after, server_after = resource.getrusage(resource.RUSAGE_CHILDREN), _postgres_cpu()
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    server = server_after - server_before if server_before is not None and server_after is not None else None
    match = re.search(r"Xong trong ([\d.]+) giây", out)
    seconds = float(match.group(1)) if match else 0.0
    return {"petitions": petitions, "per_s_wall": round(petitions / seconds) if seconds else 0,
            "per_cpu_s": round(petitions / cpu) if cpu else 0,
            "postgres_cpu_s": round(server, 1) if server is not None else None,
            "per_cpu_s_with_postgres": round(petitions / (cpu + server)) if server else None,
            "load_average": round(os.getloadavg()[0], 1)}


def ensure_database(base: str, petitions: int, log) -> tuple[str, dict | None]:
    """The URL of a database holding the demo and ``petitions`` generated cases; the rate if built now."""
    name = f"{urlsplit(base).path.strip('/') or 'danvan_bench'}_{petitions}"
    url = _url_for(base, name)
    marker = f"danvan bench: {petitions} petitions, {UNITS} units, seed {SEED}"
    with _admin(base) as conn:
        row = conn.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                           [name]).fetchone()
        if row is not None and row[0] == marker:
            log(f"  {name}: kept from an earlier run")
            _danvan(url, "migrate", "--no-input", "-v0")
            return url, None
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    log(f"  {name}: migrate, demo, generate {petitions:,} petitions …")
    _danvan(url, "migrate", "--no-input", "-v0")
    _danvan(url, "demo")
    rate = _generate(url, petitions, UNITS)
    with _admin(base) as conn:
        conn.execute(f"COMMENT ON DATABASE \"{name}\" IS '{marker}'")
    return url, rate


def generator_rate(base: str, small_url: str, n: int = 20_000) -> dict:
    """Petitions per second for ``n`` more petitions in a throwaway copy of the small database."""
    small = urlsplit(small_url).path.strip("/")
    scratch = f"{small}_scratch"
    with _admin(base) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')
        conn.execute(f'CREATE DATABASE "{scratch}" TEMPLATE "{small}"')
    try:
        return _generate(_url_for(base, scratch), n, 0)
    finally:
        with _admin(base) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{scratch}"')


def engine_rate(n: int = 200_000) -> dict[str, float]:
    """Uncached deadline computations per second (the engine behind compute_due's memo)."""
    sys.path.insert(0, str(ROOT / "src"))
    from danvan.core.deadlines import _compute, default_rules
    from danvan.core.workdays import default_calendar

    cal, rules = default_calendar(), default_rules()
    starts = [date(2024, 1, 1) + timedelta(days=(i * 7) % 1096) for i in range(1000)]
    cal.add_workdays(starts[0], 1)
    cal.add_workdays(date(2027, 6, 30), 1)
    cases = [("complaint", "accept", False, 0), ("complaint", "resolve", True, 0), ("denunciation", "triage", False, 0),
             ("denunciation", "resolve", True, 1), ("reception", "post", False, 0)]
    per_case = n // len(cases) // len(starts)
    started, cpu = time.perf_counter(), time.process_time()
    for kind, milestone, complex_, extensions in cases:
        for _i in range(per_case):
            for start in starts:
                _compute(kind, milestone, start, None, complex_, False, False, False, extensions, cal, rules)
    seconds, cpu = time.perf_counter() - started, time.process_time() - cpu
    add_cpu = time.process_time()
    add = cal.add_workdays
    for _i in range(n // len(starts)):
        for start in starts:
            add(start, 10)
    done = per_case * len(starts) * len(cases)
    return {"uncached_per_s": round(done / seconds), "uncached_per_cpu_s": round(done / cpu),
            "add_workdays_per_cpu_s": round(n // len(starts) * len(starts) / (time.process_time() - add_cpu))}


def main() -> None:
    sys.path.insert(0, str(HERE))
    from compare import compare, table

    base = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        base = "postgres://postgres@127.0.0.1:5432/danvan_bench"
    small_n = int(os.environ.get("BENCH_SMALL", "10000"))
    large_n = int(os.environ.get("BENCH_LARGE", "200000"))

    def log(text: str) -> None:
        print(text, file=sys.stderr, flush=True)

    log("Databases:")
    small_url, small_rate = ensure_database(base, small_n, log)
    large_url, large_rate = ensure_database(base, large_n, log)
    log("Generator rate …")
    generator = large_rate or small_rate or generator_rate(base, small_url)
    log("Pages at both sizes …")
    pages = compare(small_url, large_url, int(os.environ.get("BENCH_ROUNDS", "3")),
                    int(os.environ.get("BENCH_RUNS", "5")))
    log("Deadline engine …")
    engine = engine_rate()
    from triage import run as triage_figures

    assistant = triage_figures(small_url, log)
    from intake import run as intake_run
    from intake import table as intake_table

    intake = intake_run(base, log, float(os.environ.get("BENCH_INTAKE_SECONDS", "20")))
    worst = max(row["ratio_p50"] for row in pages["pages"].values())
    results = {
        "date": date.today().isoformat(),
        "database": "postgresql",
        "sizes": pages["sizes"],
        "pages": pages["pages"],
        "dashboard_figures": pages["dashboard_figures"],
        "generator": generator,
        "deadline_engine": engine,
        "triage": {"date": date.today().isoformat(), **assistant},
        "intake": intake,
        "goals": GOALS,
        "met": {"page_ratio": worst <= GOALS["page_ratio"],
                "generator": generator["per_s_wall"] >= GOALS["generator_per_s"],
                "engine": engine["uncached_per_s"] >= GOALS["engine_per_s"],
                "triage_suggest": assistant["met"],
                "intake": intake["met"]},
    }
    (HERE / "results.json").write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
    print(table(pages))
    print()
    print(f"worst page ratio        {worst:.2f}×   (goal ≤ {GOALS['page_ratio']}×)")
    parts = {k: v for k, v in pages["dashboard_figures"].items() if k != "the whole overview"}
    slowest = max(parts, key=lambda k: parts[k]["large"]["p50_ms"])
    print(f"slowest dashboard figure {slowest}: {parts[slowest]['small']['p50_ms']} ms → "
          f"{parts[slowest]['large']['p50_ms']} ms ({parts[slowest]['ratio_p50']:.2f}×)")
    print(f"generator               {generator['per_s_wall']:,} petitions/s wall clock, "
          f"{generator['per_cpu_s']:,} per CPU second of the generator, "
          f"{generator.get('per_cpu_s_with_postgres') or 0:,} per CPU second with PostgreSQL's "
          f"(load {generator.get('load_average', '?')})   (goal ≥ {GOALS['generator_per_s']:,}/s)")
    print(f"deadline engine         {engine['uncached_per_s']:,} uncached computations/s wall clock, "
          f"{engine['uncached_per_cpu_s']:,} per CPU second   (goal ≥ {GOALS['engine_per_s']:,}); "
          f"add_workdays {engine['add_workdays_per_cpu_s']:,} per CPU second")
    synthetic = assistant["synthetic"]
    print(f"triage suggestion       {synthetic['suggest_ms_p50']} ms p50, {synthetic['suggest_ms_p95']} ms p95 at "
          f"{synthetic['cases']:,} synthetic cases   (goal < {assistant['goal_suggest_ms']:.0f} ms)")
    print(intake_table(intake))
    print(f"written to {HERE / 'results.json'}")


if __name__ == "__main__":
    main()
