"""Who is asking: the client's address as the application should count it.

Behind the reverse proxy that production uses (docs/deployment.md), every request comes from the
proxy's address; counting failed look-ups per REMOTE_ADDR would then lock out every citizen at once.
The proxy appends the real address to X-Forwarded-For, so the last entry is the one it saw — the
earlier entries are whatever the client claimed and are never trusted.
"""

from __future__ import annotations

from collections.abc import Mapping


def client_ip(meta: Mapping[str, str], *, behind_proxy: bool) -> str:
    """The client's IP address from a WSGI environ (``request.META``)."""
    if behind_proxy:
        forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if forwarded:
            return forwarded[-1]
        real = meta.get("HTTP_X_REAL_IP", "").strip()
        if real:
            return real
    return meta.get("REMOTE_ADDR", "") or "?"
