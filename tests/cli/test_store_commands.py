"""Every store command, run through click against a store filled with hand-built events."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))

from detente_factories import corpus

from detente.analysis.export import EVENT_COLUMNS
from detente.cli import cli as detente
from detente.store import Store

SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "cli.duckdb"
    with Store.open(path) as store:
        store.add_extractions(corpus())
    return str(path)


def run(*args: str) -> str:
    result = CliRunner().invoke(detente, list(args), catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_events_table_jsonl_csv(db: str) -> None:
    table = run("events", "--db", db)
    assert "8 story events" in table and "ASSAULT" in table
    lines = run("events", "--db", db, "--format", "jsonl", "--actor", "TUR").splitlines()
    assert len(lines) == 3 and all(json.loads(x)["doc_id"] for x in lines)
    rows = list(
        csv.DictReader(
            io.StringIO(run("events", "--db", db, "--format", "csv", "--count", "report"))
        )
    )
    assert len(rows) == 9 and "source_code" in rows[0]


@pytest.mark.parametrize(
    "args",
    [
        [],
        ["--actor", "RUS"],
        ["--place", "Hasakah"],
        ["--text", "no such words"],
        ["--count", "report"],
    ],
)
def test_events_csv_has_the_export_columns_whatever_the_query(
    db: str, args: list[str], tmp_path: Path
) -> None:
    # #10: the columns (42 or 44, in varying order) followed the rows a query found
    text = run("events", "--db", db, "--format", "csv", *args)
    header = next(csv.reader(io.StringIO(text)))
    assert tuple(header) == EVENT_COLUMNS
    run("export", str(tmp_path / "e.csv"), "--db", db)
    assert (tmp_path / "e.csv").read_text().splitlines()[0] == text.splitlines()[0]


def test_events_csv_keeps_cameo_codes_as_text(db: str) -> None:
    text = run("events", "--db", db, "--format", "csv", "--actor", "RUS")
    (row,) = csv.DictReader(io.StringIO(text))
    assert row["cameo_root"] == "02" and '"02"' in text


def test_events_table_says_how_many_are_counted(db: str) -> None:
    # #10: the list shows every event; the analyses count fewer
    assert "8 story events, 7 of them counted in analyses" in run("events", "--db", db)
    assert "7 counted story events" in run("events", "--db", db, "--counted")
    assert "RUS" not in run("events", "--db", db, "--counted", "--format", "jsonl")


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--dyad", "TUR", "IRN"], 1),
        (["--dyad", "tur", "irn"], 1),  # codes are case-insensitive, as in the API
        (["--actor", "tur", "--type", "REJECT"], 1),
        (["--type", "REJECT"], 2),
        (["--quad", "material_conflict"], 1),
        (["--since", "2025-01-01", "--until", "2025-12-31"], 4),
        (["--place", "Hasakah"], 1),
        (["--text", "referendum"], 2),
        (["--min-confidence", "0.5"], 8),
        (["--limit", "2", "--offset", "1"], 2),
    ],
)
def test_events_filters(db: str, args: list[str], expected: int) -> None:
    out = run("events", "--db", db, "--format", "jsonl", *args)
    assert len(out.splitlines()) == expected


@pytest.mark.parametrize(
    "command",
    [["events"], ["dyad", "TUR", "IRN"], ["network"], ["brief"]],
    ids=["events", "dyad", "network", "brief"],
)
def test_since_after_until_is_one_error_line(db: str, command: list[str]) -> None:
    result = CliRunner().invoke(
        detente, [*command, "--db", db, "--since", "2025-05", "--until", "2024"]
    )
    assert result.exit_code == 1
    assert result.output.strip() == "Error: since 2025-05 is after until 2024: no date matches"


def test_actors(db: str) -> None:
    table = run("actors", "--db", db)
    assert "TUR" in table and "Hulusi Akar" in table
    items = [json.loads(x) for x in run("actors", "--db", db, "--format", "jsonl").splitlines()]
    tur = next(a for a in items if a["code"] == "TUR")
    assert tur["n_events"] == 3 and tur["roles"]
    assert "code" in run("actors", "--db", db, "--format", "csv").splitlines()[0]


def test_documents(db: str) -> None:
    assert "3 documents" in run("documents", "--db", db)
    assert len(run("documents", "--db", db, "--format", "jsonl").splitlines()) == 3


def test_dyad(db: str) -> None:
    assert "TUR–IRN" in run("dyad", "TUR", "IRN", "--db", db)
    series = json.loads(
        run("dyad", "tur", "irn", "--db", db, "--format", "json", "--period", "week")
    )
    assert series["totals"]["both"]["cooperative"] == 1
    rows = list(
        csv.DictReader(
            io.StringIO(
                run("dyad", "TUR", "IRN", "--db", db, "--format", "csv", "--count", "report")
            )
        )
    )
    assert {r["direction"] for r in rows} == {"TUR>IRN", "IRN>TUR", "both"}


def test_network_formats(db: str, tmp_path: Path) -> None:
    assert "ISIS" in run("network", "--db", db)
    assert "directed ties" in run("network", "--db", db, "--directed")
    directed = json.loads(run("network", "--db", db, "--format", "json", "--directed"))
    assert directed["directed"] and all(e["weight"] >= 0 for e in directed["edges"])
    graph = json.loads(run("network", "--db", db, "--format", "json"))
    assert {n["id"] for n in graph["nodes"]} >= {"TUR", "IRN", "SYR", "ISIS"}
    out = tmp_path / "n.graphml"
    assert "->" in run("network", "--db", db, "--format", "graphml", "--out", str(out))
    assert "<graphml" in out.read_text()
    assert "<gexf" in run("network", "--db", db, "--format", "gexf")


def test_brief(db: str) -> None:
    text = run("brief", "--db", db)
    assert "Strongest cooperation" in text and "Hasakah" in text
    assert json.loads(run("brief", "--db", db, "--format", "json"))["totals"]["documents"] == 3


def test_export(db: str, tmp_path: Path) -> None:
    out = tmp_path / "e.parquet"
    assert "9 rows" in run("export", str(out), "--db", db)
    assert "1 rows (polecat)" in run(
        "export", str(tmp_path / "p.csv"), "--db", db, "--table", "polecat", "--type", "ASSAULT"
    )


def test_a_missing_store_is_a_clean_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(detente, ["events", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "Error: no store" in result.output


def test_db_from_environment(db: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DETENTE_DB", db)
    assert "3 documents" in run("documents")


@pytest.mark.model
@pytest.mark.skipif(not SEEDS.is_dir(), reason="needs ../shared/seeds")
def test_ingest_seeds_twice_then_brief(tmp_path: Path) -> None:
    pytest.importorskip("detente.ingest", reason="needs detente.ingest")
    from detente import ingest as ingest_module

    if not hasattr(ingest_module, "read_paths"):
        pytest.skip("detente.ingest.read_paths not written yet")
    db = str(tmp_path / "seeds.duckdb")
    first = run("ingest", str(SEEDS), "--db", db, "--quiet")
    assert "3 documents ingested" in first
    second = run("ingest", str(SEEDS), "--db", db, "--quiet")
    assert "0 documents ingested" in second and "3 unchanged" in second
    assert "Brief: 3 documents" in run("brief", "--db", db)
