"""Argument parsing shared by the legal commands: Vietnamese messages, never a traceback."""

from __future__ import annotations

import argparse
from datetime import date

from django.utils.translation import gettext as _


def iso_date(value: str) -> date:
    """An argparse type: YYYY-MM-DD, with a message that says what was wrong (e.g. 2026-02-30)."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("Ngày không hợp lệ: “%(value)s”. Hãy nhập một ngày có thật, dạng YYYY-MM-DD (ví dụ 2026-02-10).")
            % {"value": value}
        ) from None


def integer(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(_("Không phải số nguyên: “%(value)s”.") % {"value": value}) from None
