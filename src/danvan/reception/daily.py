"""Daily figures of the reception book, kept on write (see danvan.org.keptfigures).

Each line of the book adds itself to its unit's row of the day it was entered (and of that
month): its kind, its people, whether it is a delegation, whether it was answered by its due date.
The reports' "replies overdue" (due before the cut-off day and not answered by then) is "not
answered on time" minus the lines not yet due at the cut-off — a few weeks of lines, read live
(:func:`danvan.reception.figures.compute`).
"""

from __future__ import annotations

from datetime import date

from django.db import connection, transaction

from danvan.org import keptfigures
from danvan.org.keptfigures import Amounts
from danvan.reception.models import EntryKind, ReceptionDailyFigure, ReceptionEntry

COLUMNS = ("entries_complaint", "entries_denunciation", "entries_recommendation", "entries_feedback", "people",
           "collective", "replied_on_time", "not_on_time")
ENTRIES_BY_KIND = {kind.value: f"entries_{kind.value}" for kind in EntryKind}


def on_time(replied_on: date | None, reply_due: date | None) -> bool:
    return replied_on is not None and reply_due is not None and replied_on <= reply_due


def _count(state: tuple, sign: int, amounts: Amounts) -> None:
    unit, kind, received, people, collective, reply_due, replied_on = state
    if received is None:
        return
    answered = on_time(replied_on, reply_due)
    keptfigures.add(amounts, ReceptionDailyFigure, (unit, received), sign, **{ENTRIES_BY_KIND[kind]: 1},
                    people=people or 0, collective=int(bool(collective)), replied_on_time=int(answered),
                    not_on_time=int(not answered))


entries = keptfigures.Tracker(ReceptionEntry, _count, {ReceptionDailyFigure: COLUMNS})


def connect() -> None:
    """Every save and deletion of a line of the book moves the daily figures in its transaction."""
    entries.connect("daily-figures-reception-entry")


def rebuild() -> dict[str, int]:
    """Make every row again from the book (after writes that sent no signal): two INSERT … SELECT."""
    qn = connection.ops.quote_name
    table, book = qn(ReceptionDailyFigure._meta.db_table), qn(ReceptionEntry._meta.db_table)
    answered = "(replied_on IS NOT NULL AND replied_on <= reply_due)"
    values = {**{column: f"SUM(CASE WHEN kind = '{kind}' THEN 1 ELSE 0 END)"
                 for kind, column in ENTRIES_BY_KIND.items()},
              "people": "SUM(people_count)", "collective": "SUM(CASE WHEN is_collective THEN 1 ELSE 0 END)",
              "replied_on_time": f"SUM(CASE WHEN {answered} THEN 1 ELSE 0 END)",
              "not_on_time": f"SUM(CASE WHEN {answered} THEN 0 ELSE 1 END)"}
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")
        cursor.execute(f"INSERT INTO {table} (unit_id, span, day, {', '.join(qn(c) for c in COLUMNS)}) "
                       f"SELECT unit_id, 'D', received_on, {', '.join(values[c] for c in COLUMNS)} FROM {book} "
                       "GROUP BY unit_id, received_on")
        days = cursor.rowcount
        cursor.execute(keptfigures.month_rows_sql(ReceptionDailyFigure, COLUMNS))
        if connection.vendor == "postgresql":
            cursor.execute(f"ANALYZE {table}")
    return {"days": days}


def differences(start: date, end: date, unit_ids: list[int] | None = None) -> dict[str, dict[int, tuple]]:
    """Figures where the kept rows and the book disagree: {code: {unit: (kept, counted)}}; empty when right."""
    from danvan.reception import figures

    return keptfigures.mismatches(figures.compute(start, end, unit_ids),
                                  figures.compute_from_book(start, end, unit_ids))
