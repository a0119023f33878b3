"""Public intake: danvan's citizen form against django-helpdesk's public ticket form, on one stack.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/danvan_bench python benchmarks/intake.py \\
        [--seconds 20] [--rounds 2] [--concurrency 8]

1. django-helpdesk comes from PyPI into a virtual environment of the bench's own
   (``var/bench-helpdesk-venv``: ``django-helpdesk==2.6.*``, gunicorn, psycopg), never into danvan's
   dependencies. Its site is ``benchmarks/helpdesk_site`` (one queue open to public submissions).
2. Two databases on the same PostgreSQL server, made afresh: ``<name>_intake`` (``danvan migrate``
   and ``danvan demo``) and ``<name>_helpdesk`` (migrated, the public queue).
3. Both served by gunicorn (same version, 2 sync workers, ``--preload``), DEBUG off, the same
   ``CONN_MAX_AGE``, anonymous (neither form needs an account), e-mail rendered into memory (the
   ``locmem`` backend) on both. danvan's per-address portal limits are raised for this server only
   (``DANVAN_PORTAL_SUBMIT_PER_HOUR``, ``DANVAN_PORTAL_PAGES_PER_WINDOW``): every request comes from
   127.0.0.1; the limit code still runs on every request.
4. ``--concurrency`` threads each act as one new visitor after another: fetch the form (a new
   session, the CSRF token and danvan's one-time token from the page), post it as multipart as a
   browser does; a success is the form's redirect to its receipt page (not followed). Two
   scenarios: the same text (and the same sender) every time, and a different text and sender each
   time. The servers take turns (``--rounds`` slots of ``--seconds / --rounds`` each, order swapped
   every round), so a load from elsewhere on a shared machine falls on both.
5. Afterwards the new rows in each database must equal the successes counted (and on danvan every
   new case has its petitioner's identity and its deadline): otherwise the run fails.
6. Also counted: CPU seconds of each server's gunicorn processes and of the PostgreSQL backends
   connected to its database, per submission (``/proc``; a figure other load hardly inflates).
7. danvan's background worker (``danvan worker``) runs beside its gunicorn: the work a filing leaves
   to it (duplicate suggestions) is done during danvan's turn and counted: after each turn the bench
   waits until danvan's queue is empty, that wait counts in danvan's seconds, the worker's CPU in
   its CPU per submission, and a failed task fails the run.

Prints a table (submissions per second, p50, errors, ratio danvan/helpdesk, goal ≥ 2×) and, when
run alone, writes the ``intake`` key of ``benchmarks/results.json``. Never part of ``make test``.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import re
import secrets
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
VENV = ROOT / "var" / "bench-helpdesk-venv"
HELPDESK_SPEC = "django-helpdesk==2.6.*"
GOAL = 2.0
WORKERS = 2
DANVAN_PORT = int(os.environ.get("BENCH_INTAKE_PORT", "18731"))  # and the next one for django-helpdesk
HELPDESK_PORT = DANVAN_PORT + 1
DANVAN_FORM, HELPDESK_FORM = "/cong-thong-tin/gui/", "/helpdesk/tickets/submit/"
DANVAN_DONE, HELPDESK_DONE = "/cong-thong-tin/gui/da-gui/", "/helpdesk/view/?ticket="
LOCMEM = "django.core.mail.backends.locmem.EmailBackend"

sys.path.insert(0, str(ROOT / "scripts"))
from load import Browser, Down, hidden_fields, options, stop_group  # noqa: E402  (the load test's browser)

# Vietnamese syllables: a counter written in them makes a name and a text no earlier one shares.
SYLLABLES = ("an bình châu dũng hà huy lan nam oanh phúc quang sơn tâm thảo uyên vinh xuân yến "
             "đức giang khánh linh minh ngọc phương thanh trung việt").split()
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
WORDS = ("đèn đường ngõ hỏng rác tồn đọng chân cầu nước thải tràn xe tải bụi vỉa hè lấn chiếm tiếng ồn "
         "karaoke cống ngập mương cây đổ dây điện chợ tạm lòng đường biển báo ổ gà").split()


def _spell(n: int, words: list[str], parts: int) -> str:
    out = []
    for _i in range(parts):
        n, r = divmod(n, len(words))
        out.append(words[r])
    return " ".join(out)


@dataclass(frozen=True)
class Text:
    subject: str
    content: str
    name: str
    email: str


def text_for(scenario: str, n: int) -> Text:
    """The same text and sender every time (``repeated``), or ones no other submission has (``distinct``)."""
    if scenario == "repeated":
        return Text("Đèn đường ngõ 105 hỏng nhiều ngày",
                    "Kính gửi Ủy ban nhân dân phường. Đèn đường ngõ 105 hỏng đã mười ngày, buổi tối rất tối, "
                    "người dân đi lại khó khăn. Đề nghị phường kiểm tra, sửa chữa.",
                    "Nguyễn Văn An", "nguyenvanan@example.vn")
    words = _spell(n, WORDS, 4)
    return Text(f"Phản ánh {words} (lần {n})",
                f"Kính gửi Ủy ban nhân dân phường. Tôi phản ánh việc {words} ở khu dân cư số {n}; "
                f"{_spell(n * 7919, WORDS, 6)}. Đề nghị phường kiểm tra, xử lý.",
                f"{FAMILY[n % len(FAMILY)]} {_spell(n // len(FAMILY), SYLLABLES, 3).title()}",
                f"nguoi{n}@example.vn")


# --- the two forms, as a browser fills them --------------------------------------------------------


def submit_danvan(port: int, text: Text, n: int) -> tuple[bool, str]:
    b = Browser(port, "127.0.0.1", timeout=60)
    r = b.get(DANVAN_FORM)
    if r.status != 200:
        return False, f"form {r.status}"
    units, fields = options(r.text, "unit"), options(r.text, "field")
    if not units or not fields:
        return False, "form without units or fields"
    r = b.post(DANVAN_FORM, [
        *hidden_fields(r.text),
        ("kind", "feedback" if n % 2 else "recommendation"),
        ("field", fields[n % len(fields)]), ("unit", units[n % len(units)]),
        ("subject", text.subject), ("content", text.content), ("location", "Ngõ 105 đường Nguyễn Trãi"),
        ("full_name", text.name), ("phone", "0912345678"), ("email", text.email),
        ("address", "Số 12 ngõ 105 Nguyễn Trãi"), ("website", ""),
    ])
    if r.status == 302 and r.headers.get("location", "").endswith(DANVAN_DONE):
        return True, ""
    return False, f"post {r.status} {r.headers.get('location', '')} {r.text[:120]!r}"


def submit_helpdesk(port: int, text: Text, n: int) -> tuple[bool, str]:
    b = Browser(port, "127.0.0.1", timeout=60)
    r = b.get(HELPDESK_FORM)
    if r.status != 200:
        return False, f"form {r.status}"
    r = b.post(HELPDESK_FORM, [
        *hidden_fields(r.text),
        ("title", text.subject), ("body", text.content), ("submitter_email", text.email),
    ])
    if r.status == 302 and HELPDESK_DONE in r.headers.get("location", ""):
        return True, ""
    return False, f"post {r.status} {r.headers.get('location', '')} {r.text[:120]!r}"


# --- servers --------------------------------------------------------------------------------------


_TICK = os.sysconf("SC_CLK_TCK")


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / _TICK  # utime, stime


def _group(pgid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getpgid(int(entry.name)) == pgid:
                    pids.append(int(entry.name))
            except OSError:
                pass
    return pids


@dataclass
class Server:
    name: str
    argv: list[str]
    env: dict[str, str]
    port: int
    form: str
    submit: object
    rows_sql: str
    database_url: str
    log: Path
    worker_argv: list[str] | None = None
    proc: subprocess.Popen | None = None
    worker: subprocess.Popen | None = None

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [*self.argv, "--workers", str(WORKERS), "--bind", f"127.0.0.1:{self.port}", "--timeout", "60",
             "--preload", "--no-control-socket"],
            env=self.env, cwd=ROOT, start_new_session=True, stdout=open(self.log, "w"), stderr=subprocess.STDOUT)
        if self.worker_argv:
            self.worker = subprocess.Popen(self.worker_argv, env=self.env, cwd=ROOT, start_new_session=True,
                                           stdout=open(self.log.with_suffix(".worker.log"), "w"),
                                           stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            try:
                if Browser(self.port, "127.0.0.1", timeout=10).get(self.form).status == 200:
                    return
            except Down:
                pass
            if self.proc.poll() is not None:
                break
            time.sleep(0.3)
        raise SystemExit(f"{self.name}: gunicorn did not answer (see {self.log})")

    def stop(self) -> None:
        for proc in (self.proc, self.worker):
            stop_group(proc, 20)

    def worker_cpu(self) -> float:
        """CPU seconds used so far by the background worker (danvan's), 0 for a server without one."""
        return sum(_cpu(pid) for pid in _group(self.worker.pid)) if self.worker is not None else 0.0

    def queued(self, conn) -> tuple[int, int]:
        """(tasks waiting or running, tasks failed) in danvan's queue; (0, 0) for a server without a worker."""
        if self.worker is None:
            return 0, 0
        return conn.execute("SELECT count(*) FILTER (WHERE status IN ('READY', 'RUNNING')), "
                            "count(*) FILTER (WHERE status = 'FAILED') FROM django_tasks_database_dbtaskresult"
                            ).fetchone()

    def app_cpu(self) -> float:
        """CPU seconds used so far by gunicorn, master and workers (they live through the run)."""
        return sum(_cpu(pid) for pid in _group(self.proc.pid)) if self.proc is not None else 0.0

    def db_cpu(self, conn) -> dict[int, float]:
        """CPU seconds so far of each PostgreSQL backend connected to this server's database (not ``conn``'s)."""
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
                            "AND pid <> pg_backend_pid()").fetchall()
        return {pid: _cpu(pid) for (pid,) in rows}

    def rows(self) -> list[int]:
        import psycopg

        with psycopg.connect(self.database_url) as conn:
            return list(conn.execute(self.rows_sql).fetchone())


@dataclass
class Tally:
    successes: int = 0
    errors: int = 0
    seconds: float = 0.0
    app_cpu: float = 0.0
    worker_cpu: float = 0.0
    db_cpu: float = 0.0
    tasks_failed: int = 0
    times: list[float] = field(default_factory=list)
    samples: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def figures(self) -> dict:
        ordered = sorted(self.times)
        p = (lambda q: round(1000 * ordered[min(len(ordered) - 1, int(q * len(ordered)))], 1)) if ordered else (
            lambda q: 0.0)
        return {"successes": self.successes, "errors": self.errors, "seconds": round(self.seconds, 1),
                "per_s": round(self.successes / self.seconds, 2) if self.seconds else 0.0,
                "p50_ms": p(0.5), "p95_ms": p(0.95),
                "app_cpu_ms_per_submission": round(1000 * self.app_cpu / self.successes, 1) if self.successes else 0.0,
                "worker_cpu_ms_per_submission": (round(1000 * self.worker_cpu / self.successes, 1)
                                                 if self.successes else 0.0),
                "db_cpu_ms_per_submission": round(1000 * self.db_cpu / self.successes, 1) if self.successes else 0.0,
                "tasks_failed": self.tasks_failed,
                "error_samples": self.samples[:5]}


def hammer(server: Server, scenario: str, seconds: float, concurrency: int, counter, tally: Tally | None) -> None:
    """``concurrency`` visitors filing one submission after another for ``seconds``."""
    until = time.monotonic() + seconds

    def visitor() -> None:
        while time.monotonic() < until:
            n = next(counter)
            started = time.monotonic()
            try:
                ok, why = server.submit(server.port, text_for(scenario, n), n)
            except Down as exc:
                ok, why = False, str(exc)
            if tally is None:
                continue
            with tally.lock:
                if ok:
                    tally.successes += 1
                    tally.times.append(time.monotonic() - started)
                else:
                    tally.errors += 1
                    if len(tally.samples) < 20:
                        tally.samples.append(why)

    threads = [threading.Thread(target=visitor) for _i in range(concurrency)]
    import psycopg

    if tally is None:
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        with psycopg.connect(server.database_url, autocommit=True) as conn:
            _drain(server, conn)
        return
    with psycopg.connect(server.database_url, autocommit=True) as conn:
        # Backends come and go (CONN_MAX_AGE): each one's CPU is sampled twice a second and only what it
        # used since it was last seen is added (a new one: all of it).
        seen, used = server.db_cpu(conn), 0.0
        app, work = server.app_cpu(), server.worker_cpu()
        started = time.monotonic()
        for t in threads:
            t.start()

        def sample() -> None:
            nonlocal used
            for pid, cpu in server.db_cpu(conn).items():
                if cpu:
                    used += cpu - seen.get(pid, 0.0)
                    seen[pid] = cpu

        while any(t.is_alive() for t in threads):
            time.sleep(0.5)
            sample()
        for t in threads:
            t.join()
        # What the filings left to the worker is part of their cost: its turn lasts until the queue is empty.
        failed = _drain(server, conn, sample)
        tally.seconds += time.monotonic() - started
        tally.app_cpu += server.app_cpu() - app
        tally.worker_cpu += server.worker_cpu() - work
        tally.db_cpu += used
        tally.tasks_failed = failed


def _drain(server: Server, conn, sample=None, limit: float = 300.0) -> int:
    """Wait until the server's task queue is empty; the number of failed tasks so far."""
    until = time.monotonic() + limit
    while True:
        waiting, failed = server.queued(conn)
        if not waiting or time.monotonic() > until:
            return failed
        time.sleep(0.2)
        if sample is not None:
            sample()


# --- set-up ---------------------------------------------------------------------------------------


def _url_for(base: str, name: str) -> str:
    return urlunsplit(urlsplit(base)._replace(path=f"/{name}"))


MARKER = "danvan bench: public intake"


def _fresh_database(base: str, name: str, reuse: bool = False) -> tuple[str, bool]:
    """The database's URL, and whether it was kept from an earlier run (``reuse``) rather than made now."""
    import psycopg

    if not re.fullmatch(r"[a-z0-9_]+", name) or not name.endswith(("_intake", "_helpdesk")):
        raise SystemExit(f"refusing to drop {name!r}")
    with psycopg.connect(_url_for(base, "postgres"), autocommit=True) as conn:
        row = conn.execute("SELECT shobj_description(oid, 'pg_database') FROM pg_database WHERE datname = %s",
                           [name]).fetchone()
        if reuse and row is not None and row[0] == MARKER:
            return _url_for(base, name), True
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name])
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    return _url_for(base, name), False


def _mark(base: str, url: str) -> None:
    import psycopg

    with psycopg.connect(_url_for(base, "postgres"), autocommit=True) as conn:
        conn.execute(f"COMMENT ON DATABASE \"{urlsplit(url).path[1:]}\" IS '{MARKER}'")


def ensure_venv(log) -> Path:
    """The bench's own virtual environment with django-helpdesk (made once, kept in var/)."""
    stamp = VENV / ".bench-installed"
    if stamp.exists() and stamp.read_text() == HELPDESK_SPEC:
        return VENV
    log(f"  {VENV}: python -m venv, pip install {HELPDESK_SPEC} gunicorn psycopg …")
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(VENV)], check=True)
    subprocess.run([str(VENV / "bin" / "pip"), "install", "-q", HELPDESK_SPEC, "gunicorn", "psycopg[binary]"],
                   check=True)
    stamp.write_text(HELPDESK_SPEC)
    return VENV


def _version(python: Path, package: str) -> str:
    return subprocess.run([str(python), "-c", f"import importlib.metadata as m; print(m.version({package!r}))"],
                          check=True, text=True, stdout=subprocess.PIPE).stdout.strip()


def make_servers(base: str, conn_max_age: str, work: Path, log,
                 reuse: bool = False) -> tuple[Server, Server, dict[str, str]]:
    venv = ensure_venv(log)
    db = urlsplit(base).path.strip("/") or "danvan_bench"
    secret = os.environ.get("SECRET_KEY") or secrets.token_urlsafe(48)
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "DJANGO_SETTINGS_MODULE", "DATABASE_URL")}
    common = {"DEBUG": "false", "SECRET_KEY": secret, "CONN_MAX_AGE": conn_max_age, "EMAIL_BACKEND": LOCMEM,
              "LOG_LEVEL": "ERROR"}

    danvan_url, kept = _fresh_database(base, f"{db}_intake", reuse)
    danvan_env = {**clean, **common, "DATABASE_URL": danvan_url, "DJANGO_SETTINGS_MODULE": "danvan.settings",
                  "PYTHONPATH": str(ROOT / "src"), "DANVAN_DATA_DIR": str(work / "danvan-data"),
                  "ALLOWED_HOSTS": "127.0.0.1,localhost",
                  # Every bench request comes from 127.0.0.1: the per-address limits, raised for this server only.
                  "DANVAN_PORTAL_SUBMIT_PER_HOUR": "1000000000", "DANVAN_PORTAL_PAGES_PER_WINDOW": "1000000000"}
    log(f"  {urlsplit(danvan_url).path[1:]}: " + ("kept, migrate …" if kept else "danvan migrate, demo …"))
    for args in (["migrate", "--no-input", "-v0"], *([] if kept else [["demo"]])):
        subprocess.run([sys.executable, "-m", "danvan", *args], env=danvan_env, cwd=ROOT, check=True,
                       stdout=subprocess.DEVNULL)
    _mark(base, danvan_url)

    helpdesk_url, kept = _fresh_database(base, f"{db}_helpdesk", reuse)
    helpdesk_env = {**clean, **common, "HELPDESK_DATABASE_URL": helpdesk_url,
                    "DJANGO_SETTINGS_MODULE": "helpdesk_site.settings", "PYTHONPATH": str(HERE)}
    log(f"  {urlsplit(helpdesk_url).path[1:]}: django-helpdesk migrate, a public queue …")
    admin = str(venv / "bin" / "django-admin")
    subprocess.run([admin, "migrate", "--no-input", "-v0"], env=helpdesk_env, check=True)
    subprocess.run([admin, "shell", "-c", "from helpdesk.models import Queue; Queue.objects.get_or_create("
                    "slug='public', defaults={'title': 'Public', 'allow_public_submission': True})"],
                   env=helpdesk_env, check=True, stdout=subprocess.DEVNULL)
    _mark(base, helpdesk_url)

    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    danvan = Server("danvan", [gunicorn, "danvan.wsgi:application"], danvan_env, DANVAN_PORT, DANVAN_FORM,
                    submit_danvan,
                    "SELECT (SELECT count(*) FROM petitions_petition), "
                    "(SELECT count(DISTINCT petition_id) FROM petitions_petitioneridentity), "
                    "(SELECT count(*) FROM petitions_petition WHERE next_due IS NOT NULL)",
                    danvan_url, work / "danvan-gunicorn.log",
                    worker_argv=[sys.executable, "-m", "danvan", "worker"])
    helpdesk = Server("django-helpdesk", [str(venv / "bin" / "gunicorn"), "helpdesk_site.wsgi:application"],
                      helpdesk_env, HELPDESK_PORT, HELPDESK_FORM, submit_helpdesk,
                      "SELECT (SELECT count(*) FROM helpdesk_ticket)", helpdesk_url, work / "helpdesk-gunicorn.log")
    versions = {"django-helpdesk": _version(venv / "bin" / "python", "django-helpdesk"),
                "django (helpdesk)": _version(venv / "bin" / "python", "django"),
                "django (danvan)": _version(Path(sys.executable), "django"),
                "gunicorn": _version(venv / "bin" / "python", "gunicorn")}
    return danvan, helpdesk, versions


# --- the run --------------------------------------------------------------------------------------


def run(base: str, log, seconds: float = 20.0, rounds: int = 2, concurrency: int = 8, reuse: bool = False) -> dict:
    conn_max_age = os.environ.get("CONN_MAX_AGE", "60")
    work = Path(tempfile.mkdtemp(prefix="danvan-intake-"))
    log("Public intake, danvan against django-helpdesk:")
    danvan, helpdesk = None, None
    try:
        danvan, helpdesk, versions = make_servers(base, conn_max_age, work, log, reuse)
        danvan.start()
        helpdesk.start()
        counter = itertools.count(1)
        scenarios: dict[str, dict] = {}
        failures: list[str] = []
        for scenario in ("repeated", "distinct"):
            for server in (danvan, helpdesk):  # warm up: imports, templates, connections
                hammer(server, scenario, 2.0, concurrency, counter, None)
            before = {s.name: s.rows() for s in (danvan, helpdesk)}
            tallies = {danvan.name: Tally(), helpdesk.name: Tally()}
            for r in range(rounds):
                for server in (danvan, helpdesk) if r % 2 == 0 else (helpdesk, danvan):
                    log(f"  {scenario}, round {r + 1}/{rounds}: {server.name} …")
                    hammer(server, scenario, seconds / rounds, concurrency, counter, tallies[server.name])
            row: dict = {}
            for server in (danvan, helpdesk):
                after = server.rows()
                new = [a - b for a, b in zip(after, before[server.name], strict=True)]
                figures = tallies[server.name].figures()
                figures["rows_added"] = new[0]
                figures["rows_match"] = all(x == figures["successes"] for x in new)
                if not figures["rows_match"]:
                    failures.append(f"{scenario} {server.name}: {figures['successes']} successes, new rows {new}")
                if figures["tasks_failed"]:
                    failures.append(f"{scenario} {server.name}: {figures['tasks_failed']} background tasks failed")
                if figures["errors"]:
                    failures.append(f"{scenario} {server.name}: {figures['errors']} errors, e.g. "
                                    f"{figures['error_samples'][:2]}")
                row[server.name] = figures
            theirs = row[helpdesk.name]["per_s"]
            row["ratio"] = round(row[danvan.name]["per_s"] / theirs, 2) if theirs else 0.0
            # The same comparison in CPU time per submission (theirs / ours: above 1 when danvan costs less).
            ours, cost = (sum(row[s.name][f"{part}_cpu_ms_per_submission"] for part in ("app", "worker", "db"))
                          for s in (danvan, helpdesk))
            row["cpu_ratio"] = round(cost / ours, 2) if ours else 0.0
            scenarios[scenario] = row
    finally:
        for server in (danvan, helpdesk):
            if server is not None:
                server.stop()
    met = all(s["ratio"] >= GOAL for s in scenarios.values()) and not failures
    return {"date": date.today().isoformat(), "goal_ratio": GOAL, "met": met, "failures": failures,
            "seconds_per_server": seconds, "rounds": rounds, "concurrency": concurrency, "gunicorn_workers": WORKERS,
            "conn_max_age": int(conn_max_age), "versions": versions, "scenarios": scenarios, "logs": str(work)}


def table(result: dict) -> str:
    lines = [f"{'intake (' + str(result['concurrency']) + ' at once)':<26} {'danvan /s':>10} {'helpdesk /s':>12} "
             f"{'ratio':>7}   p50 danvan / helpdesk   errors   rows = successes"]
    for scenario, row in result["scenarios"].items():
        d, h = row["danvan"], row["django-helpdesk"]
        lines.append(f"{scenario + ' text':<26} {d['per_s']:>10.1f} {h['per_s']:>12.1f} {row['ratio']:>6.2f}×   "
                     f"{d['p50_ms']:>7.0f} / {h['p50_ms']:<7.0f} ms     {d['errors']} / {h['errors']}    "
                     f"{'yes' if d['rows_match'] and h['rows_match'] else 'NO'}")
    lines.append("CPU ms per submission (gunicorn + danvan's worker + PostgreSQL backends), danvan / helpdesk, "
                 "and their ratio:")
    for scenario, row in result["scenarios"].items():
        d, h = row["danvan"], row["django-helpdesk"]
        ours = (f"{d['app_cpu_ms_per_submission']:.0f} + {d.get('worker_cpu_ms_per_submission', 0):.1f} + "
                f"{d['db_cpu_ms_per_submission']:.0f}")
        theirs = f"{h['app_cpu_ms_per_submission']:.0f} + {h['db_cpu_ms_per_submission']:.0f}"
        lines.append(f"  {scenario + ' text':<24} {ours} / {theirs} ms   {row['cpu_ratio']:.2f}×")
    lines.append(f"goal ≥ {result['goal_ratio']}× with 0 errors and rows = successes: "
                 f"{'met' if result['met'] else 'NOT met'}")
    lines.extend(f"  ! {f}" for f in result["failures"])
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("BENCH_INTAKE_SECONDS", "20")),
                        help="measured seconds per server and scenario (split over the rounds)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--no-write", action="store_true", help="do not write benchmarks/results.json")
    parser.add_argument("--reuse-db", action="store_true",
                        help="keep both databases of an earlier run (only migrated; counts are taken as differences)")
    args = parser.parse_args()
    base = os.environ.get("BENCH_DATABASE_URL") or os.environ.get("DATABASE_URL", "")
    if not base.startswith("postgres"):
        base = "postgres://postgres@127.0.0.1:5432/danvan_bench"
    result = run(base, lambda text: print(text, file=sys.stderr, flush=True), args.seconds, args.rounds,
                 args.concurrency, args.reuse_db)
    print(table(result))
    if not args.no_write:
        path = HERE / "results.json"
        results = json.loads(path.read_text()) if path.exists() else {}
        results["intake"] = result
        results.setdefault("met", {})["intake"] = result["met"]
        path.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n")
        print(f"written to {path}")
    sys.exit(0 if result["met"] else 1)


if __name__ == "__main__":
    main()
