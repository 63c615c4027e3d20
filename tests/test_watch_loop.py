"""detente/watch.py: polling feeds into a store, stopping mid-poll, and when the next poll is
due."""

from __future__ import annotations

import sys
import threading
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent / "ingest"))

from loopback import Reply, Site, article_page, rss

from detente.ingest.fetch import Fetcher, FetchOptions
from detente.models import Article, Extraction
from detente.store import FeedState, Store, feed_states, save_feed_state
from detente.watch import next_poll_at, poll_feeds, watch

QUICK = FetchOptions(timeout=0.5, retries=0, min_interval=0.0)
TEXT = [
    (
        "Officials met in Ankara on Sunday to discuss water, the foreign ministry said in a "
        "statement after talks that lasted most of the afternoon in the Turkish capital."
    ),
    "The two delegations agreed to meet again next month, diplomats told reporters.",
]


def _fake_extract(articles: Iterable[Article], nlp: Any, **kwargs: Any) -> Iterator[Extraction]:
    for article in articles:
        yield Extraction(article=article)


@pytest.fixture(autouse=True)
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("detente.nlp.pipeline.extract", _fake_extract)


@pytest.fixture
def feed(tmp_path: Path) -> Iterator[tuple[Site, str]]:
    with Site() as site:
        items = []
        for n in range(3):
            page = article_page(f"Story {n}", TEXT).encode("utf-8")
            items.append((site.route(f"/{n}.html", Reply(body=page)), f"Story {n}", ""))
        yield (
            site,
            site.route(
                "/feed.xml", Reply(body=rss(items), etag='"v1"', content_type="application/rss+xml")
            ),
        )


def test_a_stop_mid_poll_keeps_the_old_validators(feed: tuple[Site, str], store: Store) -> None:
    site, url = feed

    def stop() -> bool:  # yes once the first page has been fetched
        return sum(path.endswith(".html") for path in site.paths()) >= 1

    with Fetcher(QUICK) as fetcher:
        poll = poll_feeds(store, [url], fetcher=fetcher, nlp=None, stop=stop)
        assert poll.stopped and poll.counts.documents == 1
        assert url not in feed_states(store.con, [url])  # no validators: read it in full again
        again = poll_feeds(store, [url], fetcher=fetcher, nlp=None)
    assert again.counts.documents == 2 and not again.stopped
    assert feed_states(store.con, [url])[url].etag == '"v1"'
    assert site.paths().count("/0.html") == 1


def test_a_failed_feed_is_remembered_with_its_reason(store: Store) -> None:
    with Site() as site, Fetcher(QUICK) as fetcher:
        url = site.route("/feed.xml", Reply(status=500))
        poll = poll_feeds(store, [url], fetcher=fetcher, nlp=None)
    assert [f.error for f in poll.failed] == ["HTTP 500 Internal Server Error"]
    state = feed_states(store.con, [url])[url]
    assert state.error == "HTTP 500 Internal Server Error" and state.polled_at is not None


NOW = datetime(2025, 10, 12, 8, 0)


@pytest.mark.parametrize(
    ("polled", "due"),
    [
        ({}, NOW),  # never polled: now
        (
            {"a": NOW - timedelta(minutes=5), "b": NOW - timedelta(minutes=1)},
            NOW + timedelta(minutes=10),
        ),
        (
            {"a": NOW - timedelta(hours=2), "b": NOW},
            NOW - timedelta(hours=1, minutes=45),
        ),  # overdue
        ({"a": NOW}, NOW),  # b never polled
    ],
)
def test_next_poll_at(polled: dict[str, datetime], due: datetime) -> None:
    states = {url: FeedState(url=url, polled_at=when) for url, when in polled.items()}
    assert next_poll_at(states, ["a", "b"], every=timedelta(minutes=15), now=NOW) == due


def test_a_restarted_watch_waits_for_the_next_due_poll(tmp_path: Path) -> None:
    path = tmp_path / "t.duckdb"
    with Store.open(path) as store:
        save_feed_state(
            store.con,
            FeedState(
                url="http://127.0.0.1:9/feed.xml", polled_at=datetime.now(UTC).replace(tzinfo=None)
            ),
        )
    stop = threading.Event()
    threading.Timer(0.2, stop.set).start()
    with Fetcher(QUICK) as fetcher:
        polls = watch(
            lambda: Store.open(path),
            ["http://127.0.0.1:9/feed.xml"],
            every=timedelta(hours=1),
            fetcher=fetcher,
            nlp=None,
            stop=stop,
            report=lambda poll: None,
        )
    assert polls == 0  # polled moments ago: nothing to do before the stop


def test_a_poll_whose_store_cannot_be_opened_is_skipped(caplog: pytest.LogCaptureFixture) -> None:
    from detente.errors import StoreError

    opened: list[int] = []

    def open_store() -> Store:
        opened.append(1)
        if len(opened) == 1:  # the first open only reads when the next poll is due
            return Store.open(":memory:")
        raise StoreError("cannot open the store t.duckdb: it is locked")

    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    with Fetcher(QUICK) as fetcher:
        polls = watch(
            open_store,
            ["http://127.0.0.1:9/feed.xml"],
            every=timedelta(seconds=0.1),
            fetcher=fetcher,
            nlp=None,
            stop=stop,
            report=lambda poll: None,
        )
    assert polls == 0 and len(opened) >= 3
    assert "poll skipped: cannot open the store t.duckdb: it is locked" in caplog.text
