"""The reads behind the analyses: a brief's events, the network's pair counts and a dyad's
cells per period.

Each returns plain rows (tuples or dicts) for analysis/ to count, rank and format, so that
the analyses hold no SQL. Only *counted* events enter the counts (both sides resolved,
not negated or hypothetical); the one-sided reads say which events they take instead.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta
from typing import Any

import duckdb

from ..ontology import CONFLICTUAL_QUADS, COOPERATIVE_QUADS, MATERIAL_QUADS
from .dates import date_bound
from .filters import EventFilter
from .queries import Count, event_where
from .schema import UNCOUNTED_MODALITIES

# ---------- the brief ----------

# the keys of an event as `brief_events` and `one_sided_deeds` return it, in column order
_BRIEF_KEYS = (
    "id",
    "story_id",
    "doc_id",
    "sentence",
    "type",
    "quad",
    "source",
    "target",
    "source_name",
    "source_role",
    "source_sector",
    "source_kind",
    "target_name",
    "target_role",
    "target_sector",
    "target_kind",
    "day",
    "date",
    "place",
    "evidence",
    "confidence",
    "n_sources",
)


def brief_events(
    con: duckdb.DuckDBPyConnection, *, since: str | None, until: str | None
) -> list[dict[str, Any]]:
    """The counted events between `since` and `until` (ISO dates, inclusive), in date
    order (undated last, then document, sentence and id), each a dict of id, story_id,
    doc_id, sentence, type, quad, source and target codes, both sides' name, role, sector
    and kind, day, date, place, evidence, confidence and n_sources (its story's number of
    sources, 1 without a story)."""
    where, params = event_where(EventFilter(since=since, until=until, counted_only=True))
    rows = con.execute(
        "SELECT e.id, e.story_id, e.doc_id, e.sentence, e.type, e.quad, e.source_code, "
        "e.target_code, e.source_name, e.source_role, e.source_sector, e.source_kind, "
        "e.target_name, e.target_role, e.target_sector, e.target_kind, e.day, e.date, "
        "e.place_name, e.evidence, e.confidence, coalesce(s.n_sources, 1) "
        f"FROM events e LEFT JOIN stories s ON s.id = e.story_id WHERE {where} "
        "ORDER BY e.day NULLS LAST, e.doc_id, e.sentence, e.id",
        params,
    ).fetchall()
    return [_brief_event(row) for row in rows]


def one_sided_deeds(
    con: duckdb.DuckDBPyConnection, *, since: str | None, until: str | None
) -> list[dict[str, Any]]:
    """Material events between `since` and `until` whose source is resolved and target is
    not (an attack on unnamed victims), of a counted modality, as `brief_events` returns
    them; `target` is the target's text (or ""), `n_sources` is 1."""
    where, params = event_where(EventFilter(since=since, until=until))
    rows = con.execute(
        "SELECT e.id, e.story_id, e.doc_id, e.sentence, e.type, e.quad, e.source_code, "
        "coalesce(e.target_code, e.target_text, ''), e.source_name, e.source_role, "
        "e.source_sector, e.source_kind, e.target_name, e.target_role, e.target_sector, "
        "e.target_kind, e.day, e.date, e.place_name, e.evidence, e.confidence, 1 "
        f"FROM events e WHERE {where} AND e.source_code IS NOT NULL "
        "AND e.target_code IS NULL "
        f"AND e.quad IN ({', '.join(repr(q) for q in MATERIAL_QUADS)}) "
        f"AND e.modality NOT IN ({', '.join(repr(m) for m in UNCOUNTED_MODALITIES)})",
        params,
    ).fetchall()
    return [_brief_event(row) for row in rows]


def counted_document_count(
    con: duckdb.DuckDBPyConnection, *, since: str | None, until: str | None
) -> int:
    """The number of documents with a counted event between `since` and `until`."""
    where, params = event_where(EventFilter(since=since, until=until, counted_only=True))
    row = con.execute(
        "SELECT count(DISTINCT doc_id) FROM events e WHERE " + where, params
    ).fetchone()
    return int(row[0]) if row else 0


def _brief_event(row: tuple[Any, ...]) -> dict[str, Any]:
    return dict(zip(_BRIEF_KEYS, row, strict=True))


# ---------- the actor network ----------


def pair_counts(
    con: duckdb.DuckDBPyConnection,
    *,
    since: str | None,
    until: str | None,
    count: Count,
    types: Sequence[str],
    directed: bool = False,
) -> list[tuple[Any, ...]]:
    """(a, b, cooperative, conflictual, events, n_TYPE1, n_TYPE2, ...) per unordered pair
    a <= b (with `directed`, per source a and target b) of the counted events between
    `since` and `until`, by story or report, sorted by pair; one count per type in
    `types`, in that order."""
    source, params = _pair_source(since, until, count)
    # one integer column per PLOVER type: no strings to build or parse per edge
    per_type = ", ".join(f"sum(CASE WHEN type = '{t}' THEN n ELSE 0 END)::INTEGER" for t in types)
    coop = ", ".join(f"'{q}'" for q in COOPERATIVE_QUADS)
    conf = ", ".join(f"'{q}'" for q in CONFLICTUAL_QUADS)
    # ::INTEGER: a bare sum is a HUGEINT, and those are slow to hand to Python
    pair = (
        "source_code AS a, target_code AS b"
        if directed
        else "least(source_code, target_code) AS a, greatest(source_code, target_code) AS b"
    )
    sql = (
        f"SELECT {pair}, "
        f"sum(CASE WHEN quad IN ({coop}) THEN n ELSE 0 END)::INTEGER, "
        f"sum(CASE WHEN quad IN ({conf}) THEN n ELSE 0 END)::INTEGER, "
        f"coalesce(sum(n)::INTEGER, 0), {per_type} FROM ({source}) GROUP BY ALL ORDER BY a, b"
    )
    return con.execute(sql, params).fetchall()


def _pair_source(since: str | None, until: str | None, count: Count) -> tuple[str, list[Any]]:
    """SQL for rows (source_code, target_code, type, quad, n) whose sums per pair are the
    counts between since and until, and its parameters.

    The summaries answer the whole store and year- or month-aligned windows, with the
    events that begin before such a window and run into it (a year-dated event in a window
    from June); another window is its whole months from `dyad_month` plus the events of the
    partial months at its ends. An event counts when its dates overlap the window, as in
    `find_events` and `brief`."""
    measure = "stories" if count == "story" else "reports"
    columns = f"source_code, target_code, type, quad, {measure} AS n"
    lo = date_bound(since, end=False) if since else None
    hi = date_bound(until, end=True) if until else None
    if lo is None and hi is None:
        return f"SELECT {columns} FROM dyad_total", []
    # a story counts once, in its representative report's direction
    table = "stories" if count == "story" else "events"
    raw = f"SELECT source_code, target_code, type, quad, 1 AS n FROM {table} WHERE counted"
    raw_params: list[Any] = []
    if lo:
        raw += " AND day_end >= ?"
        raw_params.append(lo)
    if hi:
        raw += " AND day <= ?"
        raw_params.append(hi)
    summary = _summary_table(since, until)
    if summary is not None:
        period = "year" if summary == "dyad_year" else "month"
        where, params = ["TRUE"], []
        if lo:
            where.append(f"{period} >= date_trunc('{period}', ?::DATE)")
            params.append(lo)
        if hi:
            where.append(f"{period} <= ?")
            params.append(hi)
        cells = f"SELECT {columns} FROM {summary} WHERE {' AND '.join(where)}"
        if lo is None:
            return cells, params
        # the summaries file an event under the period its dates begin in (#10)
        return f"{cells} UNION ALL {raw} AND day < ?", [*params, *raw_params, lo]
    # whole months inside the window: [first, after)
    first = (
        None
        if lo is None
        else (lo if lo.day == 1 else date(lo.year + (lo.month == 12), lo.month % 12 + 1, 1))
    )
    after = (
        None
        if hi is None
        else (hi + timedelta(days=1) if (hi + timedelta(days=1)).day == 1 else hi.replace(day=1))
    )
    if first is not None and after is not None and first >= after:
        return raw, raw_params  # no whole month inside
    months, month_params = f"SELECT {columns} FROM dyad_month WHERE TRUE", []
    outside = []
    if first is not None:
        months += " AND month >= ?"
        month_params.append(first)
        outside.append("day < ?")
        raw_params.append(first)
    if after is not None:
        months += " AND month < ?"
        month_params.append(after)
        outside.append("day >= ?")
        raw_params.append(after)
    return (
        f"{months} UNION ALL {raw} AND ({' OR '.join(outside)})",
        [*month_params, *raw_params],
    )


def _summary_table(since: str | None, until: str | None) -> str | None:
    """The coarsest summary table whose periods tile the window exactly, or None."""

    def month_end(value: str) -> bool:
        return len(value) <= 7 or date_bound(value[:7], end=True) == date_bound(value, end=True)

    if (since is None or since[4:] in ("", "-01", "-01-01")) and (
        until is None or until[4:] in ("", "-12", "-12-31")
    ):
        return "dyad_year"
    if (since is None or len(since) <= 7 or since.endswith("-01")) and (
        until is None or month_end(until)
    ):
        return "dyad_month"
    return None


def one_sided_counts(
    con: duckdb.DuckDBPyConnection, *, since: str | None, until: str | None, count: Count
) -> list[tuple[str, int]]:
    """(code, n) per actor of the events between `since` and `until` with one resolved
    side (an attack on unnamed victims), of a counted modality, by story or report."""
    where, params = (
        [
            "(source_code IS NULL) <> (target_code IS NULL)",
            f"modality NOT IN ({', '.join(repr(m) for m in UNCOUNTED_MODALITIES)})",
        ],
        [],
    )
    if since:
        where.append("day_end >= ?")
        params.append(date_bound(since, end=False))
    if until:
        where.append("day <= ?")
        params.append(date_bound(until, end=True))
    sql = (
        "SELECT coalesce(source_code, target_code), "
        f"count({'DISTINCT story_id' if count == 'story' else '*'})::INTEGER FROM events "
        f"WHERE {' AND '.join(where)} GROUP BY 1"
    )
    return con.execute(sql, params).fetchall()


# ---------- dyad series ----------


def dyad_cells(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    *,
    period: str,
    count: Count,
    lo: date | None,
    hi: date | None,
) -> list[tuple[Any, ...]]:
    """(period start, source code, type, quad, n) for both directions of a–b, per
    `period` ("week", "month" or "year") between the days `lo` and `hi` (inclusive), by
    story or report; a row per cell, in no set order.

    Months read the `dyad_month` summary, whole-store years `dyad_year`; weeks, and years
    cut by lo/hi, aggregate the stories (or events) table."""
    measure = "stories" if count == "story" else "reports"
    pair = (
        "source_code IN (?, ?) AND target_code IN (?, ?) AND (source_code <> target_code OR ? = ?)"
    )
    if period == "month" or (period == "year" and lo is None and hi is None):
        # the pre-aggregated cells; a year's cells sum its months
        table, start = ("dyad_month", "month") if period == "month" else ("dyad_year", "year")
        sql = (
            f"SELECT {start}, source_code, type, quad, sum({measure})::INTEGER FROM {table} "
            f"WHERE {pair} AND {start} IS NOT NULL"
            f" AND (? IS NULL OR {start} >= date_trunc('{period}', ?::DATE))"
            f" AND (? IS NULL OR {start} <= ?::DATE) GROUP BY ALL"
        )
    else:
        # a story counts once, in its representative report's direction
        table = "stories" if count == "story" else "events"
        sql = (
            f"SELECT date_trunc('{period}', day)::DATE AS p, source_code, type, quad, count(*) "
            f"FROM {table} WHERE counted AND day IS NOT NULL AND {pair}"
            " AND (? IS NULL OR day_end >= ?::DATE) AND (? IS NULL OR day <= ?::DATE)"
            " GROUP BY ALL"
        )
    return con.execute(sql, [a, b, a, b, a, b, lo, lo, hi, hi]).fetchall()
