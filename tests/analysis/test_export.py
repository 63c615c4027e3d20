from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from detente.analysis import CAMEO_ROOT, export
from detente.analysis.export import EVENT_COLUMNS, POLECAT_COLUMNS, cameo_root
from detente.errors import StoreError
from detente.ontology import QUAD_OF
from detente.store import EventFilter, Store


def test_every_plover_type_has_a_cameo_root() -> None:
    assert set(CAMEO_ROOT) == set(QUAD_OF)
    assert cameo_root("AGREE", "settle") == "05" and cameo_root("ASSAULT") == "18"


@pytest.mark.parametrize("suffix", ["parquet", "csv", "jsonl"])
@pytest.mark.parametrize(
    "table", ["events", "polecat", "stories", "documents", "actors", "dyad_month"]
)
def test_export_writes_every_table_in_every_format(
    filled: Store, tmp_path: Path, table: str, suffix: str
) -> None:
    path = tmp_path / f"out.{suffix}"
    n = export(filled.con, path, table=table)  # type: ignore[arg-type]
    assert n > 0
    if suffix == "parquet":
        assert pq.read_table(path).num_rows == n
    elif suffix == "csv":
        assert len(list(csv.DictReader(path.open()))) == n
    else:
        assert len([json.loads(line) for line in path.open()]) == n


def test_polecat_table_has_cameo_and_quad_codes(filled: Store, tmp_path: Path) -> None:
    path = tmp_path / "p.jsonl"
    export(filled.con, path, table="polecat", filters=EventFilter(place="Hasakah"))
    (row,) = [json.loads(line) for line in path.open()]
    assert row["Event Type"] == "ASSAULT" and row["CAMEO Root"] == "18" and row["Quad Code"] == 4
    assert row["Actor Code"] == "ISIS" and row["Placename"] == "Hasakah"
    # a country column holds states only: ISIS has none, its target is Syria's
    assert row["Actor Country"] is None and row["Recipient Country"] == "SYR"


def test_unknown_suffix_is_an_error(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="format"):
        export(filled.con, tmp_path / "out.xlsx")


def test_polecat_keeps_date_precision_names_states_and_the_url(
    store: Store, tmp_path: Path
) -> None:
    # #10: a year became 1984-01-01, raw text filled name columns, group codes country columns
    from datetime import date

    from detente_factories import actor, event, extraction

    text = "Protesters in Basra accused it of neglect in 1984."
    store.add_extractions(
        [
            extraction(
                "y",
                [text],
                [
                    event(
                        "y",
                        0,
                        "ACCUSE",
                        actor("CIV-IRQ", "Protesters in Basra"),
                        actor("IRQ", "it", start=28),
                        when="1984",
                        precision="year",
                        evidence=text,
                    )
                ],
                published=date(2025, 1, 2),
                url="https://example.org/basra",
            )
        ]
    )
    export(store.con, tmp_path / "p.parquet", table="polecat")
    export(store.con, tmp_path / "p.jsonl", table="polecat")
    (row,) = [json.loads(line) for line in (tmp_path / "p.jsonl").open()]
    assert (row["Event Date"], row["Date Precision"]) == ("1984", "year")
    assert row["Actor Name"] is None and row["Actor Name Raw"] == "Protesters in Basra"
    assert (row["Actor Country"], row["Actor Code"]) == ("IRQ", "CIV-IRQ")
    assert (row["Recipient Name"], row["Recipient Name Raw"], row["Recipient Country"]) == (
        "Iraq",
        "it",
        "IRQ",
    )
    assert row["Source URL"] == "https://example.org/basra"
    assert row["CAMEO Root"] == "11"
    schema = pq.read_table(tmp_path / "p.parquet").schema
    assert tuple(schema.names) == POLECAT_COLUMNS
    assert schema.field("Event Date").type == schema.field("CAMEO Root").type == "string"


@pytest.mark.parametrize("table", ["events", "polecat"])
def test_event_tables_keep_cameo_codes_as_text(filled: Store, tmp_path: Path, table: str) -> None:
    import duckdb

    path = tmp_path / "t.csv"
    export(filled.con, path, table=table, filters=EventFilter(types=("REQUEST",)))  # type: ignore[arg-type]
    column = "cameo_root" if table == "events" else "CAMEO Root"
    assert '"02"' in path.read_text()
    found = duckdb.sql(
        f'SELECT typeof("{column}"), "{column}" FROM read_csv(\'{path}\')'
    ).fetchall()
    assert found == [("VARCHAR", "02")]
    assert pq.read_table(_parquet(filled, tmp_path, table)).schema.field(column).type == "string"


def test_event_table_has_one_schema_whatever_the_filter(filled: Store, tmp_path: Path) -> None:
    for i, filters in enumerate(
        (EventFilter(), EventFilter(actor="RUS"), EventFilter(text="none such"))
    ):
        path = tmp_path / f"e{i}.parquet"
        export(filled.con, path, filters=filters)
        assert tuple(pq.read_table(path).schema.names) == EVENT_COLUMNS


def _parquet(store: Store, tmp_path: Path, table: str) -> Path:
    path = tmp_path / f"{table}.parquet"
    export(store.con, path, table=table)  # type: ignore[arg-type]
    return path
