"""Option values are checked at the command line (#10): a bad one ends in one `Error: ...`
line that says what is allowed and exit status 2, never a traceback or a silent empty answer.

Every value is checked before a command opens the store or loads a model, so these tests
need neither.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))

from detente_factories import corpus

from detente.cli import cli as detente
from detente.store import Store

DATES = "use YYYY, YYYY-MM or YYYY-MM-DD"
COUNT = "is not in the range 1<=x<="


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["events", "--since", "yesterday"], f"'yesterday' is not a valid date; {DATES}"),
        (["events", "--until", "2025-02-30"], f"'2025-02-30' is not a valid date; {DATES}"),
        (["events", "--since", "2025-13"], f"'2025-13' is not a valid date; {DATES}"),
        (["events", "--until", "20"], f"'20' is not a valid date; {DATES}"),
        (["events", "--limit", "-1"], f"-1 {COUNT}"),
        (["events", "--limit", "0"], f"0 {COUNT}"),
        (["events", "--limit", "99999999999999999999"], f"99999999999999999999 {COUNT}"),
        (["events", "--offset", "-1"], "-1 is not in the range 0<=x<="),
        (["events", "--type", "FIGHT"], "'FIGHT' is not a PLOVER type; use one of AGREE, CONSULT"),
        (["events", "--quad", "friendly"], "'friendly' is not a quad class; use one of verbal_"),
        (["events", "--min-confidence", "5"], "'5' is not a number from 0 to 1"),
        (["events", "--min-confidence", "nan"], "'nan' is not a number from 0 to 1"),
        (["events", "--min-confidence", "high"], "'high' is not a number from 0 to 1"),
        (["actors", "--limit", "-1"], f"-1 {COUNT}"),
        (["documents", "--offset", "-5"], "-5 is not in the range 0<=x<="),
        (["dyad", "TUR", "IRN", "--since", "2025-1"], f"'2025-1' is not a valid date; {DATES}"),
        (["network", "--until", "2024-02-30"], f"'2024-02-30' is not a valid date; {DATES}"),
        (["network", "--min-events", "0"], f"0 {COUNT}"),
        (["brief", "--since", "soon"], f"'soon' is not a valid date; {DATES}"),
        (["brief", "--top", "0"], f"0 {COUNT}"),
        (["export", "out.csv", "--until", "2025-00"], f"'2025-00' is not a valid date; {DATES}"),
        (["export", "out.csv", "--type", "war"], "'war' is not a PLOVER type"),
        (["ingest", "x", "--date", "2025-02"], "'2025-02' is not a valid date; use YYYY-MM-DD"),
        (["ingest", "x", "--date", "2023-02-29"], "'2023-02-29' is not a valid date"),
        (["ingest", "x", "--batch-size", "0"], f"0 {COUNT}"),
        (["ingest", "x", "--workers", "0"], f"0 {COUNT}"),
        (["ingest", "x", "--commit-every", "-2"], f"-2 {COUNT}"),
        (["extract", "x", "--batch-size", "0"], f"0 {COUNT}"),
        (["extract", "x", "--workers", "-1"], f"-1 {COUNT}"),
        (["extract", "x", "--min-confidence", "1.5"], "'1.5' is not a number from 0 to 1"),
    ],
    ids=lambda value: " ".join(value) if isinstance(value, list) else "",
)
def test_a_bad_option_value_is_one_error_line(
    args: list[str], says: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store = ["--db", str(tmp_path / "none.duckdb")] if args[0] != "extract" else []
    result = CliRunner().invoke(detente, [*args, *store])
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1, result.output
    assert says in errors[0]
    assert not (tmp_path / "none.duckdb").exists()  # refused before the store was opened


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = tmp_path / "cli.duckdb"
    with Store.open(path) as store:
        store.add_extractions(corpus())
    return str(path)


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["--type", "reject"], 2),
        (["--type", "Reject", "--type", "ASSAULT"], 3),
        (["--quad", "Material_Conflict"], 1),
        (["--since", "2025", "--until", "2025-12"], 4),
        (["--since", " 2025-01-01 "], 4),
        (["--until", "2024-02-29"], 4),
        (["--min-confidence", "0"], 8),
        (["--min-confidence", "1"], 0),
    ],
)
def test_good_values_in_any_case_are_taken(db: str, args: list[str], expected: int) -> None:
    result = CliRunner().invoke(
        detente, ["events", "--db", db, "--format", "jsonl", *args], catch_exceptions=False
    )
    assert result.exit_code == 0, result.output
    assert len(result.output.splitlines()) == expected


def test_help_names_what_a_value_may_be() -> None:
    result = CliRunner().invoke(detente, ["events", "--help"])
    assert "--since DATE" in result.output and "--type TYPE" in result.output
    assert "--min-confidence NUMBER" in result.output and "1<=x<=" in result.output
