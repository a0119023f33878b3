"""The working-day calendar of Vietnamese state agencies.

Legal time limits are counted in calendar days or in working days (legal-rules.md §1). Which
days are working days is not fixed by law alone: the Government announces every year which days
are swapped, which Saturdays are worked and when Tết falls. The sources disagree (the
``holidays`` package, the press, our own reading), so the calendar is layered data:

1. the ``holidays`` package (Vietnam, Vietnamese names) for any year we have no declared data for;
2. ``data/declared_days.json``: for each year it lists (2024-2026), the complete set of days off
   and make-up working days, each with its reason and legal source. It replaces the package for
   those years, so a package upgrade cannot silently move a deadline, and it records where we
   disagree with the package (02/01 and 10/01/2026, 24/11/2026, 31/08 and 22/08/2026);
3. overrides passed in by the caller (the admin table of days): each record says "off" or "work"
   for a date and wins over everything else.

A day is a working day when it is Monday-Friday and not marked "off", or a weekend day marked
"work" (a make-up Saturday). The calendar precomputes, for a contiguous span of years, the sorted
ordinals of working days and a prefix count, so adding N working days is two list lookups: the
deadline of every petition is recomputed whenever it changes, and reports recompute thousands.

No Django import here: the admin table's rows are passed in as plain records.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any

import holidays as _holidays

from danvan.core.vntext import clean_text, format_date

__all__ = [
    "OFF",
    "WORK",
    "CalendarError",
    "DayEntry",
    "WorkCalendar",
    "calendar_with_overrides",
    "default_calendar",
    "load_declared_days",
    "parse_day_records",
]

OFF = "off"
WORK = "work"
_KINDS = (OFF, WORK)

DATA_DIR = Path(__file__).with_name("data")
DECLARED_DAYS_FILE = DATA_DIR / "declared_days.json"

# Every message a user may read, in one place.
MESSAGES = {
    "bad_kind": "Loại ngày không hợp lệ: {kind!r} (chỉ nhận 'off' = ngày nghỉ hoặc 'work' = ngày làm việc).",
    "bad_date": "Ngày không hợp lệ: {value!r} (cần dạng YYYY-MM-DD).",
    "no_date": "Thiếu ngày trong bản ghi lịch: {record!r}.",
    "out_of_range": "Ngày nằm ngoài phạm vi lịch hỗ trợ (năm 1900-2200): {value}.",
    "weekend_reason": "ngày nghỉ hằng tuần ({weekday})",
    "weekend_source": "Quyết định 188/1999/QĐ-TTg (tuần làm việc 40 giờ)",
    "package_source": "Điều 112 Bộ luật Lao động 2019 (theo thư viện holidays)",
    "package_workday": "làm việc bù (theo thư viện holidays)",
    "override_reason": "điều chỉnh của quản trị viên",
}
_WEEKDAY_NAMES = ("Thứ Hai", "Thứ Ba", "Thứ Tư", "Thứ Năm", "Thứ Sáu", "Thứ Bảy", "Chủ nhật")
_MIN_YEAR, _MAX_YEAR = 1900, 2200


class CalendarError(ValueError):
    """A calendar record or date the calendar cannot use; the message is for the user."""


@dataclass(frozen=True, slots=True)
class DayEntry:
    """One calendar fact: ``date`` is a day off (``kind="off"``) or a working day (``"work"``).

    ``origin`` tells where the fact came from ("package", "declared", "override", "weekend") so
    that a due date can show which entry moved it and an administrator can see what to correct.
    """

    date: date
    kind: str
    reason: str
    source: str = ""
    origin: str = "declared"
    verify: bool = False

    def as_dict(self) -> dict[str, Any]:
        return {
            "date": self.date.isoformat(),
            "kind": self.kind,
            "reason": self.reason,
            "source": self.source,
            "origin": self.origin,
            "verify": self.verify,
        }


def _to_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            raise CalendarError(MESSAGES["bad_date"].format(value=value)) from None
    raise CalendarError(MESSAGES["bad_date"].format(value=value))


def parse_day_records(records: Iterable[Mapping[str, Any] | DayEntry] | None, origin: str) -> list[DayEntry]:
    """Turn JSON/admin records ({"date", "kind", "reason", "source"}) into validated entries."""
    entries: list[DayEntry] = []
    for record in records or ():
        if isinstance(record, DayEntry):
            entries.append(record)
            continue
        if "date" not in record or record["date"] in (None, ""):
            raise CalendarError(MESSAGES["no_date"].format(record=dict(record)))
        kind = str(record.get("kind", "")).strip().lower()
        if kind not in _KINDS:
            raise CalendarError(MESSAGES["bad_kind"].format(kind=record.get("kind")))
        entries.append(
            DayEntry(
                date=_to_date(record["date"]),
                kind=kind,
                reason=clean_text(record.get("reason")) or MESSAGES["override_reason"],
                source=clean_text(record.get("source")),
                origin=origin,
                verify=bool(record.get("verify", False)),
            )
        )
    return entries


@lru_cache(maxsize=4)
def load_declared_days(path: str | Path = DECLARED_DAYS_FILE) -> tuple[frozenset[int], tuple[DayEntry, ...]]:
    """Read the shipped declared-days file: (years it fully declares, entries)."""
    with open(path, encoding="utf-8") as handle:
        doc = json.load(handle)
    entries = parse_day_records(doc.get("days", ()), origin="declared")
    years = frozenset(int(y) for y in doc.get("years", ())) or frozenset(e.date.year for e in entries)
    return years, tuple(entries)


@lru_cache(maxsize=512)
def _package_year(year: int) -> tuple[DayEntry, ...]:
    """The ``holidays`` package's view of one year (days off and its make-up weekend days)."""
    table = _holidays.country_holidays("VN", years=year, language="vi")
    entries = [
        DayEntry(d, OFF, "; ".join(table.get_list(d)), MESSAGES["package_source"], "package")
        for d in sorted(table)
        if d.year == year
    ]
    for d in sorted(getattr(table, "weekend_workdays", ()) or ()):
        if d.year == year:
            entries.append(
                DayEntry(d, WORK, MESSAGES["package_workday"], MESSAGES["package_source"], "package")
            )
    return tuple(entries)


class _Span:
    """Precomputed arrays for a contiguous run of years; replaced whole, never mutated."""

    __slots__ = ("cum", "first", "hi", "lo", "ndays", "work")

    def __init__(self, lo: int, hi: int, first: int, cum: list[int], work: list[int]) -> None:
        self.lo, self.hi, self.first, self.cum, self.work = lo, hi, first, cum, work
        self.ndays = len(cum) - 1


# Weekend entries by ordinal: the explanation of a Saturday or Sunday never changes.
_WEEKEND_ENTRIES: dict[int, DayEntry] = {}


class WorkCalendar:
    """Working days of state agencies, with the reason for every day off.

    Build one with :func:`default_calendar` (shared, cached) or :func:`calendar_with_overrides`.
    Counting follows the Civil Code: the start day is not counted.
    """

    def __init__(
        self,
        overrides: Iterable[Mapping[str, Any] | DayEntry] | None = None,
        *,
        declared: Iterable[Mapping[str, Any] | DayEntry] | None = None,
        declared_years: Iterable[int] | None = None,
    ) -> None:
        if declared is None:
            years, entries = load_declared_days()
            self._declared_years = frozenset(declared_years) if declared_years is not None else years
            declared_entries: list[DayEntry] = list(entries)
        else:
            declared_entries = parse_day_records(declared, origin="declared")
            self._declared_years = (
                frozenset(declared_years)
                if declared_years is not None
                else frozenset(e.date.year for e in declared_entries)
            )
        self._declared: dict[int, dict[date, DayEntry]] = {}
        for entry in declared_entries:
            self._declared.setdefault(entry.date.year, {})[entry.date] = entry
        self._overrides: dict[int, dict[date, DayEntry]] = {}
        self.override_entries = tuple(parse_day_records(overrides, origin="override"))
        for entry in self.override_entries:
            self._overrides.setdefault(entry.date.year, {})[entry.date] = entry
        self._entries: dict[int, DayEntry] = {}  # ordinal -> entry, for the years in the span
        self._lock = threading.Lock()
        self._span: _Span | None = None
        # Results derived from this calendar (due dates), keyed by their inputs. Safe because a
        # calendar never changes after it is built: new overrides make a new calendar.
        self.memo: dict[Any, Any] = {}

    # ---- the layered data -------------------------------------------------------------

    @property
    def declared_years(self) -> frozenset[int]:
        """Years whose days off the declared data lists completely (the others come from the package)."""
        return self._declared_years

    def year_entries(self, year: int) -> dict[date, DayEntry]:
        """All explicit entries of ``year`` after layering (declared or package, then overrides)."""
        if year in self._declared_years:
            result = dict(self._declared.get(year, {}))
        else:
            result = {e.date: e for e in _package_year(year)}
            result.update(self._declared.get(year, {}))
        result.update(self._overrides.get(year, {}))
        return result

    def with_overrides(self, overrides: Iterable[Mapping[str, Any] | DayEntry]) -> WorkCalendar:
        """A new calendar with the same declared data plus ``overrides`` (added after ours)."""
        declared = [e for year in self._declared.values() for e in year.values()]
        return WorkCalendar(
            [*self.override_entries, *parse_day_records(overrides, origin="override")],
            declared=declared,
            declared_years=self._declared_years,
        )

    # ---- precomputation ------------------------------------------------------------------

    def _build(self, lo: int, hi: int) -> _Span:
        first = date(lo, 1, 1).toordinal()
        last = date(hi, 12, 31).toordinal()
        entries: dict[int, DayEntry] = {}
        for year in range(lo, hi + 1):
            for d, entry in self.year_entries(year).items():
                entries[d.toordinal()] = entry
        cum = [0] * (last - first + 2)
        work: list[int] = []
        count = 0
        weekday = date.fromordinal(first).weekday()
        for i, ordinal in enumerate(range(first, last + 1)):
            entry = entries.get(ordinal)
            if entry is None:
                is_work = weekday < 5
            else:
                is_work = entry.kind == WORK
            if is_work:
                count += 1
                work.append(ordinal)
            cum[i + 1] = count
            weekday = (weekday + 1) % 7
        self._entries = entries
        return _Span(lo, hi, first, cum, work)

    def _cover(self, lo: int, hi: int) -> _Span:
        """Make sure the span covers years lo..hi (plus a margin) and return it."""
        if lo < _MIN_YEAR or hi > _MAX_YEAR:
            bad = lo if lo < _MIN_YEAR else hi
            raise CalendarError(MESSAGES["out_of_range"].format(value=bad))
        with self._lock:
            span = self._span
            if span is not None and span.lo <= lo and hi <= span.hi:
                return span
            new_lo = max(_MIN_YEAR, lo - 1)
            new_hi = min(_MAX_YEAR, hi + 1)
            if span is not None:
                new_lo, new_hi = min(new_lo, span.lo), max(new_hi, span.hi)
            self._span = span = self._build(new_lo, new_hi)
            return span

    def _span_for(self, ordinal: int) -> _Span:
        span = self._span
        if span is not None and 0 <= ordinal - span.first < span.ndays:
            return span
        year = date.fromordinal(ordinal).year
        return self._cover(year, year)

    # ---- queries ---------------------------------------------------------------------------

    def is_workday(self, d: date) -> bool:
        """True when state agencies work on ``d``."""
        o = d.toordinal()
        span = self._span_for(o)
        i = o - span.first
        return span.cum[i + 1] != span.cum[i]

    def add_workdays(self, start: date, n: int) -> date:
        """The n-th working day after ``start`` (the start day is not counted).

        With a negative ``n``, the |n|-th working day before ``start``: the last day to post a
        reception schedule 5 working days before the session is ``add_workdays(session, -5)``.
        ``n == 0`` returns ``start`` unchanged.
        """
        if n == 0:
            return _to_date(start)
        o = start.toordinal()
        span = self._span
        if span is None or not 0 <= o - span.first < span.ndays:
            span = self._span_for(o)
        i = o - span.first
        if n > 0:
            k = span.cum[i + 1] + n  # the k-th working day of the span (1-based)
            while k > len(span.work):
                span = self._cover(span.lo, span.hi + 1 + n // 200)
                k = span.cum[o - span.first + 1] + n
            return date.fromordinal(span.work[k - 1])
        k = span.cum[i] + n  # index of the |n|-th working day before start
        while k < 0:
            span = self._cover(span.lo - 1 - (-n) // 200, span.hi)
            k = span.cum[o - span.first] + n
        return date.fromordinal(span.work[k])

    def workdays_between(self, a: date, b: date) -> int:
        """Number of working days in (a, b]; negative when b is before a."""
        oa, ob = a.toordinal(), b.toordinal()
        span = self._span_for(oa)
        if not 0 <= ob - span.first < span.ndays:
            lo, hi = sorted((a.year, b.year))
            span = self._cover(lo, hi)
        return span.cum[ob - span.first + 1] - span.cum[oa - span.first + 1]

    def next_workday(self, d: date) -> date:
        """``d`` itself when it is a working day, otherwise the next working day."""
        o = d.toordinal()
        span = self._span_for(o)
        k = span.cum[o - span.first]  # working days before d
        while k >= len(span.work):
            span = self._cover(span.lo, span.hi + 1)
            k = span.cum[o - span.first]
        return date.fromordinal(span.work[k])

    def previous_workday(self, d: date) -> date:
        """``d`` itself when it is a working day, otherwise the previous working day."""
        o = d.toordinal()
        span = self._span_for(o)
        k = span.cum[o - span.first + 1] - 1
        while k < 0:
            span = self._cover(span.lo - 1, span.hi)
            k = span.cum[o - span.first + 1] - 1
        return date.fromordinal(span.work[k])

    def add_calendar_days_shifted(self, start: date, n: int) -> tuple[date, date]:
        """(raw, effective) end of an n-calendar-day period that starts the day after ``start``.

        Civil Code art. 148(5): when the last day is a rest day or holiday, the period ends at
        the end of the next working day. For a negative ``n`` (a period counted backwards) the
        shift goes to the previous working day, so the effective day never falls after raw.
        """
        o = start.toordinal() + n
        raw = date.fromordinal(o)
        if n < 0:
            return raw, self.previous_workday(raw)
        span = self._span
        if span is None or not 0 <= o - span.first < span.ndays:
            span = self._span_for(o)
        k = span.cum[o - span.first]  # working days before raw: work[k] is the first on or after it
        if k >= len(span.work):
            return raw, self.next_workday(raw)
        w = span.work[k]
        return raw, (raw if w == o else date.fromordinal(w))

    def entry_for(self, d: date) -> DayEntry | None:
        """The calendar entry that makes ``d`` a day off (or a worked weekend day), if any."""
        o = d.toordinal()
        self._span_for(o)
        entry = self._entries.get(o)
        if entry is not None:
            return entry
        if d.weekday() >= 5:
            weekend = _WEEKEND_ENTRIES.get(o)
            if weekend is None:  # the same for every calendar: made once per date, shared (frozen)
                weekend = _WEEKEND_ENTRIES[o] = DayEntry(
                    _to_date(d),
                    OFF,
                    MESSAGES["weekend_reason"].format(weekday=_WEEKDAY_NAMES[d.weekday()]),
                    MESSAGES["weekend_source"],
                    "weekend",
                )
            return weekend
        return None

    def reasons_between(self, raw: date, effective: date) -> list[DayEntry]:
        """The calendar entries that moved a due date from ``raw`` to ``effective``.

        Forward shift: the days off in [raw, effective). Backward shift: those in (effective, raw].
        """
        lo, hi = (raw.toordinal(), effective.toordinal())
        if lo > hi:
            lo, hi = hi + 1, lo + 1
        if lo == hi:
            return []
        span = self._span_for(lo)
        if hi - span.first >= span.ndays:
            span = self._cover(span.lo, date.fromordinal(hi).year)
        cum, first, entries = span.cum, span.first, self._entries
        reasons = []
        for o in range(lo, hi):
            i = o - first
            if cum[i + 1] == cum[i]:
                entry = entries.get(o)
                if entry is None:
                    entry = self.entry_for(date.fromordinal(o))
                if entry is not None:
                    reasons.append(entry)
        return reasons

    def days_off(self, year: int) -> list[tuple[date, str]]:
        """Weekday days off and worked weekend days of ``year``: the yearly listing for officers."""
        result = []
        for d, entry in sorted(self.year_entries(year).items()):
            weekend = d.weekday() >= 5
            if (entry.kind == OFF and not weekend) or (entry.kind == WORK and weekend):
                result.append((d, entry.reason))
        return result

    def describe_days_off(self, year: int) -> list[str]:
        """Human-readable lines of :meth:`days_off`, e.g. "02/01/2026 (Thứ Sáu): nghỉ — ..."."""
        lines = []
        for d, reason in self.days_off(year):
            state = "nghỉ" if d.weekday() < 5 else "làm việc"
            lines.append(f"{format_date(d)} ({_WEEKDAY_NAMES[d.weekday()]}): {state} — {reason}")
        return lines

    def package_differences(self, year: int) -> list[tuple[date, str, str]]:
        """Where our calendar and the ``holidays`` package disagree: (date, package, ours).

        Shown to administrators so that a disagreement is a visible decision, not an accident.
        """

        def status(d: date, entries: Mapping[date, DayEntry]) -> str:
            entry = entries.get(d)
            if entry is None:
                return WORK if d.weekday() < 5 else OFF
            return entry.kind

        package = {e.date: e for e in _package_year(year)}
        ours = self.year_entries(year)
        diffs = []
        for d in sorted(set(package) | set(ours)):
            theirs, mine = status(d, package), status(d, ours)
            if theirs != mine:
                diffs.append((d, theirs, mine))
        return diffs


@lru_cache(maxsize=1)
def default_calendar() -> WorkCalendar:
    """The shared calendar from the package and the shipped declared days (no overrides)."""
    return WorkCalendar()


def _override_key(record: Mapping[str, Any] | DayEntry) -> tuple[str, str, str, str]:
    if isinstance(record, DayEntry):
        return (record.date.isoformat(), record.kind, record.reason, record.source)
    return (
        str(_to_date(record.get("date"))) if record.get("date") else "",
        str(record.get("kind", "")),
        str(record.get("reason", "")),
        str(record.get("source", "")),
    )


@lru_cache(maxsize=32)
def _cached_with_overrides(key: tuple[tuple[str, str, str, str], ...]) -> WorkCalendar:
    records = [{"date": d, "kind": k, "reason": r, "source": s} for d, k, r, s in key]
    return WorkCalendar(records)


def calendar_with_overrides(overrides: Iterable[Mapping[str, Any] | DayEntry] | None) -> WorkCalendar:
    """A calendar with the admin's overrides, cached by their content (the table rarely changes)."""
    records = list(overrides or ())
    if not records:
        return default_calendar()
    parse_day_records(records, origin="override")  # validate early with a clear message
    return _cached_with_overrides(tuple(_override_key(r) for r in records))
