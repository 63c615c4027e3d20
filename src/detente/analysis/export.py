"""Export the store as Parquet, CSV or JSONL tables, including a POLECAT-style table and
CAMEO root codes for GDELT-era tools.

PLOVER → CAMEO root codes (`CAMEO_ROOT`, refined by mode in `CAMEO_MODE_ROOT`; both are
read from ontology/plover.json, and this table says why):

| PLOVER | CAMEO | why |
|---|---|---|
| REQUEST | 02 Appeal | a request; mode `demand` → 10 Demand |
| AGREE | 03 Express intent to cooperate | modes `sign`, `settle` → 05 (057 Sign formal agreement) |
| CONSULT | 04 Consult | |
| SUPPORT | 05 Engage in diplomatic cooperation | praise, endorse, recognise |
| COOPERATE | 06 Engage in material cooperation | |
| AID | 07 Provide aid | |
| CONCEDE | 08 Yield | concessions (ease sanctions, release, accede to demands) |
| RETREAT | 08 Yield | withdraw, demobilise, ceasefire (087 De-escalate military engagement) |
| ACCUSE | 11 Disapprove | |
| REJECT | 12 Reject | |
| THREATEN | 13 Threaten | |
| PROTEST | 14 Protest | |
| MOBILIZE | 15 Exhibit force posture | |
| SANCTION | 16 Reduce relations | |
| COERCE | 17 Coerce | arrests, expulsions, seizures |
| ASSAULT | 18 Assault | 19 Fight or 20 Use unconventional mass violence, by mode (below) |

ASSAULT with mode `aerial`, `drone`, `firearms`, `artillery` or `military` is 19 Fight; with
`cbrn` or `mass`, 20 Use unconventional mass violence.

CAMEO 01 (public statements) and 09 (investigate) have no PLOVER root counterpart.

Every table has one fixed set of columns, whatever the query (`EVENT_COLUMNS`,
`POLECAT_COLUMNS`), and codes are text: a CAMEO root is "02", never 2. In CSV, every text
value is quoted, so a reader that tells quoted from bare values (Python's csv with
QUOTE_NONNUMERIC, DuckDB) keeps "02"; pandas and pyarrow need the column named as text.
"""

from __future__ import annotations

import io
import json
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, Literal

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from ..errors import StoreError
from ..models import EVENT_RECORD
from ..ontology import CAMEO_MODE_ROOT, CAMEO_ROOT, QUAD_CODE, cameo_root
from ..store.filters import EventFilter
from ..store.names import actor_states, known_names
from ..store.queries import event_where

Table = Literal["events", "polecat", "stories", "documents", "actors", "dyad_month"]
Format = Literal["parquet", "csv", "jsonl"]

# CAMEO_ROOT, CAMEO_MODE_ROOT and cameo_root are the ontology's (ontology/plover.json),
# offered here too, next to the tables that use them
__all__ = [
    "CAMEO_MODE_ROOT",
    "CAMEO_ROOT",
    "EVENT_COLUMNS",
    "POLECAT_COLUMNS",
    "cameo_root",
    "csv_text",
    "event_rows",
    "export",
    "write_csv",
]


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


def export(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    *,
    table: Table = "events",
    format: Format | None = None,
    filters: EventFilter | None = None,
) -> int:
    """Write `table` to `path` (format from the suffix unless given) and return the number
    of rows written. `filters` applies to the event tables (events, polecat)."""
    target = Path(path)
    fmt = format or _format_of(target)
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
    result = _fetch(con, sql, params)
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        pq.write_table(result, target)
    elif fmt == "csv":
        with target.open("wb") as out:
            write_csv(result, out)
    else:
        with target.open("w", encoding="utf-8") as out:
            for row in result.to_pylist():
                out.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")
    return int(result.num_rows)


def event_rows(con: duckdb.DuckDBPyConnection, ids: Sequence[str]) -> pa.Table:
    """The flat event table (`EVENT_COLUMNS`, as `export` writes it) of these event ids,
    in their order: what `detente events --format csv` prints for a page of events."""
    sql = (
        f"{_select(_EVENT_TABLE)} {_JOINS} WHERE e.id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY list_position(?::VARCHAR[], e.id)"
    )
    return _fetch(con, sql, [list(ids), list(ids)])


def write_csv(table: pa.Table, out: IO[bytes]) -> None:
    """Write `table` as CSV: a header, text quoted, lists joined with ';'."""
    pa_csv.write_csv(_csv_safe(table), out)


def csv_text(table: pa.Table) -> str:
    """`table` as CSV text (see `write_csv`)."""
    buffer = io.BytesIO()
    write_csv(table, buffer)
    return buffer.getvalue().decode("utf-8")


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


def _format_of(path: Path) -> Format:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("parquet", "pq"):
        return "parquet"
    if suffix == "csv":
        return "csv"
    if suffix in ("jsonl", "ndjson", "json"):
        return "jsonl"
    raise StoreError(
        f"cannot tell the format of {path}; use a .parquet, .csv or .jsonl name or --format"
    )


def _csv_safe(table: pa.Table) -> pa.Table:
    """CSV has no lists: join list columns with ';'."""
    columns = []
    for column in table.columns:
        if pa.types.is_list(column.type):
            column = pa.array(
                [";".join(map(str, v)) if v is not None else None for v in column.to_pylist()]
            )
        columns.append(column)
    return pa.table(columns, names=table.column_names)


def _json_default(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
