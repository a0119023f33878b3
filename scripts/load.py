#!/usr/bin/env python3
"""``make load``: many people at once on loopback, a crash of the web server and the worker in the
middle, then a corpus of bad input through the forms. Not part of ``make test`` (docs/performance.md).

1. A throwaway PostgreSQL database (``danvan_load``) is made, migrated and demo-loaded; gunicorn
   (N sync workers) and ``danvan worker`` serve it on 127.0.0.1.
2. ``--clients`` people for ``--duration`` seconds: citizens open the public form, post it with the
   form's CSRF and one-time tokens as a browser does, read their receipt (code and secret) and look
   their case up on the tracking page; officers log in and read their home page, petition list, a
   search and a case. Each citizen posts from an address of its own in 127.0.0.0/8 (the source
   address of the connection), so the portal's per-address limits stay at their production values.
3. Halfway, ``kill -9`` of gunicorn's master and workers and of the worker, a few seconds down,
   restart. Connection errors are counted apart; a 5xx is a failure.
4. Afterwards: every acknowledged petition (a code the citizen saw) is in the database with its
   petitioner's identity and its deadlines; no petition of the run is half-written; no e-mail was
   sent twice (the outbox of the file e-mail backend); requests/s and p50/p95 per kind.
5. The bad-input corpus (NFD text, markup, NUL bytes, 10 MB text, wrong and oversized files,
   impossible dates, dates in the wrong format) through the public forms and every officer form
   reachable from the home pages: never a 5xx, a 4xx or a re-rendered form with a Vietnamese message,
   and no row written when the input is refused.

Standard library and psycopg (installed with danvan) only. Exit status 0 when every check passes.
"""

from __future__ import annotations

import argparse
import email
import email.header
import http.client
import os
import random
import re
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unicodedata
import urllib.parse
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / ".venv" / "bin"
PASSWORD = "danvan@2026"  # the demo accounts' shared password (danvan demo)
OFFICERS = ["canbo", "canbo2", "noivu", "phuong", "chutich", "truongphong"]
VIET = re.compile(r"[ạảãáàâấầẩẫậăắằẳẵặđẹẻẽéèêếềểễệịỉĩíìọỏõóòôốồổỗộơớờởỡợụủũúùưứừửữựỵỷỹýỳ]", re.I)
HIDDEN = re.compile(r'<input[^>]*type="hidden"[^>]*>', re.I)
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ"]
GIVEN = ["Văn An", "Thị Bình", "Minh Châu", "Đức Dũng", "Thu Hà", "Quang Huy", "Thị Lan", "Văn Nam", "Ngọc Oanh"]
TOPICS = [
    "Đèn đường ngõ 105 hỏng nhiều ngày",
    "Rác tồn đọng ở chân cầu",
    "Nước thải tràn ra đường",
    "Xe tải chở vật liệu gây bụi",
    "Vỉa hè bị lấn chiếm làm nơi trông giữ xe",
    "Tiếng ồn quán karaoke sau 22 giờ",
]


# --- a browser: cookies, one source address, forms ------------------------------------------------


class Down(Exception):
    """The server did not answer (refused, reset, timed out): counted apart from HTTP errors."""


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    text: str
    seconds: float


BIG = 1024 * 1024


def _send_quietly(sock, body: bytes) -> None:
    try:
        sock.sendall(body)
    except OSError:
        pass  # the server answered and closed before reading the rest


class Browser:
    def __init__(self, port: int, address: str, timeout: float = 120.0) -> None:
        self.port, self.address, self.timeout = port, address, timeout
        self.cookies: dict[str, str] = {}

    def _send(self, method: str, path: str, body: bytes | None = None, content_type: str = "") -> Response:
        headers = {"Host": f"127.0.0.1:{self.port}", "User-Agent": "danvan-load/1", "Accept-Language": "vi"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = content_type
            headers["Origin"] = f"http://127.0.0.1:{self.port}"
            headers["Referer"] = f"http://127.0.0.1:{self.port}{path}"
        started = time.monotonic()
        conn = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=self.timeout, source_address=(self.address, 0)
        )
        sender = None
        try:
            if body is not None and len(body) > BIG:
                # A server refuses a too large post before reading all of it and closes: send from a thread
                # and read the answer meanwhile, as a browser does, so the refusal is seen.
                conn.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
                for key, value in {**headers, "Content-Length": str(len(body))}.items():
                    conn.putheader(key, value)
                conn.endheaders()
                sender = threading.Thread(target=_send_quietly, args=(conn.sock, body), daemon=True)
                sender.start()
            else:
                conn.request(method, path, body=body, headers=headers)
            raw = conn.getresponse()
            data = raw.read()
            for cookie in raw.headers.get_all("Set-Cookie") or []:
                name, _, rest = cookie.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
            return Response(
                raw.status,
                {k.lower(): v for k, v in raw.getheaders()},
                data.decode("utf-8", "replace"),
                time.monotonic() - started,
            )
        except (OSError, http.client.HTTPException) as exc:
            raise Down(f"{type(exc).__name__}: {exc}") from exc
        finally:
            conn.close()

    def get(self, path: str) -> Response:
        return self._send("GET", path)

    def post(self, path: str, fields: list[tuple[str, str]], files: list[tuple[str, str, str, bytes]] = ()) -> Response:
        """A multipart post as a browser sends a form (the CSRF token from the cookie when not in ``fields``)."""
        boundary = "----danvanload" + secrets.token_hex(12)
        parts: list[bytes] = []
        names = {name for name, _v in fields}
        if "csrfmiddlewaretoken" not in names and "csrftoken" in self.cookies:
            fields = [*fields, ("csrfmiddlewaretoken", self.cookies["csrftoken"])]
        for name, value in fields:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                + value.encode("utf-8", "surrogatepass")
                + b"\r\n"
            )
        for name, filename, ctype, content in files:
            parts.append(
                f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                f"Content-Type: {ctype}\r\n\r\n".encode()
                + content
                + b"\r\n"
            )
        body = b"".join(parts) + f"--{boundary}--\r\n".encode()
        return self._send("POST", path, body, f"multipart/form-data; boundary={boundary}")


def hidden_fields(html: str) -> list[tuple[str, str]]:
    found = []
    for tag in HIDDEN.findall(html):
        name, value = re.search(r'name="([^"]*)"', tag), re.search(r'value="([^"]*)"', tag)
        if name:
            found.append((name.group(1), _unescape(value.group(1)) if value else ""))
    return found


def _unescape(value: str) -> str:
    import html

    return html.unescape(value)


def options(html: str, name: str) -> list[str]:
    select = re.search(rf'<select[^>]*name="{re.escape(name)}"[^>]*>(.*?)</select>', html, re.S)
    return [v for v in re.findall(r'<option value="([^"]*)"', select.group(1)) if v] if select else []


class Addresses:
    """Source addresses in 127.0.0.0/8, each handed out once (so each citizen is a new client address)."""

    def __init__(self, start: int) -> None:
        self._next, self._lock = start, threading.Lock()

    def take(self) -> str:
        with self._lock:
            n = self._next
            self._next += 1
        return f"127.{1 + (n >> 16) % 250}.{(n >> 8) & 255}.{1 + (n & 255) % 254}"


# --- numbers --------------------------------------------------------------------------------------


class Stats:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.statuses: dict[str, Counter] = defaultdict(Counter)
        self.down: dict[str, Counter] = defaultdict(Counter)  # kind -> {"while down"/"otherwise": n}
        self.unexpected: list[str] = []
        self.acknowledged: list[dict[str, str]] = []
        self.posted_unseen = 0  # a post answered 302 whose receipt page the citizen never got
        self.outage: tuple[float, float] | None = None

    def ok(self, kind: str, r: Response) -> None:
        with self.lock:
            self.times[kind].append(r.seconds)
            self.statuses[kind][r.status] += 1

    def failed(self, kind: str) -> None:
        now = time.monotonic()
        window = self.outage
        during = window is not None and window[0] - 1 <= now <= (window[1] or now) + 15
        with self.lock:
            self.down[kind]["while down" if during else "otherwise"] += 1

    def note(self, text: str) -> None:
        with self.lock:
            if len(self.unexpected) < 50:
                self.unexpected.append(text)


def pct(values: list[float], p: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


# --- the people -----------------------------------------------------------------------------------


def citizen(port: int, run: str, cid: int, until: float, stats: Stats, addresses: Addresses, think: float) -> None:
    rng = random.Random(cid)
    n = 0
    while time.monotonic() < until:
        n += 1
        b = Browser(port, addresses.take())
        kind = "public form"
        try:
            r = b.get("/cong-thong-tin/gui/")
            stats.ok(kind, r)
            if r.status != 200:
                stats.note(f"{kind}: {r.status}")
                time.sleep(0.5)
                continue
            units, fields = options(r.text, "unit"), options(r.text, "field")
            name = f"{rng.choice(FAMILY)} {rng.choice(GIVEN)}"
            subject = f"Tải thử {run}-{cid}-{n}: {rng.choice(TOPICS)}"
            mail = f"cd{cid}x{n}@load.example.vn" if n % 2 else ""
            values = [
                *hidden_fields(r.text),
                ("kind", rng.choice(["feedback", "recommendation"])),
                ("field", rng.choice(fields)),
                ("unit", rng.choice(units)),
                ("subject", subject),
                ("content", f"Kính gửi Ủy ban nhân dân phường. {subject}. Đề nghị phường kiểm tra, xử lý."),
                ("location", "Ngõ 105 đường Nguyễn Trãi"),
                ("full_name", name),
                ("phone", "0912345678"),
                ("email", mail),
                ("address", f"Số {n} ngõ 105 Nguyễn Trãi"),
                ("website", ""),
            ]
            kind = "public post"
            r = b.post("/cong-thong-tin/gui/", values)
            stats.ok(kind, r)
            if r.status != 302:
                stats.note(f"{kind}: {r.status} {r.text[:200]!r}")
                continue
            kind = "receipt"
            try:
                r = b.get(r.headers.get("location", "/cong-thong-tin/gui/da-gui/"))
            except Down:
                with stats.lock:
                    stats.posted_unseen += 1
                raise
            stats.ok(kind, r)
            code = re.search(r'data-testid="code">([^<]+)<', r.text)
            secret = re.search(r'data-testid="secret">([^<]+)<', r.text)
            if r.status != 200 or not code or not secret:
                stats.note(f"{kind}: {r.status} without code")
                continue
            with stats.lock:
                stats.acknowledged.append({"code": code.group(1), "name": name, "subject": subject, "email": mail})
            kind = "tracking"
            r = b.get(f"/cong-thong-tin/tra-cuu/?ma={urllib.parse.quote(code.group(1))}")
            stats.ok(kind + " form", r)
            r = b.post(
                "/cong-thong-tin/tra-cuu/",
                [*hidden_fields(r.text), ("code", code.group(1)), ("secret", secret.group(1))],
            )
            stats.ok(kind, r)
            if r.status != 200 or code.group(1) not in r.text:
                stats.note(f"{kind}: {r.status} case not shown")
        except Down:
            stats.failed(kind)
            time.sleep(0.3)
        if think:
            time.sleep(rng.uniform(0, 2 * think))


def officer(port: int, username: str, until: float, stats: Stats, addresses: Addresses, think: float) -> None:
    rng = random.Random(username)
    b = Browser(port, addresses.take())
    logged_in = False
    while time.monotonic() < until:
        kind = "login"
        try:
            if not logged_in:
                r = b.get("/dang-nhap/")
                r = b.post("/dang-nhap/", [*hidden_fields(r.text), ("username", username), ("password", PASSWORD)])
                stats.ok(kind, r)
                logged_in = r.status == 302
                if not logged_in:
                    stats.note(f"login {username}: {r.status}")
                    time.sleep(1)
                    continue
            for kind, path in (
                ("officer home", "/"),
                ("petition list", "/don-thu/"),
                ("petition search", "/don-thu/?q=" + urllib.parse.quote("đèn đường")),
            ):
                r = b.get(path)
                stats.ok(kind, r)
                if r.status == 302 and "/dang-nhap/" in r.headers.get("location", ""):
                    logged_in = False
                    break
            cases = re.findall(r'href="/don-thu/(\d+)/"', r.text)
            if cases:
                kind = "petition detail"
                stats.ok(kind, b.get(f"/don-thu/{rng.choice(cases)}/"))
        except Down:
            stats.failed(kind)
            time.sleep(0.3)
        if think:
            time.sleep(rng.uniform(0, 2 * think))


# --- the servers ----------------------------------------------------------------------------------


@dataclass
class Servers:
    env: dict[str, str]
    port: int
    workers: int
    logs: Path
    web: subprocess.Popen | None = None
    worker: subprocess.Popen | None = None
    with_worker: bool = True
    restarts: int = 0
    killed: list[int] = field(default_factory=list)

    def start(self) -> None:
        tag = f"-{self.restarts}" if self.restarts else ""
        self.web = subprocess.Popen(
            [
                str(BIN / "gunicorn"),
                "danvan.wsgi:application",
                "--workers",
                str(self.workers),
                "--bind",
                f"127.0.0.1:{self.port}",
                "--backlog",
                "2048",
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
                # The application is imported once, then forked: a restart after kill -9 answers in seconds
                # instead of each worker importing Django on the two busy cores.
                "--preload",
            ],
            env=self.env,
            cwd=ROOT,
            start_new_session=True,
            stdout=open(self.logs / f"gunicorn{tag}.log", "w"),
            stderr=subprocess.STDOUT,
        )
        if self.with_worker:
            self.worker = subprocess.Popen(
                [str(BIN / "danvan"), "worker", "--interval", "0.5"],
                env=self.env,
                cwd=ROOT,
                start_new_session=True,
                stdout=open(self.logs / f"worker{tag}.log", "w"),
                stderr=subprocess.STDOUT,
            )
        self.wait_ready()

    def wait_ready(self, seconds: float = 60) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if Browser(self.port, "127.0.0.1", timeout=5).get("/dang-nhap/").status == 200:
                    return
            except Down:
                pass
            if self.web is not None and self.web.poll() is not None:
                sys.exit(f"gunicorn stopped (see {self.logs}/gunicorn*.log)")
            time.sleep(0.3)
        sys.exit("gunicorn did not answer within a minute")

    def _group(self, proc: subprocess.Popen | None) -> list[int]:
        """The processes of a group this script started (its own session): master and workers."""
        if proc is None:
            return []
        pids = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    if os.getpgid(int(entry.name)) == proc.pid:
                        pids.append(int(entry.name))
                except OSError:
                    pass
        return sorted(pids)

    def kill9(self) -> list[int]:
        pids = self._group(self.web) + self._group(self.worker)
        for proc in (self.web, self.worker):
            if proc is not None:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait()
        self.killed += pids
        self.restarts += 1
        return pids

    def stop_worker(self) -> None:
        if self.worker is not None and self.worker.poll() is None:
            os.killpg(self.worker.pid, signal.SIGTERM)
            self.worker.wait(30)

    def stop(self) -> None:
        for proc in (self.worker, self.web):
            stop_group(proc, 15)


def stop_group(proc: subprocess.Popen | None, seconds: float) -> None:
    """Stop a process started in its own group (gunicorn and its workers): SIGTERM, then SIGKILL after ``seconds``."""
    if proc is None or proc.poll() is not None:
        return
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(seconds)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def admin_url(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path="/postgres"))


def make_database(url: str, env: dict[str, str]) -> None:
    name = urllib.parse.urlsplit(url).path.lstrip("/")
    if not re.fullmatch(r"[a-z0-9_]+", name) or "load" not in name:
        sys.exit(f"refusing to drop {name!r}: the load database's name must contain 'load'")
    with psycopg.connect(admin_url(url), autocommit=True) as conn:
        conn.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s", [name])
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')
    started = time.monotonic()
    subprocess.run([str(BIN / "danvan"), "migrate", "--no-input", "-v0"], env=env, cwd=ROOT, check=True)
    subprocess.run([str(BIN / "danvan"), "demo"], env=env, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    print(f"database {name}: migrated and demo-loaded in {time.monotonic() - started:.0f} s", flush=True)


# --- checks afterwards ----------------------------------------------------------------------------


def check_records(url: str, run: str, stats: Stats) -> list[str]:
    problems = []
    acknowledged = {a["code"]: a for a in stats.acknowledged}
    with psycopg.connect(url) as conn:
        rows = conn.execute(
            """SELECT p.code, p.subject, p.triage_due, p.next_due, p.deadlines::text,
                      (SELECT array_agg(i.full_name) FROM petitions_petitioneridentity i WHERE i.petition_id = p.id)
               FROM petitions_petition p WHERE p.code = ANY(%s)""",
            [list(acknowledged)],
        ).fetchall()
        found = {row[0]: row for row in rows}
        for code, ack in acknowledged.items():
            row = found.get(code)
            if row is None:
                problems.append(f"acknowledged {code} is not in the database")
                continue
            _code, subject, triage_due, next_due, deadlines, names = row
            if subject != ack["subject"] or ack["name"] not in (names or []):
                problems.append(f"{code}: stored subject or petitioner differs from what was sent")
            if triage_due is None or next_due is None or deadlines in ("[]", None):
                problems.append(f"{code}: without its deadlines")
        half = conn.execute(
            """SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (
                        SELECT 1 FROM petitions_petitioneridentity i WHERE i.petition_id = p.id)),
                      count(*) FILTER (WHERE p.triage_due IS NULL OR p.next_due IS NULL OR p.deadlines::text = '[]')
               FROM petitions_petition p WHERE p.subject LIKE %s""",
            [f"Tải thử {run}-%"],
        ).fetchone()
        stored, no_identity, no_deadlines = half
        if no_identity or no_deadlines:
            problems.append(f"half-written petitions: {no_identity} without identity, {no_deadlines} without deadlines")
        dup_keys = conn.execute(
            "SELECT count(*) FROM (SELECT key FROM notifications_notification GROUP BY key HAVING count(*) > 1) d"
        ).fetchone()[0]
        if dup_keys:
            problems.append(f"{dup_keys} notification keys appear twice")
        stats.stored = stored  # type: ignore[attr-defined]
    return problems


def outbox_duplicates(folder: Path) -> tuple[int, list[str]]:
    """Messages in the file backend's outbox, and the messages (recipient, subject, body) sent more than once."""
    seen: Counter = Counter()
    for path in folder.glob("*.log"):
        for chunk in path.read_text("utf-8", "replace").split("\n" + "-" * 79 + "\n"):
            if not chunk.strip():
                continue
            msg = email.message_from_string(chunk.lstrip("\n"))
            subject = str(email.header.make_header(email.header.decode_header(msg.get("Subject", ""))))
            # The body names the record (its link): two notifications may share a title, never a body.
            seen[(msg.get("To", ""), subject, str(msg.get_payload()).strip())] += 1
    return sum(seen.values()), [f"{to} / {subject} ×{n}" for (to, subject, _b), n in seen.items() if n > 1]


# --- the bad-input corpus -------------------------------------------------------------------------


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


TEXT_PAYLOADS = {
    "NFD Vietnamese": _nfd("Đường Nguyễn Trãi ngập nước, đề nghị xử lý"),
    "markup": '<script>alert("x")</script><b onmouseover="x()">đậm</b>',
    "NUL byte": "Nội dung có ký tự\x00 rỗng",
    "10 MB text": "Dài quá " * (10 * 1024 * 1024 // 8),
}
DATE_PAYLOADS = {"impossible date": "31/02/2026", "date in the wrong format": "2026-13-45"}
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
FILE_PAYLOADS = {
    "wrong file type": ("don-thu.pdf", "application/pdf", b"MZ\x90\x00\x03" + os.urandom(2048)),
    "oversized file": ("don-thu.pdf", "application/pdf", PDF + b"0" * (21 * 1024 * 1024)),
}
# Where the crawl for forms starts (it follows every link from there, within --pages).
SEEDS = [
    "/",
    "/don-thu/tiep-nhan/",
    "/ke-hoach/nhap/",
    "/tiep-cong-dan/",
    "/cong-thong-tin/quan-ly/",
    "/bao-cao/",
    "/khao-sat/",
    "/kiem-tra/",
    "/thi-dua/",
    "/van-ban/",
    "/don-vi/",
    "/thong-bao/",
]
MALFORMED_PLAN = "UBND QUẬN THANH XUÂN\nSố: 98/KH-UBND\nKẾ HOẠCH\nThực hiện công tác dân vận năm 2026\nI. MỤC ĐÍCH\n"
SKIP = re.compile(
    r"^/(dang-xuat|quan-tri|i18n|api|open311|static|media)/|xuat\.|\.(docx|xlsx|pdf|csv|json|zip)$"
    r"|/tep/|/tai-ve|/tai/|ngon-ngu"
)
FORM = re.compile(r"<form\b([^>]*)>(.*?)</form>", re.S | re.I)
ERROR_MARK = re.compile(r"is-invalid|errorlist|invalid-feedback|alert-danger|alert-warning|role=\"alert\"")


@dataclass
class FormShape:
    page: str
    action: str
    texts: list[str]
    dates: list[str]
    files: list[str]
    others: list[tuple[str, str]]  # selects (first option), numbers, e-mails: a valid baseline value


def parse_forms(page: str, html: str) -> list[FormShape]:
    shapes = []
    for attrs, body in FORM.findall(html):
        if 'method="post"' not in attrs.lower():
            continue
        action = re.search(r'action="([^"]*)"', attrs)
        target = urllib.parse.urljoin(page, _unescape(action.group(1))) if action and action.group(1) else page
        texts, dates, files, others = [], [], [], []
        for tag in re.findall(r"<(?:input|textarea)\b[^>]*>", body, re.I):
            name = re.search(r'name="([^"]+)"', tag)
            if not name or 'type="hidden"' in tag:
                continue
            name = name.group(1)
            kind = (re.search(r'type="([^"]+)"', tag) or [None, "textarea" if tag.startswith("<textarea") else "text"])[
                1
            ]
            if kind == "file":
                files.append(name)
            elif kind in ("date",) or re.search(r"date|ngay|_on$|datepicker", tag + name, re.I):
                dates.append(name)
            elif kind in ("text", "textarea", "search"):
                texts.append(name)
            elif kind == "number":
                others.append((name, "1"))
            elif kind == "email":
                others.append((name, "thu@load.example.vn"))
        for select in re.findall(r'<select\b[^>]*name="([^"]+)"', body):
            values = options(body, select)
            if values:
                others.append((select, values[0]))
        if texts or dates or files:
            shapes.append(FormShape(page, target, texts, dates, files, others))
    return shapes


def crawl(port: int, username: str, addresses: Addresses, limit: int) -> tuple[Browser, list[FormShape]]:
    b = Browser(port, addresses.take())
    r = b.get("/dang-nhap/")
    b.post("/dang-nhap/", [*hidden_fields(r.text), ("username", username), ("password", PASSWORD)])
    queue, seen, shapes, keys = list(SEEDS), set(), [], set()
    while queue and len(seen) < limit:
        path = queue.pop(0)
        if path in seen:
            continue
        seen.add(path)
        try:
            r = b.get(path)
        except Down:
            continue
        if r.status != 200 or "text/html" not in r.headers.get("content-type", ""):
            continue
        for shape in parse_forms(path, r.text):
            key = (re.sub(r"\d+", "N", urllib.parse.urlsplit(shape.action).path), tuple(shape.texts + shape.dates))
            if key not in keys:
                keys.add(key)
                shapes.append(shape)
        for href in re.findall(r'href="(/[^"#]*)"', r.text):
            href = _unescape(href)
            clean = urllib.parse.urlsplit(href)
            if SKIP.search(clean.path) or clean.query.count("&") > 1:
                continue
            # Pages that differ only by ids are the same page for this purpose: two of each are enough.
            shape_key = re.sub(r"\d+", "N", clean.path)
            if sum(1 for s in seen if re.sub(r"\d+", "N", s) == shape_key) < 2 and href not in seen:
                queue.append(clean.path)
    return b, shapes


def table_counts(conn: psycopg.Connection) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN "
            "('django_session', 'org_formsubmission', 'django_migrations') ORDER BY tablename"
        ).fetchall()
    ]
    query = " UNION ALL ".join(f"SELECT '{n}', count(*) FROM \"{n}\"" for n in names)
    return dict(conn.execute(query).fetchall())


@dataclass
class CorpusResult:
    rows: list[tuple[str, str, str, str]] = field(default_factory=list)  # form, payload, outcome, verdict
    failures: list[str] = field(default_factory=list)


def corpus(port: int, url: str, addresses: Addresses, users: list[str], page_limit: int) -> CorpusResult:
    result = CorpusResult()
    conn = psycopg.connect(url, autocommit=True)

    def judge(
        label: str, payload: str, r: Response | None, before: dict[str, int], accepted_ok: bool, browser: Browser
    ) -> None:
        after = table_counts(conn)
        grown = {t: after[t] - before.get(t, 0) for t in after if after[t] != before.get(t, 0)}
        if r is None:
            outcome, verdict = "no answer", "FAIL"
        elif r.status >= 500:
            outcome, verdict = f"{r.status}", "FAIL"
        elif r.status in (301, 302, 303):
            # Some forms answer a refusal with a redirect and the message on the next page (PRG).
            try:
                shown = browser.get(r.headers.get("location", "/"))
                message = bool(ERROR_MARK.search(shown.text) and VIET.search(shown.text))
            except Down:
                message = False
            if grown:
                outcome = f"{r.status} saved"
                verdict = "ok" if accepted_ok else ("note: kept as text" if payload == "markup" else "FAIL")
            elif message:
                outcome, verdict = f"{r.status} + message", "ok"
            else:
                outcome, verdict = f"{r.status} nothing saved", "note: no message" if accepted_ok else "FAIL"
        elif 400 <= r.status < 500:
            outcome = f"{r.status}"
            verdict = "ok" if VIET.search(r.text) and "Bad Request" not in r.text else "FAIL (no Vietnamese message)"
        elif r.status == 200:
            outcome = "200 re-rendered"
            verdict = (
                "ok"
                if ERROR_MARK.search(r.text) and VIET.search(r.text)
                else ("ok" if accepted_ok else "FAIL (no error shown)")
            )
        else:
            outcome, verdict = str(r.status), "FAIL"
        if grown and (r is None or r.status not in (301, 302, 303)):
            verdict = f"FAIL (rows written: {grown})"
        result.rows.append((label, payload, outcome, verdict))
        if verdict.startswith("FAIL"):
            result.failures.append(f"{label} — {payload}: {outcome}, {verdict}")

    # The public form and the tracking form, as a citizen (a fresh address each time: the limit is per address).
    for payload, value in {**TEXT_PAYLOADS}.items():
        b = Browser(port, addresses.take())
        r = b.get("/cong-thong-tin/gui/")
        values = dict(hidden_fields(r.text))
        values.update(
            kind="feedback",
            field=options(r.text, "field")[0],
            unit=options(r.text, "unit")[0],
            subject=value,
            content=value,
            full_name=value,
            address=value,
            website="",
        )
        if payload == "10 MB text":  # one big field, the others as a person types them
            values.update(subject="Nội dung rất dài", full_name="Lê Thị Thu", address="Thanh Xuân")
        before = table_counts(conn)
        try:
            answer = b.post("/cong-thong-tin/gui/", list(values.items()))
        except Down:
            answer = None
        judge("public petition form", payload, answer, before, payload.startswith("NFD"), b)
        if payload.startswith("NFD") and answer is not None and answer.status == 302:
            stored = conn.execute("SELECT subject FROM petitions_petition ORDER BY id DESC LIMIT 1").fetchone()[0]
            if stored != unicodedata.normalize("NFC", value):
                result.failures.append("public petition form — NFD text stored without NFC normalisation")
        b = Browser(port, addresses.take())
        r = b.get("/cong-thong-tin/tra-cuu/")
        before = table_counts(conn)
        try:
            answer = b.post(
                "/cong-thong-tin/tra-cuu/", [*hidden_fields(r.text), ("code", value), ("secret", "ABCD1234")]
            )
        except Down:
            answer = None
        judge("public tracking form", payload, answer, before, False, b)
    for payload, (name, ctype, content) in FILE_PAYLOADS.items():
        b = Browser(port, addresses.take())
        r = b.get("/cong-thong-tin/gui/")
        values = [
            *hidden_fields(r.text),
            ("kind", "feedback"),
            ("field", options(r.text, "field")[0]),
            ("unit", options(r.text, "unit")[0]),
            ("subject", "Ảnh đèn hỏng"),
            ("content", "Gửi kèm ảnh đèn hỏng."),
            ("full_name", "Lê Thị Thu"),
        ]
        before = table_counts(conn)
        try:
            answer = b.post("/cong-thong-tin/gui/", values, [("attachment", name, ctype, content)])
        except Down:
            answer = None
        judge("public petition form", payload, answer, before, False, b)

    # The per-address limit still holds (the load spread its citizens over many addresses): from one
    # address, the post after DANVAN_PORTAL_SUBMIT_PER_HOUR (10) filed cases is refused with a 429.
    address = addresses.take()
    answers = []
    for n in range(11):
        b = Browser(port, address)
        try:
            r = b.get("/cong-thong-tin/gui/")
            r = b.post(
                "/cong-thong-tin/gui/",
                [
                    *hidden_fields(r.text),
                    ("kind", "feedback"),
                    ("field", options(r.text, "field")[0]),
                    ("unit", options(r.text, "unit")[0]),
                    ("subject", f"Giới hạn theo địa chỉ {n + 1}"),
                    ("content", "Đèn đường hỏng."),
                    ("full_name", "Lê Thị Thu"),
                ],
            )
            answers.append(r.status)
        except Down:
            answers.append(0)
    limited = answers[:10] == [302] * 10 and answers[10] == 429 and VIET.search(r.text) is not None
    result.rows.append(
        (
            "public petition form",
            "11 cases from one address",
            f"{answers[-1]} on the 11th",
            "ok" if limited else f"FAIL ({answers})",
        )
    )
    if not limited:
        result.failures.append(f"the per-address limit did not hold: {answers}")

    # Every officer form reachable from the home pages of these users.
    for username in users:
        b, shapes = crawl(port, username, addresses, page_limit)
        print(f"  {username}: {len(shapes)} forms with text, date or file fields", flush=True)
        for shape in shapes:
            label = f"{username} {urllib.parse.urlsplit(shape.action).path}"
            cases = [(p, v, "text") for p, v in TEXT_PAYLOADS.items() if shape.texts]
            cases += [(p, v, "date") for p, v in DATE_PAYLOADS.items() if shape.dates]
            cases += [(p, v, "file") for p, v in FILE_PAYLOADS.items() if shape.files]
            if shape.files and urllib.parse.urlsplit(shape.action).path == "/ke-hoach/nhap/":
                cases.append(("malformed plan text", ("kh98.txt", "text/plain", MALFORMED_PLAN.encode()), "file"))
            for payload, value, where in cases:
                try:
                    page = b.get(shape.page)  # a fresh one-time token for each post
                except Down:
                    continue
                forms = [f for f in FORM.findall(page.text) if 'method="post"' in f[0].lower()]
                hidden: list[tuple[str, str]] = []
                for attrs, body in forms:
                    action = re.search(r'action="([^"]*)"', attrs)
                    target = (
                        urllib.parse.urljoin(shape.page, _unescape(action.group(1)))
                        if action and action.group(1)
                        else shape.page
                    )
                    if target == shape.action:
                        hidden = hidden_fields(body)
                        break
                today = time.strftime("%d/%m/%Y")
                fields = [*hidden, *shape.others]
                big = payload == "10 MB text"
                fields += [
                    (n, value if where == "text" and (not big or i == 0) else "Nội dung thử tải")
                    for i, n in enumerate(shape.texts)
                ]
                fields += [(n, value if where == "date" else today) for n in shape.dates]
                files = [(n, *value) for n in shape.files] if where == "file" else []
                before = table_counts(conn)
                try:
                    answer = b.post(shape.action, fields, files)
                except Down:
                    answer = None
                judge(label, payload, answer, before, payload.startswith("NFD"), b)
    conn.close()
    return result


# --- main -----------------------------------------------------------------------------------------


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--clients", type=int, default=int(os.environ.get("LOAD_CLIENTS", 200)))
    parser.add_argument("--duration", type=float, default=float(os.environ.get("LOAD_DURATION", 60)))
    parser.add_argument(
        "--workers",
        type=int,
        default=int(os.environ.get("LOAD_WORKERS", 4)),
        help="gunicorn sync workers (default 4 on this 2-core machine)",
    )
    parser.add_argument("--officers", type=float, default=0.1, help="share of the clients that are officers")
    parser.add_argument("--think", type=float, default=0.0, help="mean pause between a person's steps, seconds")
    parser.add_argument("--port", type=int, default=int(os.environ.get("LOAD_PORT", 8765)))
    parser.add_argument(
        "--database-url", default=os.environ.get("LOAD_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/danvan_load")
    )
    parser.add_argument("--reuse-db", action="store_true", help="keep the database of the last run (no demo load)")
    parser.add_argument("--no-faults", action="store_true", help="no kill -9 in the middle")
    parser.add_argument("--down", type=float, default=3.0, help="seconds the servers stay dead")
    parser.add_argument("--no-worker", action="store_true", help="do not run `danvan worker`")
    parser.add_argument("--no-corpus", action="store_true", help="skip the bad-input corpus")
    parser.add_argument("--corpus-only", action="store_true", help="only the bad-input corpus")
    parser.add_argument("--pages", type=int, default=150, help="pages crawled per officer for the corpus")
    args = parser.parse_args()

    if not (BIN / "gunicorn").exists():
        sys.exit("gunicorn is not installed in .venv (pip install -e '.[test]'); `make load` needs it")
    work = Path(tempfile.mkdtemp(prefix="danvan-load-"))
    outbox = work / "outbox"
    outbox.mkdir()
    env = {
        **os.environ,
        "DATABASE_URL": args.database_url,
        "DEBUG": "false",
        "DANVAN_DATA_DIR": str(work / "data"),
        "SECRET_KEY": os.environ.get("SECRET_KEY") or secrets.token_urlsafe(48),
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "PYTHONPATH": str(ROOT / "src"),
        "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
        "EMAIL_FILE_PATH": str(outbox),
        "DJANGO_SETTINGS_MODULE": "danvan.settings",
        "LOG_LEVEL": "ERROR",
    }
    if not args.reuse_db:
        make_database(args.database_url, env)
    servers = Servers(env=env, port=args.port, workers=args.workers, logs=work, with_worker=not args.no_worker)
    servers.start()
    print(f"gunicorn ({args.workers} workers) on 127.0.0.1:{args.port}, logs and outbox in {work}", flush=True)
    failures: list[str] = []
    addresses = Addresses(secrets.randbelow(1 << 20))
    stats = Stats()
    run = secrets.token_hex(3)
    try:
        if not args.corpus_only:
            failures += load(args, servers, stats, run, addresses)
            failures += check_records(args.database_url, run, stats)
            report(args, stats, servers)
        if not args.no_corpus:
            print("\nbad-input corpus:", flush=True)
            servers.stop_worker()  # rows counted before and after each post: nothing else writes meanwhile
            result = corpus(args.port, args.database_url, addresses, ["noivu", "canbo", "admin"], args.pages)
            width = max((len(r[0]) for r in result.rows), default=10)
            for form, payload, outcome, verdict in result.rows:
                print(f"  {form:<{width}}  {payload:<24} {outcome:<16} {verdict}")
            print(f"  {len(result.rows)} posts, {len(result.failures)} failures")
            failures += result.failures
        time.sleep(2)  # the worker's last deliveries
    finally:
        servers.stop()
    sent, duplicates = outbox_duplicates(outbox)
    with psycopg.connect(args.database_url) as conn:
        states = dict(
            conn.execute("SELECT email_state, count(*) FROM notifications_notification GROUP BY email_state").fetchall()
        )
    print(
        f"\ne-mails in the outbox: {sent}; sent twice: {len(duplicates)}; notifications by e-mail state: "
        + ", ".join(f"{k} {v}" for k, v in sorted(states.items()))
    )
    if states.get("sending"):
        print(f"  {states['sending']} claimed by a worker that was killed before sending: never sent (at most once)")
    failures += [f"e-mail sent twice: {d}" for d in duplicates]
    if failures:
        print(f"\nFAILED ({len(failures)}):")
        for line in failures[:60]:
            print("  " + line)
        return 1
    print("\nload: every check passed")
    return 0


def load(args, servers: Servers, stats: Stats, run: str, addresses: Addresses) -> list[str]:
    officers = max(1, round(args.clients * args.officers)) if args.clients > 1 else 0
    started = time.monotonic()
    until = started + args.duration
    threads = [
        threading.Thread(
            target=officer,
            args=(args.port, OFFICERS[i % len(OFFICERS)], until, stats, addresses, args.think),
            daemon=True,
        )
        for i in range(officers)
    ]
    threads += [
        threading.Thread(target=citizen, args=(args.port, run, i, until, stats, addresses, args.think), daemon=True)
        for i in range(args.clients - officers)
    ]
    for t in threads:
        t.start()
    print(f"{args.clients} clients ({officers} officers) for {args.duration:.0f} s", flush=True)
    # `danvan tick` makes the demo's due and overdue notifications: e-mails for the worker to send, started
    # shortly before the kill so that the worker is busy when it dies.
    time.sleep(max(0.0, started + args.duration * (0 if args.no_faults else 0.3) - time.monotonic()))
    tick = subprocess.Popen(
        [str(BIN / "danvan"), "tick"], env=servers.env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    if not args.no_faults:
        time.sleep(max(0.0, started + args.duration * 0.4 - time.monotonic()))
        stats.outage = (time.monotonic(), 0.0)
        pids = servers.kill9()
        print(
            f"  t={time.monotonic() - started:.0f} s: kill -9 of gunicorn and the worker ({len(pids)} processes)",
            flush=True,
        )
        time.sleep(args.down)
        print(f"  t={time.monotonic() - started:.0f} s: starting them again", flush=True)
        servers.start()
        stats.outage = (stats.outage[0], time.monotonic())
        print(f"  t={time.monotonic() - started:.0f} s: restarted and answering", flush=True)
    for t in threads:
        t.join(timeout=max(1.0, until - time.monotonic() + 150))
    stats.elapsed = time.monotonic() - started  # type: ignore[attr-defined]
    tick.wait()
    errors = [
        f"{kind}: {n} × HTTP {status}"
        for kind, counter in stats.statuses.items()
        for status, n in counter.items()
        if status >= 500
    ]
    if not stats.acknowledged:
        errors.append("no petition was acknowledged")
    return errors


def report(args, stats: Stats, servers: Servers) -> None:
    total = sum(len(v) for v in stats.times.values())
    elapsed = stats.elapsed  # type: ignore[attr-defined]
    print(
        f"\n{total} answered requests in {elapsed:.0f} s: {total / elapsed:.1f} requests/s; "
        f"{len(stats.acknowledged)} petitions acknowledged ({len(stats.acknowledged) / elapsed:.1f}/s), "
        f"{stats.stored} of the run in the database"
    )  # type: ignore[attr-defined]
    print(f"{'kind':<18}{'count':>8}{'p50 ms':>9}{'p95 ms':>9}  statuses; no answer (while down / otherwise)")
    for kind in sorted(set(stats.times) | set(stats.down)):
        times = stats.times.get(kind, [])
        statuses = ", ".join(f"{s}×{n}" for s, n in sorted(stats.statuses[kind].items()))
        down = stats.down.get(kind, Counter())
        print(
            f"{kind:<18}{len(times):>8}{pct(times, 50) * 1000:>9.0f}{pct(times, 95) * 1000:>9.0f}  {statuses}; "
            f"{down['while down']} / {down['otherwise']}"
        )
    if servers.killed:
        print(
            f"kill -9: {len(servers.killed)} processes; posts answered 302 whose receipt was lost: "
            f"{stats.posted_unseen}"
        )
    for line in stats.unexpected[:15]:
        print("  unexpected: " + line)


if __name__ == "__main__":
    sys.exit(main())
