"""RSS and Atom feeds: read a feed with feedparser, then fetch the pages its items link to.

Each item's link, title and publication date become the `Article`'s url, title and
published (they win over what the page itself says). A feed that cannot be fetched, is
not a feed, is malformed or has no items is one `Skipped` with the reason, never an
exception: a batch of feeds goes on without it.

```python
with Fetcher() as fetcher:
    feed = read_feed(fetcher, "https://example.org/world.rss")
    if isinstance(feed, Feed):
        articles = feed_articles(fetcher, feed, skip=already_stored)
```
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from detente.errors import FetchError, InputError
from detente.ingest.fetch import Fetcher, page_article
from detente.models import Article, Skipped

__all__ = [
    "Feed",
    "FeedItem",
    "feed_articles",
    "parse_feed",
    "read_feed",
    "read_feed_list",
    "read_feeds",
]

logger = logging.getLogger(__name__)

StoredUrls = Callable[[list[str]], Collection[str]]


@dataclass(frozen=True, kw_only=True)
class FeedItem:
    """One entry of a feed: the page it links to, with the feed's title and date for it."""

    url: str
    title: str | None = None
    published: date | None = None


@dataclass(frozen=True, kw_only=True)
class Feed:
    """A feed as read: its items, newest first as the feed lists them, and the validators
    to send next time (`not_modified`: the server said nothing changed, and there are no
    items)."""

    url: str
    title: str | None = None
    items: tuple[FeedItem, ...] = field(default_factory=tuple)
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False


def read_feed(
    fetcher: Fetcher, url: str, *, etag: str | None = None, last_modified: str | None = None
) -> Feed | Skipped:
    """Fetch and parse one feed (conditionally, given the validators of the last read)."""
    try:
        fetched = fetcher.fetch(url, etag=etag, last_modified=last_modified)
    except FetchError as err:
        return Skipped(source=url, reason=err.reason)
    if fetched.not_modified:
        return Feed(
            url=url,
            etag=fetched.etag or etag,
            last_modified=fetched.last_modified or last_modified,
            not_modified=True,
        )
    feed = parse_feed(
        fetched.body,
        url=url,
        base=fetched.url,
        content_type=fetched.content_type,
        charset=fetched.charset,
    )
    if isinstance(feed, Skipped):
        return feed
    return Feed(
        url=url,
        title=feed.title,
        items=feed.items,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
    )


def parse_feed(
    body: bytes,
    *,
    url: str,
    base: str | None = None,
    content_type: str | None = None,
    charset: str | None = None,
) -> Feed | Skipped:
    """The items of an RSS or Atom document; relative links are resolved against `base`."""
    import feedparser  # type: ignore[import-untyped]  # no stubs; imported when needed

    headers = {"content-location": base or url}
    if content_type:
        headers["content-type"] = content_type + (f"; charset={charset}" if charset else "")
    # a file object: given bytes, feedparser would first try them as a file name
    parsed = feedparser.parse(io.BytesIO(body), response_headers=headers)
    version = parsed.get("version", "")
    entries = parsed.get("entries", [])
    if not entries:
        if not body.strip():
            return Skipped(source=url, reason="empty response: no feed")
        if not version:
            return Skipped(source=url, reason="not an RSS or Atom feed")
        if parsed.get("bozo"):
            return Skipped(source=url, reason=f"malformed feed: {_bozo(parsed)}")
        return Skipped(source=url, reason="empty feed: no items")
    items: dict[str, FeedItem] = {}
    without_link = 0
    for entry in entries:
        item = _item(entry)
        if item is None:
            without_link += 1
        elif item.url not in items:
            items[item.url] = item
    if not items:
        if parsed.get("bozo"):
            return Skipped(source=url, reason=f"malformed feed: {_bozo(parsed)}")
        return Skipped(source=url, reason="no item links to a page")
    if without_link:
        logger.warning("%s: %d items have no http(s) link and were left out", url, without_link)
    title = parsed.get("feed", {}).get("title")
    return Feed(url=url, title=title or None, items=tuple(items.values()))


def feed_articles(
    fetcher: Fetcher,
    feed: Feed,
    *,
    skip: Collection[str] = (),
    date: date | None = None,
    stop: Callable[[], bool] | None = None,
) -> Iterator[Article | Skipped]:
    """Fetch the page of each item whose URL is not in `skip`, lazily, and yield its Article.

    `stop` is asked before each fetch; once it says True no further page is fetched.
    """
    for item in feed.items:
        if item.url in skip:
            continue
        if stop is not None and stop():
            return
        try:
            fetched = fetcher.fetch(item.url)
        except FetchError as err:
            yield Skipped(source=item.url, reason=err.reason)
            continue
        yield page_article(
            fetched,
            url=item.url,
            source=feed.url,
            title=item.title,
            published=item.published,
            date=date,
        )


def read_feeds(
    urls: Iterable[str],
    *,
    fetcher: Fetcher,
    stored: StoredUrls | None = None,
    date: date | None = None,
) -> Iterator[Article | Skipped]:
    """The Articles of the new items of each feed: a feed that cannot be read is one
    Skipped; an item whose URL `stored` names (the store's `stored_urls`) is not fetched,
    nor one an earlier feed of this run listed too."""
    seen: set[str] = set()
    for url in urls:
        feed = read_feed(fetcher, url)
        if isinstance(feed, Skipped):
            yield feed
            continue
        links = [item.url for item in feed.items]
        known = set(stored(links)) if stored is not None else set()
        logger.info("%s: %d items, %d already stored", url, len(links), len(known))
        yield from feed_articles(fetcher, feed, skip=known | seen, date=date)
        seen.update(links)


def read_feed_list(path: str | Path) -> list[str]:
    """The feed URLs of a text file: one a line; blank lines and `#` comments ignored."""
    source = Path(path)
    try:
        lines = source.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"cannot read the feed list {source}: {err}") from err
    urls: list[str] = []
    for number, line in enumerate(lines, start=1):
        url = _COMMENT.sub("", line).strip()
        if not url:
            continue
        if urlsplit(url).scheme.lower() not in ("http", "https") or not urlsplit(url).netloc:
            raise InputError(f"{source}:{number}: {url!r} is not an http(s) URL")
        if url not in urls:
            urls.append(url)
    if not urls:
        raise InputError(f"{source} lists no feed URLs (one a line, # for comments)")
    return urls


_COMMENT = re.compile(r"(^|\s)#.*$")


def _item(entry: Any) -> FeedItem | None:
    url = _http(entry.get("link")) or _http(entry.get("id"))
    if url is None:
        return None
    title = " ".join(str(entry.get("title") or "").split()) or None
    when = entry.get("published_parsed")
    if not when and "updated_parsed" in entry:  # `in` first: get() would warn (feedparser #310)
        when = entry["updated_parsed"]
    published = date(when.tm_year, when.tm_mon, when.tm_mday) if when else None
    return FeedItem(url=url, title=title, published=published)


def _http(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    parts = urlsplit(value.strip())
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    url: str = parts._replace(fragment="").geturl()
    return url


def _bozo(parsed: Any) -> str:
    error = parsed.get("bozo_exception")
    text = str(error).removeprefix("<unknown>:").strip() if error is not None else ""
    where = re.match(r"(\d+):(\d+):\s*", text)
    if where:  # "1:96: unclosed token" -> "line 1, column 96: unclosed token"
        text = f"line {where.group(1)}, column {where.group(2)}: {text[where.end() :]}"
    return text or "not well-formed XML"
