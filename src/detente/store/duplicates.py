"""Documents that repeat a stored one: one report, counted once (#10).

A document is a *duplicate report* of a stored one when their texts are identical or
near-identical (word 5-shingles at a Jaccard of `ingest.dedupe.NEAR_DUPLICATE` or more) and
they were published at most `PUBLISHED_WINDOW` days apart, or either is undated. The store
keeps its row in `documents`, with `duplicate_of` naming the document it repeats, and none
of its sentences, mentions or events: the same text under a new id (a corpus ingested again
under other file names, one wire story carried by two outlets) adds nothing to stories,
dyads, networks or briefs. The same words published weeks apart (a recurring bulletin, a
headline that comes back) are a new report: their relative dates ("on Monday") say other
days.

`text_bands` keeps the MinHash band keys (`ingest.dedupe.band_keys`) of every stored text
that is not a duplicate; a new text's keys find the stored texts it may repeat, and the
exact Jaccard of their shingles decides.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from datetime import date

import duckdb
import pyarrow as pa

from ..models import Article
from .stories import DAY_WINDOW

log = logging.getLogger(__name__)

# the same text published further apart than the linking window is a new report
PUBLISHED_WINDOW = DAY_WINDOW

_BAND_SCHEMA = pa.schema([("key", pa.int64()), ("doc_id", pa.string())])
_INDEX_CHUNK = 1000


def find_duplicates(
    con: duckdb.DuckDBPyConnection, articles: Sequence[Article]
) -> tuple[dict[str, str], list[tuple[int, str]]]:
    """For articles about to be stored, in order: {id: id of the document it repeats} for
    each duplicate, and the band rows (key, id) of the others, for `add_bands`.

    A duplicate repeats a stored document or an earlier article of `articles`; of several
    it repeats, the most alike (then the first by id).
    """
    # ingest's package imports the web fetchers: only a write needs it
    from ..ingest.dedupe import NEAR_DUPLICATE, band_keys, jaccard, shingles

    sets = {article.id: shingles(article.text) for article in articles}
    dates = {article.id: article.published for article in articles}
    keys = {doc_id: band_keys(shingle_set) for doc_id, shingle_set in sets.items()}
    probe = [(key, doc_id) for doc_id, doc_keys in keys.items() for key in doc_keys]
    hits: dict[str, set[str]] = defaultdict(set)
    stored: dict[str, tuple[date | None, frozenset[int]]] = {}
    if probe:
        con.register("_probe", _band_table(probe))
        try:
            for new_id, old_id in con.execute(
                "SELECT DISTINCT p.doc_id, b.doc_id "
                "FROM _probe p JOIN text_bands b ON b.key = p.key"
            ).fetchall():
                hits[new_id].add(old_id)
        finally:
            con.unregister("_probe")
        wanted = sorted(set().union(*hits.values())) if hits else []
        if wanted:
            for old_id, text, published in con.execute(
                "SELECT id, text, published FROM documents "
                "WHERE id IN (SELECT unnest(?::VARCHAR[])) AND duplicate_of IS NULL",
                [wanted],
            ).fetchall():
                stored[old_id] = (published, shingles(text or ""))

    duplicates: dict[str, str] = {}
    rows: list[tuple[int, str]] = []
    earlier: dict[int, list[str]] = defaultdict(list)  # band key -> originals of this batch
    earlier_ids: set[str] = set()
    for article in articles:
        doc_keys = keys[article.id]
        candidates = set(hits.get(article.id, ())) | {
            other for key in doc_keys for other in earlier.get(key, ())
        }
        best: tuple[float, str] | None = None
        for other in sorted(candidates - {article.id}):
            if other in stored:
                published, other_set = stored[other]
            elif other in earlier_ids:
                published, other_set = dates[other], sets[other]
            else:  # a stored band whose document is gone: nothing to repeat
                continue
            if not _published_together(article.published, published):
                continue
            similarity = jaccard(sets[article.id], other_set)
            if similarity >= NEAR_DUPLICATE and (best is None or similarity > best[0]):
                best = (similarity, other)
        if best is not None:
            duplicates[article.id] = best[1]
            continue
        earlier_ids.add(article.id)
        for key in doc_keys:
            earlier[key].append(article.id)
            rows.append((key, article.id))
    return duplicates, rows


def add_bands(con: duckdb.DuckDBPyConnection, rows: list[tuple[int, str]]) -> None:
    """Store band rows (key, doc_id) from `find_duplicates`."""
    if not rows:
        return
    con.register("_bands", _band_table(rows))
    try:
        con.execute("INSERT INTO text_bands SELECT key, doc_id FROM _bands")
    finally:
        con.unregister("_bands")


def index_stored_texts(con: duckdb.DuckDBPyConnection) -> None:
    """The band keys of every stored text (migration 3): without them a document stored
    before could not be found again. The duplicates already stored stay as they are."""
    from ..ingest.dedupe import band_keys, shingles

    ids = [
        row[0]
        for row in con.execute(
            "SELECT id FROM documents WHERE duplicate_of IS NULL "
            "AND id NOT IN (SELECT doc_id FROM text_bands) ORDER BY id"
        ).fetchall()
    ]
    if ids:
        log.info("indexing the texts of %d stored documents to find repeats (once)", len(ids))
    for start in range(0, len(ids), _INDEX_CHUNK):
        chunk = ids[start : start + _INDEX_CHUNK]
        texts = con.execute(
            "SELECT id, text FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [chunk]
        ).fetchall()
        add_bands(
            con,
            [(key, doc_id) for doc_id, text in texts for key in band_keys(shingles(text or ""))],
        )


def _published_together(a: date | None, b: date | None) -> bool:
    return a is None or b is None or abs((a - b).days) <= PUBLISHED_WINDOW


def _band_table(rows: list[tuple[int, str]]) -> pa.Table:
    return pa.table(
        {"key": [key for key, _ in rows], "doc_id": [doc_id for _, doc_id in rows]},
        schema=_BAND_SCHEMA,
    )
