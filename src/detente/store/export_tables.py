"""The flat tables that `analysis.export` writes and `detente events --format csv` prints:
the event table, the POLECAT-style table and the plain store tables, read as Arrow tables.

Their columns and the SQL behind each live here, next to the joins they read; export.py
picks a format and writes the file. Every table has one fixed set of columns, whatever
the query (`EVENT_COLUMNS`, `POLECAT_COLUMNS`), and codes are text: a CAMEO root is "02",
never 2.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import duckdb
import pyarrow as pa

from ..errors import StoreError
from ..models import EVENT_RECORD
from ..ontology import CAMEO_MODE_ROOT, CAMEO_ROOT, QUAD_CODE
from .filters import EventFilter
from .names import actor_states, known_names
from .queries import event_where


def _cameo_case() -> str:
    modes = " ".join(
        f"WHEN e.type = '{t}' AND e.mode = '{m}' THEN '{c}'"
        for (t, m), c in CAMEO_MODE_ROOT.items()
    )
    roots = " ".join(f"WHEN e.type = '{t}' THEN '{c}'" for t, c in CAMEO_ROOT.items())
    return f"CASE {modes} {roots} ELSE NULL::VARCHAR END"


def _quad_case() -> str:
    return (
        "CASE " + " ".join(f"WHEN e.quad = '{q}' THEN {n}" for q, n in QUAD_CODE.items()) + " END"
    )


def _stored(first: str, last: str) -> tuple[tuple[str, str], ...]:
    """(column, SQL) of the stored event columns from `first` to `last`, in the order of
    the flat event record (models.EVENT_RECORD); lists are joined with ';'."""
    names = [column.name for column in EVENT_RECORD]
    return tuple(
        (c.name, f"array_to_string(e.{c.name}, ';')" if c.kind is list else f"e.{c.name}")
        for c in EVENT_RECORD[names.index(first) : names.index(last) + 1]
    )


# (column, SQL) of the flat event table: `events --format csv` and `export --table events`.
# The flat event record, with the story's counts after its id, the CAMEO root after the
# quad and the document's fields at the end (a public format: keep names and order).
_EVENT_TABLE: tuple[tuple[str, str], ...] = (
    *_stored("id", "id"),
    *_stored("story_id", "story_id"),
    ("story_reports", "s.n_reports"),
    ("story_sources", "s.n_sources"),
    *_stored("doc_id", "quad"),
    ("cameo_root", _cameo_case()),
    *_stored("source_code", "counted"),
    ("doc_title", "d.title"),
    ("doc_url", "d.url"),
    ("doc_published", "d.published"),
)

# POLECAT's names and order. A date keeps its precision ("2023" is the year, not
# 2023-01-01); names are names (else empty, the text is in "... Name Raw"); countries are
# states, the actor's own code is in "... Code" (#10)
_POLECAT_TABLE: tuple[tuple[str, str], ...] = (
    ("Event ID", "e.id"),
    ("Event Date", "e.date"),
    ("Date Precision", "e.date_precision"),
    ("Event Type", "e.type"),
    ("Event Mode", "e.mode"),
    ("Quad Code", _quad_case()),
    ("Contexts", "array_to_string(e.contexts, ';')"),
    ("Actor Name", "coalesce(e.source_name, sa.name)"),
    ("Actor Country", "sa.country"),
    ("Actor Code", "e.source_code"),
    ("Primary Actor Sector", "e.source_sector"),
    ("Actor Title", "e.source_role"),
    ("Actor Name Raw", "e.source_text"),
    ("Recipient Name", "coalesce(e.target_name, ta.name)"),
    ("Recipient Country", "ta.country"),
    ("Recipient Code", "e.target_code"),
    ("Primary Recipient Sector", "e.target_sector"),
    ("Recipient Title", "e.target_role"),
    ("Recipient Name Raw", "e.target_text"),
    ("Placename", "e.place_name"),
    ("Country", "e.place_country"),
    ("Latitude", "e.place_lat"),
    ("Longitude", "e.place_lon"),
    ("Source", "d.source"),
    ("Source URL", "d.url"),
    ("Publication Date", "d.published"),
    ("Headline", "d.title"),
    ("Story ID", "e.doc_id"),
    ("Sentence Number", "e.sentence"),
    ("Event Text", "e.evidence"),
    ("Modality", "e.modality"),
    ("CAMEO Root", _cameo_case()),
    ("Story Event ID", "e.story_id"),
    ("Story Sources", "s.n_sources"),
    ("Confidence", "e.confidence"),
)

EVENT_COLUMNS: tuple[str, ...] = tuple(name for name, _ in _EVENT_TABLE)
POLECAT_COLUMNS: tuple[str, ...] = tuple(name for name, _ in _POLECAT_TABLE)

_JOINS = (
    "FROM events e LEFT JOIN stories s ON s.id = e.story_id "
    "LEFT JOIN documents d ON d.id = e.doc_id"
)
_ORDER = "ORDER BY e.day NULLS LAST, e.doc_id, e.sentence, e.id"

_PLAIN_SQL = {
    "stories": "SELECT * FROM stories ORDER BY day NULLS LAST, id",
    "documents": "SELECT * FROM documents ORDER BY published NULLS LAST, id",
    "actors": "SELECT * FROM actors ORDER BY code",
    "dyad_month": "SELECT * FROM dyad_month ORDER BY month, source_code, target_code, type",
}


def export_table(
    con: duckdb.DuckDBPyConnection, table: str, filters: EventFilter | None = None
) -> pa.Table:
    """The rows of `table` as `export` writes them: "events" (`EVENT_COLUMNS`), "polecat"
    (`POLECAT_COLUMNS`), both in date order and kept by `filters`, or one of the stored
    tables stories, documents, actors and dyad_month, whole. Raise StoreError for another
    name."""
    if table in ("events", "polecat"):
        where, params = event_where(filters or EventFilter())
        if table == "events":
            sql = f"{_select(_EVENT_TABLE)} {_JOINS} WHERE {where} {_ORDER}"
        else:
            sql, params = _polecat_sql(con, where, params)
    elif table in _PLAIN_SQL:
        sql, params = _PLAIN_SQL[table], []
    else:
        raise StoreError(
            f"unknown table {table!r}; choose one of events, polecat, {', '.join(_PLAIN_SQL)}"
        )
    return _fetch(con, sql, params)


def event_rows(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> pa.Table:
    """The flat event table (`EVENT_COLUMNS`, as `export` writes it) of these event ids,
    in their order: what `detente events --format csv` prints for a page of events."""
    sql = (
        f"{_select(_EVENT_TABLE)} {_JOINS} WHERE e.id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY list_position(?::VARCHAR[], e.id)"
    )
    return _fetch(con, sql, [list(ids), list(ids)])


def _select(columns: tuple[tuple[str, str], ...]) -> str:
    return "SELECT " + ", ".join(f'{sql} AS "{name}"' for name, sql in columns)


def _polecat_sql(
    con: duckdb.DuckDBPyConnection, where: str, params: list[Any]
) -> tuple[str, list[Any]]:
    """The POLECAT table's SQL with each actor code's name and state bound as parameters."""
    codes = [row[0] for row in con.execute("SELECT code FROM actors ORDER BY code").fetchall()]
    names, states = known_names(con, codes), actor_states(codes)
    info = (
        "WITH info AS (SELECT unnest(?::VARCHAR[]) AS code, unnest(?::VARCHAR[]) AS name, "
        "unnest(?::VARCHAR[]) AS country) "
    )
    sql = (
        f"{info}{_select(_POLECAT_TABLE)} {_JOINS} "
        "LEFT JOIN info sa ON sa.code = e.source_code LEFT JOIN info ta ON ta.code = e.target_code "
        f"WHERE {where} {_ORDER}"
    )
    info_params = [codes, [names.get(c) for c in codes], [states.get(c) for c in codes]]
    return sql, [*info_params, *params]


def _fetch(con: duckdb.DuckDBPyConnection, sql: str, params: list[Any]) -> pa.Table:
    cursor = con.execute(sql, params)
    # duckdb 2 renamed fetch_arrow_table to to_arrow_table (looked up by name: the stubs of
    # either version lack the other)
    name = "to_arrow_table" if hasattr(cursor, "to_arrow_table") else "fetch_arrow_table"
    fetch = getattr(cursor, name)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "extra copy": fine for an export
        return fetch()
