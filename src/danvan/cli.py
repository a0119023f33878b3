"""The ``danvan`` command: Django's management utility with danvan's settings.

``danvan migrate``, ``danvan runserver``, ``danvan demo``, ``danvan deadline`` ... all go
through here, so an administrator never has to know about ``manage.py`` or settings modules.
"""

from __future__ import annotations

import os
import sys


def prepare_data_dir() -> None:
    """Create the data directory (database, files, static, cache) when danvan starts, not on import."""
    from django.conf import settings

    for path in (settings.DATA_DIR, settings.DATA_DIR / "static", settings.DATA_DIR / "media"):
        path.mkdir(parents=True, exist_ok=True)


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    from django.core.management import execute_from_command_line

    prepare_data_dir()

    execute_from_command_line(["danvan", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    main()
