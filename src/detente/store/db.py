"""The Store: one DuckDB file, opened and migrated, and the methods that write to it.

`Store` is the handle callers hold; each concern behind its methods has its own module:
writes.py (a batch of extractions in one transaction, deleting documents), stories.py
(linking reports into story events), summaries.py (the stories and dyad tables),
sorting.py (the tables' order by date), migrations.py and schema.py (the tables).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import TypeAlias

import duckdb

from ..errors import StoreError
from ..models import Extraction
from . import summaries, writes
from .migrations import migrate
from .sorting import sort_by_date
from .writes import IngestCounts

# the type of `store.con`, named here so that callers outside the store (the analyses)
# need not import duckdb to annotate the connection they pass on
Connection: TypeAlias = duckdb.DuckDBPyConnection

_LOCK_HOLDER = re.compile(r"Conflicting lock is held in (?P<program>\S+) \(PID (?P<pid>\d+)\)")


def _open_failure(target: str, err: duckdb.Error) -> str:
    """Why a store cannot be opened, in words a user can act on."""
    held = _LOCK_HOLDER.search(str(err))
    if held is None:
        return f"cannot open the store {target}: {err}"
    return (
        f"the store {target} is in use by another process (PID {held['pid']}), most likely a "
        "`detente ingest`, `watch` or `serve --token` writing to it. DuckDB lets one process "
        "write a store and no other process open it meanwhile, even to read: wait for that "
        "process to finish (or stop it), or read a copy of the store "
        f"(`cp {target} copy.duckdb` and pass --db copy.duckdb)."
    )


class Store:
    """A detente store. Open with `Store.open(path)` (or ":memory:"); use as a context
    manager or call `close()`. `store.con` is the DuckDB connection the query functions
    take."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: str) -> None:
        self.con = con
        self.path = path

    @classmethod
    def open(cls, path: str | Path = ":memory:", *, read_only: bool = False) -> Store:
        """Open (creating and migrating unless read_only) the store at `path`."""
        target = str(path)
        if read_only and target != ":memory:" and not Path(target).exists():
            raise StoreError(f"no store at {target}; run `detente ingest` first or pass --db")
        try:
            con = duckdb.connect(target, read_only=read_only and target != ":memory:")
        except duckdb.Error as err:
            raise StoreError(_open_failure(target, err)) from err
        if not read_only or target == ":memory:":
            migrate(con)
        else:
            from .migrations import schema_version
            from .schema import SCHEMA_VERSION

            version = schema_version(con)
            if version != SCHEMA_VERSION:
                con.close()
                if version > SCHEMA_VERSION:
                    from ..errors import SchemaTooNew

                    raise SchemaTooNew(
                        f"the store {target} has schema version {version}, this detente "
                        f"knows up to {SCHEMA_VERSION}; upgrade detente"
                    )
                raise StoreError(
                    f"the store {target} has schema version {version}; open it once "
                    "for writing (e.g. `detente ingest`) to migrate it"
                )
        return cls(con, target)

    def __enter__(self) -> Store:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    # -- reading what is there --------------------------------------------------------

    def document_hashes(self, ids: Iterable[str]) -> dict[str, str]:
        """The stored text hash of each of `ids` that is in the store."""
        return writes.document_hashes(self.con, ids)

    def integrity(self) -> dict[str, int]:
        """Rows that should not exist: 0 everywhere in a healthy store."""
        checks = {
            "orphan_sentences": (
                "SELECT count(*) FROM sentences WHERE doc_id NOT IN (SELECT id FROM documents)"
            ),
            "orphan_mentions": (
                "SELECT count(*) FROM mentions WHERE doc_id NOT IN (SELECT id FROM documents)"
            ),
            "orphan_events": (
                "SELECT count(*) FROM events WHERE doc_id NOT IN (SELECT id FROM documents)"
            ),
            "events_without_story": (
                "SELECT count(*) FROM events "
                "WHERE story_id IS NULL OR story_id NOT IN (SELECT id FROM stories)"
            ),
            "empty_stories": (
                "SELECT count(*) FROM stories "
                "WHERE id NOT IN (SELECT story_id FROM events WHERE story_id IS NOT NULL)"
            ),
            "duplicate_events": "SELECT count(*) - count(DISTINCT id) FROM events",
            "wrong_event_counts": (
                "SELECT count(*) FROM documents d "
                "WHERE n_events <> (SELECT count(*) FROM events e WHERE e.doc_id = d.id)"
            ),
            "duplicates_with_rows": (
                "SELECT count(*) FROM documents d WHERE duplicate_of IS NOT NULL AND ("
                "EXISTS (SELECT 1 FROM sentences s WHERE s.doc_id = d.id) "
                "OR EXISTS (SELECT 1 FROM text_bands b WHERE b.doc_id = d.id))"
            ),
            "duplicates_of_nothing": (
                "SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL AND duplicate_of "
                "NOT IN (SELECT id FROM documents WHERE duplicate_of IS NULL)"
            ),
        }
        out = {}
        for name, sql in checks.items():
            row = self.con.execute(sql).fetchone()
            out[name] = int(row[0]) if row and row[0] is not None else 0
        return out

    # -- writing ----------------------------------------------------------------------

    def add_extractions(
        self, extractions: Iterable[Extraction], *, batch_size: int = 64
    ) -> IngestCounts:
        """Write extractions, committing every `batch_size` documents; return the counts."""
        total = IngestCounts()
        for batch in _chunks(extractions, batch_size):
            total.add(self.add_batch(batch))
        self.optimize()
        return total

    def optimize(self, *, force: bool = False) -> bool:
        """Rewrite `events` and `stories` in date order once enough rows were appended
        since the last rewrite (or always, with force); return whether it rewrote them
        (sorting.py)."""
        return sort_by_date(self.con, force=force)

    def add_batch(self, extractions: Sequence[Extraction]) -> IngestCounts:
        """Write one batch of extractions in one transaction."""
        return writes.add_batch(self.con, extractions)

    def delete_documents(self, ids: Iterable[str]) -> int:
        """Delete documents and everything derived from them; return how many existed."""
        return writes.delete_documents(self.con, ids)

    def rebuild_summaries(self) -> None:
        """Recompute every story's counts and the whole dyad_month table from events."""
        summaries.rebuild_summaries(self.con)


def _chunks(items: Iterable[Extraction], size: int) -> Iterator[list[Extraction]]:
    batch: list[Extraction] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch
