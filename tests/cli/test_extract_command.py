"""`detente extract` through click: inputs, output formats, and bad documents.

The command builds its pipeline with `build_nlp`; the tests hand it the session's
pipeline instead, so the model loads once for the whole run.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from spacy.language import Language

from detente.cli import cli as detente
from detente.cli.extract import CSV_FIELDS

pytestmark = pytest.mark.model

GOOD = (
    "ANKARA, February 14, 2024 - Turkish warplanes struck PKK targets in northern Iraq on "
    "Tuesday.\n"
)
HTML = """<!doctype html><html><head><title>Talks in Doha</title>
<meta property="article:published_time" content="2024-02-13"></head>
<body><nav>Home | World</nav><article>
<p>India and Pakistan held talks in Doha on Monday. The two countries agreed to reopen their border
crossings, officials from both governments said after the meeting.</p></article>
<footer>Copyright</footer></body></html>
"""
JSONL = [
    {
        "id": "j1",
        "text": "Russia deployed troops to the border with Ukraine.",
        "published": "2022-02-01",
    },
    {
        "id": "j2",
        "text": "The European Union imposed sanctions on Russia.",
        "published": "2022-03-01",
    },
]
RECORD_FIELDS = {
    "id",
    "doc_id",
    "sentence",
    "type",
    "mode",
    "contexts",
    "quad",
    "source",
    "target",
    "date",
    "date_precision",
    "date_text",
    "place",
    "modality",
    "trigger",
    "evidence",
    "confidence",
    "rule",
}
ACTOR_FIELDS = {"code", "name", "sector", "role", "text", "span"}
FRENCH = (
    "Le ministre des affaires étrangères a rencontré son homologue turc à Ankara pour discuter "
    "de la sécurité à la frontière et de la coopération économique entre les deux pays.\n"
)


@pytest.fixture(autouse=True)
def shared_pipeline(nlp: Language, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The session pipeline instead of a fresh one, and no stray detente.toml or DETENTE_*
    settings."""
    monkeypatch.setattr("detente.nlp.pipeline.build_nlp", lambda settings: nlp)
    for name in (
        "DETENTE_MAX_BYTES",
        "DETENTE_MIN_CONFIDENCE",
        "DETENTE_BATCH_SIZE",
        "DETENTE_WORKERS",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "ankara.txt").write_text(GOOD, encoding="utf-8")
    (folder / "doha.html").write_text(HTML, encoding="utf-8")
    (folder / "corpus.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in JSONL), encoding="utf-8"
    )
    return folder


def _run(cli: CliRunner, *args: str, **kwargs: object) -> Result:
    return cli.invoke(detente, ["extract", *args], catch_exceptions=False, **kwargs)  # type: ignore[arg-type]


def _records(result: Result) -> list[dict]:  # type: ignore[type-arg]
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_extract_jsonl_reads_txt_html_and_jsonl(cli: CliRunner, reports: Path) -> None:
    result = _run(cli, str(reports), "--format", "jsonl")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    records = _records(result)
    assert {r["doc_id"] for r in records} == {"ankara", "doha", "j1", "j2"}
    found = {
        (r["doc_id"], r["type"], r["source"]["code"], (r["target"] or {}).get("code"))
        for r in records
    }
    assert ("ankara", "ASSAULT", "TUR", "PKK") in found
    assert ("doha", "CONSULT", "IND", "PAK") in found
    assert ("j1", "MOBILIZE", "RUS", "UKR") in found
    assert ("j2", "SANCTION", "EU", "RUS") in found


def test_extract_jsonl_records_carry_the_design_fields(cli: CliRunner, reports: Path) -> None:
    records = _records(_run(cli, str(reports), "--format", "jsonl"))
    assert records
    for record in records:
        assert set(record) == RECORD_FIELDS
        assert set(record["source"]) >= ACTOR_FIELDS
        assert record["target"] is None or set(record["target"]) >= ACTOR_FIELDS
        assert set(record["trigger"]) == {"text", "span"}
        assert record["evidence"] and isinstance(record["contexts"], list)
    [ankara] = [
        r for r in records if r["doc_id"] == "ankara" and (r["target"] or {}).get("code") == "PKK"
    ]
    assert (ankara["date"], ankara["date_precision"], ankara["date_text"]) == (
        "2024-02-13",
        "day",
        "on Tuesday",
    )
    start, end = ankara["source"]["span"]
    assert GOOD[start:end] == ankara["source"]["text"] == "Turkish warplanes"


def test_extract_csv_header_and_rows(cli: CliRunner, reports: Path) -> None:
    result = _run(cli, str(reports), "--format", "csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.stdout.splitlines()[0].split(",") == CSV_FIELDS
    assert rows and {row["doc_id"] for row in rows} == {"ankara", "doha", "j1", "j2"}
    assert all(row["type"] and row["source_text"] and row["evidence"] for row in rows)


def test_extract_table_with_summary(cli: CliRunner, reports: Path) -> None:
    result = _run(cli, str(reports), "--summary")
    assert result.exit_code == 0, result.output
    assert "ASSAULT" in result.stdout and "events" in result.stdout
    assert "actors" in result.stdout and "dyads" in result.stdout
    assert "material conflict" in result.stdout  # the dyad table names quad classes in words


def test_extract_min_confidence_drops_events(cli: CliRunner, reports: Path) -> None:
    assert _records(_run(cli, str(reports), "--format", "jsonl", "--min-confidence", "1.0")) == []


def test_extract_reads_stdin(cli: CliRunner) -> None:
    result = _run(
        cli, "-", "--format", "jsonl", input="Russia deployed troops to the border with Ukraine.\n"
    )
    assert result.exit_code == 0, result.output
    records = _records(result)
    assert records and {r["doc_id"] for r in records} == {"stdin"}
    assert ("MOBILIZE", "RUS", "UKR") in {
        (r["type"], r["source"]["code"], r["target"]["code"]) for r in records
    }


def test_extract_date_option_sets_the_document_date(cli: CliRunner) -> None:
    result = _run(
        cli,
        "-",
        "--format",
        "jsonl",
        "--date",
        "2025-10-12",
        input="Turkey attacked Iraq on Sunday.\n",
    )
    assert {r["date"] for r in _records(result)} == {"2025-10-12"}


BAD = {
    "binary.txt": (b"\x00\x01\x02\x03PK\x03\x04" * 64, "binary file"),
    "empty.txt": (b"", "empty"),
    "latin1.txt": (
        b"Turkish forces struck targets near Dohuk, officials in Ankara said."
        + " Le ministère a réagi.".encode("latin-1"),
        "not UTF-8",
    ),
    "french.txt": (FRENCH.encode("utf-8"), "not English"),
    "huge.txt": ((GOOD * 40).encode("utf-8"), "is over the 1.0 KB limit"),
}


@pytest.fixture(scope="module")
def mixed(nlp: Language, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Result]:
    """One good report among bad ones, run once: every bad one is skipped, the good one coded."""
    folder = tmp_path_factory.mktemp("mixed")
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    for name, (content, _) in BAD.items():
        (folder / name).write_bytes(content)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("detente.nlp.pipeline.build_nlp", lambda settings: nlp)
        patch.chdir(folder)
        result = CliRunner().invoke(
            detente,
            ["extract", str(folder), "--format", "jsonl"],
            env={"DETENTE_MAX_BYTES": "1000"},
            catch_exceptions=False,
        )
    return folder, result


def test_extract_with_bad_documents_exits_1_and_still_codes_the_good_one(
    mixed: tuple[Path, Result],
) -> None:
    _, result = mixed
    assert result.exit_code == 1
    assert {r["doc_id"] for r in _records(result)} == {"good"}
    assert result.stderr.splitlines()[-1] == f"{len(BAD)} document(s) could not be read or coded"


@pytest.mark.parametrize("name", BAD, ids=[n.split(".")[0] for n in BAD])
def test_extract_skips_a_bad_document_with_its_reason(
    mixed: tuple[Path, Result], name: str
) -> None:
    folder, result = mixed
    lines = [
        line for line in result.stderr.splitlines() if line.startswith(f"skipped {folder / name}: ")
    ]
    assert len(lines) == 1, result.stderr
    assert BAD[name][1] in lines[0]


def test_extract_missing_path_is_skipped(cli: CliRunner, reports: Path, tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    result = _run(cli, str(reports / "ankara.txt"), str(missing), "--format", "jsonl")
    assert result.exit_code == 1
    assert f"skipped {missing}: no such file or folder" in result.stderr.splitlines()
    assert {r["doc_id"] for r in _records(result)} == {"ankara"}


def test_extract_needs_a_path(cli: CliRunner) -> None:
    result = cli.invoke(detente, ["extract"])
    assert result.exit_code == 2
    assert "Missing argument" in result.output
