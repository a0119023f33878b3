"""Reads that may come from a PostgreSQL read replica, and the rule that nobody sees their own write missing.

With ``DANVAN_REPLICA_URL`` set (settings.py adds a ``replica`` database), a GET or HEAD request to a
read-heavy page that tolerates a few seconds of staleness — reports, the dashboard, file exports
(``DANVAN_REPLICA_PATHS``) — reads from the replica. Everything else reads and writes on the primary
(``default``), and so does:

* every read of a request after that request wrote something (the router sees each write);
* every request of a browser for ``DANVAN_REPLICA_STICKY_SECONDS`` after one of its requests wrote
  something (a cookie with the time of the write: "read your writes");
* every request while the replica lags more than ``DANVAN_REPLICA_MAX_LAG`` seconds behind the
  primary or does not answer (checked at most every ``DANVAN_REPLICA_CHECK_SECONDS`` per process);
* the session and the signed-in person, which are loaded from the primary before the request may
  read from the replica, so a person who has just signed in is never shown as signed out.

Migrations only ever run on the primary. Without a ``replica`` database the router says nothing and
Django uses ``default`` for everything, as before.
"""

from __future__ import annotations

import contextvars
import re
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.db import connections

REPLICA = "replica"
PRIMARY = "default"
COOKIE = "danvan_wrote"

# Which databases may not be read from the replica whatever the page: sessions and sign-in.
_PRIMARY_APPS = frozenset({"sessions", "auth", "contenttypes", "admin"})
_SIGN_IN_OUT = frozenset({"login", "logout"})


@dataclass
class _RequestState:
    replica_allowed: bool
    wrote: bool = False


_state: contextvars.ContextVar[_RequestState | None] = contextvars.ContextVar("danvan_replica_state", default=None)


def _always_primary(model) -> bool:
    return model._meta.app_label in _PRIMARY_APPS or model._meta.label == settings.AUTH_USER_MODEL


def replica_configured() -> bool:
    return REPLICA in settings.DATABASES


class ReplicaRouter:
    """Django database router: the replica only for reads that a replica-allowed request makes
    before it writes anything; the primary for everything else."""

    def db_for_read(self, model, **hints):
        state = _state.get()
        if state is None or not state.replica_allowed or state.wrote or _always_primary(model):
            return PRIMARY if replica_configured() else None
        return REPLICA

    def db_for_write(self, model, **hints):
        state = _state.get()
        # Signing in writes the session and the person's last log-in: both are always read from the
        # primary, so such a write needs no read-your-writes window.
        if state is not None and not _always_primary(model):
            state.wrote = True
        return PRIMARY if replica_configured() else None

    def allow_relation(self, obj1, obj2, **hints):
        # Both databases hold the same rows: an object read from the replica may point at one from the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db == REPLICA else None


# --- Lag --------------------------------------------------------------------------------------------

_LAG_SQL = (
    "SELECT CASE WHEN NOT pg_is_in_recovery() THEN 0"
    " WHEN pg_last_wal_receive_lsn() = pg_last_wal_replay_lsn() THEN 0"
    " ELSE COALESCE(EXTRACT(EPOCH FROM now() - pg_last_xact_replay_timestamp()), 0) END"
)
_lag_lock = threading.Lock()
_lag_checked: dict[str, float | bool] = {"at": float("-inf"), "healthy": False}


def measure_lag() -> float | None:
    """Seconds the replica's replayed data is behind the primary (0 when it has replayed all it
    received, or when it is not a standby — a test mirror), None when it does not answer."""
    connection = connections[REPLICA]
    try:
        if connection.vendor != "postgresql":
            connection.ensure_connection()
            return 0.0
        with connection.cursor() as cursor:
            cursor.execute(_LAG_SQL)
            return float(cursor.fetchone()[0])
    except Exception:
        try:
            connection.close()
        except Exception:
            pass
        return None


def replica_healthy(now: float | None = None) -> bool:
    """Whether the replica answered and was close enough behind at the last check; checks again when
    the last check is older than DANVAN_REPLICA_CHECK_SECONDS (one query per process at most that often)."""
    now = time.monotonic() if now is None else now
    interval = float(getattr(settings, "DANVAN_REPLICA_CHECK_SECONDS", 5))
    with _lag_lock:
        if now - float(_lag_checked["at"]) < interval:
            return bool(_lag_checked["healthy"])
        lag = measure_lag()
        healthy = lag is not None and lag <= float(getattr(settings, "DANVAN_REPLICA_MAX_LAG", 10))
        _lag_checked.update(at=now, healthy=healthy)
        return healthy


def mark_unhealthy() -> None:
    """The replica just failed a read: use the primary until the next check says otherwise."""
    with _lag_lock:
        _lag_checked.update(at=time.monotonic(), healthy=False)


def forget_lag_check() -> None:
    """Check the replica again at the next request (tests, and after a replica was repaired)."""
    with _lag_lock:
        _lag_checked.update(at=float("-inf"), healthy=False)


# --- Middleware -------------------------------------------------------------------------------------


def _path_allows_replica(path: str) -> bool:
    return any(re.search(pattern, path) for pattern in getattr(settings, "DANVAN_REPLICA_PATHS", ()))


def _wrote_recently(request, now: float) -> bool:
    try:
        wrote_at = float(request.COOKIES.get(COOKIE, ""))
    except ValueError:
        return False
    return now - wrote_at < float(getattr(settings, "DANVAN_REPLICA_STICKY_SECONDS", 15))


def may_read_replica(request, now: float | None = None) -> bool:
    """Whether this request may read from the replica (before it writes anything)."""
    now = time.time() if now is None else now
    return (
        replica_configured()
        and request.method in ("GET", "HEAD")
        and _path_allows_replica(request.path_info)
        and not _wrote_recently(request, now)
        and replica_healthy()
    )


class ReplicaMiddleware:
    """Decides once per request whether reads may come from the replica, and remembers a write in a
    cookie so the same browser reads from the primary for the next few seconds. Placed after the
    authentication middleware: the session and the user are loaded from the primary first."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not replica_configured():
            return self.get_response(request)
        allowed = may_read_replica(request)
        if allowed:
            # Session and user from the primary, before any read may go to the replica.
            user = getattr(request, "user", None)
            if user is not None:
                user.is_authenticated  # noqa: B018 — evaluates the lazy user now
        state, response, error = self._respond(request, allowed)
        if allowed and not state.wrote and (response is None or response.status_code >= 500) \
                and measure_lag() is None:
            # The replica stopped answering since it was last checked (a crash, a restart): this read
            # is tried once more on the primary rather than shown as an error page, and the replica is
            # left alone until the next check. Only a GET that wrote nothing is repeated.
            mark_unhealthy()
            allowed = False
            state, response, error = self._respond(request, allowed)
        if response is None:
            raise error  # not the replica's fault: the error as it was
        match = getattr(request, "resolver_match", None)
        # Signing in or out writes the person's history and the audit log, which the replica's pages
        # do not show: no read-your-writes window for it (the session and the person come from the primary).
        if state.wrote and not (match and match.url_name in _SIGN_IN_OUT):
            response.set_cookie(
                COOKIE,
                f"{time.time():.3f}",
                max_age=int(getattr(settings, "DANVAN_REPLICA_STICKY_SECONDS", 15)) + 1,
                httponly=True,
                samesite="Lax",
                secure=request.is_secure(),
            )
        # Which database the page was read from (the topology script counts these; no page shows it).
        response.headers["X-Danvan-Read-From"] = "replica" if allowed and not state.wrote else "primary"
        return response

    def _respond(self, request, allowed: bool):
        """(the request's state, its response, None) or, when an error escaped Django's own handlers (an
        error page that failed in turn), (state, None, the error): raised unless the replica is to blame."""
        state = _RequestState(replica_allowed=allowed)
        token = _state.set(state)
        try:
            return state, self.get_response(request), None
        except Exception as exc:
            if not allowed:
                raise
            return state, None, exc
        finally:
            _state.reset(token)
