"""What `extract` and `ingest` share (cli/_run.py): the progress bar and where to code.

A fake pipeline stands in for spaCy, so these tests need no model.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from detente_factories import simple

from detente.cli import cli as detente
from detente.models import Article, Extraction


def _fake_extract(articles: Iterable[Article], nlp: Any, **kwargs: Any) -> Iterator[Extraction]:
    for article in articles:
        made = simple(article.id, "ACCUSE", "SYR", "TUR", "2025-12-02", article.text)
        yield Extraction(article=article, sentences=made.sentences, events=made.events)


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("detente.nlp.pipeline.build_nlp", lambda settings: None)
    monkeypatch.setattr("detente.nlp.pipeline.extract", _fake_extract)
    for name in ("DETENTE_BATCH_SIZE", "DETENTE_WORKERS", "DETENTE_DB", "DETENTE_MIN_CONFIDENCE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text("Syria accused Turkey of shelling.\n", encoding="utf-8")
    return folder


def _run(*args: str) -> Result:
    return CliRunner().invoke(detente, list(args), catch_exceptions=False)


def test_ingest_draws_no_bar_when_standard_error_is_not_a_terminal(reports: Path) -> None:
    result = _run("ingest", str(reports), "--db", "t.duckdb")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert "3 documents ingested" in result.stdout


def test_progress_draws_the_bar_on_standard_error(reports: Path) -> None:
    result = _run("ingest", str(reports), "--db", "t.duckdb", "--progress")
    assert result.exit_code == 0
    assert "ingesting" in result.stderr and "3 documents" in result.stderr
    assert "partitions" not in result.stderr  # no cluster, no partitions


def test_quiet_wins_over_progress(reports: Path) -> None:
    result = _run("ingest", str(reports), "--db", "t.duckdb", "--progress", "--quiet")
    assert result.stderr == ""


def test_extract_draws_the_bar_apart_from_the_events(reports: Path) -> None:
    result = _run("extract", str(reports), "--format", "jsonl", "--progress")
    assert result.exit_code == 0
    assert "coding" in result.stderr
    assert [json.loads(line)["doc_id"] for line in result.stdout.splitlines()] == ["a", "b", "c"]


@pytest.mark.parametrize("command", ["extract", "ingest"])
def test_parts_needs_a_cluster(reports: Path, command: str) -> None:
    result = _run(command, str(reports), "--parts", "parts")
    assert result.exit_code == 2
    assert "--parts goes with --cluster" in result.stderr
