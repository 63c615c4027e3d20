"""The service (#11): read articles, code them, hand the results to a sink.

`code_articles` is the one place that joins reading, coding and writing. Its callers differ
only in the coder and the sink they give it:

- `detente extract`: the pipeline in this process (`pipeline_coder`) or a Dask cluster
  (`scale.cluster_coder`), into a writer of the stdout formats;
- `detente ingest`, `detente watch`, `Store.ingest` in notebooks: the same coders, into
  the store (`StoreSink`);
- `POST /api/documents`: the app's pipeline, into the store under the app's write lock;
- each Dask task: the worker's pipeline, into a Parquet partition (`ParquetSink`).

The store never imports the pipeline: whatever codes articles is handed in as a coder.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from .models import Article, Extraction, Skipped
from .store import IngestCounts, Store, text_hash

if TYPE_CHECKING:
    from spacy.language import Language

__all__ = [
    "Coder",
    "ParquetSink",
    "Sink",
    "StoreSink",
    "code_articles",
    "pipeline_coder",
    "tally",
]

log = logging.getLogger(__name__)

Coder = Callable[[Iterable[Article]], Iterable[Extraction]]
"""Articles in, one Extraction per article out, in input order."""

T = TypeVar("T")
_LOOKUP = 256  # articles asked of `Sink.held` at a time


class Sink:
    """Where `code_articles` hands what it coded. Subclasses write a batch in `write`;
    `held` (what the sink already has, not to be coded again) and `close` are optional."""

    def held(self, articles: Sequence[Article]) -> set[str]:
        """The ids of those articles that the sink already holds with the same text."""
        return set()

    def write(self, extractions: Sequence[Extraction]) -> IngestCounts:
        """Take one batch of results, in input order; return what was written."""
        raise NotImplementedError

    def close(self) -> None:
        """Called once every batch was written (not after an error)."""


def code_articles(
    items: Iterable[Article | Skipped],
    sink: Sink,
    coder: Coder,
    *,
    batch_size: int = 64,
    say: Callable[[str], None] | None = None,
    progress: Callable[[IngestCounts], None] | None = None,
) -> IngestCounts:
    """Code `items` with `coder` and hand the results to `sink`, `batch_size` at a time.

    A `Skipped` item, and an article the coder fails on, is said in one line (`say`; by
    default a logged warning) and counted as a failure; a failed article still goes to the
    sink, without events. Articles the sink already holds (`Sink.held`) are counted as
    unchanged and not coded again. `progress` is called with the running counts after each
    batch. If coding or writing raises, the batches written so far stay written and the
    batch in hand is dropped: a sink that commits each batch (the store) keeps all it
    committed, and running the same items again does the rest.
    """
    tell = say or log.warning
    counts = IngestCounts()
    skipped: Counter[str] = Counter()

    def wanted() -> Iterator[Article]:
        for chunk in batched(items, _LOOKUP):
            articles = []
            for item in chunk:
                if isinstance(item, Skipped):
                    counts.failures += 1
                    skipped[item.reason] += 1
                    tell(f"skipped {item.source}: {item.reason}")
                else:
                    articles.append(item)
            held = sink.held(articles)
            counts.unchanged += sum(1 for article in articles if article.id in held)
            yield from (article for article in articles if article.id not in held)
            if progress is not None:
                progress(counts)

    def coded() -> Iterator[Extraction]:
        for extraction in coder(wanted()):
            if extraction.error:
                counts.failures += 1
                article = extraction.article
                tell(f"failed {article.source or article.id}: {extraction.error}")
            yield extraction

    for batch in batched(coded(), batch_size):
        counts.add(sink.write(batch))
        if progress is not None:
            progress(counts)
    sink.close()
    if skipped:
        reasons = ", ".join(f"{n} {reason}" for reason, n in sorted(skipped.items()))
        log.info("%d documents skipped: %s", sum(skipped.values()), reasons)
    return counts


def pipeline_coder(nlp: Language, *, batch_size: int = 64, n_process: int = 1) -> Coder:
    """A coder that runs the spaCy pipeline `nlp` in this process (`nlp.pipeline.extract`)."""
    from .nlp import pipeline

    def code(articles: Iterable[Article]) -> Iterable[Extraction]:
        return pipeline.extract(articles, nlp, batch_size=batch_size, n_process=n_process)

    return code


def tally(extractions: Sequence[Extraction]) -> IngestCounts:
    """The counts of a batch handed on whole: its documents, sentences and events."""
    return IngestCounts(
        documents=len(extractions),
        sentences=sum(len(extraction.sentences) for extraction in extractions),
        events=sum(len(extraction.events) for extraction in extractions),
    )


class StoreSink(Sink):
    """The store: each batch is one transaction; documents stored with the same text are
    neither coded nor written again, and a changed text replaces the old version."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.counts = IngestCounts()

    def held(self, articles: Sequence[Article]) -> set[str]:
        stored = self.store.document_hashes(article.id for article in articles)
        return {a.id for a in articles if stored.get(a.id) == text_hash(a.text)}

    def write(self, extractions: Sequence[Extraction]) -> IngestCounts:
        written = self.store.add_batch(extractions)
        self.counts.add(written)
        log.info(
            "committed %d documents (%d events) so far", self.counts.documents, self.counts.events
        )
        return written

    def close(self) -> None:
        self.store.optimize()


class ParquetSink(Sink):
    """One Parquet partition (`partitions.write_partition`), written whole when closed."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._kept: list[Extraction] = []

    def write(self, extractions: Sequence[Extraction]) -> IngestCounts:
        self._kept.extend(extractions)
        return tally(extractions)

    def close(self) -> None:
        from .partitions import write_partition

        write_partition(self.path, self._kept)


def batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    """Lists of `size` items (the last one shorter), read lazily."""
    stream = iter(items)
    while batch := list(islice(stream, size)):
        yield batch
