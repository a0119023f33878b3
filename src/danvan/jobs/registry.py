"""Where the kinds of long job live: in each app's ``jobs`` module.

A kind is a function ``run(job, progress) -> Outcome`` registered with :func:`kind`; the registry
imports ``<app>.jobs`` of every installed danvan app (as notifications finds the apps' reminder
rules), so this app never imports the apps whose work it runs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from danvan.org.discovery import app_modules


@dataclass
class Outcome:
    """What a finished job leaves: a file to download, or a link to the record it made (or both)."""

    label: str = ""  # one sentence for the person, e.g. "Đã lưu kế hoạch 307/KH-UBND: 58 nhiệm vụ."
    content: bytes | None = None
    filename: str = ""
    url: str = ""
    data: dict | None = None  # what the result's page reads back (``Job.output``)
    open: bool = False  # the job's page goes straight to ``url`` once done (a preview to continue from)


Runner = Callable[..., Outcome]

_KINDS: dict[str, Runner] = {}
_discovered = False


def kind(name: str) -> Callable[[Runner], Runner]:
    """``@kind("plans.import")`` registers the function that does a kind of job."""

    def wrap(fn: Runner) -> Runner:
        _KINDS[name] = fn
        return fn

    return wrap


def discover() -> None:
    global _discovered
    if _discovered:
        return
    app_modules("jobs", exclude=("danvan.jobs",))
    _discovered = True


def runner(name: str) -> Runner | None:
    discover()
    return _KINDS.get(name)
