"""Backup and restore of a danvan installation: the database and the uploaded files, with checksums.

A backup is a folder::

    danvan-backup-20261127-153000/
        manifest.json        what is inside: format, database kind, migrations, every file's size and SHA-256
        database.dump        PostgreSQL: ``pg_dump --format=custom``   (or database.sqlite3 for SQLite)
        media/…              a copy of the uploaded files' folder (scans, evidence, attachments)

``restore`` checks every checksum of the manifest before it touches anything, then loads the
database (``pg_restore --clean`` into the configured or given PostgreSQL database; SQLite's
online backup API into the SQLite file) and puts the files back in the uploads folder. A backup of
one kind of database restores into the same kind.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection

FORMAT = 1
MANIFEST = "manifest.json"
CHUNK = 1 << 20


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class Result:
    folder: Path
    files: int
    bytes: int


def _pg_env(db: dict[str, Any]) -> tuple[list[str], dict[str, str]]:
    args = ["-h", str(db.get("HOST") or "127.0.0.1"), "-p", str(db.get("PORT") or 5432),
            "-U", str(db.get("USER") or "postgres")]
    env = {**os.environ}
    if db.get("PASSWORD"):
        env["PGPASSWORD"] = str(db["PASSWORD"])
    return args, env


def _migrations() -> list[str]:
    from django.db.migrations.recorder import MigrationRecorder

    return sorted(f"{app}.{name}" for app, name in MigrationRecorder(connection).applied_migrations())


def media_root() -> Path:
    """Where uploaded files are: the default storage's folder (``STORAGES``), else MEDIA_ROOT."""
    from django.core.files.storage import default_storage

    location = getattr(default_storage, "location", None)
    return Path(location or settings.MEDIA_ROOT)


def backup(dest: Path, *, progress: Callable[[str], Any] = lambda _text: None) -> Result:
    """Write a backup folder under ``dest`` (created) and return it."""
    folder = Path(dest) / f"danvan-backup-{datetime.now():%Y%m%d-%H%M%S}"
    folder.mkdir(parents=True, exist_ok=False)
    db = settings.DATABASES["default"]
    vendor = connection.vendor
    progress("Sao lưu cơ sở dữ liệu…")
    if vendor == "postgresql":
        args, env = _pg_env(db)
        subprocess.run(["pg_dump", *args, "--format=custom", "--no-owner", "--no-privileges",
                        "-f", str(folder / "database.dump"), str(db["NAME"])], env=env, check=True)
    elif vendor == "sqlite":
        connection.ensure_connection()
        target = sqlite3.connect(folder / "database.sqlite3")
        try:
            connection.connection.backup(target)
        finally:
            target.close()
    else:  # pragma: no cover - danvan runs on the two
        raise ValidationError(f"Không sao lưu được cơ sở dữ liệu loại {vendor}.")
    media = media_root()
    if media.is_dir():
        progress("Sao lưu tệp đính kèm…")
        shutil.copytree(media, folder / "media", symlinks=False)
    files = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        files.append({"path": path.relative_to(folder).as_posix(), "size": path.stat().st_size,
                      "sha256": sha256(path)})
    manifest = {"format": FORMAT, "created_at": datetime.now().astimezone().isoformat(), "database": vendor,
                "migrations": _migrations(), "files": files}
    (folder / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False, indent=1))
    return Result(folder, len(files), sum(f["size"] for f in files))


def verify(folder: Path) -> dict[str, Any]:
    """The manifest of ``folder`` after checking every file's size and checksum (ValidationError if not)."""
    folder = Path(folder)
    try:
        manifest = json.loads((folder / MANIFEST).read_text())
    except (OSError, ValueError) as exc:
        raise ValidationError(f"Không đọc được {MANIFEST} trong {folder}: đây không phải bản sao lưu danvan.") from exc
    if manifest.get("format") != FORMAT:
        raise ValidationError(f"Bản sao lưu có định dạng {manifest.get('format')}, "
                              f"phiên bản này đọc định dạng {FORMAT}.")
    listed = set()
    for entry in manifest["files"]:
        path = folder / entry["path"]
        listed.add(entry["path"])
        if not path.is_file():
            raise ValidationError(f"Thiếu tệp {entry['path']} trong bản sao lưu.")
        if path.stat().st_size != entry["size"] or sha256(path) != entry["sha256"]:
            raise ValidationError(f"Tệp {entry['path']} đã bị thay đổi hoặc hỏng (sai mã kiểm tra SHA-256).")
    extra = [p.relative_to(folder).as_posix() for p in folder.rglob("*")
             if p.is_file() and p.name != MANIFEST and p.relative_to(folder).as_posix() not in listed]
    if extra:
        raise ValidationError(f"Có tệp không ghi trong danh mục: {', '.join(sorted(extra)[:5])}.")
    return manifest


def restore(folder: Path, *, database: dict[str, Any] | None = None, media_to: Path | None = None,
            progress: Callable[[str], Any] = lambda _text: None) -> dict[str, Any]:
    """Check, then load the backup in ``folder`` into ``database`` (default: the configured one)."""
    folder = Path(folder)
    manifest = verify(folder)
    db = database or settings.DATABASES["default"]
    vendor = "postgresql" if "postgresql" in db["ENGINE"] else "sqlite" if "sqlite" in db["ENGINE"] else db["ENGINE"]
    if manifest["database"] != vendor:
        raise ValidationError(f"Bản sao lưu là của {manifest['database']}, không khôi phục vào {vendor} được.")
    progress("Khôi phục cơ sở dữ liệu…")
    if vendor == "postgresql":
        args, env = _pg_env(db)
        subprocess.run(["pg_restore", *args, "--clean", "--if-exists", "--no-owner", "--no-privileges",
                        "--single-transaction", "--exit-on-error", "-d", str(db["NAME"]),
                        str(folder / "database.dump")], env=env, check=True)
    else:
        source = sqlite3.connect(folder / "database.sqlite3")
        try:
            if database is None:
                connection.ensure_connection()
                source.backup(connection.connection)
            else:
                target = sqlite3.connect(str(db["NAME"]))
                try:
                    source.backup(target)
                finally:
                    target.close()
        finally:
            source.close()
    media = Path(media_to) if media_to is not None else media_root()
    if (folder / "media").is_dir():
        progress("Khôi phục tệp đính kèm…")
        media.mkdir(parents=True, exist_ok=True)
        shutil.copytree(folder / "media", media, dirs_exist_ok=True)
    return manifest
