"""The shared cache: files on one machine, Redis when REDIS_URL is set (checked against a real Redis)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys

import pytest

REDIS = "redis://127.0.0.1:6379/15"


def _redis_up() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=1).close()
        return True
    except OSError:
        return False


def _settings_cache(env: dict[str, str]) -> str:
    code = "from django.conf import settings; print(settings.CACHES['default']['BACKEND'])"
    result = subprocess.run([sys.executable, "-c", f"import django, os; os.environ.setdefault("
                             f"'DJANGO_SETTINGS_MODULE', 'danvan.settings'); django.setup(); {code}"],
                            env=env, capture_output=True, text=True, timeout=60, check=True)
    return result.stdout.strip()


def test_default_cache_is_shared_files_and_redis_url_switches_to_redis(tmp_path):
    env = {**os.environ, "DANVAN_DATA_DIR": str(tmp_path)}
    env.pop("REDIS_URL", None)
    assert _settings_cache(env).endswith("FileBasedCache")
    assert _settings_cache({**env, "REDIS_URL": REDIS}).endswith("RedisCache")


def test_redis_cache_counts_across_clients(settings):
    if not _redis_up():
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but no Redis on 127.0.0.1:6379")
        pytest.skip("Redis không chạy trên 127.0.0.1:6379")
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS}}
    from django.core.cache import cache, caches

    cache.set("danvan-test-counter", 0)
    cache.incr("danvan-test-counter")
    other = caches.create_connection("default")  # a second worker's connection
    assert other.get("danvan-test-counter") == 1
    cache.delete("danvan-test-counter")
