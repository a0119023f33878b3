"""Where the rules that find what is due live: in each domain app's ``reminders`` module.

A rule is a function ``rule(today) -> Iterable[Reminder]`` registered with :func:`rule`; the
registry imports ``<app>.reminders`` of every installed danvan app (as reporting discovers the
apps' ``figures``), so notifications never imports the apps whose records it talks about.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from danvan.org.discovery import app_modules
from danvan.org.models import Staff


@dataclass
class Reminder:
    """One thing to tell: to each recipient one notification, keyed ``key`` + recipient."""

    key: str
    kind: str
    recipients: Sequence[Staff]
    title: str
    body: str = ""
    url: str = ""
    subject: Any = None  # the record it is about (a model instance), for the escalation log
    due: date | None = None
    step: str = ""  # a step of the escalation ladder (models.Step), logged once on the record
    days_over: int = 0
    extra: dict = field(default_factory=dict)


Rule = Callable[[date], Iterable[Reminder]]

_RULES: dict[str, Rule] = {}
_discovered = False


def rule(name: str) -> Callable[[Rule], Rule]:
    """``@rule("petitions.deadlines")`` registers a rule under a unique name."""

    def wrap(fn: Rule) -> Rule:
        _RULES[name] = fn
        return fn

    return wrap


def discover() -> None:
    global _discovered
    if _discovered:
        return
    app_modules("reminders")
    _discovered = True


def rules() -> dict[str, Rule]:
    discover()
    return dict(sorted(_RULES.items()))
