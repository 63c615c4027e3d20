"""The physical order of the events and stories tables: by date, restored by
`Store.optimize` after ingest has appended enough rows in document order."""

from __future__ import annotations

import logging

import duckdb

from ..errors import StoreError
from .schema import INDEXES, TABLES

log = logging.getLogger(__name__)

# rows appended in document order before `Store.optimize` sorts the tables by date again
_SORT_AFTER = 50_000


def sort_by_date(con: duckdb.DuckDBPyConnection, *, force: bool = False) -> bool:
    """Rewrite `events` and `stories` in date order once enough rows were appended
    since the last rewrite (or always, with force); return whether it rewrote them.

    DuckDB skips row groups whose date range a filter excludes, and stops a newest-first
    page early, only when the rows lie in date order; ingest appends in document order.
    Rows of one day keep their relative order, so every query's result is unchanged.
    """
    row = con.execute(
        "SELECT (SELECT count(*) FROM events), (SELECT value FROM meta WHERE key = 'sorted_events')"
    ).fetchone()
    total, done = (int(row[0]), int(row[1] or 0)) if row else (0, 0)
    appended = total - done
    if not force and (appended < _SORT_AFTER or appended < total // 10):
        return False
    try:
        con.execute("BEGIN TRANSACTION")
        # a sorted copy replaces each table: far cheaper than deleting and reinserting
        # every row, and the events indexes are rebuilt once instead of row by row
        for table in ("events", "stories"):
            con.execute(TABLES[table].replace(f"TABLE {table} ", f"TABLE _sorted_{table} "))
            con.execute(
                f"INSERT INTO _sorted_{table} SELECT * FROM {table} ORDER BY day NULLS FIRST, rowid"
            )
            con.execute(f"DROP TABLE {table}")
            con.execute(f"ALTER TABLE _sorted_{table} RENAME TO {table}")
        for statement in INDEXES:
            if " ON events " in statement:
                con.execute(statement)
        con.execute("INSERT OR REPLACE INTO meta VALUES ('sorted_events', ?)", [str(total)])
        con.execute("COMMIT")
    except duckdb.Error as err:
        con.execute("ROLLBACK")
        raise StoreError(f"sorting the events by date failed: {err}") from err
    con.execute("CHECKPOINT")  # drop the unsorted copies from the file
    log.info("sorted %d events by date", total)
    return True
