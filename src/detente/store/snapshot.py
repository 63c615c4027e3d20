"""The tables behind the two busiest reads, in memory: story-event pages and dyad series.

A server answers the same two questions many times a second: "a page of the events that
match these filters, newest first, and how many match" and "this dyad, month by month".
DuckDB answers each by scanning the stories or dyad_month table, a few milliseconds per
million rows, on every request. A `Snapshot` holds the columns those filters read as numpy
arrays (actor codes, types and quad classes as small integers, days as day numbers), with
the stories already in page order and dyad_month grouped by actor pair, so a page is a
vector comparison and a dyad series a slice; and each document's title, url and date. The
wide event rows of a page still come from DuckDB, by id.

A snapshot is valid while nothing writes to the store; `detente serve` takes one when it
opens the store and again after each of its own writes. It takes about a second and
130 MB per million story events. Its answers are the SQL answers, row for row (a test
holds both paths to that); filters it does not hold (place, text, confidence, modality,
document, story) answer None, and the caller runs the SQL.
"""

from __future__ import annotations

import logging
import time
from datetime import date, timedelta
from typing import Any

import duckdb
import numpy as np

from .dates import date_bound
from .filters import EventFilter

log = logging.getLogger(__name__)

_EPOCH = date(1970, 1, 1)
_NO_DAY_LOW = np.iinfo(np.int32).min  # a missing day_end fails every `since`
_NO_DAY_HIGH = np.iinfo(np.int32).max  # a missing day fails every `until`


class Snapshot:
    """Arrays of the stories and dyad_month tables, taken from `con` when built."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        started = time.perf_counter()
        codes = _distinct(con, "source_code", "target_code")
        self.codes = {code: i + 1 for i, code in enumerate(codes)}  # 0: no code
        types = _distinct(con, "type")
        self.types = {name: i + 1 for i, name in enumerate(types)}
        self.type_names = [None, *types]
        quads = _distinct(con, "quad")
        self.quads = {name: i + 1 for i, name in enumerate(quads)}
        self.quad_names = [None, *quads]
        self._load_stories(con)
        self._load_dyads(con)
        # what an event page shows of each report's document
        self.documents = {
            row[0]: row[1:]
            for row in con.execute("SELECT id, title, url, published FROM documents").fetchall()
        }
        log.info(
            "snapshot of %d story events and %d dyad-month cells in %.2f s",
            len(self.event_ids),
            len(self.dm_month),
            time.perf_counter() - started,
        )

    # ---------- loading ----------

    def _coded(self, con: duckdb.DuckDBPyConnection, columns: str, rest: str) -> dict[str, Any]:
        """SELECT source, target, type and quad as integers, then `columns`, `rest` (FROM
        onwards), as numpy arrays by column name."""
        coded = ", ".join(
            f"coalesce(list_position(?::VARCHAR[], {column}), 0)::{sql_type} AS {name}"
            for column, sql_type, name in (
                ("source_code", "INTEGER", "source"),
                ("target_code", "INTEGER", "target"),
                ("type", "SMALLINT", "type"),
                ("quad", "SMALLINT", "quad"),
            )
        )
        codes, types, quads = list(self.codes), list(self.types), list(self.quads)
        sql = f"SELECT {coded}, {columns} {rest}"
        return con.execute(sql, [codes, codes, types, quads]).fetchnumpy()

    def _load_stories(self, con: duckdb.DuckDBPyConnection) -> None:
        found = self._coded(
            con,
            f"""coalesce(day - DATE '1970-01-01', {_NO_DAY_HIGH})::INTEGER AS day,
                coalesce(day_end - DATE '1970-01-01', {_NO_DAY_LOW})::INTEGER AS day_end,
                counted, event_id, n_reports, n_sources""",
            "FROM stories ORDER BY stories.day DESC NULLS LAST, stories.rowid DESC",
        )
        self.source = np.asarray(found["source"], dtype=np.int32)
        self.target = np.asarray(found["target"], dtype=np.int32)
        self.type = np.asarray(found["type"], dtype=np.int16)
        self.quad = np.asarray(found["quad"], dtype=np.int16)
        self.day = np.asarray(found["day"], dtype=np.int32)
        self.day_end = np.asarray(found["day_end"], dtype=np.int32)
        self.counted = np.asarray(found["counted"], dtype=bool)
        self.event_ids = np.asarray(found["event_id"], dtype=object)
        self.n_reports = np.asarray(found["n_reports"], dtype=np.int32)
        self.n_sources = np.asarray(found["n_sources"], dtype=np.int32)

    def _load_dyads(self, con: duckdb.DuckDBPyConnection) -> None:
        found = self._coded(
            con,
            "(month - DATE '1970-01-01')::INTEGER AS month, reports, stories",
            "FROM dyad_month WHERE month IS NOT NULL ORDER BY source, target, month, type",
        )
        source = np.asarray(found["source"], dtype=np.int64)
        target = np.asarray(found["target"], dtype=np.int64)
        self.dm_month = np.asarray(found["month"], dtype=np.int32)
        self.dm_type = np.asarray(found["type"], dtype=np.int16)
        self.dm_quad = np.asarray(found["quad"], dtype=np.int16)
        self.dm_counts = {
            "report": np.asarray(found["reports"], dtype=np.int64),
            "story": np.asarray(found["stories"], dtype=np.int64),
        }
        # one slice of rows per (source, target) pair
        pair = (source << 32) | target
        starts: list[int] = (
            np.flatnonzero(np.r_[True, pair[1:] != pair[:-1]]).tolist() if len(pair) else []
        )
        ends = [*starts[1:], len(pair)]
        # with no rows, ends is [0] and starts empty: no slices
        self.dm_slices = {
            (int(source[s]), int(target[s])): (int(s), int(e))
            for s, e in zip(starts, ends, strict=False)
        }

    # ---------- event pages ----------

    def story_page(
        self, filters: EventFilter, *, limit: int, offset: int
    ) -> tuple[int, list[str], dict[str, tuple[int, int]]] | None:
        """(total, event ids of the page, {event id: (n_reports, n_sources)}) of the story
        events matching `filters`, newest first; None when a filter is set that the
        snapshot does not hold."""
        if (
            filters.place
            or filters.text
            or filters.min_confidence is not None
            or filters.doc_id
            or filters.modalities
            or filters.story_id
        ):
            return None
        mask: np.ndarray | None = None

        def keep(condition: np.ndarray) -> None:
            nonlocal mask
            mask = condition if mask is None else mask & condition

        if filters.actor:
            code = self._code(filters.actor)
            keep((self.source == code) | (self.target == code))
        if filters.dyad:
            a, b = (self._code(c) for c in filters.dyad)
            if a == b:
                keep((self.source == a) & (self.target == a))
            else:
                keep(
                    ((self.source == a) | (self.source == b))
                    & ((self.target == a) | (self.target == b))
                    & (self.source != self.target)
                )
        if filters.types:
            keep(np.isin(self.type, [self.types.get(t.upper(), -1) for t in filters.types]))
        if filters.quads:
            keep(np.isin(self.quad, [self.quads.get(q, -1) for q in filters.quads]))
        if filters.since:
            keep(self.day_end >= _day_number(date_bound(filters.since, end=False)))
        if filters.until:
            keep(self.day <= _day_number(date_bound(filters.until, end=True)))
        if filters.counted_only:
            keep(self.counted)
        offset, limit = max(int(offset), 0), max(int(limit), 0)
        if mask is None:
            total = len(self.event_ids)
            rows = np.arange(offset, min(offset + limit, total))
        else:
            matched = np.flatnonzero(mask)
            total = len(matched)
            rows = matched[offset : offset + limit]
        ids = [str(i) for i in self.event_ids[rows]]
        counts = {
            event_id: (int(r), int(s))
            for event_id, r, s in zip(ids, self.n_reports[rows], self.n_sources[rows], strict=True)
        }
        return total, ids, counts

    # ---------- dyad series ----------

    def dyad_rows(
        self, a: str, b: str, *, period: str, count: str, since: date | None, until: date | None
    ) -> list[tuple[date, str, str, str, int]] | None:
        """The rows dyad_series reads from dyad_month, (period start, source code, type,
        quad, n), for both directions of a–b; None for what the table cannot answer (weeks,
        or years cut by since/until)."""
        if period == "week" or (period == "year" and (since or until)):
            return None
        counts = self.dm_counts[count]
        lo = _day_number(since.replace(day=1)) if since else None
        hi = _day_number(until) if until else None
        pairs = {(a, b), (b, a)}
        rows: list[tuple[date, str, str, str, int]] = []
        for source, target in sorted(pairs):
            where = self.dm_slices.get((self._code(source), self._code(target)))
            if where is None:
                continue
            part = slice(*where)
            months, types, quads = self.dm_month[part], self.dm_type[part], self.dm_quad[part]
            n = counts[part]
            keep = np.ones(len(months), dtype=bool)
            if lo is not None:
                keep &= months >= lo
            if hi is not None:
                keep &= months <= hi
            months, types, quads, n = (x[keep].tolist() for x in (months, types, quads, n))
            day_of = {m: _EPOCH + timedelta(days=m) for m in set(months)}
            type_names, quad_names = self.type_names, self.quad_names
            rows += [
                (day_of[m], source, type_names[t], quad_names[q], v)
                for m, t, q, v in zip(months, types, quads, n, strict=True)
            ]
        if period == "year":
            years: dict[tuple[date, str, str, str], int] = {}
            for month, source, etype, quad, value in rows:
                key = (date(month.year, 1, 1), source, etype, quad)
                years[key] = years.get(key, 0) + value
            rows = [(*key, value) for key, value in years.items()]
        return rows

    def _code(self, code: str) -> int:
        return self.codes.get(code, -1)  # -1 matches nothing, not even a missing code


def _distinct(con: duckdb.DuckDBPyConnection, *columns: str) -> list[str]:
    """The sorted values of `columns` in stories and dyad_month, NULL left out."""
    parts = [f"SELECT {c} AS v FROM {t}" for t in ("stories", "dyad_month") for c in columns]
    sql = f"SELECT DISTINCT v FROM ({' UNION ALL '.join(parts)}) WHERE v IS NOT NULL ORDER BY v"
    return [row[0] for row in con.execute(sql).fetchall()]


def _day_number(day: date) -> int:
    return (day - _EPOCH).days
