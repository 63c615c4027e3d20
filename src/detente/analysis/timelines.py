"""Dyad time series: counts per period by PLOVER type and quad class, in both directions.

Monthly series read the `dyad_month` summary kept at ingest, yearly ones `dyad_year`;
weekly series, and yearly ones cut by since/until, aggregate the stories (or events)
table. Only *counted* events enter (both sides resolved, not negated or hypothetical).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from ..ontology import CONFLICTUAL_QUADS, COOPERATIVE_QUADS, QUADS
from ..store.analysis_reads import dyad_cells
from ..store.dates import date_bound
from ..store.db import Connection
from ..store.filters import check_period
from ..store.queries import Count

if TYPE_CHECKING:
    from ..store.snapshot import Snapshot

Period = Literal["week", "month", "year"]


def dyad_series(
    con: Connection,
    a: str,
    b: str,
    *,
    period: Period = "month",
    count: Count = "story",
    since: str | None = None,
    until: str | None = None,
    snapshot: Snapshot | None = None,
) -> dict[str, Any]:
    """The a–b dyad over time (read from `snapshot` where it holds the rows).

    Returns {"a", "b", "period", "count", "periods": [labels], "directions": {"A>B": rows,
    "B>A": rows, "both": rows}, "totals": {same keys: one row}}. Labels are "2017-08"
    (month), "2017-W33" (ISO week, keyed by its Monday) or "2017" (year); every period from
    the first to the last with an event is present. A row is {"period", "types": {TYPE: n},
    "quads": {quad: n}, "cooperative", "conflictual", "balance"}, where balance is
    (cooperative - conflictual) / (cooperative + conflictual), in [-1, 1], or None when
    both are 0.
    """
    check_period(since, until)
    lo = date_bound(since, end=False) if since else None
    hi = date_bound(until, end=True) if until else None
    rows = None
    if snapshot is not None:
        rows = snapshot.dyad_rows(a, b, period=period, count=count, since=lo, until=hi)
    if rows is None:
        rows = dyad_cells(con, a, b, period=period, count=count, lo=lo, hi=hi)
    starts = sorted({r[0] for r in rows})
    labels = _period_range(starts[0], starts[-1], period) if starts else []
    names = (f"{a}>{b}", f"{b}>{a}", "both")
    directions, totals = _assemble(rows, a, labels)
    return {
        "a": a,
        "b": b,
        "period": period,
        "count": count,
        "periods": [label for label, _ in labels],
        "directions": _by_name(names, directions),
        "totals": _by_name(names, totals),
    }


def _by_name(names: tuple[str, ...], values: list[Any]) -> dict[str, Any]:
    # with a == b both directions have one name: it keeps the first, which has the rows
    found: dict[str, Any] = {}
    for name, value in zip(names, values, strict=True):
        found.setdefault(name, value)
    return found


def _assemble(
    rows: list[tuple[Any, ...]], a: str, labels: list[tuple[str, date]]
) -> tuple[list[list[dict[str, Any]]], list[dict[str, Any]]]:
    """The rows of each direction (a>b, b>a, both) and their totals. A dyad has thousands
    of (period, source, type) cells, so they are summed in arrays, not one by one."""
    types = sorted({r[2] for r in rows})
    index_of_period = {start: i for i, (_, start) in enumerate(labels)}
    index_of_type = {name: i for i, name in enumerate(types)}
    index_of_quad = {name: i for i, name in enumerate(QUADS)}
    by_type = np.zeros((3, len(labels), len(types)), dtype=np.int64)
    by_quad = np.zeros((3, len(labels), len(QUADS)), dtype=np.int64)
    if rows:
        starts, sources, etypes, quads, counts = zip(*rows, strict=True)
        direction = np.array([0 if source == a else 1 for source in sources])
        period = np.array([index_of_period[start] for start in starts])
        n = np.array(counts, dtype=np.int64)
        type_index = np.array([index_of_type[t] for t in etypes])
        np.add.at(by_type, (direction, period, type_index), n)
        known = np.array([q in index_of_quad for q in quads])
        quad = np.array([index_of_quad.get(q, 0) for q in quads])
        np.add.at(by_quad, (direction[known], period[known], quad[known]), n[known])
        by_type[2], by_quad[2] = by_type[0] + by_type[1], by_quad[0] + by_quad[1]
    result, totals = [], []
    for d in range(3):
        result.append(
            [
                _row(label, types, by_type[d, p].tolist(), by_quad[d, p].tolist())
                for p, (label, _) in enumerate(labels)
            ]
        )
        totals.append(
            _row("total", types, by_type[d].sum(axis=0).tolist(), by_quad[d].sum(axis=0).tolist())
        )
    return result, totals


def _row(
    label: str, types: list[str], type_counts: list[int], quad_counts: list[int]
) -> dict[str, Any]:
    quads = dict(zip(QUADS, quad_counts, strict=True))
    coop = sum(quads[q] for q in COOPERATIVE_QUADS)
    conf = sum(quads[q] for q in CONFLICTUAL_QUADS)
    return {
        "period": label,
        "types": {name: n for name, n in zip(types, type_counts, strict=True) if n},
        "quads": quads,
        "cooperative": coop,
        "conflictual": conf,
        "balance": round((coop - conf) / (coop + conf), 3) if coop + conf else None,
    }


def period_label(start: date, period: str) -> str:
    """The label of the period that starts on `start`: 2017-08, 2017-W33 or 2017."""
    if period == "month":
        return f"{start.year:04d}-{start.month:02d}"
    if period == "week":
        year, week, _ = start.isocalendar()
        return f"{year:04d}-W{week:02d}"
    return f"{start.year:04d}"


def _period_range(first: date, last: date, period: str) -> list[tuple[str, date]]:
    labels: list[tuple[str, date]] = []
    current = first
    while current <= last:
        labels.append((period_label(current, period), current))
        if period == "week":
            current = current + timedelta(days=7)
        elif period == "month":
            current = date(current.year + (current.month == 12), current.month % 12 + 1, 1)
        else:
            current = date(current.year + 1, 1, 1)
    return labels
