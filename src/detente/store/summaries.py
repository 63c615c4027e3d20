"""The summary tables: `stories` and the dyad counts (`dyad_month`, `dyad_year`,
`dyad_total`), recomputed from the events they sum.

A write recomputes the stories it touched and the cells of the actor pairs it touched,
inside its own transaction (writes.py); `rebuild_summaries` recomputes them all.
"""

from __future__ import annotations

import duckdb


def dyad_key(a: str, b: str) -> str:
    """The key of an actor pair, either way round, that `refresh_summaries` takes."""
    return f"{a}|{b}" if a <= b else f"{b}|{a}"


def rebuild_summaries(con: duckdb.DuckDBPyConnection) -> None:
    """Recompute every story's counts and the whole dyad_month table from events."""
    con.execute("BEGIN TRANSACTION")
    con.execute("DELETE FROM stories")
    con.execute(f"INSERT INTO stories {_STORY_SELECT} GROUP BY story_id")
    con.execute("DELETE FROM dyad_month")
    con.execute(f"INSERT INTO dyad_month {_dyad_month_select('TRUE')}")
    con.execute("DELETE FROM dyad_year")
    con.execute(f"INSERT INTO dyad_year {_DYAD_YEAR_SELECT} WHERE TRUE GROUP BY ALL")
    con.execute("DELETE FROM dyad_total")
    con.execute(f"INSERT INTO dyad_total {_dyad_month_select('TRUE', monthly=False)}")
    con.execute("COMMIT")


def refresh_summaries(con: duckdb.DuckDBPyConnection, stories: set[str], pairs: set[str]) -> None:
    """Recompute the given stories from their events, and the dyad_month cells of the
    given actor pairs (keys "A|B" with A < B)."""
    if stories:
        ids = sorted(stories)
        con.execute("DELETE FROM stories WHERE id IN (SELECT unnest(?::VARCHAR[]))", [ids])
        con.execute(
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
        con.execute(f"DELETE FROM dyad_month WHERE {in_pairs}", [keys])
        con.execute(f"INSERT INTO dyad_month {_dyad_month_select(in_pairs)}", [keys, keys])
        con.execute(f"DELETE FROM dyad_year WHERE {in_pairs}", [keys])
        con.execute(
            f"INSERT INTO dyad_year {_DYAD_YEAR_SELECT} WHERE {in_pairs} GROUP BY ALL", [keys]
        )
        con.execute(f"DELETE FROM dyad_total WHERE {in_pairs}", [keys])
        con.execute(
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
