"""Read queries over the store: every SQL string the CLI, API and web use lives here.

Each function takes a DuckDB connection (`store.con`) and returns plain dicts and lists of
JSON-serialisable values (dates as ISO strings). An event record has the shape of
`models.Event.to_dict()` plus `counted` (whether analyses count it: both sides resolved,
a modality not in `schema.UNCOUNTED_MODALITIES`), `story_id`, `n_reports` and `n_sources`
(how many reports and how many documents carry the story event it belongs to) and
`document` (id, title, url, published).

`count="story"` (the default) counts and lists story events: several reports of the same
event, in one or many documents, are one row, shown by its most confident report.
`count="report"` lists every report.

One piece, over 500 lines: this is the one module the CLI, API and web take their read SQL
from, and its readers share the event record, the filters' SQL and the pager; the filters
themselves are filters.py, the date rules dates.py.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Literal

import duckdb

from ..models import EVENT_RECORD, event_of_row
from ..ontology import CONFLICTUAL_QUADS, COOPERATIVE_QUADS
from .dates import date_bound
from .filters import EventFilter
from .names import actor_kinds

if TYPE_CHECKING:
    from .snapshot import Snapshot

Count = Literal["story", "report"]

# every column of the flat event record (models.EVENT_RECORD), read by name
_EVENT_COLUMNS = ", ".join(f"e.{column.name}" for column in EVENT_RECORD)


@dataclass(frozen=True, kw_only=True)
class Page:
    """One page of a longer list: `total` rows match, `items` are rows offset..offset+limit."""

    total: int
    items: list[dict[str, Any]] = field(default_factory=list)
    limit: int = 50
    offset: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


EventPage = Page


def find_events(
    con: duckdb.DuckDBPyConnection,
    filters: EventFilter | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
    count: Count = "story",
    snapshot: Snapshot | None = None,
) -> Page:
    """One page of events matching `filters`, newest first.

    With count="story", each story event appears once, as its most confident matching
    report, and `total` counts story events. A `snapshot` of the store, when given and
    holding the filters, finds the page and the total without a scan (same answer).
    """
    filters = filters or EventFilter()
    counts: dict[str, tuple[int, int]] | None
    if snapshot is not None and count == "story":
        found = snapshot.story_page(filters, limit=limit, offset=offset)
        if found is not None:
            total, ids, counts = found
            items = _events_by_id(con, ids, story_counts=counts, documents=snapshot.documents)
            return Page(total=total, items=items, limit=limit, offset=offset)
    # rowid breaks ties between events of one day: stable, and far cheaper to sort by
    # than the text ids
    order = "day DESC NULLS LAST, rowid DESC"
    if count == "story" and _story_level(filters):
        # every report of a story shares these fields: page the (narrower, smaller) stories
        # table and show each story by its representative report
        where, params = event_where(filters, alias="s")
        sql = (
            f"SELECT event_id, n_reports, n_sources FROM stories s WHERE {where} "
            "ORDER BY day DESC NULLS LAST, rowid DESC LIMIT ? OFFSET ?"
        )
        page = con.execute(sql, [*params, int(limit), int(offset)]).fetchall()
        counts = {r[0]: (r[1], r[2]) for r in page}
        total_sql, total_params = f"SELECT count(*) FROM stories s WHERE {where}", params
    else:
        # narrow first (ids and sort keys), wide rows only for the page
        where, params = event_where(filters)
        if count == "story":
            matched = (
                f"SELECT e.id, e.day, e.rowid FROM events e WHERE {where} "
                "QUALIFY row_number() OVER "
                "(PARTITION BY e.story_id ORDER BY e.confidence DESC, e.id DESC) = 1"
            )
        else:
            matched = f"SELECT e.id, e.day, e.rowid FROM events e WHERE {where}"
        sql = f"SELECT id, day FROM ({matched}) ORDER BY {order} LIMIT ? OFFSET ?"
        page = con.execute(sql, [*params, int(limit), int(offset)]).fetchall()
        counts = None
        total_sql, total_params = f"SELECT count(*) FROM ({matched})", params
    row = con.execute(total_sql, total_params).fetchone()
    total = int(row[0]) if row else 0
    ids = [r[0] for r in page]
    items = _events_by_id(con, ids, story_counts=counts)
    return Page(total=total, items=items, limit=limit, offset=offset)


def _events_by_id(
    con: duckdb.DuckDBPyConnection,
    ids: list[str],
    *,
    story_counts: dict[str, tuple[Any, Any]] | None = None,
    documents: dict[str, tuple[Any, Any, Any]] | None = None,
) -> list[dict[str, Any]]:
    """Full event records for `ids`, in that order. `story_counts` ({event id: (n_reports,
    n_sources)}) and `documents` ({doc id: (title, url, published)}), when the caller has
    them, save looking up the stories and the documents."""
    if not ids:
        return []
    # index lookups: a join would hash whole tables to find fifty rows
    cursor = con.execute(
        f"SELECT {_EVENT_COLUMNS} FROM events e WHERE e.id IN (SELECT unnest(?::VARCHAR[]))",
        [ids],
    )
    names = [d[0] for d in cursor.description]
    events = [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
    doc_ids = sorted({row["doc_id"] for row in events})
    if story_counts is not None:
        stories = {row["story_id"]: story_counts.get(row["id"], (None, None)) for row in events}
    else:
        story_ids = sorted({row["story_id"] for row in events if row["story_id"]})
        stories = {
            r[0]: r[1:]
            for r in con.execute(
                "SELECT id, n_reports, n_sources FROM stories "
                "WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                [story_ids],
            ).fetchall()
        }
    if documents is not None:
        docs = {doc_id: documents[doc_id] for doc_id in doc_ids if doc_id in documents}
    else:
        docs = {
            r[0]: r[1:]
            for r in con.execute(
                "SELECT id, title, url, published FROM documents "
                "WHERE id IN (SELECT unnest(?::VARCHAR[]))",
                [doc_ids],
            ).fetchall()
        }
    by_id = {
        row["id"]: _event_record(
            row,
            stories.get(row["story_id"], (None, None)),
            docs.get(row["doc_id"], (None, None, None)),
        )
        for row in events
    }
    return [by_id[i] for i in ids if i in by_id]


def get_event(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
    """One event report with everything needed to show it, or None.

    Adds `document` (with its full `text`), `sentence` ({index, start, end, text}; spans are
    offsets into the document text, so subtract `sentence.start` to highlight within the
    sentence) and `story` ({id, n_reports, n_sources, reports: [{id, doc_id, title,
    published, evidence}]}).
    """
    found = _events_by_id(con, [event_id])
    if not found:
        return None
    record = found[0]
    doc = con.execute("SELECT text FROM documents WHERE id = ?", [record["doc_id"]]).fetchone()
    record["document"]["text"] = doc[0] if doc else None
    sent = con.execute(
        "SELECT idx, start_char, end_char, text FROM sentences WHERE doc_id = ? AND idx = ?",
        [record["doc_id"], record["sentence"]],
    ).fetchone()
    record["sentence_info"] = (
        {"index": sent[0], "start": sent[1], "end": sent[2], "text": sent[3]} if sent else None
    )
    reports = con.execute(
        "SELECT e.id, e.doc_id, d.title, d.published, e.evidence FROM events e "
        "LEFT JOIN documents d ON d.id = e.doc_id WHERE e.story_id = ? "
        "ORDER BY d.published NULLS LAST, e.doc_id, e.sentence",
        [record["story_id"]],
    ).fetchall()
    record["story"] = {
        "id": record["story_id"],
        "n_reports": record["n_reports"],
        "n_sources": record["n_sources"],
        "reports": [
            {
                "id": r[0],
                "doc_id": r[1],
                "title": r[2],
                "published": iso_day(r[3]),
                "evidence": r[4],
            }
            for r in reports
        ],
    }
    return record


def list_actors(
    con: duckdb.DuckDBPyConnection,
    *,
    q: str | None = None,
    limit: int = 100,
    offset: int = 0,
    count: Count = "story",
) -> Page:
    """Resolved actors, most active first.

    Each item: code, name, kind, sectors (list), n_events (counted events on either side,
    by story or report: the count the brief and the network show), n_as_source,
    n_as_target, n_mentions, first_date, last_date (of its events of any kind).
    `q` matches code or name (case-insensitive substring).
    """
    return _actor_page(con, q=q, limit=limit, offset=offset, count=count)


def _actor_page(
    con: duckdb.DuckDBPyConnection,
    *,
    q: str | None = None,
    code: str | None = None,
    limit: int,
    offset: int,
    count: Count,
) -> Page:
    """`list_actors`, or with `code` the one actor with that code (its events only are
    read: a profile must not count every actor's events to show one)."""
    unit = "DISTINCT e.story_id" if count == "story" else "*"
    where, params = "", []
    if q:
        where = f"WHERE a.code {_CONTAINS} OR a.name {_CONTAINS}"
        params = [_contains(q)] * 2
    side_params: list[Any] = []
    source_only = target_only = ""
    if code is not None:
        where, params = "WHERE a.code = ?", [code]
        source_only, target_only = "AND source_code = ?", "AND target_code = ?"
        side_params = [code, code, code]
    sql = f"""
        WITH sides AS (
            SELECT source_code AS code, 'source' AS side, story_id, id, day,
                   source_sector AS sector, counted, FALSE AS again
            FROM events WHERE source_code IS NOT NULL {source_only}
            UNION ALL
            SELECT target_code, 'target', story_id, id, day, target_sector, counted,
                   target_code = source_code
            FROM events WHERE target_code IS NOT NULL {target_only}
        ),
        counted AS (
            -- counted events only, as the brief and the network count them; an actor on
            -- both sides of one event (`again`) has taken part in one event (#10)
            SELECT e.code,
                   count({unit}) FILTER (WHERE e.counted AND NOT e.again) AS n_events,
                   count({unit}) FILTER (WHERE e.counted AND e.side = 'source') AS n_as_source,
                   count({unit}) FILTER (WHERE e.counted AND e.side = 'target') AS n_as_target,
                   min(e.day) AS first_date, max(e.day) AS last_date,
                   list(DISTINCT e.sector) FILTER (WHERE e.sector IS NOT NULL) AS sectors
            FROM sides e GROUP BY e.code
        ),
        mentioned AS (SELECT code, count(*) AS n FROM mentions
                      WHERE code IS NOT NULL {"AND code = ?" if code is not None else ""}
                      GROUP BY code)
        SELECT a.code, a.name, a.kind, coalesce(c.sectors, []), coalesce(c.n_events, 0),
               coalesce(c.n_as_source, 0), coalesce(c.n_as_target, 0), coalesce(m.n, 0),
               c.first_date, c.last_date, count(*) OVER () AS total
        FROM actors a LEFT JOIN counted c ON c.code = a.code
        LEFT JOIN mentioned m ON m.code = a.code
        {where}
        ORDER BY 5 DESC, 8 DESC, a.code LIMIT ? OFFSET ?"""
    rows = con.execute(sql, [*side_params, *params, int(limit), int(offset)]).fetchall()
    total = int(rows[0][-1]) if rows else _count(con, "actors a", where, params)
    kinds = actor_kinds(con, [r[0] for r in rows])
    items = [
        {
            "code": r[0],
            "name": r[1],
            "kind": kinds[r[0]],
            "sectors": sorted(r[3]),
            "n_events": r[4],
            "n_as_source": r[5],
            "n_as_target": r[6],
            "n_mentions": r[7],
            "first_date": iso_day(r[8]),
            "last_date": iso_day(r[9]),
        }
        for r in rows
    ]
    return Page(total=total, items=items, limit=limit, offset=offset)


def get_actor(
    con: duckdb.DuckDBPyConnection, code: str, *, count: Count = "story", recent: int = 10
) -> dict[str, Any] | None:
    """One actor's profile, or None if the code was never seen.

    Adds to the `list_actors` fields: `roles` (who acted for it, over time: [{name, sector,
    role, first_date, last_date, n_events}]), `partners` and `opponents` (the actors it
    cooperates / is in conflict with most: [{code, name, cooperative, conflictual}]) and
    `recent_events` (event records, newest first).
    """
    page = _actor_page(con, code=code, limit=1, offset=0, count=count)
    if not page.items:
        return None
    base = page.items[0]
    base["roles"] = actor_roles(con, [code])[code]
    unit = "DISTINCT story_id" if count == "story" else "*"
    others = con.execute(
        f"""
        WITH pairs AS (
            SELECT CASE WHEN source_code = ? THEN target_code ELSE source_code END AS other,
                   quad, story_id
            FROM events WHERE counted AND (source_code = ? OR target_code = ?)
                         AND source_code <> target_code
        )
        SELECT p.other, a.name,
               count({unit}) FILTER (WHERE quad IN ({_quoted(COOPERATIVE_QUADS)})),
               count({unit}) FILTER (WHERE quad IN ({_quoted(CONFLICTUAL_QUADS)}))
        FROM pairs p LEFT JOIN actors a ON a.code = p.other GROUP BY ALL""",
        [code, code, code],
    ).fetchall()
    rows = [{"code": r[0], "name": r[1], "cooperative": r[2], "conflictual": r[3]} for r in others]
    base["partners"] = sorted(
        (r for r in rows if r["cooperative"] > r["conflictual"]),
        key=lambda r: (-r["cooperative"], r["code"]),
    )
    base["opponents"] = sorted(
        (r for r in rows if r["conflictual"] >= r["cooperative"] and r["conflictual"] > 0),
        key=lambda r: (-r["conflictual"], r["code"]),
    )
    base["recent_events"] = find_events(
        con, EventFilter(actor=code), limit=recent, count=count
    ).items
    return base


def actor_roles(
    con: duckdb.DuckDBPyConnection, codes: list[str]
) -> dict[str, list[dict[str, Any]]]:
    """Who acted for each actor, over time: {code: [{name, sector, role, first_date,
    last_date, n_events}]}, earliest first (from the events' actor names and titles)."""
    rows = con.execute(
        """
        WITH wanted AS (SELECT unnest(?::VARCHAR[]) AS code),
        sides AS (
            SELECT source_code AS code, source_name AS name, source_sector AS sector,
                   source_role AS role, day
            FROM events WHERE source_code IN (SELECT code FROM wanted)
            UNION ALL
            SELECT target_code, target_name, target_sector, target_role, day
            FROM events WHERE target_code IN (SELECT code FROM wanted)
        )
        SELECT code, name, sector, role, min(day), max(day), count(*) FROM sides
        WHERE role IS NOT NULL OR sector IS NOT NULL
        GROUP BY ALL ORDER BY code, min(day) NULLS LAST, name NULLS FIRST, role NULLS FIRST""",
        [list(codes)],
    ).fetchall()
    roles: dict[str, list[dict[str, Any]]] = {c: [] for c in codes}
    for r in rows:
        roles[r[0]].append(
            {
                "name": r[1],
                "sector": r[2],
                "role": r[3],
                "first_date": iso_day(r[4]),
                "last_date": iso_day(r[5]),
                "n_events": r[6],
            }
        )
    return roles


def list_documents(
    con: duckdb.DuckDBPyConnection,
    *,
    q: str | None = None,
    limit: int = 50,
    offset: int = 0,
) -> Page:
    """Documents, newest first: id, title, url, source, published, language, text_hash,
    n_sentences, n_events, ingested_at. `q` matches title or text (substring)."""
    where, params = "", []
    if q:
        where = f"WHERE title {_CONTAINS} OR text {_CONTAINS} OR id = ?"
        params = [_contains(q), _contains(q), q]
    total = _count(con, "documents", where, params)
    rows = con.execute(
        f"SELECT {', '.join(_DOCUMENT_KEYS)} FROM documents {where} "
        "ORDER BY published DESC NULLS LAST, id LIMIT ? OFFSET ?",
        [*params, int(limit), int(offset)],
    ).fetchall()
    items = [{k: iso_day(v) for k, v in zip(_DOCUMENT_KEYS, row, strict=True)} for row in rows]
    return Page(total=total, items=items, limit=limit, offset=offset)


_DOCUMENT_KEYS = (
    "id",
    "title",
    "url",
    "source",
    "published",
    "language",
    "text_hash",
    "n_sentences",
    "n_events",
    "ingested_at",
)


def stored_urls(con: duckdb.DuckDBPyConnection, urls: Iterable[str]) -> set[str]:
    """Those of `urls` that a stored document was read from (feed items not to fetch again)."""
    wanted = list(dict.fromkeys(urls))
    if not wanted:
        return set()
    # DuckDB won't bind a list to IN (?), so unnest a parameter instead
    rows = con.execute(
        "SELECT DISTINCT url FROM documents WHERE url IN (SELECT unnest(?::VARCHAR[]))", [wanted]
    ).fetchall()
    return {row[0] for row in rows}


def get_document(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """One document with its `text`, `sentences` ([{index, start, end, text}]), `mentions`
    ([{sentence, code, text, span, name, sector, role, kind}]) and `events` (records, in
    text order), or None."""
    row = con.execute(
        f"SELECT {', '.join(_DOCUMENT_KEYS)}, text FROM documents WHERE id = ?", [doc_id]
    ).fetchone()
    if row is None:
        return None
    base = {k: iso_day(v) for k, v in zip(_DOCUMENT_KEYS, row[:-1], strict=True)}
    base["text"] = row[-1] or ""
    base["sentences"] = [
        {"index": r[0], "start": r[1], "end": r[2], "text": r[3]}
        for r in con.execute(
            "SELECT idx, start_char, end_char, text FROM sentences WHERE doc_id = ? ORDER BY idx",
            [doc_id],
        ).fetchall()
    ]
    base["mentions"] = [
        {
            "sentence": r[0],
            "code": r[1],
            "text": r[2],
            "span": [r[3], r[4]],
            "name": r[5],
            "sector": r[6],
            "role": r[7],
            "kind": r[8],
        }
        for r in con.execute(
            "SELECT sentence, code, text, span_start, span_end, name, sector, role, kind "
            "FROM mentions WHERE doc_id = ? ORDER BY span_start, span_end",
            [doc_id],
        ).fetchall()
    ]
    base["events"] = find_events(
        con, EventFilter(doc_id=doc_id), limit=100_000, count="report"
    ).items
    base["events"].sort(key=lambda e: (e["sentence"], e["trigger"]["span"][0]))
    return base


def search(con: duckdb.DuckDBPyConnection, q: str, *, limit: int = 20) -> dict[str, Any]:
    """Actors, documents and events matching `q` (substring, case-insensitive):
    {"actors": [...], "documents": [...], "events": [...]}, each at most `limit` long."""
    return {
        "actors": list_actors(con, q=q, limit=limit).items,
        "documents": list_documents(con, q=q, limit=limit).items,
        "events": find_events(con, EventFilter(text=q), limit=limit).items,
    }


def store_stats(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """Totals: documents, sentences, mentions, actors, events, counted_events, stories,
    first_date, last_date, schema_version."""
    row = con.execute(
        """SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences),
                  (SELECT count(*) FROM mentions), (SELECT count(*) FROM actors),
                  (SELECT count(*) FROM events), (SELECT count(*) FROM events WHERE counted),
                  (SELECT count(*) FROM stories), (SELECT count(*) FROM stories WHERE counted),
                  (SELECT min(day) FROM events), (SELECT max(day) FROM events),
                  (SELECT value FROM meta WHERE key = 'schema_version')"""
    ).fetchone()
    assert row is not None
    keys = (
        "documents",
        "sentences",
        "mentions",
        "actors",
        "events",
        "counted_events",
        "stories",
        "counted_stories",
        "first_date",
        "last_date",
        "schema_version",
    )
    stats = {k: iso_day(v) for k, v in zip(keys, row, strict=True)}
    stats["schema_version"] = int(stats["schema_version"] or 0)
    return stats


def _story_level(filters: EventFilter) -> bool:
    """Whether every filter set is one that all reports of a story share."""
    return not (
        filters.place
        or filters.text
        or filters.min_confidence is not None
        or filters.doc_id
        or filters.modalities
    )


def event_where(filters: EventFilter, *, alias: str = "e") -> tuple[str, list[Any]]:
    """SQL conditions for `filters` on the events table (alias e) or, for the filters a
    story shares with its reports, on the stories table (alias s)."""
    story = "s.id" if alias == "s" else "e.story_id"
    t = alias
    clauses: list[str] = ["TRUE"]
    params: list[Any] = []
    if filters.actor:
        clauses.append(f"({t}.source_code = ? OR {t}.target_code = ?)")
        params += [filters.actor, filters.actor]
    if filters.dyad:
        a, b = filters.dyad
        if a == b:
            clauses.append(f"{t}.source_code = ? AND {t}.target_code = ?")
            params += [a, a]
        else:
            # IN lists are pushed into the table scan; an OR of ANDs is not
            clauses.append(
                f"{t}.source_code IN (?, ?) AND {t}.target_code IN (?, ?) "
                f"AND {t}.source_code <> {t}.target_code"
            )
            params += [a, b, a, b]
    if filters.types:
        clauses.append(f"{t}.type IN (SELECT unnest(?::VARCHAR[]))")
        params.append([t.upper() for t in filters.types])
    if filters.quads:
        clauses.append(f"{t}.quad IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(filters.quads))
    if filters.modalities:
        clauses.append(f"{t}.modality IN (SELECT unnest(?::VARCHAR[]))")
        params.append(list(filters.modalities))
    if filters.since:
        clauses.append(f"{t}.day_end >= ?")
        params.append(date_bound(filters.since, end=False))
    if filters.until:
        clauses.append(f"{t}.day <= ?")
        params.append(date_bound(filters.until, end=True))
    if filters.place:
        clauses.append(f"({t}.place_name {_CONTAINS} OR {t}.place_country = ?)")
        params += [_contains(filters.place), filters.place.upper()]
    if filters.text:
        clauses.append(
            f"({t}.evidence {_CONTAINS} OR {t}.source_text {_CONTAINS} "
            f"OR {t}.target_text {_CONTAINS})"
        )
        params += [_contains(filters.text)] * 3
    if filters.min_confidence is not None:
        clauses.append(f"{t}.confidence >= ?")
        params.append(float(filters.min_confidence))
    if filters.doc_id:
        clauses.append(f"{t}.doc_id = ?")
        params.append(filters.doc_id)
    if filters.story_id:
        clauses.append(f"{story} = ?")
        params.append(filters.story_id)
    if filters.counted_only:
        clauses.append(f"{t}.counted")
    return " AND ".join(clauses), params


# a text filter is a substring, not a pattern: `text=%` must not match everything (#10)
_CONTAINS = "ILIKE ? ESCAPE '\\'"


def _contains(value: str) -> str:
    """The ILIKE pattern (with _CONTAINS) that matches `value` anywhere, `%` and `_` as such."""
    escaped = value.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _quoted(names: Iterable[str]) -> str:
    """Names from the ontology as SQL string literals: 'a', 'b'."""
    return ", ".join(f"'{name}'" for name in names)


def _count(con: duckdb.DuckDBPyConnection, table: str, where: str, params: list[Any]) -> int:
    row = con.execute(f"SELECT count(*) FROM {table} {where}", params).fetchone()
    return int(row[0]) if row else 0


def iso_day(value: Any) -> Any:
    """A stored date or timestamp as ISO text (anything else as it is)."""
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return value


def _event_record(
    row: dict[str, Any], story: tuple[Any, ...], document: tuple[Any, ...]
) -> dict[str, Any]:
    """The record of a stored event: `Event.to_dict()` of the event the row holds, with
    `day` after the date it stands for, then `counted`, `story_id`, the story's
    `n_reports` and `n_sources`, and the `document` (id, title, url, published)."""
    record: dict[str, Any] = {}
    for key, value in event_of_row(row).to_dict().items():
        record[key] = value
        if key == "date_text":
            record["day"] = iso_day(row["day"])
    n_reports, n_sources = story
    title, url, published = document
    return {
        **record,
        "counted": row["counted"],
        "story_id": row["story_id"],
        "n_reports": n_reports,
        "n_sources": n_sources,
        "document": {
            "id": row["doc_id"],
            "title": title,
            "url": url,
            "published": iso_day(published),
        },
    }
