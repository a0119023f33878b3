"""Writes to the legal tables: administrators correcting the calendar or a rule.

Each function checks the policy (``actor=None`` means the system: a data migration, a test
fixture), validates with Vietnamese messages, writes in one transaction and records who did it in
history. A rule row is also checked against the whole rules table before it is saved, so an
overlapping version can never reach the engine and break every deadline.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core.deadlines import DeadlineError, RuleSet
from danvan.core.vntext import clean_text
from danvan.legal.models import ConfirmedYear, DeadlineRuleRow, DeclaredDay
from danvan.org import policy
from danvan.org.audit import record_change as _history
from danvan.org.models import Staff

RULE_FIELDS = (
    "rule_id", "kind", "milestone", "label", "days", "days_complex", "days_remote", "days_remote_complex",
    "days_several_places", "unit", "direction", "counts_from", "source", "valid_from", "valid_to", "extends",
    "max_extensions_complex", "max_extensions_very_complex", "verify", "note", "active",
)
DAY_FIELDS = ("date", "kind", "reason", "source", "note")


def _check(actor: Staff | None, permission: str) -> None:
    if actor is not None:
        policy.require(actor, permission)


@transaction.atomic
def save_declared_day(
    *, actor: Staff | None, day: DeclaredDay | None = None, date: date, kind: str, reason: str,
    source: str = "", note: str = "", change_reason: str = "",
) -> DeclaredDay:
    """Add or change one calendar correction (a day off, a cancelled day off, a make-up Saturday)."""
    _check(actor, "legal.calendar.change")
    day = day or DeclaredDay()
    day.date, day.kind = date, (kind or "").strip().lower()
    day.reason, day.source = clean_text(reason), clean_text(source)
    day.note = clean_text(note, multiline=True)
    day.full_clean()
    _history(day, actor, change_reason or _("Điều chỉnh lịch ngày làm việc"))
    day.save()
    return day


@transaction.atomic
def delete_declared_day(*, actor: Staff | None, day: DeclaredDay, change_reason: str = "") -> None:
    _check(actor, "legal.calendar.change")
    _history(day, actor, change_reason or _("Xóa điều chỉnh lịch"))
    day.delete()


def _check_rule_table(row: DeadlineRuleRow) -> None:
    """Load the whole table with this row in it: overlaps and invalid rows fail here, not later."""
    others = [r.as_row() for r in DeadlineRuleRow.objects.exclude(pk=row.pk).order_by("pk")] if row.pk else [
        r.as_row() for r in DeadlineRuleRow.objects.order_by("pk")]
    try:
        RuleSet.load([*others, row.as_row()])
    except DeadlineError as exc:
        raise ValidationError(str(exc)) from None


@transaction.atomic
def save_rule_row(
    *, actor: Staff | None, row: DeadlineRuleRow | None = None, change_reason: str = "", **values: Any
) -> DeadlineRuleRow:
    """Add or change a database rule row (it overrides the shipped row with the same id and valid from)."""
    _check(actor, "legal.rules.change")
    unknown = set(values) - set(RULE_FIELDS)
    if unknown:
        raise TypeError(f"unknown rule fields: {sorted(unknown)}")
    row = row or DeadlineRuleRow()
    for name, value in values.items():
        if isinstance(value, str):
            value = clean_text(value, multiline=name == "note")
        setattr(row, name, value)
    validate_rule_row(row)
    _history(row, actor, change_reason or _("Sửa quy tắc thời hạn"))
    row.save()
    return row


def validate_rule_row(row: DeadlineRuleRow) -> None:
    """Every check a rule row must pass before saving: its fields, its key, and the whole table with it.

    The admin form calls this too, so an overlapping version is a form error there, not a crash.
    """
    row.rule_id = (row.rule_id or "").upper()
    row.full_clean()
    duplicate = DeadlineRuleRow.objects.filter(rule_id=row.rule_id, valid_from=row.valid_from).exclude(pk=row.pk)
    if duplicate.exists():
        raise ValidationError({"valid_from": _("Đã có một dòng %(id)s với cùng ngày bắt đầu hiệu lực; hãy sửa dòng đó.")
                               % {"id": row.rule_id}})
    _check_rule_table(row)


@transaction.atomic
def delete_rule_row(*, actor: Staff | None, row: DeadlineRuleRow, change_reason: str = "") -> None:
    """Remove a database row: the shipped row with the same key (if any) applies again."""
    _check(actor, "legal.rules.change")
    _history(row, actor, change_reason or _("Xóa dòng quy tắc; áp dụng lại tệp dữ liệu"))
    row.delete()


@transaction.atomic
def confirm_year(*, actor: Staff | None, year: int, source: str) -> ConfirmedYear:
    """The administrator checked ``year``'s days off against the government's announcement (and entered
    any difference as declared days): deadlines in that year stop saying it is unconfirmed."""
    _check(actor, "legal.calendar.change")
    source = clean_text(source or "")
    errors: dict[str, str] = {}
    if not 2000 <= int(year) <= 2200:
        errors["year"] = _("Năm không hợp lệ.")
    if not source:
        errors["source"] = _("Hãy ghi căn cứ: văn bản công bố lịch nghỉ của năm (ví dụ: Thông báo của Bộ Nội vụ "
                             "về lịch nghỉ Tết Âm lịch, Quốc khánh).")
    if errors:
        raise ValidationError(errors)
    confirmed = ConfirmedYear.objects.filter(year=year).first() or ConfirmedYear(year=year)
    confirmed.source, confirmed.confirmed_by = source, actor
    _history(confirmed, actor, _("Xác nhận lịch nghỉ năm %(year)s") % {"year": year})
    confirmed.save()
    return confirmed
