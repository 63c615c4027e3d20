"""`detente extract` and `detente ingest` report bad documents in the same words (#10).

A fake pipeline stands in for spaCy: it codes every article but fails on `boom`, so these
tests need no model.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from detente.cli import cli as detente
from detente.models import Article, Extraction

GOOD = "Turkey attacked Iraq on Sunday, officials in Ankara said after the strikes.\n"


def _fake_extract(articles: Iterable[Article], nlp: Any, **kwargs: Any) -> Iterator[Extraction]:
    for article in articles:
        error = "ValueError: boom" if article.id == "boom" else None
        yield Extraction(article=article, error=error)


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr("detente.nlp.pipeline.build_nlp", lambda settings: None)
    monkeypatch.setattr("detente.nlp.pipeline.extract", _fake_extract)
    for name in ("DETENTE_MAX_BYTES", "DETENTE_BATCH_SIZE", "DETENTE_WORKERS", "DETENTE_DB"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture
def reports(tmp_path: Path) -> Path:
    """A good report, an empty one, one the pipeline fails on, and a symbolic link loop."""
    folder = tmp_path / "reports"
    (folder / "sub").mkdir(parents=True)
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_text("", encoding="utf-8")
    (folder / "sub" / "boom.txt").write_text(GOOD.replace("Iraq", "Syria"), encoding="utf-8")
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)
    return folder


def _run(*args: str) -> Result:
    return CliRunner().invoke(detente, list(args), catch_exceptions=False)


def _reports(result: Result, caplog: pytest.LogCaptureFixture) -> list[str]:
    """What the command said about each document and folder: its own lines, then its log."""
    lines = result.stderr.splitlines()[:-1]
    logged = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    return sorted(lines + [m for m in logged if m.startswith(("skipped ", "failed ", "not "))])


def test_extract_and_ingest_report_bad_documents_in_the_same_words(
    reports: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    extracted = _run("extract", str(reports), "--format", "jsonl")
    said_by_extract = _reports(extracted, caplog)
    caplog.clear()
    ingested = _run("ingest", str(reports), "--db", str(tmp_path / "t.duckdb"), "--quiet")
    said_by_ingest = _reports(ingested, caplog)

    expected = [
        f"failed {reports / 'sub' / 'boom.txt'}: ValueError: boom",
        f"not reading {reports / 'sub' / 'loop'}: a symbolic link loop back to {reports}",
        f"skipped {reports / 'empty.txt'}: empty",
    ]
    assert said_by_extract == expected
    assert said_by_ingest == expected
    for result in (extracted, ingested):
        assert result.exit_code == 1
        assert result.stderr.splitlines()[-1] == "2 document(s) could not be read or coded"
    assert "2 documents ingested" in ingested.stdout  # good and boom (stored without events)


def test_ingest_of_good_documents_says_nothing_on_stderr(reports: Path, tmp_path: Path) -> None:
    good = str(reports / "good.txt")
    result = _run("ingest", good, "--db", str(tmp_path / "t.duckdb"), "--quiet")
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
