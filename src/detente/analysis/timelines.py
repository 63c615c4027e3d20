"""Dyad time series: counts per period by PLOVER type and quad class, in both directions.

Monthly series read the `dyad_month` summary kept at ingest; weekly (and yearly) series
aggregate the events table. Only *counted* events enter (both sides resolved, not negated
or hypothetical).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any, Literal

import duckdb

from ..store.queries import Count, _bound
from ..store.schema import CONFLICTUAL_QUADS, COOPERATIVE_QUADS, QUADS_ORDER

Period = Literal["week", "month", "year"]


def dyad_series(
    con: duckdb.DuckDBPyConnection,
    a: str,
    b: str,
    *,
    period: Period = "month",
    count: Count = "story",
    since: str | None = None,
    until: str | None = None,
) -> dict[str, Any]:
    """The a–b dyad over time.

    Returns {"a", "b", "period", "count", "periods": [labels], "directions": {"A>B": rows,
    "B>A": rows, "both": rows}, "totals": {same keys: one row}}. Labels are "2017-08"
    (month), "2017-W33" (ISO week, keyed by its Monday) or "2017" (year); every period from
    the first to the last with an event is present. A row is {"period", "types": {TYPE: n},
    "quads": {quad: n}, "cooperative", "conflictual", "balance"}, where balance is
    (cooperative - conflictual) / (cooperative + conflictual), in [-1, 1], or None when
    both are 0.
    """
    lo = _bound(since, end=False) if since else None
    hi = _bound(until, end=True) if until else None
    if period == "month":
        measure = "stories" if count == "story" else "reports"
        sql = (
            f"SELECT month, source_code, type, quad, sum({measure})::INTEGER FROM dyad_month "
            "WHERE ((source_code = ? AND target_code = ?) OR (source_code = ? AND target_code = ?))"
            " AND (? IS NULL OR month >= date_trunc('month', ?::DATE))"
            " AND (? IS NULL OR month <= ?::DATE) GROUP BY ALL"
        )
        rows = con.execute(sql, [a, b, b, a, lo, lo, hi, hi]).fetchall()
    else:
        # a story counts once, in its representative report's direction
        table = "stories" if count == "story" else "events"
        sql = (
            f"SELECT date_trunc('{period}', day)::DATE AS p, source_code, type, quad, count(*) "
            f"FROM {table} WHERE counted AND day IS NOT NULL AND "
            "((source_code = ? AND target_code = ?) OR (source_code = ? AND target_code = ?))"
            " AND (? IS NULL OR day_end >= ?::DATE) AND (? IS NULL OR day <= ?::DATE)"
            " GROUP BY ALL"
        )
        rows = con.execute(sql, [a, b, b, a, lo, lo, hi, hi]).fetchall()
    keys = {"A>B": f"{a}>{b}", "B>A": f"{b}>{a}"}
    starts = sorted({r[0] for r in rows})
    labels = _period_range(starts[0], starts[-1], period) if starts else []
    directions: dict[str, dict[str, dict[str, Any]]] = {
        name: {label: _empty_row(label) for label, _ in labels}
        for name in (keys["A>B"], keys["B>A"], "both")
    }
    label_of = {start: label for label, start in labels}
    for start, source, etype, quad, n in rows:
        label = label_of[start]
        direction = keys["A>B"] if source == a else keys["B>A"]
        if a == b:
            direction = keys["A>B"]
        for name in (direction, "both"):
            _add(directions[name][label], etype, quad, int(n))
    result_dirs = {name: [_finish(r) for r in rows_.values()] for name, rows_ in directions.items()}
    totals = {}
    for name, rows_ in result_dirs.items():
        total = _empty_row("total")
        for row in rows_:
            for etype, n in row["types"].items():
                total["types"][etype] = total["types"].get(etype, 0) + n
            for quad, n in row["quads"].items():
                total["quads"][quad] += n
        totals[name] = _finish(total)
    return {
        "a": a,
        "b": b,
        "period": period,
        "count": count,
        "periods": [label for label, _ in labels],
        "directions": result_dirs,
        "totals": totals,
    }


def _empty_row(label: str) -> dict[str, Any]:
    return {"period": label, "types": {}, "quads": {q: 0 for q in QUADS_ORDER}}


def _add(row: dict[str, Any], etype: str, quad: str, n: int) -> None:
    if n == 0:
        return
    row["types"][etype] = row["types"].get(etype, 0) + n
    if quad in row["quads"]:
        row["quads"][quad] += n


def _finish(row: dict[str, Any]) -> dict[str, Any]:
    coop = sum(row["quads"][q] for q in COOPERATIVE_QUADS)
    conf = sum(row["quads"][q] for q in CONFLICTUAL_QUADS)
    row["types"] = dict(sorted(row["types"].items()))
    row["cooperative"] = coop
    row["conflictual"] = conf
    row["balance"] = round((coop - conf) / (coop + conf), 3) if coop + conf else None
    return row


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
