"""Load generated rows as fast as the database allows: ``COPY`` on PostgreSQL, ``bulk_create`` elsewhere.

On PostgreSQL the primary keys of a batch are drawn from the table's sequence first (one
``nextval`` query per batch), so the rows that refer to them (identities) can be written in the
same way; rows nothing refers to (identities, ratings, reception-book lines) leave the key to
the column's default. Every row goes through psycopg 3's ``cursor.copy`` with the model's
concrete columns, as soon as it is drawn (:meth:`Writer.stream`). No model ``save()``, no
signals, no history: generated data has no author. Values are what Django would store:
``auto_now``/``auto_now_add`` columns get the time of the batch, JSON is sent as jsonb. A load at
least as large as a table rebuilds that table's secondary indexes once, at the end
(:meth:`Writer.indexes_set_aside`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from operator import attrgetter
from typing import Any

from django.db import connection, models
from django.utils import timezone

BATCH = 2000

# per model: constant defaults, fields with a callable default, column attnames, {fk name: (attname, target attname)}
_Template = tuple[dict[str, Any], list[models.Field], set[str], dict[str, tuple[str, str]]]
_TEMPLATES: dict[type[models.Model], _Template] = {}


def new(model: type[models.Model], **values: Any) -> models.Model:
    """A new unsaved instance, as ``model(**values)`` gives, built without ``Model.__init__``.

    ``__init__`` walks every field and sends two signals for each instance: a tenth of a
    millisecond that a million rows pay. Constant defaults (and the ``None``/``""`` of a field
    without a default) are copied from a template made once; callable defaults (``list``,
    ``dict``, ``now``) are called for each instance. A related object (``field=…``) sets
    ``field_id`` and the cache as its descriptor would, without the descriptor's type check and
    the database router it asks each time.
    For models without file or image fields (nothing listens to their ``post_init``).
    """
    template = _TEMPLATES.get(model)
    if template is None:
        fields = list(model._meta.concrete_fields)
        # Django's NOT_PROVIDED marker is a class, hence callable: test has_default() first.
        dynamic = [f for f in fields if f.has_default() and callable(f.default)]
        constant = {f.attname: f.get_default() for f in fields if f not in dynamic}
        related = {f.name: (f.attname, f.target_field.attname) for f in fields
                   if f.is_relation and f.many_to_one and len(f.foreign_related_fields) == 1}
        template = _TEMPLATES[model] = (constant, dynamic, {f.attname for f in fields}, related)
    constant, dynamic, plain, related = template
    obj = model.__new__(model)
    obj._state = state = models.base.ModelState()
    attrs = obj.__dict__
    attrs.update(constant)
    for f in dynamic:
        attrs[f.attname] = f.get_default()
    for name, value in values.items():
        if name in plain:
            attrs[name] = value
        elif name in related:
            attname, target = related[name]
            attrs[attname] = None if value is None else getattr(value, target)
            state.fields_cache[name] = value
        else:
            setattr(obj, name, value)
    return obj


def relate(obj: models.Model, name: str, value: models.Model | None) -> None:
    """``obj.name = value`` for a foreign key of an instance made by :func:`new`, as :func:`new` sets it."""
    attname, target = _TEMPLATES[type(obj)][3][name]
    obj.__dict__[attname] = None if value is None else getattr(value, target)
    obj._state.fields_cache[name] = value


class _Plan:
    """How one model's rows are copied: the statement, and one call that reads a row off an instance."""

    def __init__(self, model: type[models.Model], *, with_pk: bool) -> None:
        quote = connection.ops.quote_name
        fields = [f for f in model._meta.concrete_fields if with_pk or not f.primary_key]
        columns = ", ".join(quote(f.column) for f in fields)
        self.sql = f"COPY {quote(model._meta.db_table)} ({columns}) FROM STDIN"
        # One attrgetter for the whole row (a C call returning a tuple) instead of one call per column.
        self.row = attrgetter(*[f.attname for f in fields]) if len(fields) > 1 else (
            lambda obj, _get=attrgetter(fields[0].attname): (_get(obj),))
        self.stamped = [f.attname for f in fields
                        if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False)]
        self.json = [i for i, f in enumerate(fields) if isinstance(f, models.JSONField)]

    def values(self, obj: models.Model, now: datetime) -> Sequence[Any]:
        """The row of ``obj``; auto_now(_add) columns get ``now`` (on the instance too), as ``save()`` would."""
        if self.stamped:
            attrs = obj.__dict__
            for name in self.stamped:
                attrs[name] = now
        values = self.row(obj)
        if self.json:
            from psycopg.types.json import Jsonb

            values = list(values)
            for i in self.json:
                if values[i] is not None:
                    values[i] = Jsonb(values[i])
        return values


class Writer:
    """``insert(Model, rows)``: write new model instances and set their primary keys (but see ``keys``).

    ``stream(Model, n)`` opens one ``COPY`` and writes each row as soon as it is drawn, so that
    PostgreSQL inserts the rows (and updates their indexes) while Python draws the next ones:
    on two cores the run then takes about as long as the slower of the two, not their sum.
    Nothing else may use the connection while a stream is open: the deadline engine's
    re-check of its tables is held off for the run (:func:`danvan.legal.selectors.pinned`).
    """

    def __init__(self) -> None:
        self.copy = connection.vendor == "postgresql"
        self._plans: dict[tuple[type[models.Model], bool], _Plan] = {}
        self.rows = 0
        self.tables: set[str] = set()

    def insert(self, model: type[models.Model], objs: Sequence[models.Model], *, keys: bool = True) -> None:
        """Write ``objs``; ``keys=False``: nothing refers to them, PostgreSQL numbers them itself."""
        if not objs:
            return
        with self.stream(model, len(objs), keys=keys) as add:
            for obj in objs:
                add(obj)

    @contextmanager
    def stream(self, model: type[models.Model], expected: int, *, keys: bool = True) -> Iterator[Callable[[Any], None]]:
        """``with writer.stream(Model, n) as add: add(obj)…``: the rows are in the table on exit.

        On PostgreSQL each ``add`` gives the instance its key (``n`` keys drawn from the table's
        sequence in one query before the ``COPY``; ``keys=False``: none, the column's default
        numbers the rows) and sends the row; elsewhere the rows are kept and ``bulk_create``d
        on exit, which sets their keys then.
        """
        self.tables.add(model._meta.db_table)
        written: list[models.Model] = []
        if not self.copy:
            yield written.append
            model.objects.bulk_create(written, batch_size=BATCH)
            if written and written[0].pk is None:  # a backend that does not return ids: not danvan's two
                raise RuntimeError(f"{model.__name__}: the database returned no ids")
            self.rows += len(written)
            return
        plan = self._plan(model, keys)
        with connection.cursor() as cursor:
            raw = cursor.cursor  # psycopg's own cursor, under Django's wrapper
            ids: list[int] = []
            if keys and expected:
                table, pk = model._meta.db_table, model._meta.pk.column
                raw.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                            [connection.ops.quote_name(table), pk, expected])
                ids = [row[0] for row in raw.fetchall()]
            taken = iter(ids)
            now, values, alias = timezone.now(), plan.values, connection.alias
            with raw.copy(plan.sql) as copy:
                write = copy.write_row

                def add(obj: models.Model) -> None:
                    if keys and obj.pk is None:
                        obj.pk = next(taken, None)
                        if obj.pk is None:
                            raise RuntimeError(f"{model.__name__}: more rows than the {expected} announced")
                    write(values(obj, now))
                    obj._state.adding = False
                    obj._state.db = alias
                    written.append(obj)

                yield add
        self.rows += len(written)

    @contextmanager
    def indexes_set_aside(self, models_: Sequence[type[models.Model]], rows: int) -> Iterator[list[str]]:
        """Drop the secondary indexes of the tables that ``rows`` new rows would at least double; rebuild on exit.

        Keeping an index up to date costs PostgreSQL about twice as much per row as building it
        afresh over the whole table (``docs/performance.md``, "Where the generator's time goes"),
        so a load pays to set them aside once it is at least as large as the table already is
        (``SELECT count(*)``, taken before the load). Unique indexes and those behind a
        constraint stay: they check the rows as they come. So do partial and expression indexes:
        PostgreSQL prints their condition back in another (equivalent) form, and the pages' plans
        were checked against the form the migration wrote. A table read by a live site keeps
        its indexes, since a top-up is smaller than the table; a table with dropped indexes is
        locked against readers until the run commits. The definitions are read from
        ``pg_get_indexdef`` and replayed as they were, with ``maintenance_work_mem`` raised for
        the builds. DDL is transactional in PostgreSQL: a run that fails leaves the indexes as
        they were. Yields the names of the indexes set aside; nothing on other databases.
        """
        if not self.copy or rows <= 0:
            yield []
            return
        definitions: list[tuple[str, str]] = []
        with connection.cursor() as cursor:
            for model in models_:
                table = model._meta.db_table
                cursor.execute(f"SELECT count(*) FROM {connection.ops.quote_name(table)}")
                (present,) = cursor.fetchone()
                if rows < max(present, 1):
                    continue
                cursor.execute(
                    """SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname), pg_get_indexdef(i.indexrelid)
                         FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
                         JOIN pg_namespace n ON n.oid = c.relnamespace
                        WHERE i.indrelid = %s::regclass AND NOT i.indisunique AND NOT i.indisprimary
                          AND i.indpred IS NULL AND i.indexprs IS NULL
                          AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid)
                        ORDER BY c.relname""", [connection.ops.quote_name(table)])
                definitions += cursor.fetchall()
            for name, _definition in definitions:
                cursor.execute(f"DROP INDEX {name}")
        yield [name for name, _definition in definitions]
        if not definitions:
            return
        # CREATE INDEX refuses a table with deferred foreign-key checks pending: run them now.
        connection.check_constraints()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            for _name, definition in definitions:
                cursor.execute(definition)

    def _plan(self, model: type[models.Model], with_pk: bool) -> _Plan:
        plan = self._plans.get((model, with_pk))
        if plan is None:
            plan = self._plans[model, with_pk] = _Plan(model, with_pk=with_pk)
        return plan
