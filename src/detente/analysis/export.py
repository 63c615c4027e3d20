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
from pathlib import Path
from typing import IO, Any, Literal

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from ..errors import StoreError
from ..ontology import CAMEO_MODE_ROOT, CAMEO_ROOT, cameo_root
from ..store.db import Connection
from ..store.export_tables import EVENT_COLUMNS, POLECAT_COLUMNS, event_rows, export_table
from ..store.filters import EventFilter

Table = Literal["events", "polecat", "stories", "documents", "actors", "dyad_month"]
Format = Literal["parquet", "csv", "jsonl"]

# CAMEO_ROOT, CAMEO_MODE_ROOT and cameo_root are the ontology's (ontology/plover.json),
# offered here too, next to the tables that use them; EVENT_COLUMNS, POLECAT_COLUMNS and
# event_rows are the store's (store/export_tables.py, where the tables' SQL lives)
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


def export(
    con: Connection,
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
    result = export_table(con, table, filters)
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


def write_csv(table: pa.Table, out: IO[bytes]) -> None:
    """Write `table` as CSV: a header, text quoted, lists joined with ';'."""
    pa_csv.write_csv(_csv_safe(table), out)


def csv_text(table: pa.Table) -> str:
    """`table` as CSV text (see `write_csv`)."""
    buffer = io.BytesIO()
    write_csv(table, buffer)
    return buffer.getvalue().decode("utf-8")


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
