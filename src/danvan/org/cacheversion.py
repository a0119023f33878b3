"""Version counters in the shared cache: a reader puts the version in its key, a writer moves it on.

Cached values (home-page figures, the public form's lists) are never deleted one by one: every
write that could change them moves their counter on, and readers then look under a new key while
the old entries expire by themselves. Works the same on the local-memory cache of one process and on
Redis shared by several.
"""

from __future__ import annotations

import time

from django.core.cache import cache


def current(key: str) -> int:
    """The counter under ``key``; started from the clock when absent, so a new series never meets an old one."""
    version = cache.get(key)
    if version is None:
        version = int(time.time() * 1000)
        cache.add(key, version, None)
        version = cache.get(key, version)
    return version


def bump(key: str) -> None:
    """Move the counter under ``key`` on: entries keyed by the earlier value are no longer read."""
    try:
        cache.incr(key)
    except ValueError:  # not set yet (or evicted): the next reader starts a new series
        cache.set(key, int(time.time() * 1000) + 1, None)
