"""Bring a store up to SCHEMA_VERSION, one numbered step at a time.

`MIGRATIONS[n]` holds the statements that take a store from version n-1 to n. Version 1
creates the first tables; a later version creates the tables `schema.ADDED_IN` dates to it
and adds `ALTER TABLE ...` steps here, and a function of the connection where stored rows
need a value only Python computes, so a store written by an older detente opens in a newer
one (version 2: `feeds`, the state of `detente watch`; version 3: `documents.duplicate_of`
and `text_bands`, the band keys of the texts already stored, #10). A store newer than this
code is refused with `SchemaTooNew` rather than guessed at.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import duckdb

from ..errors import SchemaTooNew, StoreError
from .duplicates import index_stored_texts
from .schema import ADDED_IN, INDEXES, SCHEMA_VERSION, TABLES

log = logging.getLogger(__name__)


def _tables_of(version: int) -> tuple[str, ...]:
    return tuple(ddl for name, ddl in TABLES.items() if ADDED_IN.get(name, 1) == version)


Step = str | Callable[[duckdb.DuckDBPyConnection], None]

MIGRATIONS: dict[int, tuple[Step, ...]] = {
    1: (*_tables_of(1), *INDEXES),
    2: _tables_of(2),
    # a store created at version 1 by this code has the column already
    3: (
        *_tables_of(3),
        "ALTER TABLE documents ADD COLUMN IF NOT EXISTS duplicate_of VARCHAR",
        index_stored_texts,
    ),
}


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The store's schema version: 0 for an empty database."""
    has_meta = con.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'meta'"
    ).fetchone()
    if not has_meta or not has_meta[0]:
        return 0
    row = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(con: duckdb.DuckDBPyConnection, *, target: int = SCHEMA_VERSION) -> int:
    """Apply the missing migrations, each in its own transaction; return the new version."""
    current = schema_version(con)
    if current > target:
        raise SchemaTooNew(
            f"the store has schema version {current}, this detente knows up to {target}; "
            "upgrade detente or use another --db"
        )
    for version in range(current + 1, target + 1):
        log.info("migrating store to schema version %d", version)
        try:
            con.execute("BEGIN TRANSACTION")
            for step in MIGRATIONS[version]:
                if isinstance(step, str):
                    con.execute(step)
                else:
                    step(con)
            con.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)", [str(version)])
            con.execute("COMMIT")
        except duckdb.Error as err:
            con.execute("ROLLBACK")
            raise StoreError(f"migration to schema version {version} failed: {err}") from err
    return target
