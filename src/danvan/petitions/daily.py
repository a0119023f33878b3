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

from datetime import date
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from danvan.org import keptfigures
from danvan.org.keptfigures import Amounts
from danvan.petitions.models import DailyFieldFigure, DailyFigure, Kind, Petition, Rating

DAILY_COLUMNS = ("received_complaint_first", "received_complaint_second", "received_denunciation",
                 "received_recommendation", "received_feedback", "accepted", "resolved", "resolved_on_time",
                 "resolve_days", "resolve_days_n", "rated", "rating_sum")
RECEIVED_BY_KIND = {kind.value: f"received_{kind.value}" for kind in Kind}
COLUMNS = {DailyFigure: DAILY_COLUMNS, DailyFieldFigure: ("received",)}


def _count(state: tuple, sign: int, amounts: Amounts) -> None:
    """Add (sign = 1) or take away (-1) what one case counts for, ratings aside."""
    unit, field, kind, received, accepted, resolved, resolve_due = state
    if received is not None:
        keptfigures.add(amounts, DailyFigure, (unit, received), sign, **{RECEIVED_BY_KIND[kind]: 1})
        keptfigures.add(amounts, DailyFieldFigure, (unit, received, field), sign, received=1)
    if accepted is not None:
        keptfigures.add(amounts, DailyFigure, (unit, accepted), sign, accepted=1)
    if resolved is not None:
        on_time = int(resolve_due is not None and resolved <= resolve_due)
        days, n = ((resolved - accepted).days, 1) if accepted is not None else (0, 0)
        keptfigures.add(amounts, DailyFigure, (unit, resolved), sign, resolved=1, resolved_on_time=on_time,
                        resolve_days=days, resolve_days_n=n)


def rating_day(created_at) -> date:
    """The day a rating counts on: its date where the district is (the default time zone)."""
    return timezone.localtime(created_at, timezone.get_default_timezone()).date()


def _rating_counts(unit: int | None, ratings: list[tuple[Any, int]], sign: int, amounts: Amounts) -> None:
    if unit is None:
        return
    for created_at, score in ratings:
        keptfigures.add(amounts, DailyFigure, (unit, rating_day(created_at)), sign, rated=1, rating_sum=score)


def _moved(instance: Petition, old: tuple, new: tuple, amounts: Amounts) -> None:
    """A case handed to another unit takes its ratings along."""
    if old[0] != new[0]:
        ratings = list(Rating.objects.filter(petition_id=instance.pk).values_list("created_at", "score"))
        _rating_counts(old[0], ratings, -1, amounts)
        _rating_counts(new[0], ratings, 1, amounts)


petitions = keptfigures.Tracker(Petition, _count, COLUMNS, moved=_moved)


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
    amounts: Amounts = {}
    if old is not None and not created:
        _rating_counts(unit, [old], -1, amounts)
    _rating_counts(unit, [(instance.created_at, instance.score)], 1, amounts)
    keptfigures.write(amounts, COLUMNS)
    instance._figure_state = (instance.created_at, instance.score)


def rating_post_delete(sender, instance: Rating, **_kwargs) -> None:
    amounts: Amounts = {}
    # None when the case went first: nothing of it counts any more.
    _rating_counts(Petition.objects.filter(pk=instance.petition_id).values_list("handling_unit_id", flat=True)
                   .first(), [(instance.created_at, instance.score)], -1, amounts)
    keptfigures.write(amounts, COLUMNS)


def connect() -> None:
    """Every save and deletion of a case or a rating moves the daily figures in its transaction."""
    from django.db.models.signals import post_delete, post_save, pre_save

    petitions.connect("daily-figures-petition")
    pre_save.connect(rating_pre_save, sender=Rating, dispatch_uid="daily-figures-rating-pre")
    post_save.connect(rating_post_save, sender=Rating, dispatch_uid="daily-figures-rating")
    post_delete.connect(rating_post_delete, sender=Rating, dispatch_uid="daily-figures-rating-del")


def rebuild() -> dict[str, int]:
    """Make every row again from the cases and ratings (after writes that sent no signal).

    Four INSERT … SELECT statements in one transaction; the counts are the definitions of
    :func:`danvan.petitions.figures.compute_from_cases`, written once more in SQL.
    """
    qn = connection.ops.quote_name
    petitions, ratings = qn(Petition._meta.db_table), qn(Rating._meta.db_table)
    daily, by_field = qn(DailyFigure._meta.db_table), qn(DailyFieldFigure._meta.db_table)
    if connection.vendor == "postgresql":
        days_between = "(resolved_on - accepted_on)"
    else:
        days_between = "CAST(julianday(resolved_on) - julianday(accepted_on) AS INTEGER)"
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
        for table, columns_of in COLUMNS.items():  # the month rows: the sums of their day rows
            cursor.execute(keptfigures.month_rows_sql(table, columns_of))
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {daily}")
            cursor.execute(f"ANALYZE {by_field}")
    return {"days": days, "by_field": fields}


def differences(start: date, end: date, unit_ids: list[int] | None = None) -> dict[str, dict[int, tuple]]:
    """Figures where the kept rows and the cases disagree: {code: {unit: (kept, counted)}}; empty when right."""
    from danvan.petitions import figures

    out = keptfigures.mismatches(figures.compute(start, end, unit_ids),
                                 figures.compute_from_cases(start, end, unit_ids))
    kept_months = figures.monthly(start, end, unit_ids)
    counted_months = figures.monthly_from_cases(start, end, unit_ids)
    wrong_months = {month.toordinal(): (kept_months.get(month), counted_months.get(month))
                    for month in set(kept_months) | set(counted_months)
                    if kept_months.get(month) != counted_months.get(month)}
    if wrong_months:
        out["petitions.monthly"] = wrong_months
    return out
