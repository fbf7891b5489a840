"""Bulk writes for the large imports (procurement notices, spend files).

The ORM's bulk_create spent most of a large import building and checking model objects, and its
bulk_update builds one CASE per column over every row; these write plain rows, with values
adapted as the ORM would adapt them (docs/adr/0010-open-data-evidence.md). PostgreSQL is given
its rows by COPY, which takes them ten times faster than INSERT run many times.

Rows are lists of values in the order of the field names given, which are model field names
("procurement" for a foreign key, whose value is the primary key).
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Sequence
from typing import Any

import orjson
from django.db import connection

from maturity import pagecache

BATCH = 5000


def insert(model, names: Sequence[str], rows: list[list]) -> None:
    """Insert the rows (lists are adapted in place)."""
    fields = [model._meta.get_field(name) for name in names]
    insert_into(model._meta.db_table, [(f.column, f) for f in fields], rows)


def insert_into(table: str, columns: Sequence[tuple[str, Any]], rows: list[list]) -> None:
    """Insert the rows into a table (a model's, or a staging table shaped like one): `columns` are
    (column name, the model field whose values it holds). Lists are adapted in place."""
    if not rows:
        return
    fields = [f for _, f in columns]
    quote = connection.ops.quote_name
    names = ", ".join(quote(column) for column, _ in columns)
    if connection.vendor == "postgresql":
        _adapt(fields, rows, copying=True)
        # Binary: psycopg writes each value as PostgreSQL holds it, and the server parses no text.
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {quote(table)} ({names}) FROM STDIN (FORMAT BINARY)") as copy,
        ):
            copy.set_types([_pg_type(f) for f in fields])
            for row in rows:
                copy.write_row(row)
        pagecache.data_changed()  # COPY passes Django's cursor, which tells kept pages of other writes
        return
    _adapt(fields, rows)
    _execute_many(f"INSERT INTO {quote(table)} ({names}) VALUES ({', '.join(['%s'] * len(fields))})", rows)


def update(model, names: Sequence[str], rows: list[list]) -> None:
    """Update rows by primary key: each row is its values in the order of `names`, then the key."""
    if not rows:
        return
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    _adapt([*fields, model._meta.pk], rows)
    _execute_many(
        f"UPDATE {quote(model._meta.db_table)} SET {', '.join(f'{quote(f.column)} = %s' for f in fields)} "
        f"WHERE {quote(model._meta.pk.column)} = %s",
        rows,
    )


def existing(model, field_name: str, values: list[str]) -> list[str]:
    """Which of `values` are already stored in `field_name`: one plain query, without the ORM
    resolving a thousand parameters one by one."""
    return list(ids(model, field_name, values)) if values else []


def ids(model, field_name: str, values: list[str]) -> dict[str, int]:
    """The primary key of each of `values` found in `field_name` (a unique column)."""
    if not values:
        return {}
    quote = connection.ops.quote_name
    column = quote(model._meta.get_field(field_name).column)
    where, params = is_in(column, values)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column}, {quote(model._meta.pk.column)} FROM {quote(model._meta.db_table)} WHERE {where}", params
        )
        return dict(cursor.fetchall())


def is_in(column: str, values: list) -> tuple[str, list]:
    """SQL that `column` is one of `values`, with its parameters."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(values)]  # one array, not a thousand parameters
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def aware(value: datetime.datetime | str) -> datetime.datetime:
    """A datetime as a plain query gives it back, in UTC: SQLite keeps them as text."""
    if isinstance(value, str):
        value = datetime.datetime.fromisoformat(value)
    return value.replace(tzinfo=datetime.UTC) if value.tzinfo is None else value


def new_ids(model, count: int) -> list[int]:
    """Primary keys for `count` rows about to be inserted, so that rows referring to them can be
    written without reading the keys back. Call inside the transaction that inserts them: on
    SQLite the transaction's first write locks the database, so no other writer takes them."""
    quote = connection.ops.quote_name
    table, pk = model._meta.db_table, model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)", [table, pk, count]
            )
            return [row[0] for row in cursor.fetchall()]
        # AUTOINCREMENT never reuses a key, even a deleted one: start after the highest ever given.
        cursor.execute(
            f"SELECT MAX(COALESCE((SELECT MAX({quote(pk)}) FROM {quote(table)}), 0), "
            "COALESCE((SELECT seq FROM sqlite_sequence WHERE name = %s), 0))",
            [table],
        )
        start = cursor.fetchone()[0] + 1
        return list(range(start, start + count))


def json_text(value) -> str:
    """JSON as the ORM would store it, written by orjson (in a fifth of the time of json)."""
    return orjson.dumps(value).decode()


def _execute_many(sql: str, rows: list[list]) -> None:
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _adapt(fields, rows: list[list], *, copying: bool = False) -> None:
    """Adapt the values in place, column by column (most columns need nothing)."""
    for index, f in enumerate(fields):
        adapt = _adapter(f, copying)
        if adapt is None:
            continue
        for row in rows:
            if row[index] is not None:
                row[index] = adapt(row[index])


_PG_TYPES = {
    "AutoField": "int4",
    "BigAutoField": "int8",
    "IntegerField": "int4",
    "BigIntegerField": "int8",
    "PositiveIntegerField": "int4",
    "PositiveBigIntegerField": "int8",
    "SmallIntegerField": "int2",
    "PositiveSmallIntegerField": "int2",
    "CharField": "text",
    "TextField": "text",
    "BooleanField": "bool",
    "DateField": "date",
    "DateTimeField": "timestamptz",
    "DecimalField": "numeric",
    "JSONField": "jsonb",
}


def _pg_type(f) -> str:
    """The PostgreSQL type of a column, for a binary COPY (a foreign key has its target's)."""
    target = f.target_field if f.is_relation else f
    return _PG_TYPES[target.get_internal_type()]


def _adapter(f, copying: bool):
    """How the ORM would adapt a value of the field for this database (None: as it is)."""
    ops = connection.ops
    kind = f.get_internal_type()
    if kind == "JSONField":
        if copying or connection.vendor == "postgresql":
            from psycopg.types.json import Jsonb

            return lambda v: Jsonb(v, dumps=json_text)
        return json_text
    if connection.vendor == "postgresql":
        return None  # psycopg adapts dates, datetimes and decimals itself
    if kind == "DateTimeField":
        # What SQLite's adapter does for an aware datetime, without its checks and time zone
        # look-ups, which cost as much as the insert.
        return _sqlite_datetime
    if kind == "DateField":
        return ops.adapt_datefield_value
    if kind == "DecimalField":
        return lambda v: ops.adapt_decimalfield_value(v, f.max_digits, f.decimal_places)
    return None


@functools.lru_cache(maxsize=4096)  # a new procurement's first, last and notice dates are one date
def _sqlite_datetime(value: datetime.datetime) -> str:
    if value.tzinfo is datetime.UTC:  # as the importers make them: drop the "+00:00"
        return value.isoformat(" ")[:-6]
    return value.astimezone(datetime.UTC).replace(tzinfo=None).isoformat(" ")
