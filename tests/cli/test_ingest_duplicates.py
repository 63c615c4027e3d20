"""`detente ingest` of texts the store holds under other names: said, and not counted (#10).

A fake pipeline stands in for spaCy, so these tests need no model.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result
from detente_factories import simple

from detente.cli import cli as detente
from detente.models import Article, Extraction

REPORTS = {
    "shelling": "Syria accused Turkey of shelling villages near the border on Tuesday.",
    "airspace": "Syria accused Turkey of violating its airspace over Idlib again.",
}


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


def _folder(path: Path, prefix: str = "") -> Path:
    path.mkdir()
    for name, text in REPORTS.items():
        (path / f"{prefix}{name}.txt").write_text(text + "\n", encoding="utf-8")
    return path


def _run(*args: str) -> Result:
    return CliRunner().invoke(detente, list(args), catch_exceptions=False)


def test_ingest_says_how_many_documents_repeat_stored_ones(tmp_path: Path) -> None:
    first = _run("ingest", str(_folder(tmp_path / "reports")), "--db", "t.duckdb")
    assert first.exit_code == 0
    assert "2 documents ingested (0 replaced, 0 unchanged, 0 duplicates), 2 events" in first.stdout
    assert "repeat" not in first.stdout
    tables = [("actors", "--format", "csv"), ("dyad", "SYR", "TUR", "--format", "csv")]
    before = [_run(*table, "--db", "t.duckdb").stdout for table in tables]

    again = _run("ingest", str(_folder(tmp_path / "copies", "again-")), "--db", "t.duckdb")
    assert again.exit_code == 0
    assert "2 documents ingested (0 replaced, 0 unchanged, 2 duplicates), 0 events" in again.stdout
    assert "2 of them repeat the text of a stored document" in again.stdout
    assert [_run(*table, "--db", "t.duckdb").stdout for table in tables] == before

    third = _run("ingest", str(tmp_path / "copies"), "--db", "t.duckdb")
    assert "0 documents ingested (0 replaced, 2 unchanged, 0 duplicates)" in third.stdout
