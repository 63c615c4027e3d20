"""Export the store as Parquet, CSV or JSONL tables, including a POLECAT-style table and
CAMEO root codes for GDELT-era tools.

PLOVER → CAMEO root codes (`CAMEO_ROOT`, refined by mode in `CAMEO_MODE_ROOT`):

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
| ASSAULT | 18 Assault | modes `aerial`, `drone`, `firearms`, `artillery`, `military` → 19 Fight; `cbrn`, `mass` → 20 Use unconventional mass violence |

CAMEO 01 (public statements) and 09 (investigate) have no PLOVER root counterpart.
"""

from __future__ import annotations

import json
import warnings
from pathlib import Path
from typing import Any, Literal

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from ..errors import StoreError
from ..store.queries import EventFilter, _event_where

Table = Literal["events", "polecat", "stories", "documents", "actors", "dyad_month"]
Format = Literal["parquet", "csv", "jsonl"]

CAMEO_ROOT: dict[str, str] = {
    "REQUEST": "02",
    "AGREE": "03",
    "CONSULT": "04",
    "SUPPORT": "05",
    "COOPERATE": "06",
    "AID": "07",
    "CONCEDE": "08",
    "RETREAT": "08",
    "ACCUSE": "11",
    "REJECT": "12",
    "THREATEN": "13",
    "PROTEST": "14",
    "MOBILIZE": "15",
    "SANCTION": "16",
    "COERCE": "17",
    "ASSAULT": "18",
}
CAMEO_MODE_ROOT: dict[tuple[str, str], str] = {
    ("REQUEST", "demand"): "10",
    ("AGREE", "sign"): "05",
    ("AGREE", "settle"): "05",
    ("ASSAULT", "aerial"): "19",
    ("ASSAULT", "drone"): "19",
    ("ASSAULT", "firearms"): "19",
    ("ASSAULT", "artillery"): "19",
    ("ASSAULT", "military"): "19",
    ("ASSAULT", "cbrn"): "20",
    ("ASSAULT", "mass"): "20",
}
QUAD_CODE = {
    "verbal_cooperation": 1,
    "material_cooperation": 2,
    "verbal_conflict": 3,
    "material_conflict": 4,
}


def cameo_root(event_type: str, mode: str | None = None) -> str | None:
    """The CAMEO root code (two digits) for a PLOVER type and mode, or None."""
    if mode and (event_type, mode) in CAMEO_MODE_ROOT:
        return CAMEO_MODE_ROOT[(event_type, mode)]
    return CAMEO_ROOT.get(event_type)


def _cameo_case() -> str:
    modes = " ".join(
        f"WHEN e.type = '{t}' AND e.mode = '{m}' THEN '{c}'" for (t, m), c in CAMEO_MODE_ROOT.items()
    )
    roots = " ".join(f"WHEN e.type = '{t}' THEN '{c}'" for t, c in CAMEO_ROOT.items())
    return f"CASE {modes} {roots} ELSE NULL END"


def _quad_case() -> str:
    return "CASE " + " ".join(f"WHEN e.quad = '{q}' THEN {n}" for q, n in QUAD_CODE.items()) + " END"


_EVENTS_SQL = f"""
    SELECT e.id, e.story_id, s.n_reports AS story_reports, s.n_sources AS story_sources,
           e.doc_id, e.sentence, e.type, e.mode, array_to_string(e.contexts, ';') AS contexts,
           e.quad, {_cameo_case()} AS cameo_root,
           e.source_code, e.source_name, e.source_sector, e.source_role, e.source_kind,
           e.source_text, e.target_code, e.target_name, e.target_sector, e.target_role,
           e.target_kind, e.target_text, e.date, e.date_precision, e.date_text, e.day,
           e.place_name, e.place_country, e.place_lat, e.place_lon, e.modality,
           e.trigger_text, e.evidence, e.confidence, e.rule, e.counted
    FROM events e LEFT JOIN stories s ON s.id = e.story_id"""

_POLECAT_SQL = f"""
    SELECT e.id AS "Event ID", e.day AS "Event Date", e.type AS "Event Type",
           e.mode AS "Event Mode", {_quad_case()} AS "Quad Code",
           array_to_string(e.contexts, ';') AS "Contexts",
           coalesce(e.source_name, e.source_text) AS "Actor Name",
           e.source_code AS "Actor Country", e.source_sector AS "Primary Actor Sector",
           e.source_role AS "Actor Title", e.source_text AS "Actor Name Raw",
           coalesce(e.target_name, e.target_text) AS "Recipient Name",
           e.target_code AS "Recipient Country", e.target_sector AS "Primary Recipient Sector",
           e.target_role AS "Recipient Title", e.target_text AS "Recipient Name Raw",
           e.place_name AS "Placename", e.place_country AS "Country",
           e.place_lat AS "Latitude", e.place_lon AS "Longitude",
           d.source AS "Source", d.published AS "Publication Date", d.title AS "Headline",
           e.doc_id AS "Story ID", e.sentence AS "Sentence Number",
           e.evidence AS "Event Text", e.modality AS "Modality",
           {_cameo_case()} AS "CAMEO Root", e.story_id AS "Story Event ID",
           s.n_sources AS "Story Sources", e.confidence AS "Confidence"
    FROM events e LEFT JOIN stories s ON s.id = e.story_id
    LEFT JOIN documents d ON d.id = e.doc_id"""

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
        where, params = _event_where(filters or EventFilter())
        base = _EVENTS_SQL if table == "events" else _POLECAT_SQL
        sql = f"{base} WHERE {where} ORDER BY e.day NULLS LAST, e.doc_id, e.sentence, e.id"
    elif table in _PLAIN_SQL:
        sql, params = _PLAIN_SQL[table], []
    else:
        raise StoreError(f"unknown table {table!r}; choose one of events, polecat, {', '.join(_PLAIN_SQL)}")
    cursor = con.execute(sql, params)
    # duckdb 2 renamed fetch_arrow_table to to_arrow_table
    fetch = getattr(cursor, "to_arrow_table", None) or cursor.fetch_arrow_table
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # "extra copy": fine for an export
        result = fetch()
    target.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        pq.write_table(result, target)
    elif fmt == "csv":
        pa_csv.write_csv(_csv_safe(result), target)
    else:
        with target.open("w", encoding="utf-8") as out:
            for row in result.to_pylist():
                out.write(json.dumps(row, ensure_ascii=False, default=_json_default) + "\n")
    return int(result.num_rows)


def _format_of(path: Path) -> Format:
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("parquet", "pq"):
        return "parquet"
    if suffix == "csv":
        return "csv"
    if suffix in ("jsonl", "ndjson", "json"):
        return "jsonl"
    raise StoreError(f"cannot tell the format of {path}; use a .parquet, .csv or .jsonl name or --format")


def _csv_safe(table: pa.Table) -> pa.Table:
    """CSV has no lists: join list columns with ';'."""
    columns = []
    for name, column in zip(table.column_names, table.columns, strict=True):
        if pa.types.is_list(column.type):
            column = pa.array([";".join(map(str, v)) if v is not None else None for v in column.to_pylist()])
        columns.append(column)
    return pa.table(columns, names=table.column_names)


def _json_default(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else str(value)
