"""Daily figures of the cases, kept on write: what the dashboard and the reports add up.

Counting every case of a period on each view grows with the cases (2.5 s for the district's
figures at 1,000,000 cases). Instead each case adds itself to a few rows — its handling unit and
the day it was received, accepted, resolved; a rating to the day it was given — each on the day's
row and the month's, and a period adds up the month rows of its whole months and the day rows of
the rest (:func:`rows_in`): at 1,000,000 cases, 1 January – 28 November reads about 5,000 rows for
the day figures and 50,000 for the figures by field, in 8 and 30 ms.

How the rows stay right:

* every save of a :class:`~danvan.petitions.models.Petition` compares what the case counted for
  when it was read (``Petition._figure_state``, kept by ``from_db``) with what it counts for now,
  and moves the difference with ``INSERT … ON CONFLICT … DO UPDATE`` (one batch per table: two
  statements for a new case; a save that changes none of the counted fields writes nothing); a
  deletion takes the case's counts away, a rating adds its own;
* writes that send no signal (the generator's COPY, a ``QuerySet.update()``) are followed by
  :func:`rebuild`, which makes every row again from the cases in four INSERT … SELECT statements
  (a backup carries the rows with the cases);
* :func:`differences` compares the rows with the cases (``danvan figures --check``); the tests run
  it after every kind of write.

Grouped by the case's handling unit *now*: a case moved to another unit takes its counts, and its
ratings', with it — the same as counting the cases would.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from typing import Any

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from danvan.core.periods import cover, month_start
from danvan.petitions.models import DailyFieldFigure, DailyFigure, FigureSpan, Kind, Petition, Rating

DAILY_COLUMNS = ("received_complaint_first", "received_complaint_second", "received_denunciation",
                 "received_recommendation", "received_feedback", "accepted", "resolved", "resolved_on_time",
                 "resolve_days", "resolve_days_n", "rated", "rating_sum")
RECEIVED_BY_KIND = {kind.value: f"received_{kind.value}" for kind in Kind}

# (unit_id, day) → {column: amount} for DailyFigure; (unit_id, day, field_id) → amount for DailyFieldFigure.
Daily = dict[tuple[int, date], dict[str, int]]
ByField = dict[tuple[int, date, int], int]


def _day(value: Any) -> Any:
    """A date as the database gives it back, whatever was set in memory (a datetime, an ISO string)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return value


def _state(petition: Petition) -> tuple:
    unit, field, kind, *days = (getattr(petition, name) for name in Petition.FIGURE_FIELDS)
    return (unit, field, kind, *(_day(day) for day in days))


def _counts(state: tuple | None, sign: int, daily: Daily, by_field: ByField) -> None:
    """Add (sign = 1) or take away (-1) what one case counts for, ratings aside."""
    if state is None:
        return
    unit, field, kind, received, accepted, resolved, resolve_due = state
    if received is not None:
        row = daily.setdefault((unit, received), defaultdict(int))
        row[RECEIVED_BY_KIND[kind]] += sign
        by_field[unit, received, field] = by_field.get((unit, received, field), 0) + sign
    if accepted is not None:
        daily.setdefault((unit, accepted), defaultdict(int))["accepted"] += sign
    if resolved is not None:
        row = daily.setdefault((unit, resolved), defaultdict(int))
        row["resolved"] += sign
        if resolve_due is not None and resolved <= resolve_due:
            row["resolved_on_time"] += sign
        if accepted is not None:
            row["resolve_days"] += sign * (resolved - accepted).days
            row["resolve_days_n"] += sign


def rating_day(created_at) -> date:
    """The day a rating counts on: its date where the district is (the default time zone)."""
    return timezone.localtime(created_at, timezone.get_default_timezone()).date()


def _rating_counts(unit: int, ratings: list[tuple[Any, int]], sign: int, daily: Daily) -> None:
    for created_at, score in ratings:
        row = daily.setdefault((unit, rating_day(created_at)), defaultdict(int))
        row["rated"] += sign
        row["rating_sum"] += sign * score


def _write(daily: Daily, by_field: ByField) -> None:
    """Move the rows by the amounts given, each on its day's row and its month's: one upsert per row."""
    per_row: dict[tuple, dict[str, int]] = {}
    for (unit, day), amounts in daily.items():
        for key in ((unit, FigureSpan.DAY, day), (unit, FigureSpan.MONTH, month_start(day))):
            row = per_row.setdefault(key, defaultdict(int))
            for column, n in amounts.items():
                row[column] += n
    field_rows: dict[tuple, int] = defaultdict(int)
    for (unit, day, field), n in by_field.items():
        field_rows[unit, FigureSpan.DAY, day, field] += n
        field_rows[unit, FigureSpan.MONTH, month_start(day), field] += n
    daily_rows = [(*key, *(amounts.get(c, 0) for c in DAILY_COLUMNS))
                  for key, amounts in per_row.items() if any(amounts.values())]
    field_rows_out = [(*key, n) for key, n in field_rows.items() if n]
    if not daily_rows and not field_rows_out:
        return
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        if daily_rows:
            table = qn(DailyFigure._meta.db_table)
            columns = ", ".join(qn(c) for c in DAILY_COLUMNS)
            moves = ", ".join(f"{qn(c)} = {table}.{qn(c)} + excluded.{qn(c)}" for c in DAILY_COLUMNS)
            sql = (f"INSERT INTO {table} (unit_id, span, day, {columns}) VALUES (%s, %s, %s, "
                   f"{', '.join(['%s'] * len(DAILY_COLUMNS))}) ON CONFLICT (unit_id, span, day) DO UPDATE SET {moves}")
            cursor.executemany(sql, daily_rows)
        if field_rows_out:
            table = qn(DailyFieldFigure._meta.db_table)
            sql = (f"INSERT INTO {table} (unit_id, span, day, field_id, received) VALUES (%s, %s, %s, %s, %s) "
                   "ON CONFLICT (unit_id, span, day, field_id) DO UPDATE "
                   f"SET received = {table}.received + excluded.received")
            cursor.executemany(sql, field_rows_out)


def rows_in(start: date, end: date) -> Q:
    """The rows that add up to exactly [start, end]: month rows for its whole months, day rows for the rest."""
    part = cover(start, end)
    q = Q(pk__in=[])
    if part.first_month is not None:
        q |= Q(span=FigureSpan.MONTH, day__range=(part.first_month, part.last_month))
    for first, last in part.days:
        q |= Q(span=FigureSpan.DAY, day__range=(first, last))
    return q


_ATTNAMES = {name: name for name in Petition.FIGURE_FIELDS} | {
    name.removesuffix("_id"): name for name in Petition.FIGURE_FIELDS if name.endswith("_id")}


def _touches_figures(update_fields) -> bool:
    return update_fields is None or any(name in _ATTNAMES for name in update_fields)


def petition_pre_save(sender, instance: Petition, raw: bool = False, update_fields=None, **_kwargs) -> None:
    """Read what an existing case counted for when the instance does not know (built by hand, .only())."""
    if raw or instance._state.adding or not _touches_figures(update_fields):
        return
    if getattr(instance, "_figure_state", None) is None:
        row = Petition.objects.filter(pk=instance.pk).values_list(*Petition.FIGURE_FIELDS).first()
        instance._figure_state = tuple(row) if row is not None else None


def petition_post_save(sender, instance: Petition, created: bool, raw: bool = False, update_fields=None,
                       **_kwargs) -> None:
    """Move the counts a case's save changed (in the save's transaction)."""
    if raw or not _touches_figures(update_fields):
        return
    old = None if created else getattr(instance, "_figure_state", None)
    new = _state(instance)
    if old is not None and update_fields is not None:
        # Only the fields saved changed in the database; a value changed in memory but not saved did not.
        saved = {_ATTNAMES[name] for name in update_fields if name in _ATTNAMES}
        new = tuple(value if name in saved else before
                    for name, value, before in zip(Petition.FIGURE_FIELDS, new, old, strict=True))
    if old == new:
        return
    daily: Daily = {}
    by_field: ByField = {}
    _counts(old, -1, daily, by_field)
    _counts(new, 1, daily, by_field)
    if old is not None and old[0] != new[0]:
        # Moved to another unit: its ratings count there now.
        ratings = list(Rating.objects.filter(petition_id=instance.pk).values_list("created_at", "score"))
        _rating_counts(old[0], ratings, -1, daily)
        _rating_counts(new[0], ratings, 1, daily)
    _write(daily, by_field)
    instance._figure_state = new


def petition_post_delete(sender, instance: Petition, **_kwargs) -> None:
    """A deleted case no longer counts (its ratings, deleted with it, take theirs away themselves)."""
    daily: Daily = {}
    by_field: ByField = {}
    _counts(getattr(instance, "_figure_state", None) or _state(instance), -1, daily, by_field)
    _write(daily, by_field)


def _unit_of(rating: Rating) -> int | None:
    if Rating.petition.is_cached(rating):
        return rating.petition.handling_unit_id
    return Petition.objects.filter(pk=rating.petition_id).values_list("handling_unit_id", flat=True).first()


def rating_pre_save(sender, instance: Rating, raw: bool = False, **_kwargs) -> None:
    """A rating changed after it was given (an administrator's correction) first takes its old count away."""
    if raw or instance._state.adding:
        return
    instance._figure_state = Rating.objects.filter(pk=instance.pk).values_list("created_at", "score").first()


def rating_post_save(sender, instance: Rating, created: bool, raw: bool = False, **_kwargs) -> None:
    if raw:
        return
    unit = _unit_of(instance)
    old = getattr(instance, "_figure_state", None)
    daily: Daily = {}
    if old is not None and not created:
        _rating_counts(unit, [old], -1, daily)
    _rating_counts(unit, [(instance.created_at, instance.score)], 1, daily)
    _write(daily, {})
    instance._figure_state = (instance.created_at, instance.score)


def rating_post_delete(sender, instance: Rating, **_kwargs) -> None:
    unit = Petition.objects.filter(pk=instance.petition_id).values_list("handling_unit_id", flat=True).first()
    if unit is None:  # the case went first: nothing of it counts any more
        return
    daily: Daily = {}
    _rating_counts(unit, [(instance.created_at, instance.score)], -1, daily)
    _write(daily, {})


def rebuild() -> dict[str, int]:
    """Make every row again from the cases and ratings (after writes that sent no signal).

    Two INSERT … SELECT statements in one transaction; the counts are the definitions of
    :func:`danvan.petitions.figures.compute_from_cases`, written once more in SQL.
    """
    qn = connection.ops.quote_name
    petitions, ratings = qn(Petition._meta.db_table), qn(Rating._meta.db_table)
    daily, by_field = qn(DailyFigure._meta.db_table), qn(DailyFieldFigure._meta.db_table)
    if connection.vendor == "postgresql":
        days_between = "(resolved_on - accepted_on)"
        first_of_month = "CAST(date_trunc('month', day) AS date)"
    else:
        days_between = "CAST(julianday(resolved_on) - julianday(accepted_on) AS INTEGER)"
        first_of_month = "date(day, 'start of month')"
    rated_day, day_params = connection.ops.datetime_cast_date_sql(
        f"r.{qn('created_at')}", (), timezone.get_default_timezone_name())
    zero = {c: "0" for c in DAILY_COLUMNS}

    def branch(unit: str, day: str, source: str, **values: str) -> str:
        return f"SELECT {unit} AS unit_id, {day} AS day, " + ", ".join(
            f"{values.get(c, zero[c])} AS {qn(c)}" for c in DAILY_COLUMNS) + f" FROM {source}"

    received = {column: f"CASE WHEN kind = '{kind}' THEN 1 ELSE 0 END" for kind, column in RECEIVED_BY_KIND.items()}
    branches = [
        branch("handling_unit_id", "received_on", petitions, **received),
        branch("handling_unit_id", "accepted_on", f"{petitions} WHERE accepted_on IS NOT NULL", accepted="1"),
        branch("handling_unit_id", "resolved_on", f"{petitions} WHERE resolved_on IS NOT NULL", resolved="1",
               resolved_on_time="CASE WHEN resolve_due IS NOT NULL AND resolved_on <= resolve_due THEN 1 ELSE 0 END",
               resolve_days=f"CASE WHEN accepted_on IS NOT NULL THEN {days_between} ELSE 0 END",
               resolve_days_n="CASE WHEN accepted_on IS NOT NULL THEN 1 ELSE 0 END"),
        branch("p.handling_unit_id", rated_day, f"{ratings} r JOIN {petitions} p ON p.id = r.petition_id",
               rated="1", rating_sum="r.score"),
    ]
    columns = ", ".join(qn(c) for c in DAILY_COLUMNS)
    sums = ", ".join(f"SUM({qn(c)})" for c in DAILY_COLUMNS)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {daily}")
        cursor.execute(f"DELETE FROM {by_field}")
        cursor.execute(f"INSERT INTO {daily} (unit_id, span, day, {columns}) SELECT unit_id, 'D', day, {sums} FROM ("
                       + " UNION ALL ".join(branches) + ") e GROUP BY unit_id, day", day_params)
        days = cursor.rowcount
        cursor.execute(f"INSERT INTO {by_field} (unit_id, span, day, field_id, received) "
                       f"SELECT handling_unit_id, 'D', received_on, field_id, COUNT(*) FROM {petitions} "
                       "GROUP BY handling_unit_id, received_on, field_id")
        fields = cursor.rowcount
        # The month rows: the sums of their day rows.
        cursor.execute(f"INSERT INTO {daily} (unit_id, span, day, {columns}) "
                       f"SELECT unit_id, 'M', {first_of_month}, {sums} FROM {daily} WHERE span = 'D' "
                       f"GROUP BY unit_id, {first_of_month}")
        cursor.execute(f"INSERT INTO {by_field} (unit_id, span, day, field_id, received) "
                       f"SELECT unit_id, 'M', {first_of_month}, field_id, SUM(received) FROM {by_field} "
                       f"WHERE span = 'D' GROUP BY unit_id, {first_of_month}, field_id")
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {daily}")
            cursor.execute(f"ANALYZE {by_field}")
    return {"days": days, "by_field": fields}


def differences(start: date, end: date, unit_ids: list[int] | None = None) -> dict[str, dict[int, tuple]]:
    """Figures where the kept rows and the cases disagree: {code: {unit: (kept, counted)}}; empty when right."""
    from danvan.petitions import figures

    kept = figures.compute(start, end, unit_ids)
    counted = figures.compute_from_cases(start, end, unit_ids)
    out: dict[str, dict[int, tuple]] = {}
    for code in sorted(set(kept) | set(counted)):
        a, b = kept.get(code, {}), counted.get(code, {})
        wrong = {unit: (a.get(unit), b.get(unit)) for unit in set(a) | set(b) if a.get(unit) != b.get(unit)}
        if wrong:
            out[code] = wrong
    kept_months = figures.monthly(start, end, unit_ids)
    counted_months = figures.monthly_from_cases(start, end, unit_ids)
    wrong_months = {month.toordinal(): (kept_months.get(month), counted_months.get(month))
                    for month in set(kept_months) | set(counted_months)
                    if kept_months.get(month) != counted_months.get(month)}
    if wrong_months:
        out["petitions.monthly"] = wrong_months
    return out
