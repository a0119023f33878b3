"""``danvan backup`` / ``danvan restore``: a backup restored into an empty database gives the same rows and files."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from danvan.ops import backup as ops

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _reference_data(transactional_db, settings, tmp_path):
    """Transactional: rows seeded by data migrations are flushed after each test; put them back."""
    from danvan.petitions.demo import ensure_fields
    from danvan.reporting.catalogue import install_templates

    settings.STORAGES = {**settings.STORAGES, "default": {
        **settings.STORAGES["default"], "OPTIONS": {**settings.STORAGES["default"]["OPTIONS"],
                                                    "location": str(tmp_path / "media")}}}
    ensure_fields()
    install_templates()


def _case_with_file(demo_org):
    from tests.petitions.helpers import denunciation

    return denunciation(demo_org).petition


def _tables() -> list[str]:
    return sorted(t for t in connection.introspection.table_names() if not t.startswith("sqlite_"))


def _rows(cursor, table: str) -> list[tuple]:
    cursor.execute(f'SELECT * FROM "{table}"')
    return sorted(tuple(str(v) for v in row) for row in cursor.fetchall())


def _empty_target(tmp_path):
    """A second, empty database of the same kind, and a way to read it."""
    db = dict(settings.DATABASES["default"])
    if connection.vendor == "sqlite":
        db["NAME"] = str(tmp_path / "restored.sqlite3")
        # Read with the converters Django registers, so both sides give the same Python values.
        types = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES
        return db, lambda: sqlite3.connect(db["NAME"], detect_types=types), lambda: None
    import psycopg

    name = f"{connection.settings_dict['NAME']}_restored"
    admin = psycopg.connect(host=db.get("HOST") or "127.0.0.1", port=db.get("PORT") or 5432,
                            user=db.get("USER") or "postgres", password=db.get("PASSWORD") or None,
                            dbname="postgres", autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    db["NAME"] = name

    def open_():
        from psycopg.types.string import TextLoader

        conn = psycopg.connect(host=db.get("HOST") or "127.0.0.1", port=db.get("PORT") or 5432,
                               user=db.get("USER") or "postgres", password=db.get("PASSWORD") or None, dbname=name)
        for json_type in ("json", "jsonb"):  # as Django reads them: the text, decoded by the field
            conn.adapters.register_loader(json_type, TextLoader)
        return conn

    def drop():
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()

    return db, open_, drop


def test_restore_into_an_empty_database_gives_the_same_rows_and_files(demo_org, tmp_path):
    petition = _case_with_file(demo_org)
    scan = petition.attachments.get()
    assert Path(scan.file.path).is_relative_to(tmp_path / "media")
    original = Path(scan.file.path).read_bytes()

    result = ops.backup(tmp_path / "backups")
    manifest = ops.verify(result.folder)
    names = {f["path"] for f in manifest["files"]}
    assert f"media/{scan.file.name}" in names
    assert manifest["database"] == connection.vendor and "petitions.0001_initial" in manifest["migrations"]

    db, open_target, drop = _empty_target(tmp_path)
    try:
        ops.restore(result.folder, database=db, media_to=tmp_path / "media-restored")
        target = open_target()
        try:
            with connection.cursor() as source:
                tcur = target.cursor()
                for table in _tables():
                    assert _rows(tcur, table) == _rows(source, table), table
        finally:
            target.close()
    finally:
        drop()
    assert (tmp_path / "media-restored" / scan.file.name).read_bytes() == original


def test_a_damaged_backup_is_refused_before_anything_is_touched(demo_org, tmp_path):
    petition = _case_with_file(demo_org)
    scan = petition.attachments.get()
    folder = ops.backup(tmp_path / "backups").folder
    damaged = folder / "media" / scan.file.name
    damaged.write_bytes(damaged.read_bytes() + b"x")
    with pytest.raises(ValidationError, match="SHA-256"):
        ops.verify(folder)
    with pytest.raises(CommandError, match="đã bị thay đổi hoặc hỏng"):
        call_command("restore", str(folder), stdout=io.StringIO(), stderr=io.StringIO())
    assert petition.__class__.objects.filter(pk=petition.pk).exists()  # nothing was replaced


def test_commands_write_and_check_a_backup(demo_org, tmp_path):
    out = io.StringIO()
    call_command("backup", to=str(tmp_path / "b"), stdout=out, stderr=io.StringIO())
    assert "Đã sao lưu vào" in out.getvalue()
    folder = next((tmp_path / "b").iterdir())
    out = io.StringIO()
    call_command("restore", str(folder), check=True, stdout=out)
    assert "nguyên vẹn" in out.getvalue()
    (folder / "thua.txt").write_text("?")
    with pytest.raises(CommandError, match="không ghi trong danh mục"):
        call_command("restore", str(folder), check=True, stdout=io.StringIO())
