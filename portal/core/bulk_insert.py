"""Inserting many rows of one model fast: COPY on PostgreSQL, `bulk_create` elsewhere.

Rows are plain tuples of the given fields (attribute names, so `location_id` for a foreign key),
never model instances: 100,000 instances cost more time and memory than the insert itself. Fields
left out take their model default, as `Model()` would give them: a constant once, a callable per row
(except `timezone.now`, taken once, so a batch shares one moment), `auto_now` fields the same moment.
Nothing is validated here: callers validate first, and the table's constraints still hold.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django.db import connection, models
from django.utils import timezone

from .versioned_cache import bulk_written

Converter = Callable[[Any], Any]


def _plain(value: Any) -> Any:
    return value


def _constant(value: Any) -> Callable[[], Any]:
    return lambda: value


def _columns(
    model: type[models.Model], fields: Sequence[str]
) -> tuple[list[models.Field], list[Callable[[], Any]]]:
    """Every concrete non-pk field (given ones first, in order), and how to make each missing value."""
    by_attname = {f.attname: f for f in model._meta.concrete_fields if not f.primary_key}
    unknown = [name for name in fields if name not in by_attname]
    if unknown:
        raise ValueError(f"{model.__name__} has no fields {unknown}")
    now = timezone.now()
    missing: list[models.Field] = [f for name, f in by_attname.items() if name not in fields]
    makers: list[Callable[[], Any]] = []
    for field in missing:
        is_now = field.has_default() and field.default is timezone.now
        if is_now or getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            makers.append(_constant(now))
        elif field.has_default() and callable(field.default):
            makers.append(field.get_default)
        else:
            makers.append(_constant(field.get_default()))
    return [by_attname[name] for name in fields] + missing, makers


def _dumper(field: models.Field) -> Converter:
    if isinstance(field, models.JSONField):
        encoder = field.encoder
        return lambda value: None if value is None else json.dumps(value, cls=encoder)
    return _plain


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]]) -> list[int]:
    """Insert the rows and return their new primary keys, in the rows' order."""
    rows = list(rows)
    if not rows:
        return []
    columns, makers = _columns(model, fields)
    given = len(fields)
    if connection.vendor != "postgresql":
        names = [f.attname for f in columns]
        objects = [
            model(**dict(zip(names, [*row, *(make() for make in makers)], strict=True))) for row in rows
        ]
        model._default_manager.bulk_create(objects, batch_size=1000)
        bulk_written.send(sender=model)
        return [obj.pk for obj in objects]

    dumpers = [_dumper(f) for f in columns]
    needs_dump = [i for i, dump in enumerate(dumpers) if dump is not _plain]
    table = connection.ops.quote_name(model._meta.db_table)
    pk = model._meta.pk
    assert pk is not None
    column_list = ", ".join(connection.ops.quote_name(f.column) for f in [pk, *columns])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
            [model._meta.db_table, pk.column, len(rows)],
        )
        ids = [row[0] for row in cursor.fetchall()]
        # The raw psycopg cursor: errors are turned into Django's (IntegrityError, ...) by hand.
        with (
            connection.wrap_database_errors,
            cursor.cursor.copy(f"COPY {table} ({column_list}) FROM STDIN") as copy,
        ):
            for pk_value, row in zip(ids, rows, strict=True):
                values = [pk_value, *row[:given], *(make() for make in makers)]
                for i in needs_dump:
                    values[i + 1] = dumpers[i](values[i + 1])
                copy.write_row(values)
    bulk_written.send(sender=model)
    return ids


#: From this many rows written at once, the planner's statistics are refreshed.
ANALYZE_FROM_ROWS = 10_000


def refresh_statistics(*models_: type[models.Model]) -> None:
    """ANALYZE the tables after a large write (PostgreSQL only).

    Autovacuum analyzes a table only a while after many rows changed; until then the planner still
    sees the table as it was (an empty table stays "empty") and may choose plans that read a 100,000
    row table once per row. Sampling costs a fraction of a second. Inside a transaction the statistics
    count its own new rows too."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
