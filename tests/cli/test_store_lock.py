"""A store another process is writing: every command says so in one line (#10)."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente.cli import cli
from detente.store import Store


@pytest.fixture
def held(tmp_path: Path) -> Iterator[Path]:
    """A store and another process that holds it open for writing, as an ingest does."""
    path = tmp_path / "busy.duckdb"
    Store.open(path).close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import duckdb, sys, time; con = duckdb.connect(sys.argv[1]); "
            "print('ready', flush=True); time.sleep(60)",
            str(path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ready"
        yield path
    finally:
        holder.kill()
        holder.wait()


@pytest.mark.parametrize(
    "command",
    [["events", "--limit", "1"], ["actors"], ["serve", "--port", "1"], ["ingest", "examples/"]],
    ids=["events", "actors", "serve", "ingest"],
)
def test_a_store_in_use_is_one_error_line_naming_the_process(
    held: Path, command: list[str]
) -> None:
    result = CliRunner().invoke(cli, [*command, "--db", str(held)])
    assert result.exit_code == 1
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: the store")
    assert "in use by another process (PID" in lines[0] and "copy" in lines[0]
