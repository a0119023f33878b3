#!/usr/bin/env python3
"""Start danvan beyond one process on loopback, run a short load through nginx, print the figures, stop.

What it starts, all in a temporary directory and on 127.0.0.1 (``make topology``; docs/scaling.md):

* a PostgreSQL primary: a new cluster (``initdb``) on port 55432 with ``wal_level=replica``;
* a streaming read replica made from it with ``pg_basebackup -R`` on port 55433;
* two gunicorn app processes (``--workers 2`` each, ports 18001 and 18002) with the primary as
  ``DATABASE_URL``, the replica as ``DANVAN_REPLICA_URL``, Redis (``REDIS_URL``, the machine's Redis on
  6379, database 13) as the cache, and one shared data directory (uploaded files, static files);
* nginx (Debian's package) on port 18080 in front of both, serving static files itself;
* one ``danvan worker``.

Then CLIENTS simulated officers (threads, standard library only) work for SECONDS through nginx:
half of them (a ward officer) file cases (the intake form with its one-time token) and, right after each, read the
case list and check the new case is in it — a read that must not come from a replica that has not
replayed it yet — then the reports, the dashboard and the home page; the other half (the district's
coordinator) only read the list, the reports, the dashboard and the home page. The script prints requests per
second, latency percentiles, errors, which database the pages were read from (the
``X-Danvan-Read-From`` header), the replica's lag, and that every acknowledged case is in the
primary and in the replica. Everything it started is stopped at the end, even on failure.

Needs: PostgreSQL server binaries (/usr/lib/postgresql/*/bin: initdb, pg_ctl, pg_basebackup),
nginx (``apt-get install nginx-light``), Redis on 127.0.0.1:6379, and the project's virtualenv with
gunicorn. Run as root, the PostgreSQL commands run as the ``postgres`` user (initdb refuses root).

    python3 scripts/topology.py [--clients 20] [--seconds 15] [--keep]
"""

from __future__ import annotations

import argparse
import glob
import html
import http.client
import http.cookiejar
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
PRIMARY_PORT, REPLICA_PORT, APP_PORTS, NGINX_PORT = 55432, 55433, (18001, 18002), 18080
REDIS_URL = os.environ.get("TOPOLOGY_REDIS_URL", "redis://127.0.0.1:6379/13")
DEMO_PASSWORD = "danvan@2026"  # danvan.org.demo.DEMO_PASSWORD
WRITER, READER = "canbo", "noivu"  # a ward officer who files cases; the district's coordinator who reads


def say(text: str) -> None:
    print(f"[topology {time.strftime('%H:%M:%S')}] {text}", flush=True)


def pg_bin() -> Path:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    if not found:
        sys.exit("PostgreSQL server binaries not found (apt-get install postgresql)")
    return Path(found[-1]).parent


def port_free(port: int) -> bool:
    with socket.socket() as s:
        return s.connect_ex(("127.0.0.1", port)) != 0


def wait_port(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while port_free(port):
        if time.monotonic() > deadline:
            raise RuntimeError(f"nothing listens on 127.0.0.1:{port} after {seconds:.0f} s")
        time.sleep(0.2)


class Topology:
    def __init__(self, keep: bool):
        self.keep = keep
        self.dir = Path(tempfile.mkdtemp(prefix="danvan-topology-"))
        self.dir.chmod(0o755)
        self.pgbin = pg_bin()
        self.as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        self.processes: list[tuple[str, subprocess.Popen]] = []
        self.clusters: list[Path] = []
        self.data = self.dir / "shared"  # DANVAN_DATA_DIR of every app process: uploads, static files
        self.secret = secrets.token_urlsafe(48)

    # -- helpers -------------------------------------------------------------------------------
    def run(self, *args, **kw) -> subprocess.CompletedProcess:
        return subprocess.run([str(a) for a in args], check=True, **kw)

    def pg(self, tool: str, *args, **kw) -> subprocess.CompletedProcess:
        return self.run(*self.as_postgres, self.pgbin / tool, *args, **kw)

    def sql(self, port: int, query: str, db: str = "postgres") -> str:
        out = self.pg(
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            port,
            "-U",
            "postgres",
            "-d",
            db,
            "-Atc",
            query,
            capture_output=True,
            text=True,
        )
        return out.stdout.strip()

    def env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.update(
            DJANGO_SETTINGS_MODULE="danvan.settings",
            PYTHONPATH=str(ROOT / "src"),
            DANVAN_DATA_DIR=str(self.data),
            DATABASE_URL=f"postgres://postgres@127.0.0.1:{PRIMARY_PORT}/danvan",
            DANVAN_REPLICA_URL=f"postgres://postgres@127.0.0.1:{REPLICA_PORT}/danvan",
            REDIS_URL=REDIS_URL,
            SECRET_KEY=self.secret,
            DEBUG="false",
            ALLOWED_HOSTS="127.0.0.1,localhost",
            CSRF_TRUSTED_ORIGINS=f"http://127.0.0.1:{NGINX_PORT}",
            DANVAN_SITE_URL=f"http://127.0.0.1:{NGINX_PORT}",
            CONN_MAX_AGE="60",
        )
        return env

    def spawn(self, name: str, *args) -> subprocess.Popen:
        log = open(self.dir / f"{name}.log", "wb")  # closed when the process ends
        proc = subprocess.Popen(
            [str(a) for a in args],
            env=self.env(),
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=self.dir,
            start_new_session=True,
        )
        self.processes.append((name, proc))
        return proc

    def danvan(self, *args, quiet: bool = True) -> None:
        self.run(VENV / "danvan", *args, env=self.env(), cwd=self.dir, stdout=subprocess.DEVNULL if quiet else None)

    # -- start ----------------------------------------------------------------------------------
    def start(self) -> None:
        for port in (PRIMARY_PORT, REPLICA_PORT, *APP_PORTS, NGINX_PORT):
            if not port_free(port):
                sys.exit(f"port {port} is taken: another topology run? (it stops everything it starts)")
        if not shutil.which("nginx") and not Path("/usr/sbin/nginx").exists():
            sys.exit("nginx not found: apt-get install nginx-light")
        redis = urllib.parse.urlsplit(REDIS_URL)
        if port_free(redis.port or 6379):
            sys.exit(f"Redis does not answer on {redis.hostname}:{redis.port or 6379}: apt-get install redis-server")
        if not (VENV / "gunicorn").exists():
            sys.exit(f"gunicorn not found in {VENV}: make install")
        say(f"directory {self.dir}")
        self.start_primary()
        self.data.mkdir()
        say("migrate, demo data, static files (on the primary; minutes on a busy machine)")
        self.danvan("migrate", "--no-input", "-v0")
        self.danvan("demo")
        self.danvan("collectstatic", "--no-input", "-v0")
        # The base backup carries the loaded data; from then on the replica streams every write.
        self.start_replica()
        self.wait_replayed()
        for i, port in enumerate(APP_PORTS, 1):
            self.start_app(i, port)
        self.spawn("worker", VENV / "danvan", "worker")
        self.start_nginx()
        for port in (*APP_PORTS, NGINX_PORT):
            wait_port(port)
        for port in APP_PORTS:  # each worker imports Django on its first request: not part of the figures
            for _ in range(4):
                urllib.request.urlopen(f"http://127.0.0.1:{port}/dang-nhap/", timeout=120).read()
        say(f"nginx on http://127.0.0.1:{NGINX_PORT}/ → gunicorn :{APP_PORTS[0]} and :{APP_PORTS[1]}; worker running")

    def start_app(self, number: int, port: int) -> subprocess.Popen:
        return self.spawn(f"gunicorn{number}", VENV / "gunicorn", "danvan.wsgi:application", "--bind",
                          f"127.0.0.1:{port}", "--workers", "2", "--timeout", "60", "--graceful-timeout", "5")

    def kill_app1(self) -> None:
        """``kill -9`` of the first gunicorn's whole process group (master and workers): a crash, not a stop."""
        for name, proc in self.processes:
            if name == "gunicorn1" and proc.poll() is None:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def start_app1(self) -> None:
        self.start_app(1, APP_PORTS[0])
        wait_port(APP_PORTS[0])

    def cluster_conf(self, path: Path, port: int, extra: str = "") -> None:
        with open(path / "postgresql.conf", "a") as conf:
            conf.write(
                f"\n# danvan topology\nport = {port}\nlisten_addresses = '127.0.0.1'\n"
                "unix_socket_directories = ''\nwal_level = replica\nmax_wal_senders = 5\n"
                "hot_standby = on\nmax_connections = 60\nshared_buffers = 64MB\n"
                "fsync = off\nsynchronous_commit = off\nfull_page_writes = on\n" + extra
            )

    def start_cluster(self, path: Path) -> None:
        self.pg("pg_ctl", "-D", path, "-l", path / "server.log", "-w", "-t", "60", "start", stdout=subprocess.DEVNULL)
        self.clusters.append(path)

    def start_primary(self) -> None:
        primary = self.dir / "primary"
        primary.mkdir()
        shutil.chown(primary, "postgres", "postgres") if self.as_postgres else None
        say(f"PostgreSQL primary: initdb, port {PRIMARY_PORT}")
        # initdb's pg_hba.conf already admits replication from 127.0.0.1 (trust: loopback only).
        self.pg(
            "initdb",
            "-D",
            primary,
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            stdout=subprocess.DEVNULL,
        )
        self.cluster_conf(primary, PRIMARY_PORT)
        self.start_cluster(primary)
        self.sql(PRIMARY_PORT, "CREATE DATABASE danvan")

    def start_replica(self) -> None:
        replica = self.dir / "replica"
        replica.mkdir(mode=0o700)
        shutil.chown(replica, "postgres", "postgres") if self.as_postgres else None
        say(f"PostgreSQL replica: pg_basebackup -R from the primary, port {REPLICA_PORT}")
        self.pg(
            "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            PRIMARY_PORT,
            "-U",
            "postgres",
            "-D",
            replica,
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
        )
        with open(replica / "postgresql.conf", "a") as conf:
            conf.write(f"\nport = {REPLICA_PORT}\n")
        self.start_cluster(replica)
        if self.sql(REPLICA_PORT, "SELECT pg_is_in_recovery()") != "t":
            raise RuntimeError("the replica is not in recovery: it is not a standby")
        state = self.sql(PRIMARY_PORT, "SELECT state FROM pg_stat_replication")
        say(f"replica streaming from the primary (pg_stat_replication: {state or 'no sender!'})")

    def wait_replayed(self, seconds: float = 60) -> None:
        target = self.sql(PRIMARY_PORT, "SELECT pg_current_wal_lsn()")
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.sql(REPLICA_PORT, f"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn") == "t":
                return
            time.sleep(0.3)
        raise RuntimeError("the replica did not catch up with the primary")

    def start_nginx(self) -> None:
        conf = self.dir / "nginx.conf"
        user = "user root root;" if os.geteuid() == 0 else ""
        upstream = "".join(f"    server 127.0.0.1:{p};\n" for p in APP_PORTS)
        conf.write_text(f"""{user}
worker_processes 1;
pid {self.dir}/nginx.pid;
error_log {self.dir}/nginx-error.log warn;
daemon off;
events {{ worker_connections 1024; }}
http {{
  include /etc/nginx/mime.types;
  access_log {self.dir}/nginx-access.log;
  client_body_temp_path {self.dir}/nginx-body;
  proxy_temp_path {self.dir}/nginx-proxy;
  fastcgi_temp_path {self.dir}/nginx-fastcgi;
  uwsgi_temp_path {self.dir}/nginx-uwsgi;
  scgi_temp_path {self.dir}/nginx-scgi;
  client_max_body_size 25m;
  upstream danvan {{
{upstream}    keepalive 16;
  }}
  server {{
    listen 127.0.0.1:{NGINX_PORT};
    location /static/ {{ alias {self.data}/static/; expires 1h; }}
    location / {{
      proxy_pass http://danvan;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto $scheme;
      proxy_read_timeout 60s;
    }}
  }}
}}
""")
        nginx = shutil.which("nginx") or "/usr/sbin/nginx"
        self.run(nginx, "-t", "-q", "-c", conf, "-p", self.dir)
        self.spawn("nginx", nginx, "-c", conf, "-p", self.dir)

    # -- stop -----------------------------------------------------------------------------------
    def stop(self) -> None:
        for _name, proc in reversed(self.processes):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for _name, proc in reversed(self.processes):
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        for path in reversed(self.clusters):
            subprocess.run(
                [*self.as_postgres, str(self.pgbin / "pg_ctl"), "-D", str(path), "-m", "fast", "-w", "stop"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )
        if self.keep:
            say(f"kept {self.dir} (logs, clusters, shared files)")
        else:
            shutil.rmtree(self.dir, ignore_errors=True)
        say("stopped everything this script started")


# --- Load ----------------------------------------------------------------------------------------


class Figures:
    def __init__(self):
        self.lock = threading.Lock()
        self.latency: dict[str, list[float]] = {}
        self.status: dict[int, int] = {}
        self.read_from: dict[str, dict[str, int]] = {}
        self.errors: list[str] = []
        self.filed: list[str] = []
        self.stale = 0
        self.read_after_write = 0
        self.phase = "normal"  # set by the fault schedule (``Faults``)
        self.by_phase: dict[str, dict[str, int]] = {}  # phase → {"primary": n, "replica": n, "error": n, "ok": n}

    def record(self, kind: str, seconds: float, status: int, read_from: str | None) -> None:
        with self.lock:
            self.latency.setdefault(kind, []).append(seconds)
            self.status[status] = self.status.get(status, 0) + 1
            if read_from:
                counts = self.read_from.setdefault(kind, {})
                counts[read_from] = counts.get(read_from, 0) + 1
            phase = self.by_phase.setdefault(self.phase, {})
            outcome = "error" if status >= 500 or status == 0 else "ok"
            phase[outcome] = phase.get(outcome, 0) + 1
            if read_from:
                phase[read_from] = phase.get(read_from, 0) + 1


class Officer:
    def __init__(self, base: str, username: str, figures: Figures, number: int):
        self.base, self.username, self.figures, self.number = base, username, figures, number
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()))

    def request(self, kind: str, path: str, data: dict | None = None) -> tuple[int, str, str | None]:
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        req = urllib.request.Request(self.base + path, data=body, headers={"Referer": self.base + path})
        started = time.perf_counter()
        try:
            with self.opener.open(req, timeout=60) as response:
                status, text, read_from = (
                    response.status,
                    response.read().decode(),
                    response.headers.get("X-Danvan-Read-From"),
                )
        except urllib.error.HTTPError as exc:
            status, text, read_from = exc.code, exc.read().decode(errors="replace"), None
        except (OSError, http.client.HTTPException) as exc:  # refused, reset, or a body cut off mid-way
            status, text, read_from = 0, f"{type(exc).__name__}: {exc}", None
        self.figures.record(kind, time.perf_counter() - started, status, read_from)
        if status != 200:
            with self.figures.lock:
                self.figures.errors.append(f"{kind} {path} → {status}")
        return status, text, read_from

    @staticmethod
    def hidden(text: str) -> dict[str, str]:
        fields = {}
        for tag in re.findall(r"<input[^>]*type=\"hidden\"[^>]*>", text):
            name, value = re.search(r'name="([^"]+)"', tag), re.search(r'value="([^"]*)"', tag)
            if name:
                fields[name.group(1)] = html.unescape(value.group(1)) if value else ""
        return fields

    @staticmethod
    def first_option(text: str, name: str) -> str:
        select = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', text, re.S)
        options = re.findall(r'<option value="(\d+)"', select.group(1)) if select else []
        return options[0] if options else ""

    def login(self) -> bool:
        _, page, _ = self.request("login form", "/dang-nhap/")
        status, text, _ = self.request(
            "log in", "/dang-nhap/", {**self.hidden(page), "username": self.username, "password": DEMO_PASSWORD}
        )
        return status == 200 and "dang-xuat" in text

    def file_case(self, n: int) -> str | None:
        status, form, _ = self.request("intake form", "/don-thu/tiep-nhan/")
        if status != 200:
            return None
        subject = f"Tải thử {self.number}-{n}: đèn đường ngõ {self.number * 100 + n} hỏng"
        data = {
            **self.hidden(form),
            "kind": "feedback",
            "field": self.first_option(form, "field"),
            "unit": self.first_option(form, "unit"),
            "channel": "in_person",
            "received_on": time.strftime("%Y-%m-%d"),
            "subject": subject,
            "content": "Người dân phản ánh đèn đường hỏng đã hai tuần.",
            "nguoi-TOTAL_FORMS": "1",
            "nguoi-INITIAL_FORMS": "0",
            "nguoi-0-full_name": "Nguyễn Văn Bình",
            "nguoi-0-address": "Thượng Đình",
            "signers_count": "1",
        }
        status, text, _ = self.request("file a case", "/don-thu/tiep-nhan/", data)
        if status != 200 or subject not in text:
            with self.figures.lock:
                self.figures.errors.append(f"case not acknowledged ({status})")
            return None
        with self.figures.lock:
            self.figures.filed.append(subject)
        return subject

    def work(self, seconds: float) -> None:
        if not self.login():
            with self.figures.lock:
                self.figures.errors.append(f"{self.username} could not log in")
            return
        until = time.monotonic() + seconds
        n = 0
        while time.monotonic() < until:
            n += 1
            # Every other officer files cases; the others only read (and so may read from the replica).
            subject = self.file_case(n) if self.number % 2 else None
            if subject:
                # Right after the write: the list must show the new case (never a replica behind).
                _, text, _ = self.request("list after own write", "/don-thu/")
                with self.figures.lock:
                    self.figures.read_after_write += 1
                    if html.escape(subject) not in text and subject not in text:
                        self.figures.stale += 1
            if self.number % 2:
                pages = [("/bao-cao/", "reports"), ("/", "home")]
            else:
                pages = [
                    ("/don-thu/", "list"),
                    ("/bao-cao/", "reports"),
                    ("/bang-dieu-hanh/", "dashboard"),
                    ("/", "home"),
                ]
            for path, kind in pages:
                if time.monotonic() >= until:
                    break
                self.request(kind, path)


# As the router measures it (danvan.ops.replica): 0 when the replica replayed all it received.
LAG_SQL = (
    "SELECT CASE WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
    " ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"
)


class Faults:
    """What goes wrong during the load, one thing at a time, each with the figures of its phase.

    * ``replica paused``: the replica stops replaying WAL (``pg_wal_replay_pause``) while the writers go
      on, so it falls behind; past ``DANVAN_REPLICA_MAX_LAG`` (10 s) the app processes must read from
      the primary, then go back to the replica once it has caught up.
    * ``app 1 killed``: ``kill -9`` of the first gunicorn (master and workers); nginx must send
      everything to the second. A POST in flight on the killed process may be lost (nginx does not
      retry a non-idempotent request): it is counted, never acknowledged, and so never missing.
    * ``replica down``: the replica is stopped at once (``pg_ctl -m immediate``); reads must go to the
      primary without an error page; the replica is started again and catches up.
    """

    def __init__(self, topology: Topology, figures: Figures, seconds: float):
        self.topology, self.figures, self.seconds = topology, figures, seconds
        self.log: list[str] = []

    def at(self, started: float, share: float, phase: str, action) -> None:
        time.sleep(max(0.0, started + self.seconds * share - time.monotonic()))
        action()
        with self.figures.lock:
            self.figures.phase = phase
        self.log.append(f"t={time.monotonic() - started:4.0f} s  {phase}")
        say(f"fault schedule: {phase}")

    def run(self, started: float) -> None:
        topology = self.topology
        replica = topology.dir / "replica"
        try:
            pause, resume = "SELECT pg_wal_replay_pause()", "SELECT pg_wal_replay_resume()"
            self.at(started, 0.10, "replica paused", lambda: topology.sql(REPLICA_PORT, pause))
            self.at(started, 0.45, "replica resumed", lambda: topology.sql(REPLICA_PORT, resume))
            self.at(started, 0.55, "app 1 killed", topology.kill_app1)
            self.at(started, 0.70, "app 1 restarted", topology.start_app1)
            self.at(started, 0.75, "replica down", lambda: topology.pg(
                "pg_ctl", "-D", replica, "-m", "immediate", "-w", "stop", stdout=subprocess.DEVNULL))
            self.at(started, 0.90, "replica restarted", lambda: topology.pg(
                "pg_ctl", "-D", replica, "-l", replica / "server.log", "-w", "-t", "60", "start",
                stdout=subprocess.DEVNULL))
        except (subprocess.CalledProcessError, RuntimeError) as exc:
            self.log.append(f"fault schedule stopped: {exc}")


def run_load(topology: Topology, clients: int, seconds: float, faults: bool = False) -> Figures:
    figures = Figures()
    base = f"http://127.0.0.1:{NGINX_PORT}"
    officers = [Officer(base, WRITER if (i + 1) % 2 else READER, figures, i + 1) for i in range(clients)]
    say(f"load: {clients} officers for {seconds:.0f} s through nginx")
    threads = [threading.Thread(target=o.work, args=(seconds,)) for o in officers]
    started = time.monotonic()
    for t in threads:
        t.start()
    schedule = Faults(topology, figures, seconds) if faults else None
    if schedule is not None:
        fault_thread = threading.Thread(target=schedule.run, args=(started,), daemon=True)
        fault_thread.start()
    lag_samples: list[float] = []
    while any(t.is_alive() for t in threads):
        try:
            lag = topology.sql(REPLICA_PORT, LAG_SQL)
        except subprocess.CalledProcessError:  # the replica is down (a fault of the schedule)
            lag = ""
        lag_samples.append(float(lag or 0))
        time.sleep(1)
    if schedule is not None:
        fault_thread.join()
    figures.elapsed = time.monotonic() - started
    figures.lag = lag_samples
    figures.faults = schedule.log if schedule is not None else []
    return figures


def report(topology: Topology, figures: Figures) -> bool:
    total = sum(len(v) for v in figures.latency.values())
    print()
    print(f"requests: {total} in {figures.elapsed:.1f} s = {total / figures.elapsed:.1f} per second")
    print(f"status codes: {dict(sorted(figures.status.items()))}")
    print(f"{'request':<24}{'count':>7}{'p50 ms':>9}{'p95 ms':>9}  read from")
    for kind, values in sorted(figures.latency.items()):
        values = sorted(values)
        p95 = values[min(len(values) - 1, int(len(values) * 0.95))]
        print(
            f"{kind:<24}{len(values):>7}{statistics.median(values) * 1000:>9.0f}{p95 * 1000:>9.0f}  "
            f"{figures.read_from.get(kind, {})}"
        )
    topology.wait_replayed()
    subjects = "','".join(s.replace("'", "''") for s in figures.filed)
    count_sql = f"SELECT count(*) FROM petitions_petition WHERE subject IN ('{subjects}')" if subjects else "SELECT 0"
    on_primary = int(topology.sql(PRIMARY_PORT, count_sql, db="danvan"))
    on_replica = int(topology.sql(REPLICA_PORT, count_sql, db="danvan"))
    print(f"cases acknowledged: {len(figures.filed)}; in the primary: {on_primary}; in the replica: {on_replica}")
    print(
        f"reads of the list right after one's own write: {figures.read_after_write}; "
        f"missing the new case: {figures.stale}"
    )
    if figures.lag:
        print(f"replica replay lag sampled each second: max {max(figures.lag):.2f} s")
    if figures.faults:
        print("faults:")
        for line in figures.faults:
            print(f"  {line}")
        print(f"{'phase':<20}{'answered':>9}{'errors':>8}{'from primary':>14}{'from replica':>14}")
        for phase, counts in figures.by_phase.items():
            print(f"{phase:<20}{counts.get('ok', 0):>9}{counts.get('error', 0):>8}"
                  f"{counts.get('primary', 0):>14}{counts.get('replica', 0):>14}")
    errors_5xx = sum(c for s, c in figures.status.items() if s >= 500 or s == 0)
    print(f"5xx or connection errors: {errors_5xx}")
    for line in figures.errors[:10]:
        print(f"  {line}")
    if figures.faults:
        # When app 1 dies, a POST it was answering is lost (nginx retries only what it had not sent, and
        # idempotent requests): at most one per worker (2). nginx sends the rest to app 2. Every other phase
        # must answer everything.
        killed = figures.by_phase.get("app 1 killed", {}).get("error", 0)
        paused = figures.by_phase.get("replica paused", {})
        down = figures.by_phase.get("replica down", {})
        checks = {
            "errors only while app 1 was dead, at most one per killed worker": errors_5xx == killed <= 2,
            "reads moved to the primary while the replica lagged": paused.get("primary", 0) > 0,
            "no page read from the replica while it was down": down.get("replica", 0) == 0,
            "reads from the replica again once it caught up": any(
                figures.by_phase.get(p, {}).get("replica", 0) > 0 for p in ("replica resumed", "app 1 killed",
                                                                            "app 1 restarted")),
        }
        for text, passed in checks.items():
            print(f"  {'ok    ' if passed else 'FAILED'} {text}")
        figures.errors = [e for e in figures.errors if not e.endswith(("→ 502", "→ 0", "(502)", "(0)"))] \
            if all(checks.values()) else figures.errors
        errors_5xx = errors_5xx - killed if all(checks.values()) else errors_5xx
    ok = (
        not figures.errors
        and errors_5xx == 0
        and figures.stale == 0
        and len(figures.filed) == on_primary == on_replica
        and len(figures.filed) > 0
    )
    print("RESULT:", "ok" if ok else "FAILED")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=int(os.environ.get("CLIENTS", "20")))
    parser.add_argument("--seconds", type=float, default=float(os.environ.get("SECONDS_", "15")))
    parser.add_argument("--keep", action="store_true", help="keep the temporary directory (logs) afterwards")
    parser.add_argument("--faults", action="store_true",
                        help="during the load: pause the replica's replay, kill -9 one app server, stop the replica "
                             "(give it --seconds 60 or more)")
    args = parser.parse_args()
    topology = Topology(keep=args.keep)
    ok = False
    try:
        topology.start()
        figures = run_load(topology, args.clients, args.seconds, faults=args.faults)
        ok = report(topology, figures)
    except (subprocess.CalledProcessError, RuntimeError) as exc:
        say(f"failed: {exc} (logs in {topology.dir}; rerun with --keep to keep them)")
    finally:
        topology.stop()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
