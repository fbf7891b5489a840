"""Where an import of notices keeps what it has read until it is published in one short transaction.

A file of notices takes seconds to minutes to read. Holding a transaction open all that time holds
SQLite's one write lock, and every other writer (a council saving an answer) waits for it and then
fails ("database is locked"). So the import reads the whole file first, merging each procurement's
releases with what is stored, into temporary tables of this connection (SQLite keeps them in a
database of their own, so writing them takes no lock on the real one); then `publish` copies them
into the real tables with a few INSERT ... SELECT statements, in one transaction that lasts well
under a second per 10,000 procurements. A worker killed while reading leaves only temporary tables,
which die with its connection (docs/adr/0018-imports-under-limits.md).

Staged procurements are keyed by ocid: `pk` is the stored procurement's key (None for a new one) and
`was` its merged state when it was read, so that `publish` can refuse to overwrite a procurement
that another import changed in the meantime.
"""

from __future__ import annotations

import contextlib
import datetime
from collections.abc import Iterator
from dataclasses import dataclass

from django.db import connection

from maturity.evidence import bulk, ocds
from maturity.evidence.models import Award, Notice, Procurement

PROCUREMENTS, NOTICES, AWARDS = "staged_procurement", "staged_notice", "staged_award"
VALUES = ocds.PROCUREMENT_FIELDS
AWARD_VALUES = ("award_id", "date", "status", "amount", "won_by_sme", "won_by_vcse")


class Changed(Exception):
    """Another import changed some of the same procurements while this file was read."""


@dataclass(slots=True)
class Known:
    """A procurement already stored, or already staged by this import."""

    pk: int | None  # the stored procurement's key; None if it is new in this import
    merged: str  # its merged state, as JSON text
    last_updated: datetime.datetime
    buyer_key: str
    organisation_id: int | None
    was: str | None  # the stored merged state when this import read it (None: new)
    staged: bool


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


def _field(model, name: str):
    return model._meta.get_field(name)


def _procurement_columns() -> list[tuple[str, object]]:
    return [
        ("pk", Procurement._meta.pk),
        ("ocid", _field(Procurement, "ocid")),
        ("organisation_id", _field(Procurement, "organisation")),
        ("buyer_key", _field(Procurement, "buyer_key")),
        *((_field(Procurement, name).column, _field(Procurement, name)) for name in VALUES),
        ("merged", _field(Procurement, "merged")),
        ("was", _field(Procurement, "merged")),
    ]


def _notice_columns() -> list[tuple[str, object]]:
    return [
        ("ocid", _field(Procurement, "ocid")),
        ("release_id", _field(Notice, "release_id")),
        ("date", _field(Notice, "date")),
    ]


def _award_columns() -> list[tuple[str, object]]:
    return [("ocid", _field(Procurement, "ocid")), *((name, _field(Award, name)) for name in AWARD_VALUES)]


@contextlib.contextmanager
def staged() -> Iterator[None]:
    """Empty staging tables for one import, dropped afterwards."""
    _drop()
    _create()
    try:
        yield
    finally:
        _drop()


def _create() -> None:
    procurement, notice, award = (_q(m._meta.db_table) for m in (Procurement, Notice, Award))
    values = ", ".join(_q(_field(Procurement, name).column) for name in VALUES)
    temp = "temp." if connection.vendor == "sqlite" else ""
    with connection.cursor() as cursor:
        # Shaped like the real tables (the same column types), without their constraints.
        cursor.execute(
            f"CREATE TEMPORARY TABLE {PROCUREMENTS} AS SELECT id AS pk, ocid, organisation_id, buyer_key, "
            f"{values}, merged, merged AS was FROM {procurement} WHERE 1 = 0"
        )
        cursor.execute(f"CREATE UNIQUE INDEX {temp}{PROCUREMENTS}_ocid ON {PROCUREMENTS} (ocid)")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {NOTICES} AS SELECT p.ocid, n.release_id, n.date "
            f"FROM {notice} n, {procurement} p WHERE 1 = 0"
        )
        cursor.execute(f"CREATE INDEX {temp}{NOTICES}_ocid ON {NOTICES} (ocid)")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {AWARDS} AS SELECT p.ocid, "
            f"{', '.join('a.' + _q(name) for name in AWARD_VALUES)} FROM {award} a, {procurement} p WHERE 1 = 0"
        )
        cursor.execute(f"CREATE INDEX {temp}{AWARDS}_ocid ON {AWARDS} (ocid)")


def _drop() -> None:
    with connection.cursor() as cursor:
        for table in (PROCUREMENTS, NOTICES, AWARDS):
            cursor.execute(f"DROP TABLE IF EXISTS {table}")


def procurements(ocids: list[str]) -> dict[str, Known]:
    """The staged procurements among these ocids."""
    if not ocids:
        return {}
    where, params = bulk.is_in("ocid", ocids)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT ocid, pk, merged, {_q('last_updated')}, buyer_key, organisation_id, was "
            f"FROM {PROCUREMENTS} WHERE {where}",
            params,
        )
        return {
            ocid: Known(pk, merged, bulk.aware(updated), key, org, was, True)
            for ocid, pk, merged, updated, key, org, was in cursor.fetchall()
        }


def notices(ocids: list[str]) -> set[tuple[str, str, datetime.datetime]]:
    """(ocid, release id, date) of the notices staged for these ocids."""
    if not ocids:
        return set()
    where, params = bulk.is_in("ocid", ocids)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT ocid, release_id, date FROM {NOTICES} WHERE {where}", params)
        return {(ocid, release_id, bulk.aware(date)) for ocid, release_id, date in cursor.fetchall()}


def stage(procurements: list[list], restaged: list[str], notices: list[list], awards: list[list]) -> None:
    """Stage rows: procurements as [pk, ocid, organisation id, buyer key, *VALUES, merged, was]
    (those in `restaged` replace what was staged for them, awards included), notices as
    [ocid, release id, date], awards as [ocid, *AWARD_VALUES]."""
    with _staging_transaction():
        _stage(procurements, restaged, notices, awards)


@contextlib.contextmanager
def _staging_transaction() -> Iterator[None]:
    """One transaction for a batch of staged rows, not one per row. On SQLite a deferred one, begun
    by hand: it locks only the temporary database it writes to (Django's transactions there begin
    IMMEDIATE, which would take the real database's write lock too)."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
        try:
            yield
        except BaseException:
            cursor.execute("ROLLBACK")
            raise
        cursor.execute("COMMIT")


def _stage(procurements: list[list], restaged: list[str], notices: list[list], awards: list[list]) -> None:
    if restaged:
        where, params = bulk.is_in("ocid", restaged)
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {PROCUREMENTS} WHERE {where}", params)
            cursor.execute(f"DELETE FROM {AWARDS} WHERE {where}", params)
    bulk.insert_into(PROCUREMENTS, _procurement_columns(), procurements)
    bulk.insert_into(NOTICES, _notice_columns(), notices)
    bulk.insert_into(AWARDS, _award_columns(), awards)


@dataclass(frozen=True)
class Counts:
    created: int
    updated: int
    notices: int
    first: datetime.datetime | None
    last: datetime.datetime | None


def counts() -> Counts:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(pk), COUNT(*) FROM {PROCUREMENTS}")
        updated, total = cursor.fetchone()
        cursor.execute(f"SELECT COUNT(*), MIN(date), MAX(date) FROM {NOTICES}")
        notices, first, last = cursor.fetchone()
    return Counts(total - updated, updated, notices, first and bulk.aware(first), last and bulk.aware(last))


def publish(evidence_import_id: int) -> None:
    """Copy what is staged into the real tables. Call inside the transaction that records the
    import. Raises Changed, having changed nothing, if another import stored one of the same
    procurements since this one read it."""
    procurement, notice, award = (_q(m._meta.db_table) for m in (Procurement, Notice, Award))
    values = [_q(_field(Procurement, name).column) for name in VALUES]
    columns = ["ocid", "organisation_id", "buyer_key", *values, "merged"]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {PROCUREMENTS} s JOIN {procurement} p ON p.ocid = s.ocid "
            f"WHERE s.pk IS NULL OR p.id <> s.pk OR p.merged <> s.was LIMIT 1"
        )
        if cursor.fetchone():
            raise Changed
        cursor.execute(
            f"SELECT 1 FROM {PROCUREMENTS} s WHERE s.pk IS NOT NULL "
            f"AND NOT EXISTS (SELECT 1 FROM {procurement} p WHERE p.id = s.pk) LIMIT 1"
        )
        if cursor.fetchone():
            raise Changed
        # In the order of the unique key: each insert then touches neighbouring index pages.
        cursor.execute(
            f"INSERT INTO {procurement} ({', '.join(columns)}) SELECT {', '.join(columns)} "
            f"FROM {PROCUREMENTS} WHERE pk IS NULL ORDER BY ocid"
        )
        cursor.execute(
            f"UPDATE {procurement} SET {', '.join(f'{c} = s.{c}' for c in columns[1:])} "
            f"FROM {PROCUREMENTS} s WHERE {procurement}.id = s.pk"
        )
        cursor.execute(
            f"DELETE FROM {award} WHERE procurement_id IN (SELECT pk FROM {PROCUREMENTS} WHERE pk IS NOT NULL)"
        )
        cursor.execute(
            f"INSERT INTO {notice} (procurement_id, release_id, date, evidence_import_id) "
            f"SELECT p.id, n.release_id, n.date, %s FROM {NOTICES} n JOIN {procurement} p ON p.ocid = n.ocid "
            f"ORDER BY p.id",
            [evidence_import_id],
        )
        award_columns = [_q(name) for name in AWARD_VALUES]
        cursor.execute(
            f"INSERT INTO {award} (procurement_id, {', '.join(award_columns)}) "
            f"SELECT p.id, {', '.join('a.' + c for c in award_columns)} FROM {AWARDS} a "
            f"JOIN {procurement} p ON p.ocid = a.ocid"
        )
