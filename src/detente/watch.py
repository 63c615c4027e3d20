"""Keep a store current with a list of feeds: poll them, ingest the new items only.

`poll_feeds` reads each feed once (a conditional GET with the validators the store kept
from the last poll), fetches the pages of the items whose URL is not stored yet, codes
them and commits them, then saves the feed's new validators. A feed that is down, slow,
malformed or redirects in a loop is one `FeedPoll` with an `error`; the others go on.
`watch` repeats `poll_feeds` every so often until it is asked to stop.

Each poll hands the feeds' new pages to the service (`service.code_articles`) with the
store as its sink; the `detente watch` command is a thin layer over `watch`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

from .errors import StoreError
from .ingest.feeds import feed_articles, read_feed
from .ingest.fetch import Fetcher
from .models import Skipped
from .service import StoreSink, code_articles, pipeline_coder
from .store import (
    FeedState,
    IngestCounts,
    Store,
    feed_states,
    save_feed_state,
    stored_urls,
)

__all__ = ["FeedPoll", "Poll", "next_poll_at", "poll_feeds", "watch"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class FeedPoll:
    """What one poll found in one feed."""

    url: str
    items: int = 0  # items the feed lists
    new: int = 0  # of those, not stored before: their pages were fetched this poll
    not_modified: bool = False  # the server answered 304
    error: str | None = None  # why the feed could not be read


@dataclass(frozen=True, kw_only=True)
class Poll:
    """One poll of every feed: when it began (naive UTC), how long it took, what it did."""

    started: datetime
    seconds: float
    feeds: tuple[FeedPoll, ...] = ()
    counts: IngestCounts = field(default_factory=IngestCounts)
    stopped: bool = False  # a stop request cut it short

    @property
    def new(self) -> int:
        return sum(feed.new for feed in self.feeds)

    @property
    def failed(self) -> tuple[FeedPoll, ...]:
        return tuple(feed for feed in self.feeds if feed.error)


def poll_feeds(
    store: Store,
    urls: Sequence[str],
    *,
    fetcher: Fetcher,
    nlp: Any,
    stop: Callable[[], bool] | None = None,
    date: date | None = None,
    batch_size: int = 64,
    n_process: int = 1,
    commit_every: int = 64,
) -> Poll:
    """Poll each feed once and ingest the pages of its new items.

    A feed's validators are saved only once its new items are committed, so an
    interrupted poll fetches the feed in full next time (stored items are not fetched
    again). `stop` is asked between feeds and between pages.
    """
    stopping = stop or (lambda: False)
    started = _utcnow()
    clock = time.perf_counter()
    states = feed_states(store.con, urls)
    results: list[FeedPoll] = []
    counts = IngestCounts()
    for url in urls:
        if stopping():
            break
        state = states.get(url) or FeedState(url=url)
        feed = read_feed(fetcher, url, etag=state.etag, last_modified=state.last_modified)
        polled = _utcnow()
        if isinstance(feed, Skipped):
            save_feed_state(store.con, replace(state, polled_at=polled, error=feed.reason))
            results.append(FeedPoll(url=url, error=feed.reason))
            continue
        if feed.not_modified:
            save_feed_state(
                store.con,
                replace(
                    state,
                    etag=feed.etag,
                    last_modified=feed.last_modified,
                    polled_at=polled,
                    error=None,
                ),
            )
            results.append(FeedPoll(url=url, items=state.n_items or 0, not_modified=True))
            continue
        known = stored_urls(store.con, [item.url for item in feed.items])
        articles = feed_articles(fetcher, feed, skip=known, date=date, stop=stopping)
        coder = pipeline_coder(nlp, batch_size=batch_size, n_process=n_process)
        counts.add(code_articles(articles, StoreSink(store), coder, batch_size=commit_every))
        results.append(FeedPoll(url=url, items=len(feed.items), new=len(feed.items) - len(known)))
        if stopping():
            break  # some items may not have been read: keep the old validators
        save_feed_state(
            store.con,
            FeedState(
                url=url,
                etag=feed.etag,
                last_modified=feed.last_modified,
                polled_at=polled,
                changed_at=polled,
                error=None,
                n_items=len(feed.items),
            ),
        )
    return Poll(
        started=started,
        seconds=time.perf_counter() - clock,
        feeds=tuple(results),
        counts=counts,
        stopped=stopping(),
    )


def next_poll_at(
    states: Mapping[str, FeedState], urls: Sequence[str], *, every: timedelta, now: datetime
) -> datetime:
    """When the next poll is due: now if a feed was never polled, else `every` after the
    feed polled longest ago was (a restarted watch does not poll again too soon)."""
    polled = [states[url].polled_at if url in states else None for url in urls]
    if not polled or any(when is None for when in polled):
        return now
    return min(when for when in polled if when is not None) + every


def watch(
    open_store: Callable[[], AbstractContextManager[Store]],
    urls: Sequence[str],
    *,
    every: timedelta,
    fetcher: Fetcher,
    nlp: Any,
    stop: threading.Event,
    report: Callable[[Poll], None],
    once: bool = False,
    **ingest: Any,
) -> int:
    """Poll `urls` every `every` until `stop` is set (or once); return how many polls ran.

    The store is opened for each poll and closed between polls, so that other commands
    can read it meanwhile; if it cannot be opened for a poll (another process holds it),
    that poll is skipped with a warning and the next one tried. `report` is called with
    each Poll; `ingest` goes on to `poll_feeds` (batch_size, n_process, commit_every, date).
    """
    due = _utcnow()
    if not once:
        with open_store() as store:
            due = next_poll_at(feed_states(store.con, urls), urls, every=every, now=due)
    polls = 0
    while not stop.is_set():
        wait = (due - _utcnow()).total_seconds()
        if wait > 0:
            logger.info("next poll at %s UTC", due.isoformat(sep=" ", timespec="seconds"))
            if stop.wait(wait):
                break
        try:
            with open_store() as store:
                poll = poll_feeds(store, urls, fetcher=fetcher, nlp=nlp, stop=stop.is_set, **ingest)
        except StoreError as err:
            if once:
                raise
            logger.warning("poll skipped: %s", err)
            due = _utcnow() + every
            continue
        polls += 1
        report(poll)
        if once:
            break
        due = poll.started + every
    return polls


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)  # DuckDB TIMESTAMP is naive: UTC by rule
