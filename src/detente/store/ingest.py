"""Ingest: read articles, skip those already stored unchanged, extract the rest, and
commit them to the store in batches."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator
from typing import Any

from ..models import Article, Extraction, Skipped
from .db import IngestCounts, Store, _chunks, text_hash

log = logging.getLogger(__name__)

Extract = Callable[..., Iterable[Extraction]]


def ingest_articles(
    store: Store,
    items: Iterable[Article | Skipped],
    nlp: Any,
    *,
    batch_size: int = 64,
    n_process: int = 1,
    commit_every: int = 64,
    progress: Callable[[IngestCounts], None] | None = None,
    extract: Extract | None = None,
) -> IngestCounts:
    """Extract events from `items` with `nlp` and write them to `store`.

    Articles whose text is already stored under the same id are not extracted again;
    `Skipped` items are counted as failures. Every `commit_every` documents are one
    transaction, so an interrupted ingest keeps what it committed and a re-run does
    the rest. `progress` is called with the running counts after each commit.
    """
    if extract is None:
        from ..nlp.pipeline import extract as pipeline_extract

        extract = pipeline_extract
    counts = IngestCounts()
    skipped: list[Skipped] = []

    def changed() -> Iterator[Article]:
        for chunk in _chunks(items, 256):  # type: ignore[arg-type]
            articles = [a for a in chunk if isinstance(a, Article)]
            for item in chunk:
                if isinstance(item, Skipped):
                    skipped.append(item)
                    counts.failures += 1
                    log.warning("skipped %s: %s", item.source, item.reason)
            stored = store.document_hashes(a.id for a in articles)
            for article in articles:
                if stored.get(article.id) == text_hash(article.text):
                    counts.unchanged += 1
                else:
                    yield article
            if progress is not None:
                progress(counts)

    def checked() -> Iterator[Extraction]:
        for extraction in extract(changed(), nlp, batch_size=batch_size, n_process=n_process):
            if extraction.error:  # stored without events, and said
                counts.failures += 1
                # the words `detente extract` prints for a document it could not code
                log.warning("failed %s: %s", extraction.article.source or extraction.article.id,
                            extraction.error)
            yield extraction

    for batch in _chunks(checked(), commit_every):
        counts.add(store.add_batch(batch))
        log.info("committed %d documents (%d events) so far", counts.documents, counts.events)
        if progress is not None:
            progress(counts)
    store.optimize()
    if skipped:
        reasons: dict[str, int] = {}
        for item in skipped:
            reasons[item.reason] = reasons.get(item.reason, 0) + 1
        log.warning(
            "%d documents skipped: %s",
            len(skipped),
            ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items())),
        )
    return counts
