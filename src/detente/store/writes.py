"""Writing to the store: a batch of extractions in one transaction, and deleting documents.

A batch writes the documents' rows, their sentences, mentions and events, the story events
they join or start (stories.py), and the summary cells they change (summaries.py). A crash
(even SIGKILL) before COMMIT leaves no trace of the batch; after COMMIT the batch is
durable (DuckDB's write-ahead log). Re-ingesting a document whose text hash is unchanged
does nothing; a changed text replaces every row of the old version. A document that
repeats a stored one under another id is stored as a duplicate report of it, without
sentences or events (duplicates.py).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..models import EVENT_RECORD, Article, Event, Extraction, flat_event
from .dates import event_days
from .duplicates import add_bands, find_duplicates
from .schema import UNCOUNTED_MODALITIES
from .stories import find_story_ids
from .summaries import dyad_key, refresh_summaries

log = logging.getLogger(__name__)


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


def text_hash(text: str) -> str:
    """The hash that tells a changed document from an unchanged one."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def document_hashes(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> dict[str, str]:
    """The stored text hash of each of `ids` that is in the store."""
    wanted = list(ids)
    if not wanted:
        return {}
    rows = con.execute(
        "SELECT id, text_hash FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))",
        [wanted],
    ).fetchall()
    return dict(rows)


def add_batch(con: duckdb.DuckDBPyConnection, extractions: Sequence[Extraction]) -> IngestCounts:
    """Write one batch of extractions in one transaction."""
    latest: dict[str, Extraction] = {}
    for extraction in extractions:
        latest[extraction.article.id] = extraction  # the last copy of an id wins
    stored = document_hashes(con, latest)
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
        con.execute("BEGIN TRANSACTION")
        _write(con, fresh, replaced, counts)
        con.execute("COMMIT")
    except duckdb.Error as err:
        con.execute("ROLLBACK")
        raise StoreError(f"writing a batch of {len(fresh)} documents failed: {err}") from err
    return counts


def delete_documents(con: duckdb.DuckDBPyConnection, ids: Iterable[str]) -> int:
    """Delete documents and everything derived from them; return how many existed."""
    wanted = list(document_hashes(con, ids))
    if not wanted:
        return 0
    try:
        con.execute("BEGIN TRANSACTION")
        touched_stories, pairs = _delete(con, wanted)
        refresh_summaries(con, touched_stories, pairs)
        con.execute("COMMIT")
    except duckdb.Error as err:
        con.execute("ROLLBACK")
        raise StoreError(f"deleting {len(wanted)} documents failed: {err}") from err
    return len(wanted)


def _delete(con: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> tuple[set[str], set[str]]:
    rows = con.execute(
        "SELECT story_id, source_code, target_code FROM events "
        "WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))",
        [doc_ids],
    ).fetchall()
    stories = {r[0] for r in rows if r[0]}
    pairs = {dyad_key(r[1], r[2]) for r in rows if r[1] and r[2]}
    for table, column in (
        ("events", "doc_id"),
        ("sentences", "doc_id"),
        ("mentions", "doc_id"),
        ("text_bands", "doc_id"),
        ("documents", "id"),
    ):
        con.execute(
            f"DELETE FROM {table} WHERE {column} IN (SELECT unnest(?::VARCHAR[]))", [doc_ids]
        )
    # a duplicate kept nothing of its own: once the document it repeats is gone (or
    # changed), forget its hash, so that ingesting it again codes and stores it
    orphans = con.execute(
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
    con: duckdb.DuckDBPyConnection,
    fresh: list[tuple[Extraction, str]],
    replaced: list[str],
    counts: IngestCounts,
) -> None:
    touched_stories, pairs = _delete(con, replaced) if replaced else (set(), set())
    # a failed document has no events to count twice, and is nobody's original
    repeats, bands = find_duplicates(
        con, [extraction.article for extraction, _ in fresh if not extraction.error]
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

    new_story = find_story_ids(con, events)
    touched_stories.update(new_story.values())
    for row in events:
        row["story_id"] = new_story[row["id"]]
        if row["counted"]:
            pairs.add(dyad_key(row["source_code"], row["target_code"]))

    _insert(con, "documents", documents)
    _insert(con, "sentences", sentences)
    _insert(con, "mentions", mentions)
    _insert(con, "events", events)
    add_bands(con, bands)
    if actors:
        _insert_actors(con, actors)
    refresh_summaries(con, touched_stories, pairs)


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    arrow = pa.Table.from_pylist(rows, schema=_ARROW_SCHEMAS[table])
    con.register("_rows", arrow)
    try:
        con.execute(f"INSERT INTO {table} BY NAME SELECT * FROM _rows")
    finally:
        con.unregister("_rows")


def _insert_actors(
    con: duckdb.DuckDBPyConnection, actors: dict[str, tuple[str | None, str | None]]
) -> None:
    codes = sorted(actors)
    con.execute(
        """INSERT INTO actors
           SELECT * FROM (SELECT unnest(?::VARCHAR[]) AS code, unnest(?::VARCHAR[]) AS name,
                                 unnest(?::VARCHAR[]) AS kind)
           ON CONFLICT (code) DO UPDATE SET
               name = coalesce(actors.name, excluded.name),
               kind = coalesce(actors.kind, excluded.kind)""",
        [codes, [actors[c][0] for c in codes], [actors[c][1] for c in codes]],
    )


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
        **asdict(article),  # id, title, url, source, published, language, text
        "text_hash": digest,
        "n_sentences": n_sentences,
        "n_events": n_events,
        "ingested_at": now,
        "duplicate_of": duplicate_of,
    }


def _event_row(event: Event, published: date | None) -> dict[str, Any]:
    """The event's row of the `events` table: its flat record, and the columns the store
    adds (models.EVENT_RECORD)."""
    day, day_end = event_days(event.date, event.date_precision, published)
    source, target = event.source, event.target
    return {
        **flat_event(event),
        "confidence": float(event.confidence),
        "day": day,
        "day_end": day_end,
        "counted": bool(
            source.code
            and target is not None
            and target.code
            and event.modality not in UNCOUNTED_MODALITIES
        ),
        "story_id": None,
    }


_S, _I, _D, _F, _B = pa.string(), pa.int32(), pa.date32(), pa.float64(), pa.bool_()
# the Arrow type of each kind of value of the flat event record, as schema.SQL_TYPES
_ARROW_TYPES: dict[type[object], pa.DataType] = {
    str: _S,
    int: _I,
    float: _F,
    bool: _B,
    date: _D,
    list: pa.list_(_S),
}
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
    "events": pa.schema([(c.name, _ARROW_TYPES[c.kind]) for c in EVENT_RECORD]),
}
