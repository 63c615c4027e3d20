"""The tables of the store, as DDL, and the constants that say what an analysis counts.

```
documents   one row per document: text, text_hash, metadata, duplicate_of (the document
            whose text it repeats; such a duplicate report keeps no sentences or events)
sentences   (doc_id, idx) -> offsets and text
mentions    every actor mentioned in a sentence, resolved or not
actors      every resolved actor code seen, with a display name and kind
events      one row per event report (one event in one sentence of one document)
stories     one row per story event: reports of the same event linked across documents
dyad_month  pre-aggregated counts per (month, source, target, type), by report and by story
dyad_year   the same per year (what whole-year networks read)
dyad_total  the same over all time (what the all-time network reads)
feeds       one row per feed `detente watch` polls: validators, last poll, last error
text_bands  the MinHash band keys of each stored text that is no duplicate (finds repeats)
meta        key/value: schema_version
```

Every row that belongs to a document carries its `doc_id`; replacing a document deletes
those rows and recomputes the stories and `dyad_month` cells it touched, in one transaction.
"""

from __future__ import annotations

from datetime import date

from ..models import EVENT_RECORD

SCHEMA_VERSION = 3

__all__ = [
    "ADDED_IN",
    "SCHEMA_VERSION",
    "SQL_TYPES",
    "TABLES",
    "UNCOUNTED_MODALITIES",
]

# the DuckDB type of each kind of value of the flat event record (models.EVENT_RECORD)
SQL_TYPES: dict[type[object], str] = {
    str: "VARCHAR",
    int: "INTEGER",
    float: "DOUBLE",
    bool: "BOOLEAN",
    date: "DATE",
    list: "VARCHAR[]",
}

# An event is *counted* (in stories, dyads, networks, briefs) when both sides are resolved
# and it is said to have happened or to be planned; negated, hypothetical, hedged and
# habitual events are kept in the store and listed, but nothing is counted from them.
UNCOUNTED_MODALITIES = ("negated", "hypothetical", "hedged", "habitual")

TABLES: dict[str, str] = {
    "meta": """
        CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)""",
    "documents": """
        CREATE TABLE documents (
            id VARCHAR PRIMARY KEY,
            title VARCHAR, url VARCHAR, source VARCHAR, published DATE, language VARCHAR,
            text VARCHAR, text_hash VARCHAR NOT NULL,
            n_sentences INTEGER, n_events INTEGER,
            ingested_at TIMESTAMP, duplicate_of VARCHAR)""",
    "sentences": """
        CREATE TABLE sentences (
            doc_id VARCHAR NOT NULL, idx INTEGER NOT NULL,
            start_char INTEGER, end_char INTEGER, text VARCHAR)""",
    "mentions": """
        CREATE TABLE mentions (
            doc_id VARCHAR NOT NULL, sentence INTEGER,
            code VARCHAR, text VARCHAR, span_start INTEGER, span_end INTEGER,
            name VARCHAR, sector VARCHAR, role VARCHAR, kind VARCHAR)""",
    "actors": """
        CREATE TABLE actors (
            code VARCHAR PRIMARY KEY, name VARCHAR, kind VARCHAR)""",
    # the flat event record, in its order: models.EVENT_RECORD
    "events": "CREATE TABLE events (\n    "
    + ",\n    ".join(
        f"{c.name} {SQL_TYPES[c.kind]}{' NOT NULL' if c.required else ''}" for c in EVENT_RECORD
    )
    + ")",
    "stories": """
        CREATE TABLE stories (
            id VARCHAR PRIMARY KEY,
            type VARCHAR, quad VARCHAR, source_code VARCHAR, target_code VARCHAR,
            day DATE, day_end DATE, event_id VARCHAR,
            n_reports INTEGER, n_sources INTEGER, counted BOOLEAN)""",
    "dyad_month": """
        CREATE TABLE dyad_month (
            month DATE, source_code VARCHAR, target_code VARCHAR, type VARCHAR, quad VARCHAR,
            reports INTEGER, stories INTEGER)""",
    "dyad_total": """
        CREATE TABLE dyad_total (
            source_code VARCHAR, target_code VARCHAR, type VARCHAR, quad VARCHAR,
            reports INTEGER, stories INTEGER)""",
    "dyad_year": """
        CREATE TABLE dyad_year (
            year DATE, source_code VARCHAR, target_code VARCHAR, type VARCHAR, quad VARCHAR,
            reports INTEGER, stories INTEGER)""",
    "feeds": """
        CREATE TABLE feeds (
            url VARCHAR PRIMARY KEY,
            etag VARCHAR, last_modified VARCHAR,
            polled_at TIMESTAMP, changed_at TIMESTAMP,
            error VARCHAR, n_items INTEGER)""",
    "text_bands": """
        CREATE TABLE text_bands (key BIGINT NOT NULL, doc_id VARCHAR NOT NULL)""",
}

# The schema version that added each table created after version 1 (see migrations.py).
ADDED_IN: dict[str, int] = {"feeds": 2, "text_bands": 3}

INDEXES: tuple[str, ...] = (
    "CREATE INDEX events_id ON events (id)",
    "CREATE INDEX events_doc ON events (doc_id)",
    "CREATE INDEX events_story ON events (story_id)",
    "CREATE INDEX sentences_doc ON sentences (doc_id)",
    "CREATE INDEX mentions_doc ON mentions (doc_id)",
)
