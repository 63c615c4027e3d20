"""ingest/feeds.py: RSS and Atom feeds read from a loopback site, and the pages of their items."""

from __future__ import annotations

import dataclasses
from datetime import date
from pathlib import Path

import pytest
from loopback import QUICK, Reply, Site, article_page, atom, rss

from detente.errors import InputError
from detente.ingest.feeds import (
    Feed,
    FeedItem,
    parse_feed,
    read_feed,
    read_feed_list,
    read_feeds,
)
from detente.ingest.fetch import Fetcher
from detente.models import Article, Skipped

RSS_TYPE = "application/rss+xml"


def _page(topic: str) -> bytes:
    paragraphs = [
        (
            f"Officials met in Ankara on Sunday to discuss {topic}, the foreign ministry said "
            "in a statement after talks that lasted most of the afternoon."
        ),
        (
            f"The two delegations agreed to meet again next month to continue work on {topic}, "
            "diplomats familiar with the negotiations told reporters in the capital."
        ),
    ]
    return article_page(f"Talks on {topic}", paragraphs).encode("utf-8")


@pytest.fixture
def two_items(site: Site) -> str:
    """A feed of two items whose pages are served; returns the feed's URL."""
    for name in ("water", "trade"):
        site.route(f"/news/{name}.html", Reply(body=_page(name)))
    body = rss(
        [
            (site.url("/news/water.html"), "Water talks", "Sun, 12 Oct 2025 08:00:00 GMT"),
            ("/news/trade.html", "Trade talks", "Mon, 13 Oct 2025 09:30:00 +0200"),  # relative
        ]
    )
    return site.route("/feed.xml", Reply(body=body, content_type=RSS_TYPE, etag='"f1"'))


def test_an_rss_feed_gives_each_item_url_title_and_date(
    site: Site, two_items: str, fetcher: Fetcher
) -> None:
    feed = read_feed(fetcher, two_items)
    assert isinstance(feed, Feed) and feed.title == "Example Wire" and feed.etag == '"f1"'
    assert feed.items == (
        FeedItem(
            url=site.url("/news/water.html"), title="Water talks", published=date(2025, 10, 12)
        ),
        FeedItem(
            url=site.url("/news/trade.html"), title="Trade talks", published=date(2025, 10, 13)
        ),
    )


def test_an_atom_feed_is_read_too() -> None:
    body = atom(
        [
            ("http://127.0.0.1/a.html", "First", "2025-10-12T08:00:00Z"),
            ("http://127.0.0.1/b.html#top", "Second", "2025-10-11T23:30:00-02:00"),
        ]
    )
    feed = parse_feed(body, url="http://127.0.0.1/atom.xml")
    assert isinstance(feed, Feed)
    assert [(i.url, i.title, i.published) for i in feed.items] == [
        ("http://127.0.0.1/a.html", "First", date(2025, 10, 12)),
        ("http://127.0.0.1/b.html", "Second", date(2025, 10, 12)),  # in UTC; no fragment
    ]


def test_items_become_articles_with_the_feeds_fields(
    site: Site, two_items: str, fetcher: Fetcher
) -> None:
    items = list(read_feeds([two_items], fetcher=fetcher))
    assert all(isinstance(item, Article) for item in items), items
    water, trade = items
    assert isinstance(water, Article) and isinstance(trade, Article)
    assert (water.url, water.title, water.published) == (
        site.url("/news/water.html"),
        "Water talks",
        date(2025, 10, 12),
    )
    assert water.source == two_items
    assert "continue work on water" in water.text and "menu" not in water.text
    assert trade.title == "Trade talks" and "continue work on trade" in trade.text


def test_items_already_stored_are_not_fetched(site: Site, two_items: str, fetcher: Fetcher) -> None:
    asked: list[list[str]] = []

    def stored(urls: list[str]) -> set[str]:
        asked.append(urls)
        return {site.url("/news/water.html")}

    items = list(read_feeds([two_items], fetcher=fetcher, stored=stored))
    assert [item.url for item in items if isinstance(item, Article)] == [
        site.url("/news/trade.html")
    ]
    assert asked == [[site.url("/news/water.html"), site.url("/news/trade.html")]]
    assert "/news/water.html" not in site.paths()


def test_an_unchanged_feed_is_not_read_again(site: Site, two_items: str, fetcher: Fetcher) -> None:
    first = read_feed(fetcher, two_items)
    assert isinstance(first, Feed)
    again = read_feed(fetcher, two_items, etag=first.etag, last_modified=first.last_modified)
    assert again == Feed(url=two_items, etag='"f1"', not_modified=True)
    assert site.requests[-1].headers["if-none-match"] == '"f1"'


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>A</ti',
            "malformed feed: ",
        ),
        (
            b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>',
            "empty feed: no items",
        ),
        (b"<html><body><p>Not a feed at all.</p></body></html>", "not an RSS or Atom feed"),
        (b"", "empty response: no feed"),
        (
            b'<rss version="2.0"><channel><item><title>No link</title></item></channel></rss>',
            "no item links to a page",
        ),
    ],
    ids=["broken", "empty", "html", "nothing", "no-links"],
)
def test_a_feed_that_cannot_be_read_is_one_reason(
    site: Site, fetcher: Fetcher, body: bytes, reason: str
) -> None:
    url = site.route("/feed.xml", Reply(body=body, content_type=RSS_TYPE))
    items = list(read_feeds([url], fetcher=fetcher))
    assert len(items) == 1 and isinstance(items[0], Skipped), items
    assert items[0].source == url and items[0].reason.startswith(reason)


def test_a_huge_feed_is_not_read(site: Site) -> None:
    many = [
        (f"http://127.0.0.1/{n}.html", f"Item {n}", "Sun, 12 Oct 2025 08:00:00 GMT")
        for n in range(5_000)
    ]
    url = site.route("/huge.xml", Reply(body=rss(many), content_type=RSS_TYPE))
    with Fetcher(dataclasses.replace(QUICK, max_bytes=100_000)) as fetcher:
        feed = read_feed(fetcher, url)
    assert isinstance(feed, Skipped) and feed.reason.endswith("is over the 100.0 KB limit")


@pytest.mark.parametrize(
    ("reply", "reason"),
    [
        (Reply(status=503), "HTTP 503 Service Unavailable (2 tries)"),
        (Reply(status=302, location="/feed.xml"), "redirect loop"),
        (Reply(body=b"<rss/>", delay=1.5), "timed out after 0.5s (2 tries)"),
    ],
    ids=["down", "loop", "slow"],
)
def test_a_feed_that_fails_does_not_stop_the_others(
    site: Site, two_items: str, fetcher: Fetcher, reply: Reply, reason: str
) -> None:
    bad = site.route("/feed.xml" if reply.location else "/bad.xml", reply)
    if reply.location:  # the loop is the feed itself: serve the good one elsewhere
        site.route(
            "/good.xml",
            Reply(body=rss([(site.url("/news/water.html"), "W", "")]), content_type=RSS_TYPE),
        )
        good = site.url("/good.xml")
    else:
        good = two_items
    items = list(read_feeds([bad, good], fetcher=fetcher))
    assert isinstance(items[0], Skipped) and items[0].reason.startswith(reason), items[0]
    assert items[1:] and all(isinstance(item, Article) for item in items[1:])


def test_an_item_page_that_fails_is_skipped_alone(site: Site, fetcher: Fetcher) -> None:
    site.route("/ok.html", Reply(body=_page("water")))
    url = site.route(
        "/feed.xml",
        Reply(
            body=rss([(site.url("/gone.html"), "Gone", ""), (site.url("/ok.html"), "Ok", "")]),
            content_type=RSS_TYPE,
        ),
    )
    gone, ok = read_feeds([url], fetcher=fetcher)
    assert gone == Skipped(source=site.url("/gone.html"), reason="HTTP 404 Not Found")
    assert isinstance(ok, Article) and ok.title == "Ok" and ok.published is None


def test_duplicate_items_are_read_once() -> None:
    body = rss([("http://127.0.0.1/a.html", "A", ""), ("http://127.0.0.1/a.html#x", "A again", "")])
    feed = parse_feed(body, url="http://127.0.0.1/f.xml")
    assert isinstance(feed, Feed) and [i.title for i in feed.items] == ["A"]


def test_read_feed_list(tmp_path: Path) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(
        (
            "# world news\nhttps://example.org/world.rss\n\n"
            "  http://127.0.0.1:8080/a.xml  # local\n"
            "https://example.org/world.rss\n"
        ),
        encoding="utf-8",
    )
    assert read_feed_list(path) == ["https://example.org/world.rss", "http://127.0.0.1:8080/a.xml"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "https://example.org/a.rss\nftp://example.org/b.rss\n",
            r"feeds.txt:2: 'ftp://example.org/b.rss' is not an http\(s\) URL",
        ),
        ("# nothing yet\n\n", "lists no feed URLs"),
    ],
)
def test_a_bad_feed_list_says_where(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "feeds.txt"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        read_feed_list(path)


def test_a_missing_feed_list_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read the feed list"):
        read_feed_list(tmp_path / "none.txt")


def test_an_item_two_feeds_list_is_fetched_once(
    site: Site, two_items: str, fetcher: Fetcher
) -> None:
    other = site.route(
        "/other.xml",
        Reply(body=rss([(site.url("/news/water.html"), "W", "")]), content_type=RSS_TYPE),
    )
    items = list(read_feeds([two_items, other], fetcher=fetcher))
    assert len(items) == 2 and site.paths().count("/news/water.html") == 1
