"""The deadline engine as the rest of danvan calls it: the core rules plus what administrators declared.

Other apps (petitions, reception, reporting) call :func:`compute_due` here, never the core one
directly, so that the declared days and rule rows an administrator keeps in the database apply
everywhere at once.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from danvan.core.deadlines import DueDate, RuleSet, default_rules
from danvan.core.deadlines import compute_due as core_compute_due
from danvan.core.workdays import WorkCalendar, default_calendar


def current_calendar() -> WorkCalendar:
    """The working-day calendar in force (to be merged with the administrators' declared days)."""
    return default_calendar()


def current_rules() -> RuleSet:
    """The deadline rules in force (to be merged with the administrators' rule rows)."""
    return default_rules()


def compute_due(kind: str, milestone: str, from_date: date, **options: Any) -> DueDate:
    return core_compute_due(kind, milestone, from_date, calendar=current_calendar(), rules=current_rules(), **options)
