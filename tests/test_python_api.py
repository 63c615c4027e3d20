"""The notebook API (notebook.py) and the doctests of docs/python.md."""

from __future__ import annotations

import doctest
import importlib.util
import logging
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from detente_factories import corpus, simple

import detente
from detente import notebook
from detente.models import Actor, Article, Event, Extraction, Trigger
from detente.store import Store as DbStore

DOCS = Path(__file__).resolve().parents[1] / "docs" / "python.md"
HAS_PANDAS = importlib.util.find_spec("pandas") is not None
KISMAYO = "MOGADISHU, March 14, 2024 - Somali troops attacked al-Shabaab fighters near Kismayo."


class _WithoutFrames(doctest.DocTestParser):
    """Leaves out the section that needs pandas, "## DataFrames", and what follows it."""

    def parse(self, string: str, name: str = "<string>") -> list[Any]:
        return super().parse(string.split("\n## DataFrames", 1)[0], name)


@pytest.mark.model
def test_docs_python_md_examples_run() -> None:
    parser = doctest.DocTestParser() if HAS_PANDAS else _WithoutFrames()
    result = doctest.testfile(
        str(DOCS), module_relative=False, parser=parser, optionflags=doctest.ELLIPSIS
    )
    assert result.attempted > 10
    assert result.failed == 0


@pytest.mark.model
def test_extract_leaves_out_bad_documents_with_one_warning(
    caplog: pytest.LogCaptureFixture,
) -> None:
    german = "Der Bundeskanzler traf sich heute mit dem Präsidenten der Republik in Berlin."
    with caplog.at_level(logging.WARNING, logger="detente.notebook"):
        events = detente.extract(["", german, KISMAYO])
    assert any(e.type == "ASSAULT" for e in events)
    warnings = [r for r in caplog.records if r.name == "detente.notebook"]
    assert len(warnings) == 1 and "2 document(s) left out" in warnings[0].getMessage()


def _fake_event(article: Article) -> Event:
    return Event(
        doc_id=article.id,
        sentence=0,
        type="ASSAULT",
        quad="material_conflict",
        source=Actor(code="SOM", text="Somali troops", span=(0, 13)),
        target=Actor(code=None, text="fighters", span=(20, 28)),
        trigger=Trigger(text="attacked", span=(14, 22)),
        evidence=article.text,
        confidence=0.4,
    )


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> list[Article]:
    """Replace the model with one event per article; returns the articles it was given."""
    seen: list[Article] = []

    def run(articles: Iterable[Article], nlp: Any, **_: Any) -> Iterator[Extraction]:
        for article in articles:
            seen.append(article)
            yield Extraction(article=article, events=(_fake_event(article),))

    monkeypatch.setattr("detente.nlp.pipeline.extract", run)
    monkeypatch.setattr(notebook, "pipeline", lambda settings=None: None)
    return seen


def test_extract_takes_text_articles_and_paths(
    fake_pipeline: list[Article], tmp_path: Path
) -> None:
    (tmp_path / "kismayo.txt").write_text(KISMAYO, encoding="utf-8")
    given = Article(id="given", text=KISMAYO)
    events = detente.extract([KISMAYO, given, tmp_path, str(tmp_path / "kismayo.txt")])
    assert [e.doc_id for e in events][1:] == ["given", "kismayo", "kismayo"]
    assert events[0].doc_id.startswith("text-")
    assert len(detente.extract(KISMAYO)) == 1  # one string is one report, not characters


@pytest.mark.parametrize("text", ["", " ", "no such file.txt"])
def test_a_string_that_names_no_file_is_text(fake_pipeline: list[Article], text: str) -> None:
    detente.extract([text, KISMAYO])
    assert [a.source for a in fake_pipeline][-1].startswith("text-")
    assert all(a.source and a.source.startswith("text-") for a in fake_pipeline)


def test_extract_applies_the_event_settings(fake_pipeline: list[Article]) -> None:
    assert detente.extract(KISMAYO, settings=detente.Settings(min_confidence=0.5)) == []
    assert detente.extract(KISMAYO, settings=detente.Settings(keep_unresolved=False)) == []


def test_pipeline_is_built_once_per_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    built: list[detente.Settings] = []
    monkeypatch.setattr(notebook, "_PIPELINES", {})
    monkeypatch.setattr("detente.nlp.pipeline.build_nlp", lambda s: built.append(s) or object())
    first = notebook.pipeline()
    assert notebook.pipeline(detente.Settings(db_path=Path("other.duckdb"))) is first
    notebook.pipeline(detente.Settings(coder="rules"))
    assert len(built) == 2


@pytest.fixture
def stored(tmp_path: Path) -> Iterator[detente.Store]:
    """A notebook Store over the hand-built corpus of tests/store/detente_factories.py."""
    path = tmp_path / "t.duckdb"
    with DbStore.open(path) as db:
        db.add_extractions(corpus())
    with detente.Store(path) as store:
        yield store


def test_store_events_takes_the_event_filters(stored: detente.Store) -> None:
    everything = stored.events()
    assert len(everything) > 3
    assert len(stored.events(limit=2)) == 2
    turkey = stored.events(actor="TUR")
    assert turkey and all(
        "TUR" in (e["source"]["code"], (e["target"] or {}).get("code")) for e in turkey
    )
    assert {e["type"] for e in stored.events(types="CONSULT")} == {"CONSULT"}
    assert stored.events(types=["CONSULT"]) == stored.events(types="CONSULT")
    assert len(stored.events(count="report")) >= len(everything)
    with pytest.raises(TypeError):
        stored.events(colour="red")


def test_store_events_reads_every_page(
    stored: detente.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(notebook, "_PAGE", 2)
    assert [e["id"] for e in stored.events()] == [e["id"] for e in stored.events(limit=1000)]
    assert len(stored.events(limit=3)) == 3


def test_store_dyad_and_network(stored: detente.Store) -> None:
    series = stored.dyad("TUR", "IRN", period="week")
    assert series["periods"] == ["2017-W40"]
    network = stored.network()
    assert "TUR" in {node["id"] for node in network["nodes"]}


def test_store_ingest_skips_what_it_cannot_read(
    fake_pipeline: list[Article], tmp_path: Path
) -> None:
    with detente.Store(tmp_path / "n.duckdb") as store:
        counts = store.ingest(["", KISMAYO])
        assert (counts.documents, counts.failures) == (1, 1)
        assert store.ingest(KISMAYO).unchanged == 1
        assert len(store.events(count="report")) == 1


def test_frames_without_pandas_say_how_to_install_it(
    stored: detente.Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    for call in (
        stored.events_frame,
        stored.network_frames,
        lambda: stored.dyad_frame("TUR", "IRN"),
        lambda: detente.to_frame([]),
    ):
        with pytest.raises(ImportError, match="pip install pandas"):
            call()


@pytest.mark.skipif(not HAS_PANDAS, reason="pandas is not installed")
def test_frames(stored: detente.Store) -> None:
    frame = stored.events_frame(actor="TUR")
    assert len(frame) == len(stored.events(actor="TUR")) and "source_code" in frame.columns
    dyad = stored.dyad_frame("TUR", "IRN", period="week")
    assert set(dyad["direction"]) == {"TUR>IRN", "IRN>TUR", "both"}
    nodes, edges = stored.network_frames()
    assert "TUR" in set(nodes["id"]) and len(edges) > 0


def test_to_frame_flattens_events_and_records() -> None:
    record = _fake_event(Article(id="a", text=KISMAYO)).to_dict()
    flat = notebook._flat(record)
    assert flat["source_code"] == "SOM" and flat["trigger_text"] == "attacked"
    assert "source" not in flat and "place" not in flat
    assert (
        notebook._flat(
            simple("b", "CONSULT", "TUR", "SYR", "2025-10-12", "Fidan met Shaibani.")
            .events[0]
            .to_dict()
        )["target_code"]
        == "SYR"
    )
