"""The service (#11): one function reads, codes and hands results to a sink.

A fake coder stands in for the pipeline, so these tests need no model.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

import pytest
from detente_factories import simple

from detente.models import Article, Extraction, Skipped
from detente.partitions import read_partition
from detente.service import ParquetSink, Sink, StoreSink, code_articles, tally
from detente.store import IngestCounts, Store

SRC = Path(__file__).resolve().parents[1] / "src" / "detente"


def _article(doc_id: str, text: str = "Turkey accused Iran.") -> Article:
    return Article(id=doc_id, text=text, source=f"{doc_id}.txt")


class _Coder:
    """One event per article; an article whose id is `boom` fails. Remembers what it coded."""

    def __init__(self) -> None:
        self.coded: list[str] = []

    def __call__(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        for article in articles:
            self.coded.append(article.id)
            if article.id == "boom":
                yield Extraction(article=article, error="ValueError: boom")
                continue
            made = simple(article.id, "ACCUSE", "TUR", "IRN", "2025-10-12", article.text)
            yield Extraction(
                article=article,
                sentences=made.sentences,
                mentions=made.mentions,
                events=made.events,
            )


class _Batches(Sink):
    def __init__(self) -> None:
        self.batches: list[list[str]] = []
        self.closed = False

    def write(self, extractions: Sequence[Extraction]) -> IngestCounts:
        self.batches.append([e.article.id for e in extractions])
        return tally(extractions)

    def close(self) -> None:
        self.closed = True


def test_results_reach_the_sink_in_order_and_in_batches() -> None:
    sink = _Batches()
    counts = code_articles([_article(n) for n in "abcde"], sink, _Coder(), batch_size=2)
    assert sink.batches == [["a", "b"], ["c", "d"], ["e"]]
    assert sink.closed
    assert (counts.documents, counts.events, counts.failures) == (5, 5, 0)


def test_skipped_and_failed_documents_are_said_once_and_counted() -> None:
    said: list[str] = []
    sink = _Batches()
    items = [_article("a"), Skipped(source="empty.txt", reason="empty file"), _article("boom")]
    counts = code_articles(items, sink, _Coder(), say=said.append)
    assert said == ["skipped empty.txt: empty file", "failed boom.txt: ValueError: boom"]
    assert counts.failures == 2
    assert sink.batches == [["a", "boom"]]  # a failed document goes on, without events


def test_documents_the_store_holds_unchanged_are_not_coded_again(store: Store) -> None:
    first = code_articles([_article("a"), _article("b")], StoreSink(store), _Coder())
    coder = _Coder()
    again = code_articles(
        [_article("a"), _article("b", "Iran accused Turkey.")], StoreSink(store), coder
    )
    assert first.documents == 2
    assert coder.coded == ["b"]
    assert (again.documents, again.replaced, again.unchanged) == (1, 1, 1)


def test_progress_is_told_the_running_counts() -> None:
    seen: list[int] = []
    code_articles(
        [_article(n) for n in "abc"],
        _Batches(),
        _Coder(),
        batch_size=1,
        progress=lambda counts: seen.append(counts.documents),
    )
    assert seen[:3] == [1, 2, 3] and seen[-1] == 3


def test_a_sink_is_not_closed_when_coding_fails() -> None:
    def broken(articles: Iterable[Article]) -> Iterator[Extraction]:
        raise RuntimeError("the coder broke")
        yield  # pragma: no cover

    sink = _Batches()
    with pytest.raises(RuntimeError):
        code_articles([_article("a")], sink, broken)
    assert not sink.closed


def test_a_parquet_sink_writes_its_partition_when_closed(tmp_path: Path) -> None:
    path = tmp_path / "part-00000.parquet"
    counts = code_articles(
        [_article("a"), _article("boom")],
        ParquetSink(path),
        _Coder(),
        batch_size=1,
        say=lambda line: None,
    )
    assert [e.article.id for e in read_partition(path)] == ["a", "boom"]
    assert (counts.documents, counts.events, counts.failures) == (2, 1, 1)


@pytest.mark.parametrize("path", sorted((SRC / "store").glob("*.py")), ids=lambda p: p.name)
def test_the_store_does_not_import_the_pipeline(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = [
        f"{'.' * node.level}{node.module or ''}" if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert not [name for name in imported if name.startswith(("..nlp", "detente.nlp", "spacy"))]
