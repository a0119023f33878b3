"""Settings that fail safe: no public key in production, one data directory, nothing created on import."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import danvan

CHECKOUT = Path(danvan.__file__).resolve().parent.parent.parent


def _python(code: str, *, cwd: Path, **env: str) -> subprocess.CompletedProcess:
    base = {k: v for k, v in os.environ.items()
            if k not in {"SECRET_KEY", "DEBUG", "PYTEST_VERSION", "DANVAN_DATA_DIR", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run([sys.executable, "-c", code], cwd=cwd, capture_output=True, text=True, timeout=60,
                          env={**base, "DJANGO_SETTINGS_MODULE": "danvan.settings", **env})


def test_without_debug_a_missing_secret_key_stops_start_up_with_a_clear_message(tmp_path):
    result = _python("import django; django.setup()", cwd=tmp_path, DANVAN_DATA_DIR=str(tmp_path / "d"))
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and "SECRET_KEY is not set" in result.stderr
    result = _python("from danvan import cli; cli.main(['check'])", cwd=tmp_path, DANVAN_DATA_DIR=str(tmp_path / "d"))
    assert result.returncode != 0 and "SECRET_KEY is not set" in result.stderr


def test_a_set_key_or_debug_starts(tmp_path):
    code = "from django.conf import settings; print(settings.SECRET_KEY[:6])"
    assert _python(code, cwd=tmp_path, SECRET_KEY="k" * 60).stdout.strip() == "kkkkkk"
    assert _python(code, cwd=tmp_path, DEBUG="true").stdout.strip() == "danvan"


def test_importing_the_settings_creates_nothing(tmp_path):
    target = tmp_path / "du-lieu"
    result = _python("import django; django.setup(); from django.conf import settings; print(settings.DATA_DIR)",
                     cwd=tmp_path, SECRET_KEY="k" * 60, DANVAN_DATA_DIR=str(target))
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(target) and not target.exists()


def test_the_data_directory_does_not_depend_on_the_current_directory(tmp_path):
    code = "from django.conf import settings; print(settings.DATA_DIR)"
    here = _python(code, cwd=tmp_path, SECRET_KEY="k" * 60).stdout.strip()
    there = _python(code, cwd=Path("/"), SECRET_KEY="k" * 60).stdout.strip()
    assert here == there == str(CHECKOUT / "var")
    assert not (tmp_path / "var").exists()


def test_the_command_creates_the_data_directory_when_it_starts(tmp_path):
    target = tmp_path / "du-lieu"
    result = _python("from danvan import cli; cli.main(['check'])", cwd=tmp_path, SECRET_KEY="k" * 60,
                     DANVAN_DATA_DIR=str(target))
    assert result.returncode == 0, result.stderr
    assert (target / "static").is_dir() and (target / "media").is_dir()
