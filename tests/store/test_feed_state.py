"""store/feeds.py and the feeds table: the state `detente watch` keeps; stored_urls."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from detente.models import Article, Extraction
from detente.store import (
    SCHEMA_VERSION,
    FeedState,
    Store,
    feed_states,
    save_feed_state,
    schema_version,
    stored_urls,
)
from detente.store.migrations import migrate


def test_feed_state_round_trips_and_is_replaced(store: Store) -> None:
    first = FeedState(
        url="http://a/feed",
        etag='"1"',
        last_modified="Sun, 12 Oct 2025 08:00:00 GMT",
        polled_at=datetime(2025, 10, 12, 8),
        changed_at=datetime(2025, 10, 12, 8),
        n_items=2,
    )
    save_feed_state(store.con, first)
    assert feed_states(store.con, ["http://a/feed", "http://b/feed"]) == {"http://a/feed": first}
    failed = FeedState(url="http://a/feed", etag='"1"', error="HTTP 503 Service Unavailable")
    save_feed_state(store.con, failed)
    assert feed_states(store.con, ["http://a/feed"]) == {"http://a/feed": failed}
    assert feed_states(store.con, []) == {}


def test_stored_urls_names_the_urls_documents_came_from(store: Store) -> None:
    article = Article(id="a", text="Turkey attacked Iraq.", url="http://127.0.0.1/a.html")
    store.add_extractions([Extraction(article=article)])
    asked = ["http://127.0.0.1/a.html", "http://127.0.0.1/b.html", "http://127.0.0.1/a.html"]
    assert stored_urls(store.con, asked) == {"http://127.0.0.1/a.html"}
    assert stored_urls(store.con, []) == set()


def test_a_version_1_store_gains_the_feeds_table(tmp_path: Path) -> None:
    import duckdb

    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, target=1)
    con.execute("INSERT INTO documents (id, text, text_hash) VALUES ('a', 'x', 'h')")
    con.close()
    with Store.open(path) as store:
        assert schema_version(store.con) == SCHEMA_VERSION
        save_feed_state(store.con, FeedState(url="http://a/feed"))
        assert store.con.execute("SELECT count(*) FROM documents").fetchone() == (1,)
