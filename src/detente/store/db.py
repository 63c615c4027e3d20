"""The Store: one DuckDB file, opened and migrated, written one transaction per batch.

A batch of extractions is written in a single transaction: the documents' rows, their
sentences, mentions and events, the story events they join or start, and the `dyad_month`
cells they change. A crash (even SIGKILL) before COMMIT leaves no trace of the batch; after
COMMIT the batch is durable (DuckDB's write-ahead log). Re-ingesting a document whose text
hash is unchanged does nothing; a changed text replaces every row of the old version. A
document that repeats a stored one under another id is stored as a duplicate report of it,
without sentences or events (duplicates.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import logging
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, fields
from datetime import date, datetime, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..models import Article, Event, Extraction
from .duplicates import add_bands, find_duplicates
from .migrations import migrate
from .schema import INDEXES, TABLES, UNCOUNTED_MODALITIES
from .stories import DAY_WINDOW, Report, assign_stories

log = logging.getLogger(__name__)

# rows appended in document order before `Store.optimize` sorts the tables by date again
_SORT_AFTER = 50_000


@dataclass(kw_only=True)
class IngestCounts:
    """What an ingest did. `documents` were written (new or replaced), `unchanged` were
    already stored with the same text, `failures` could not be read or extracted.
    `duplicates`, among `documents`, repeat the text of a stored document under another id:
    they are stored as duplicate reports of it and add no events (#10)."""

    documents: int = 0
    replaced: int = 0
    unchanged: int = 0
    duplicates: int = 0
    events: int = 0
    sentences: int = 0
    failures: int = 0

    def add(self, other: IngestCounts) -> None:
        for f in fields(self):
            setattr(self, f.name, getattr(self, f.name) + getattr(other, f.name))

    def to_dict(self) -> dict[str, int]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


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


def text_hash(text: str) -> str:
    """The hash that tells a changed document from an unchanged one."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


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
        wanted = list(ids)
        if not wanted:
            return {}
        rows = self.con.execute(
            "SELECT id, text_hash FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
            [wanted],
        ).fetchall()
        return dict(rows)

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
        since the last rewrite (or always, with force); return whether it rewrote them.

        DuckDB skips row groups whose date range a filter excludes, and stops a newest-first
        page early, only when the rows lie in date order; ingest appends in document order.
        Rows of one day keep their relative order, so every query's result is unchanged.
        """
        row = self.con.execute(
            "SELECT (SELECT count(*) FROM events), "
            "(SELECT value FROM meta WHERE key = 'sorted_events')"
        ).fetchone()
        total, done = (int(row[0]), int(row[1] or 0)) if row else (0, 0)
        appended = total - done
        if not force and (appended < _SORT_AFTER or appended < total // 10):
            return False
        try:
            self.con.execute("BEGIN TRANSACTION")
            # a sorted copy replaces each table: far cheaper than deleting and reinserting
            # every row, and the events indexes are rebuilt once instead of row by row
            for table in ("events", "stories"):
                self.con.execute(
                    TABLES[table].replace(f"TABLE {table} ", f"TABLE _sorted_{table} ")
                )
                self.con.execute(
                    f"INSERT INTO _sorted_{table} SELECT * FROM {table} "
                    "ORDER BY day NULLS FIRST, rowid"
                )
                self.con.execute(f"DROP TABLE {table}")
                self.con.execute(f"ALTER TABLE _sorted_{table} RENAME TO {table}")
            for statement in INDEXES:
                if " ON events " in statement:
                    self.con.execute(statement)
            self.con.execute(
                "INSERT OR REPLACE INTO meta VALUES ('sorted_events', ?)", [str(total)]
            )
            self.con.execute("COMMIT")
        except duckdb.Error as err:
            self.con.execute("ROLLBACK")
            raise StoreError(f"sorting the events by date failed: {err}") from err
        self.con.execute("CHECKPOINT")  # drop the unsorted copies from the file
        log.info("sorted %d events by date", total)
        return True

    def add_batch(self, extractions: Sequence[Extraction]) -> IngestCounts:
        """Write one batch of extractions in one transaction."""
        latest: dict[str, Extraction] = {}
        for extraction in extractions:
            latest[extraction.article.id] = extraction  # the last copy of an id wins
        stored = self.document_hashes(latest)
        counts = IngestCounts()
        fresh: list[tuple[Extraction, str]] = []
        replaced: list[str] = []
        for doc_id, extraction in latest.items():
            digest = text_hash(extraction.article.text)
            if stored.get(doc_id) == digest:
                counts.unchanged += 1
                continue
            if doc_id in stored:
                replaced.append(doc_id)
            fresh.append((extraction, digest))
        if not fresh:
            return counts
        try:
            self.con.execute("BEGIN TRANSACTION")
            self._write(fresh, replaced, counts)
            self.con.execute("COMMIT")
        except duckdb.Error as err:
            self.con.execute("ROLLBACK")
            raise StoreError(f"writing a batch of {len(fresh)} documents failed: {err}") from err
        return counts

    def delete_documents(self, ids: Iterable[str]) -> int:
        """Delete documents and everything derived from them; return how many existed."""
        wanted = list(self.document_hashes(ids))
        if not wanted:
            return 0
        try:
            self.con.execute("BEGIN TRANSACTION")
            touched_stories, pairs = self._delete(wanted)
            self._refresh(touched_stories, pairs)
            self.con.execute("COMMIT")
        except duckdb.Error as err:
            self.con.execute("ROLLBACK")
            raise StoreError(f"deleting {len(wanted)} documents failed: {err}") from err
        return len(wanted)

    def rebuild_summaries(self) -> None:
        """Recompute every story's counts and the whole dyad_month table from events."""
        self.con.execute("BEGIN TRANSACTION")
        self.con.execute("DELETE FROM stories")
        self.con.execute(f"INSERT INTO stories {_STORY_SELECT} GROUP BY story_id")
        self.con.execute("DELETE FROM dyad_month")
        self.con.execute(f"INSERT INTO dyad_month {_dyad_month_select('TRUE')}")
        self.con.execute("DELETE FROM dyad_year")
        self.con.execute(f"INSERT INTO dyad_year {_DYAD_YEAR_SELECT} WHERE TRUE GROUP BY ALL")
        self.con.execute("DELETE FROM dyad_total")
        self.con.execute(f"INSERT INTO dyad_total {_dyad_month_select('TRUE', monthly=False)}")
        self.con.execute("COMMIT")

    def _delete(self, doc_ids: list[str]) -> tuple[set[str], set[str]]:
        rows = self.con.execute(
            "SELECT story_id, source_code, target_code FROM events "
            "WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
            [doc_ids],
        ).fetchall()
        stories = {r[0] for r in rows if r[0]}
        pairs = {_pair(r[1], r[2]) for r in rows if r[1] and r[2]}
        for table, column in (
            ("events", "doc_id"),
            ("sentences", "doc_id"),
            ("mentions", "doc_id"),
            ("text_bands", "doc_id"),
            ("documents", "id"),
        ):
            self.con.execute(
                f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [doc_ids]
            )
        # a duplicate kept nothing of its own: once the document it repeats is gone (or
        # changed), forget its hash, so that ingesting it again codes and stores it
        orphans = self.con.execute(
            "UPDATE documents SET duplicate_of = NULL, text_hash = '' "
            "WHERE duplicate_of IN (SELECT unnest(?::VARCHAR[])) RETURNING id",
            [doc_ids],
        ).fetchall()
        if orphans:
            log.warning(
                "%d stored duplicate(s) of replaced or deleted documents hold no events now "
                "(%s); ingest them again to code them",
                len(orphans),
                ", ".join(sorted(r[0] for r in orphans)[:5]),
            )
        return stories, pairs

    def _write(
        self, fresh: list[tuple[Extraction, str]], replaced: list[str], counts: IngestCounts
    ) -> None:
        touched_stories, pairs = self._delete(replaced) if replaced else (set(), set())
        # a failed document has no events to count twice, and is nobody's original
        repeats, bands = find_duplicates(
            self.con, [extraction.article for extraction, _ in fresh if not extraction.error]
        )
        now = datetime.now().replace(microsecond=0)
        documents: list[dict[str, Any]] = []
        sentences: list[dict[str, Any]] = []
        mentions: list[dict[str, Any]] = []
        events: list[dict[str, Any]] = []
        actors: dict[str, tuple[str | None, str | None]] = {}
        for extraction, digest in fresh:
            article = extraction.article
            if article.id in repeats:
                # one report under two ids counts once (#10): keep the row, not the events
                documents.append(
                    _document_row(article, digest, 0, 0, now, duplicate_of=repeats[article.id])
                )
                counts.documents += 1
                counts.duplicates += 1
                continue
            unique = list({event.id: event for event in extraction.events}.values())
            documents.append(
                _document_row(article, digest, len(extraction.sentences), len(unique), now)
            )
            sentences.extend(
                {
                    "doc_id": article.id,
                    "idx": s.index,
                    "start_char": s.start,
                    "end_char": s.end,
                    "text": s.text,
                }
                for s in extraction.sentences
            )
            for mention in extraction.mentions:
                actor = mention.actor
                mentions.append(
                    {
                        "doc_id": article.id,
                        "sentence": mention.sentence,
                        "code": actor.code,
                        "text": actor.text,
                        "span_start": actor.span[0],
                        "span_end": actor.span[1],
                        "name": actor.name,
                        "sector": actor.sector,
                        "role": actor.role,
                        "kind": actor.kind,
                    }
                )
                _remember_actor(actors, actor.code, actor.name, actor.kind)
            for event in unique:
                events.append(_event_row(event, article.published))
                for party in (event.source, event.target):
                    if party is not None:
                        _remember_actor(actors, party.code, party.name, party.kind)
            counts.documents += 1
            counts.sentences += len(extraction.sentences)
            counts.events += len(unique)
        counts.replaced += len(replaced)

        new_story = self._link(events)
        touched_stories.update(new_story.values())
        for row in events:
            row["story_id"] = new_story[row["id"]]
            if row["counted"]:
                pairs.add(_pair(row["source_code"], row["target_code"]))

        self._insert("documents", documents)
        self._insert("sentences", sentences)
        self._insert("mentions", mentions)
        self._insert("events", events)
        add_bands(self.con, bands)
        if actors:
            self._insert_actors(actors)
        self._refresh(touched_stories, pairs)

    def _link(self, events: list[dict[str, Any]]) -> dict[str, str]:
        """Story ids for new event rows: linked to stored or earlier reports, or new."""
        linkable = [r for r in events if r["counted"] and r["day"] is not None]
        spans = {
            r["id"]: link_dates(r["date"], r["date_precision"], r["day"], r["day_end"])
            for r in linkable
        }
        existing: list[Report] = []
        if linkable:
            slack = timedelta(days=DAY_WINDOW)
            lows, highs = [], []
            for r in linkable:
                _, first, last = spans[r["id"]]
                assert first is not None and last is not None  # a linkable row has a day
                lows.append(first - slack)
                highs.append(last + slack)
            probe = pa.table(
                {
                    "type": [r["type"] for r in linkable],
                    "a": [min(r["source_code"], r["target_code"]) for r in linkable],
                    "b": [max(r["source_code"], r["target_code"]) for r in linkable],
                    "lo": lows,
                    "hi": highs,
                    # a stored year or week can cover these days while its row is filed
                    # under its document's date (see `event_days`, `link_dates`)
                    "lo_year": [f"{(lo - timedelta(days=7)).year:04d}" for lo in lows],
                    "hi_year": [f"{hi.year:04d}" for hi in highs],
                }
            )
            self.con.register("_probe", probe)
            try:
                # every report of each story a new report may join: a coarse report must
                # not bridge it to the story's more precise ones (stories.py)
                rows = self.con.execute(
                    """WITH hit AS (
                           SELECT DISTINCT e.story_id
                           FROM events e JOIN _probe p ON e.type = p.type
                             AND least(e.source_code, e.target_code) = p.a
                             AND greatest(e.source_code, e.target_code) = p.b
                             AND ((e.day <= p.hi AND e.day_end >= p.lo)
                                  OR (e.date_precision IN ('year', 'week')
                                      AND left(e.date, 4) BETWEEN p.lo_year AND p.hi_year))
                           WHERE e.counted)
                       SELECT e.id, e.doc_id, e.type, e.source_code, e.target_code,
                              e.day, e.day_end, e.date_precision, e.evidence, e.place_name,
                              e.story_id, e.date
                       FROM events e
                       WHERE e.counted AND e.story_id IN (SELECT story_id FROM hit)"""
                ).fetchall()
            finally:
                self.con.unregister("_probe")
            for row in rows:
                precision, first, last = link_dates(row[11], row[7], row[5], row[6])
                existing.append(
                    Report(
                        event_id=row[0],
                        doc_id=row[1],
                        type=row[2],
                        source=row[3],
                        target=row[4],
                        day=first,
                        day_end=last,
                        precision=precision,
                        evidence=row[8] or "",
                        place=row[9],
                        story_id=row[10],
                    )
                )
        own_ids = [f"s{r['id']}" for r in events]
        taken = {
            r[0]
            for r in self.con.execute(
                "SELECT id FROM stories WHERE id IN (SELECT unnest(?::VARCHAR[]))", [own_ids]
            ).fetchall()
        }

        def new_id(report: Report) -> str:
            # a story can outlive the (replaced) document whose event gave it its id
            own = f"s{report.event_id}"
            if own not in taken:
                return own
            return f"{own}-{hashlib.sha1((own + report.evidence).encode()).hexdigest()[:8]}"

        assigned = assign_stories(
            (
                Report(
                    event_id=r["id"],
                    doc_id=r["doc_id"],
                    type=r["type"],
                    source=r["source_code"],
                    target=r["target_code"],
                    day=spans[r["id"]][1],
                    day_end=spans[r["id"]][2],
                    precision=spans[r["id"]][0],
                    evidence=r["evidence"] or "",
                    place=r["place_name"],
                )
                for r in linkable
            ),
            existing,
            new_id=new_id,
        )
        placeholder = Report(
            event_id="",
            doc_id="",
            type="",
            source="",
            target="",
            day=None,
            day_end=None,
            precision="",
            evidence="",
        )
        return {
            r["id"]: assigned.get(r["id"])
            or new_id(_replace_report(placeholder, event_id=r["id"], evidence=r["evidence"] or ""))
            for r in events
        }

    def _insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        arrow = pa.Table.from_pylist(rows, schema=_ARROW_SCHEMAS[table])
        self.con.register("_rows", arrow)
        try:
            self.con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
        finally:
            self.con.unregister("_rows")

    def _insert_actors(self, actors: dict[str, tuple[str | None, str | None]]) -> None:
        codes = sorted(actors)
        self.con.execute(
            """INSERT INTO actors
               SELECT * FROM (SELECT unnest(?::VARCHAR[]) AS code, unnest(?::VARCHAR[]) AS name,
                                     unnest(?::VARCHAR[]) AS kind)
               ON CONFLICT (code) DO UPDATE SET
                   name = coalesce(actors.name, excluded.name),
                   kind = coalesce(actors.kind, excluded.kind)""",
            [codes, [actors[c][0] for c in codes], [actors[c][1] for c in codes]],
        )

    def _refresh(self, stories: set[str], pairs: set[str]) -> None:
        """Recompute the given stories from their events, and the dyad_month cells of the
        given actor pairs (keys "A|B" with A < B)."""
        if stories:
            ids = sorted(stories)
            self.con.execute("DELETE FROM stories WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
            self.con.execute(
                f"INSERT INTO stories {_STORY_SELECT} "
                "AND story_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY story_id",
                [ids],
            )
        if pairs:
            keys = sorted(pairs)
            in_pairs = (
                "least(source_code, target_code) || '|' || greatest(source_code, target_code) "
                "IN (SELECT unnest(?::VARCHAR[]))"
            )
            self.con.execute(f"DELETE FROM dyad_month WHERE {in_pairs}", [keys])
            self.con.execute(f"INSERT INTO dyad_month {_dyad_month_select(in_pairs)}", [keys, keys])
            self.con.execute(f"DELETE FROM dyad_year WHERE {in_pairs}", [keys])
            self.con.execute(
                f"INSERT INTO dyad_year {_DYAD_YEAR_SELECT} WHERE {in_pairs} GROUP BY ALL", [keys]
            )
            self.con.execute(f"DELETE FROM dyad_total WHERE {in_pairs}", [keys])
            self.con.execute(
                f"INSERT INTO dyad_total {_dyad_month_select(in_pairs, monthly=False)}",
                [keys, keys],
            )


_STORY_SELECT = """
    SELECT story_id AS id,
           arg_max(type, (confidence, id)) AS type, arg_max(quad, (confidence, id)) AS quad,
           arg_max(source_code, (confidence, id)) AS source_code,
           arg_max(target_code, (confidence, id)) AS target_code,
           min(day) AS day, max(day_end) AS day_end,
           arg_max(id, (confidence, id)) AS event_id,
           count(*) AS n_reports, count(DISTINCT doc_id) AS n_sources,
           bool_and(counted) AS counted
    FROM events WHERE story_id IS NOT NULL"""


_DYAD_YEAR_SELECT = """
    SELECT date_trunc('year', month) AS year, source_code, target_code, type, quad,
           sum(reports) AS reports, sum(stories) AS stories
    FROM dyad_month"""


def _dyad_month_select(condition: str, *, monthly: bool = True) -> str:
    """Counts per (month, source, target, type) by report and by story; with monthly=False,
    the same over all time, undated events included (the dyad_total table)."""
    month = "date_trunc('month', day) AS month, " if monthly else ""
    dated = "AND day IS NOT NULL" if monthly else ""
    first = "coalesce(r.month, s.month) AS month, " if monthly else ""
    same_month = "r.month = s.month AND " if monthly else ""
    return f"""
        SELECT {first}
               coalesce(r.source_code, s.source_code) AS source_code,
               coalesce(r.target_code, s.target_code) AS target_code,
               coalesce(r.type, s.type) AS type, coalesce(r.quad, s.quad) AS quad,
               coalesce(r.n, 0) AS reports, coalesce(s.n, 0) AS stories
        FROM (SELECT {month}source_code, target_code, type, quad, count(*) AS n
              FROM events WHERE counted {dated} AND {condition} GROUP BY ALL) r
        FULL OUTER JOIN
             (SELECT {month}source_code, target_code, type, quad, count(*) AS n
              FROM stories WHERE counted {dated} AND {condition} GROUP BY ALL) s
        ON {same_month}r.source_code = s.source_code
           AND r.target_code = s.target_code AND r.type = s.type AND r.quad = s.quad"""


def _pair(a: str, b: str) -> str:
    return f"{a}|{b}" if a <= b else f"{b}|{a}"


def _remember_actor(
    actors: dict[str, tuple[str | None, str | None]],
    code: str | None,
    name: str | None,
    kind: str | None,
) -> None:
    if not code:
        return
    # a person or phrase acting for a state does not name the state
    own_name = name if kind not in ("person", "phrase") else None
    known = actors.get(code)
    if known is None:
        actors[code] = (own_name, kind if own_name else None)
    elif known[0] is None and own_name:
        actors[code] = (own_name, kind)


def _chunks(items: Iterable[Extraction], size: int) -> Iterator[list[Extraction]]:
    batch: list[Extraction] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _document_row(
    article: Article,
    digest: str,
    n_sentences: int,
    n_events: int,
    now: datetime,
    *,
    duplicate_of: str | None = None,
) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "source": article.source,
        "published": article.published,
        "language": article.language,
        "text": article.text,
        "text_hash": digest,
        "n_sentences": n_sentences,
        "n_events": n_events,
        "ingested_at": now,
        "duplicate_of": duplicate_of,
    }


def event_days(
    value: str | None, precision: str, published: date | None
) -> tuple[date | None, date | None]:
    """The first and last day an event's date covers. Undated events take the document's
    date; a year-precision date takes the document's date when that falls in the year; a
    week is its Monday to Sunday."""
    parsed = _parse_date(value) if value else None
    if parsed is None or precision == "unresolved":
        return published, published
    year, month, day = parsed
    if precision == "day" and day:
        when = date(year, month or 1, day)
        return when, when
    if precision == "week" and month and day:
        # the value is the week's Monday; it was filed under the document's date (#10)
        monday = date(year, month, day)
        return monday, monday + timedelta(days=6)
    if precision == "month" or (month and not day):
        first = date(year, month or 1, 1)
        nxt = date(year + (first.month == 12), first.month % 12 + 1, 1)
        return first, nxt - timedelta(days=1)
    if published is not None and published.year == year:
        return published, published
    return date(year, 1, 1), date(year, 12, 31)


def link_dates(
    value: str | None, precision: str, day: date | None, day_end: date | None
) -> tuple[str, date | None, date | None]:
    """The precision and the first and last day a stored event links at (stories.py): its
    date at the precision it was given, so that a year covers January to December even
    where `event_days` filed it under its document's date (#10), and a week its Monday to
    Sunday; otherwise its stored days (an undated event: its document's date, as a day)."""
    if day is None:
        return "unresolved", None, None
    parsed = _parse_date(value) if value else None
    if parsed is not None:
        year, month, dom = parsed
        if precision == "year":
            return "year", date(year, 1, 1), date(year, 12, 31)
        if precision == "week" and month and dom:
            monday = date(year, month, dom)
            return "week", monday, monday + timedelta(days=6)
    end = day_end or day
    if end == day:
        return "day", day, day
    if day.day == 1 and (end.year, end.month) == (day.year, day.month):
        return "month", day, end
    return "year", day, end


def _replace_report(report: Report, **changes: Any) -> Report:
    return dataclasses.replace(report, **changes)


def _parse_date(value: str) -> tuple[int, int | None, int | None] | None:
    try:
        parts = [int(p) for p in value.strip()[:10].split("-")]
        if len(parts) == 3:
            date(*parts)
            return parts[0], parts[1], parts[2]
        if len(parts) == 2:
            date(parts[0], parts[1], 1)
            return parts[0], parts[1], None
        return parts[0], None, None
    except ValueError:
        return None


def _event_row(event: Event, published: date | None) -> dict[str, Any]:
    day, day_end = event_days(event.date, event.date_precision, published)
    precision = event.date_precision
    source, target = event.source, event.target
    row: dict[str, Any] = {
        "id": event.id,
        "doc_id": event.doc_id,
        "sentence": event.sentence,
        "type": event.type,
        "mode": event.mode,
        "contexts": list(event.contexts),
        "quad": event.quad,
        "date": event.date,
        "date_precision": precision,
        "date_text": event.date_text,
        "day": day,
        "day_end": day_end,
        "place_name": event.place.name if event.place else None,
        "place_country": event.place.country if event.place else None,
        "place_lat": event.place.lat if event.place else None,
        "place_lon": event.place.lon if event.place else None,
        "modality": event.modality,
        "trigger_text": event.trigger.text,
        "trigger_start": event.trigger.span[0],
        "trigger_end": event.trigger.span[1],
        "evidence": event.evidence,
        "confidence": float(event.confidence),
        "rule": event.rule,
        "counted": bool(
            source.code
            and target is not None
            and target.code
            and event.modality not in UNCOUNTED_MODALITIES
        ),
        "story_id": None,
    }
    for side, actor in (("source", source), ("target", target)):
        row[f"{side}_code"] = actor.code if actor else None
        row[f"{side}_name"] = actor.name if actor else None
        row[f"{side}_sector"] = actor.sector if actor else None
        row[f"{side}_role"] = actor.role if actor else None
        row[f"{side}_kind"] = actor.kind if actor else None
        row[f"{side}_text"] = actor.text if actor else None
        row[f"{side}_start"] = actor.span[0] if actor else None
        row[f"{side}_end"] = actor.span[1] if actor else None
    return row


_S, _I, _D, _F, _B = pa.string(), pa.int32(), pa.date32(), pa.float64(), pa.bool_()
_ARROW_SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema(
        [
            ("id", _S),
            ("title", _S),
            ("url", _S),
            ("source", _S),
            ("published", _D),
            ("language", _S),
            ("text", _S),
            ("text_hash", _S),
            ("n_sentences", _I),
            ("n_events", _I),
            ("ingested_at", pa.timestamp("us")),
            ("duplicate_of", _S),
        ]
    ),
    "sentences": pa.schema(
        [("doc_id", _S), ("idx", _I), ("start_char", _I), ("end_char", _I), ("text", _S)]
    ),
    "mentions": pa.schema(
        [
            ("doc_id", _S),
            ("sentence", _I),
            ("code", _S),
            ("text", _S),
            ("span_start", _I),
            ("span_end", _I),
            ("name", _S),
            ("sector", _S),
            ("role", _S),
            ("kind", _S),
        ]
    ),
    "events": pa.schema(
        [
            ("id", _S),
            ("doc_id", _S),
            ("sentence", _I),
            ("type", _S),
            ("mode", _S),
            ("contexts", pa.list_(_S)),
            ("quad", _S),
        ]
        + [
            (f"{side}_{name}", _I if name in ("start", "end") else _S)
            for side in ("source", "target")
            for name in ("code", "name", "sector", "role", "kind", "text", "start", "end")
        ]
        + [
            ("date", _S),
            ("date_precision", _S),
            ("date_text", _S),
            ("day", _D),
            ("day_end", _D),
            ("place_name", _S),
            ("place_country", _S),
            ("place_lat", _F),
            ("place_lon", _F),
            ("modality", _S),
            ("trigger_text", _S),
            ("trigger_start", _I),
            ("trigger_end", _I),
            ("evidence", _S),
            ("confidence", _F),
            ("rule", _S),
            ("counted", _B),
            ("story_id", _S),
        ]
    ),
}
