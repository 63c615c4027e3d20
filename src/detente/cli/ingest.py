"""`detente ingest`: extract events from documents, pages and feeds, and store them."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import click

from ..models import Article, Skipped
from ..store import Store
from ._common import DAY, POSITIVE, coding_options, db_option, guarded, settings_from
from ._fetch import fetch_options, fetch_options_from
from ._run import run_options


@click.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--feed",
    "feeds",
    multiple=True,
    metavar="FEED_URL",
    help="an RSS or Atom feed: ingest the pages of its items not stored yet (repeatable)",
)
@db_option
@click.option("--workers", type=POSITIVE, default=None, help="processes for the spaCy pipeline")
@click.option("--batch-size", type=POSITIVE, default=None, help="documents per nlp.pipe batch")
@click.option(
    "--commit-every",
    type=POSITIVE,
    default=64,
    show_default=True,
    help="documents per transaction",
)
@click.option(
    "--date",
    "doc_date",
    type=DAY,
    default=None,
    help="publication date for undated documents (YYYY-MM-DD)",
)
@click.option("--quiet", is_flag=True, help="no progress bar")
@run_options
@fetch_options
@coding_options
@guarded
def ingest(
    paths: tuple[str, ...],
    feeds: tuple[str, ...],
    db_path: str | None,
    workers: int | None,
    batch_size: int | None,
    commit_every: int,
    doc_date: str | None,
    quiet: bool,
    cluster: Any,
    parts: Path | None,
    show_progress: bool,
    timeout: float,
    delay: float,
    retries: int,
    coder: str | None,
    all_modalities: bool | None,
    gpu: bool | None,
) -> None:
    """Extract events from documents, web pages and feeds, and store them (idempotent:
    re-running is safe).

    PATHS are files, folders, - (stdin) or http(s) URLs of pages. A feed's items whose URL
    is already stored are not fetched again. With --cluster the documents are coded on a
    Dask cluster, each partition written as Parquet by a worker, and the partitions merged
    into the store; a document stored with the same text is neither coded nor stored again.
    """
    from contextlib import ExitStack
    from datetime import date as _date
    from functools import partial
    from itertools import chain

    from ..ingest import Fetcher, read_feeds, read_paths, read_urls
    from ..service import StoreSink, code_articles
    from ..store import stored_urls
    from ._run import Bar, open_coder, shown

    if not paths and not feeds:
        raise click.UsageError("give at least one PATH, URL or --feed FEED_URL")

    settings = settings_from(
        db_path=db_path,
        workers=workers,
        batch_size=batch_size,
        coder=coder,
        all_modalities=all_modalities,
        gpu=gpu,
    )
    when = _date.fromisoformat(doc_date) if doc_date else None
    urls = [p for p in paths if p.lower().startswith(("http://", "https://"))]
    items: Iterable[Article | Skipped] = read_paths(
        [p for p in paths if p not in urls], date=when, max_bytes=settings.max_bytes
    )
    with Store.open(settings.db_path) as store, ExitStack() as stack:
        if urls or feeds:
            options = fetch_options_from(
                timeout=timeout, delay=delay, retries=retries, max_bytes=settings.max_bytes
            )
            fetcher = stack.enter_context(Fetcher(options))
            items = chain(
                items,
                read_urls(urls, fetcher=fetcher, date=when),
                read_feeds(
                    feeds, fetcher=fetcher, stored=partial(stored_urls, store.con), date=when
                ),
            )
        bar = stack.enter_context(
            Bar("ingesting", show=shown(show_progress, quiet=quiet), cluster=cluster)
        )
        code = stack.enter_context(open_coder(settings, bar, cluster=cluster, parts=parts))
        started = time.perf_counter()
        counts = code_articles(
            items, StoreSink(store), code, batch_size=commit_every, progress=bar.documents
        )
    elapsed = time.perf_counter() - started
    click.echo(
        f"{counts.documents} documents ingested ({counts.replaced} replaced, "
        f"{counts.unchanged} unchanged, {counts.duplicates} duplicates), {counts.events} events, "
        f"{counts.failures} failures in {elapsed:.1f}s -> {settings.db_path}"
    )
    if counts.duplicates:  # (#10)
        click.echo(
            f"{counts.duplicates} of them repeat the text of a stored document: kept as duplicate "
            "reports of it, not counted again"
        )
    if counts.failures:
        click.echo(f"{counts.failures} document(s) could not be read or coded", err=True)
        sys.exit(1)  # as extract: some documents could not be read or coded (see above)


COMMANDS: list[click.Command] = [ingest]
