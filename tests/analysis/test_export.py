from __future__ import annotations

import csv
import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from detente.analysis import CAMEO_ROOT, export
from detente.analysis.export import cameo_root
from detente.errors import StoreError
from detente.store import EventFilter, Store
from detente.store.schema import QUAD_OF_TYPE


def test_every_plover_type_has_a_cameo_root() -> None:
    assert set(CAMEO_ROOT) == set(QUAD_OF_TYPE)
    assert cameo_root("AGREE", "settle") == "05" and cameo_root("ASSAULT") == "18"


@pytest.mark.parametrize("suffix", ["parquet", "csv", "jsonl"])
@pytest.mark.parametrize("table", ["events", "polecat", "stories", "documents", "actors", "dyad_month"])
def test_export_writes_every_table_in_every_format(filled: Store, tmp_path: Path, table: str, suffix: str) -> None:
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
    assert row["Actor Country"] == "ISIS" and row["Placename"] == "Hasakah"


def test_unknown_suffix_is_an_error(filled: Store, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="format"):
        export(filled.con, tmp_path / "out.xlsx")
