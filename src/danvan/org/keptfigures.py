"""Figures kept on write: per unit, one row per day and one per month, moved by every save of a record.

Reports and the dashboard add up a period's events (cases received, resolved; citizens received).
Counting the records on each view grows with them; instead each record adds what it counts for to
its unit's row of the day (and of the month), and a period adds the month rows of its whole months
and the day rows of the rest (:func:`rows_in`, :func:`danvan.core.periods.cover`).

A domain app gives, for its model, the fields its counts depend on (``FIGURE_FIELDS``, kept as the
record was read by :class:`KeepsFigures`) and a function from those values to amounts; a
:class:`Tracker` wires the signals: each save moves the difference between what the record counted
for when read and what it counts for now, in the save's transaction, with one upsert per table.
Writes that send no signal (COPY, ``QuerySet.update()``) must be followed by the app's rebuild.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from django.db import connection, models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from danvan.core.periods import cover, month_start

# (table model, (unit_id, day, *other key values)) → {column: amount}
Amounts = dict[tuple[type[models.Model], tuple], dict[str, int]]


class FigureSpan(models.TextChoices):
    """A row counts one day, or a whole month (so a year adds up 12 rows, not 365)."""

    DAY = "D", _("ngày")
    MONTH = "M", _("tháng")


class FigureRow(models.Model):
    """A row of kept figures: a unit's day (or month, on its first day) and the app's counts beside it."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    span = models.CharField(max_length=1, choices=FigureSpan.choices, default=FigureSpan.DAY)
    day = models.DateField()  # for a month's row, its first day

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return f"{self.unit_id} {self.day:%d/%m/%Y}"


def mismatches(kept: dict[str, dict[int, Any]], counted: dict[str, dict[int, Any]]) -> dict[str, dict[int, tuple]]:
    """{code: {unit: (kept, counted)}} wherever two sets of figures disagree; empty when they agree."""
    out: dict[str, dict[int, tuple]] = {}
    for code in sorted(set(kept) | set(counted)):
        a, b = kept.get(code, {}), counted.get(code, {})
        wrong = {unit: (a.get(unit), b.get(unit)) for unit in set(a) | set(b) if a.get(unit) != b.get(unit)}
        if wrong:
            out[code] = wrong
    return out


class KeepsFigures(models.Model):
    """Remembers, for a record read from the database, the values of its ``FIGURE_FIELDS``.

    None when some of them were not loaded (``.only()``) or were read again one by one: the tracker
    then reads them before the save.
    """

    FIGURE_FIELDS: tuple[str, ...] = ()

    class Meta:
        abstract = True

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._figure_state = instance._loaded_figure_state()
        return instance

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        deferred = self.get_deferred_fields()
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)
        if fields is None:  # all read again: what the record counts for is what the database holds
            self._figure_state = self._loaded_figure_state()
        elif any((attname := self._meta.get_field(name).attname) in self.FIGURE_FIELDS and attname not in deferred
                 for name in fields):
            self._figure_state = None  # a counted field read again alone: read all before the next save

    def _loaded_figure_state(self) -> tuple | None:
        loaded = self.__dict__
        if not all(name in loaded for name in self.FIGURE_FIELDS):
            return None
        return tuple(loaded[name] for name in self.FIGURE_FIELDS)


def as_day(value: Any) -> Any:
    """A date as the database gives it back, whatever was set in memory (a datetime, an ISO string)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, str) and value:
        return date.fromisoformat(value[:10])
    return value


def add(amounts: Amounts, table: type[models.Model], key: tuple, sign: int, **columns: int) -> None:
    """Add ``sign`` × each column's value to the row ``key`` = (unit_id, day, *others) of ``table``."""
    row = amounts.setdefault((table, key), defaultdict(int))
    for column, n in columns.items():
        row[column] += sign * n


def write(amounts: Amounts, value_columns: dict[type[models.Model], tuple[str, ...]]) -> None:
    """Move every row by its amounts, on the day's row and the month's: one upsert batch per table."""
    per_table: dict[type[models.Model], dict[tuple, dict[str, int]]] = defaultdict(dict)
    for (table, (unit, day, *others)), row in amounts.items():
        for key in ((unit, FigureSpan.DAY, day, *others), (unit, FigureSpan.MONTH, month_start(day), *others)):
            target = per_table[table].setdefault(key, defaultdict(int))
            for column, n in row.items():
                target[column] += n
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table, rows in per_table.items():
            columns = value_columns[table]
            values = [(*key, *(row.get(c, 0) for c in columns)) for key, row in rows.items() if any(row.values())]
            if not values:
                continue
            name = qn(table._meta.db_table)
            keys = ["unit_id", "span", "day", *_other_keys(table)]
            moves = ", ".join(f"{qn(c)} = {name}.{qn(c)} + excluded.{qn(c)}" for c in columns)
            cursor.executemany(
                f"INSERT INTO {name} ({', '.join(qn(c) for c in [*keys, *columns])}) "
                f"VALUES ({', '.join(['%s'] * (len(keys) + len(columns)))}) "
                f"ON CONFLICT ({', '.join(qn(c) for c in keys)}) DO UPDATE SET {moves}", values)


def _other_keys(table: type[models.Model]) -> list[str]:
    """The key columns of a figures table beyond unit, span and day (its unique constraint's)."""
    (unique,) = [c for c in table._meta.constraints if isinstance(c, models.UniqueConstraint)]
    return [table._meta.get_field(name).attname for name in unique.fields if name not in ("unit", "span", "day")]


def rows_in(start: date, end: date) -> Q:
    """The rows that add up to exactly [start, end]: month rows for its whole months, day rows for the rest."""
    part = cover(start, end)
    q = Q(pk__in=[])
    if part.first_month is not None:
        q |= Q(span=FigureSpan.MONTH, day__range=(part.first_month, part.last_month))
    for first, last in part.days:
        q |= Q(span=FigureSpan.DAY, day__range=(first, last))
    return q


def month_rows_sql(table: type[models.Model], columns: Iterable[str]) -> str:
    """INSERT … SELECT of a table's month rows as the sums of its day rows (for a rebuild)."""
    qn = connection.ops.quote_name
    first = ("CAST(date_trunc('month', day) AS date)" if connection.vendor == "postgresql"
             else "date(day, 'start of month')")
    others = [qn(c) for c in _other_keys(table)]
    keys = ", ".join(["unit_id", *others])
    columns = list(columns)
    return (f"INSERT INTO {qn(table._meta.db_table)} ({keys}, span, day, {', '.join(qn(c) for c in columns)}) "
            f"SELECT {keys}, 'M', {first}, {', '.join(f'SUM({qn(c)})' for c in columns)} "
            f"FROM {qn(table._meta.db_table)} WHERE span = 'D' GROUP BY {keys}, {first}")


class Tracker:
    """The signal receivers that keep one model's figures: see the module's docstring.

    ``count(state, sign, amounts)`` adds what a record with those ``FIGURE_FIELDS`` values counts
    for; ``moved(instance, old, new, amounts)``, if given, adds what else moves with a change
    (a case's ratings when it changes unit).
    """

    def __init__(self, model: type[KeepsFigures], count: Callable[[tuple, int, Amounts], None],
                 columns: dict[type[models.Model], tuple[str, ...]],
                 moved: Callable[[Any, tuple, tuple, Amounts], None] | None = None) -> None:
        self.model, self.count, self.columns, self.moved = model, count, columns, moved
        fields = model.FIGURE_FIELDS
        self.dates = {f.attname for f in model._meta.concrete_fields
                      if f.attname in fields and isinstance(f, models.DateField)
                      and not isinstance(f, models.DateTimeField)}
        self.attnames = {name: name for name in fields} | {
            name.removesuffix("_id"): name for name in fields if name.endswith("_id")}

    def state(self, instance: Any) -> tuple:
        return tuple(as_day(getattr(instance, name)) if name in self.dates else getattr(instance, name)
                     for name in self.model.FIGURE_FIELDS)

    def _touches(self, update_fields) -> bool:
        return update_fields is None or any(name in self.attnames for name in update_fields)

    def connect(self, uid: str) -> None:
        from django.db.models.signals import post_delete, post_save, pre_save

        pre_save.connect(self.pre_save, sender=self.model, dispatch_uid=f"{uid}-pre", weak=False)
        post_save.connect(self.post_save, sender=self.model, dispatch_uid=f"{uid}-post", weak=False)
        post_delete.connect(self.post_delete, sender=self.model, dispatch_uid=f"{uid}-delete", weak=False)

    def pre_save(self, sender, instance, raw: bool = False, update_fields=None, **_kwargs) -> None:
        """Read what an existing record counted for when the instance does not know (built by hand, .only())."""
        if raw or instance._state.adding or not self._touches(update_fields):
            return
        if getattr(instance, "_figure_state", None) is None:
            row = self.model._default_manager.filter(pk=instance.pk).values_list(*self.model.FIGURE_FIELDS).first()
            instance._figure_state = tuple(row) if row is not None else None

    def post_save(self, sender, instance, created: bool, raw: bool = False, update_fields=None, **_kwargs) -> None:
        """Move the counts a save changed (in the save's transaction)."""
        if raw or not self._touches(update_fields):
            return
        old = None if created else getattr(instance, "_figure_state", None)
        new = self.state(instance)
        if old is not None and update_fields is not None:
            # Only the fields saved changed in the database; a value changed in memory but not saved did not.
            saved = {self.attnames[name] for name in update_fields if name in self.attnames}
            new = tuple(value if name in saved else before
                        for name, value, before in zip(self.model.FIGURE_FIELDS, new, old, strict=True))
        if old == new:
            return
        amounts: Amounts = {}
        if old is not None:
            self.count(old, -1, amounts)
        self.count(new, 1, amounts)
        if old is not None and self.moved is not None:
            self.moved(instance, old, new, amounts)
        write(amounts, self.columns)
        instance._figure_state = new

    def post_delete(self, sender, instance, **_kwargs) -> None:
        """A deleted record no longer counts."""
        amounts: Amounts = {}
        self.count(getattr(instance, "_figure_state", None) or self.state(instance), -1, amounts)
        write(amounts, self.columns)
