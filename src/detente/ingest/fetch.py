"""Fetch web pages politely and read them into Articles.

A `Fetcher` wraps one `httpx.Client` and adds what a crawler owes the sites it reads: a
User-Agent that names detente, robots.txt (RFC 9309), a least interval between two
requests to one host, retries with exponential backoff on timeouts, connection errors,
429 and 5xx (waiting as long as a Retry-After asks, up to a limit), conditional GET
(ETag, Last-Modified), a cap on the body size that stops reading as soon as it is passed,
and redirects followed one hop at a time (each hop is checked against robots.txt and the
rate limit; a loop is named as such).

```python
with Fetcher(FetchOptions(min_interval=1.0)) as fetcher:
    for item in read_urls(["https://example.org/news/1"], fetcher=fetcher):
        ...  # Article, or Skipped(source=url, reason="HTTP 404 Not Found")
```

`Fetcher.fetch` raises `FetchError(url, reason)`; `read_urls` turns each into a `Skipped`,
so one bad URL never stops a batch.
"""

from __future__ import annotations

import email.utils
import hashlib
import logging
import re
import time
import urllib.robotparser
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from types import TracebackType
from urllib.parse import urljoin, urlsplit

import httpx

from detente import __version__
from detente.errors import FetchError
from detente.ingest._util import size_text, too_large
from detente.ingest.readers import html_article, text_article
from detente.models import Article, Skipped

__all__ = [
    "USER_AGENT",
    "FetchOptions",
    "Fetched",
    "Fetcher",
    "decode_body",
    "page_article",
    "read_urls",
    "url_id",
]

logger = logging.getLogger(__name__)

USER_AGENT = f"detente/{__version__} (news event coder; python-httpx/{httpx.__version__})"
_ROBOTS_AGENT = "detente"  # the token robots.txt groups name
_ROBOTS_MAX_BYTES = 512_000  # RFC 9309: parse at least 500 KiB, ignore the rest
_ROBOTS_TTL = 3600.0  # seconds a host's robots.txt is trusted before it is read again
_ROBOTS_RETRY = 300.0  # seconds before a robots.txt that could not be read is asked again
_MAX_CRAWL_DELAY = 60.0  # a robots.txt Crawl-delay is honoured up to this
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_TEXT_TYPES = frozenset({"text/plain"})
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_META_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
# what servers call latin-1 or ASCII is windows-1252 on the web (WHATWG Encoding)
_CHARSET_ALIASES = {
    "iso-8859-1": "cp1252",
    "latin-1": "cp1252",
    "latin1": "cp1252",
    "us-ascii": "cp1252",
    "ascii": "cp1252",
}
# encodings charset_normalizer may guess for an undeclared page: the web's common ones
_GUESSES = [
    "cp1252",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1254",
    "cp1255",
    "cp1256",
    "cp1257",
    "iso8859_15",
    "koi8_r",
    "gb18030",
    "big5",
    "shift_jis",
    "euc_jp",
    "euc_kr",
]


@dataclass(frozen=True, kw_only=True)
class FetchOptions:
    """How a Fetcher behaves. Times are in seconds."""

    timeout: float = 10.0  # to connect, and between two reads of the body
    deadline: float = 60.0  # for one whole request, however slowly the body trickles in
    retries: int = 2  # tries after the first, on timeouts, connection errors, 429 and 5xx
    backoff: float = 0.5  # wait before the first retry, doubled before each next one
    max_retry_after: float = 120.0  # the longest Retry-After a 429 or 503 may ask us to wait
    min_interval: float = 1.0  # between two requests to one host
    max_bytes: int = 5_000_000  # a longer body is not read
    max_redirects: int = 5
    robots: bool = True  # obey robots.txt
    user_agent: str = USER_AGENT


@dataclass(frozen=True, kw_only=True)
class Fetched:
    """A response read in full: 200 with its body, or 304 (not modified) without one."""

    url: str  # after redirects
    status: int
    content_type: str = ""  # the media type, lower case, without parameters
    charset: str | None = None  # as the Content-Type header declares it
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _Retry(Exception):
    """One try failed in a way another try may not (timeout, 5xx): the reason, and how long
    the server asked us to wait before the next (Retry-After), if it did."""

    def __init__(self, reason: str, *, wait: float = 0.0) -> None:
        super().__init__(reason)
        self.wait = wait


class Fetcher:
    """An HTTP client that obeys robots.txt and a per-host rate limit. Use as a context
    manager, or call `close()`. One Fetcher keeps its robots.txt cache and the time of
    the last request to each host for as long as it lives (across the polls of a watch).
    """

    def __init__(
        self,
        options: FetchOptions | None = None,
        *,
        transport: httpx.BaseTransport | None = None,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.options = options or FetchOptions()
        self._client = httpx.Client(
            headers={"User-Agent": self.options.user_agent},
            timeout=httpx.Timeout(self.options.timeout),
            follow_redirects=False,  # followed here, one hop at a time
            transport=transport,
        )
        self._sleep = sleep
        self._clock = clock
        self._last_request: dict[str, float] = {}  # host -> clock() when its last request began
        self._robots: dict[str, tuple[float, urllib.robotparser.RobotFileParser]] = {}
        self._robots_failed: dict[str, tuple[float, str]] = {}  # origin -> (when, reason)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(
        self, url: str, *, etag: str | None = None, last_modified: str | None = None
    ) -> Fetched:
        """GET url, following redirects; raise FetchError if no usable response comes.

        With `etag` or `last_modified` the request is conditional, and an unchanged
        resource comes back as a `Fetched` with status 304 and no body.
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = [url]
        current = url
        while True:
            _check_scheme(current, url)
            if self.options.robots and not self._allowed(current):
                where = "" if current == url else f" (redirected to {current})"
                raise FetchError(url, f"disallowed by robots.txt{where}")
            response = self._request(current, headers=headers, source=url)
            if not isinstance(response, str):
                return response
            following = urljoin(current, response)
            if following in seen:
                raise FetchError(url, f"redirect loop ({' -> '.join([*seen, following])})")
            seen.append(following)
            if len(seen) > self.options.max_redirects + 1:
                raise FetchError(url, f"more than {self.options.max_redirects} redirects")
            current = following

    # -- one request, with retries --------------------------------------------------------

    def _request(
        self, url: str, *, headers: dict[str, str], source: str, truncate: int | None = None
    ) -> Fetched | str:
        """The response to one GET, or the Location it redirects to. Retries what may pass."""
        tries = self.options.retries + 1
        reason, asked = "", 0.0
        for attempt in range(tries):
            if attempt:
                self._sleep(max(self.options.backoff * 2 ** (attempt - 1), asked))
            try:
                return self._try(url, headers=headers, source=source, truncate=truncate)
            except _Retry as err:
                reason, asked = str(err), err.wait
                logger.info("%s: %s (try %d of %d)", url, reason, attempt + 1, tries)
        raise FetchError(source, reason + (f" ({tries} tries)" if tries > 1 else ""))

    def _try(
        self, url: str, *, headers: dict[str, str], source: str, truncate: int | None
    ) -> Fetched | str:
        self._wait_for(url)
        limit = truncate or self.options.max_bytes
        started = self._clock()
        try:
            with self._client.stream("GET", url, headers=headers) as response:
                status = response.status_code
                if response.is_redirect and "location" in response.headers:
                    return response.headers["location"]
                said = f"HTTP {status} {response.reason_phrase}".rstrip()
                if status == 429 or status >= 500:
                    wait = retry_after(response.headers.get("retry-after"), now=datetime.now(UTC))
                    if wait > self.options.max_retry_after:
                        raise FetchError(source, f"{said}, asked to retry after {wait:g}s")
                    raise _Retry(said, wait=wait)
                if not (200 <= status < 300 or status == 304):
                    raise FetchError(source, said)
                declared = response.headers.get("content-length", "")
                if truncate is None and declared.isdigit() and int(declared) > limit:
                    raise FetchError(source, too_large(int(declared), limit))
                body = bytearray()
                if status != 304:
                    for chunk in response.iter_bytes():
                        body += chunk
                        if len(body) > limit:
                            if truncate is not None:
                                del body[limit:]
                                break
                            raise FetchError(source, f"over the {size_text(limit)} limit")
                        if self._clock() - started > self.options.deadline:
                            raise _Retry(f"took over {self.options.deadline:g}s")
                media, _, _ = response.headers.get("content-type", "").partition(";")
                return Fetched(
                    url=str(response.url),
                    status=status,
                    content_type=media.strip().lower(),
                    charset=response.charset_encoding,
                    body=bytes(body),
                    etag=response.headers.get("etag"),
                    last_modified=response.headers.get("last-modified"),
                )
        except httpx.TimeoutException as err:
            raise _Retry(f"timed out after {self.options.timeout:g}s") from err
        except (httpx.InvalidURL, httpx.UnsupportedProtocol) as err:
            raise FetchError(source, f"not a URL detente can fetch: {err}") from err
        except httpx.TransportError as err:
            raise _Retry(_transport_reason(err)) from err
        except httpx.DecodingError as err:
            raise FetchError(source, f"the body could not be decoded: {err}") from err

    def _wait_for(self, url: str) -> None:
        """Sleep until the host of url may be asked again, then note the time."""
        host = (urlsplit(url).hostname or "").lower()
        interval = max(self.options.min_interval, self._crawl_delay(url))
        last = self._last_request.get(host)
        if last is not None:
            wait = last + interval - self._clock()
            if wait > 0:
                self._sleep(wait)
        self._last_request[host] = self._clock()

    # -- robots.txt -----------------------------------------------------------------------

    def _allowed(self, url: str) -> bool:
        return self._robots_for(url).can_fetch(_ROBOTS_AGENT, url)

    def _crawl_delay(self, url: str) -> float:
        cached = self._robots.get(_origin(url)) if self.options.robots else None
        if cached is None:
            return 0.0
        delay = cached[1].crawl_delay(_ROBOTS_AGENT)
        return min(float(delay), _MAX_CRAWL_DELAY) if delay else 0.0

    def _robots_for(self, url: str) -> urllib.robotparser.RobotFileParser:
        origin = _origin(url)
        cached = self._robots.get(origin)
        if cached is not None and self._clock() - cached[0] < _ROBOTS_TTL:
            return cached[1]
        failed = self._robots_failed.get(origin)
        if failed is not None and self._clock() - failed[0] < _ROBOTS_RETRY:
            raise FetchError(url, failed[1])  # every page of the host: not asked again so soon
        parser = urllib.robotparser.RobotFileParser(f"{origin}/robots.txt")
        try:
            text = self._robots_text(origin, source=url)
        except FetchError as err:
            self._robots_failed[origin] = (self._clock(), err.reason)
            raise
        parser.parse(text.splitlines() if text is not None else [])  # none: everything allowed
        self._robots[origin] = (self._clock(), parser)
        return parser

    def _robots_text(self, origin: str, *, source: str) -> str | None:
        """robots.txt of origin; None when there is none (4xx: everything is allowed).

        A server error is not taken as permission (RFC 9309, 2.3.1.4): FetchError.
        """
        current = f"{origin}/robots.txt"
        for _ in range(self.options.max_redirects + 1):
            try:
                response = self._request(
                    current, headers={}, source=source, truncate=_ROBOTS_MAX_BYTES
                )
            except FetchError as err:
                if not err.reason.startswith("HTTP "):
                    raise  # the host cannot be reached at all: say so plainly
                if err.reason.startswith("HTTP 4") and not err.reason.startswith("HTTP 429"):
                    return None
                raise FetchError(
                    source,
                    f"robots.txt answered {err.reason}: nothing is fetched from the host "
                    "until it can be read",
                ) from err
            if isinstance(response, str):
                current = urljoin(current, response)
                continue
            return response.body.decode("utf-8", errors="replace")
        return None  # a robots.txt that redirects too often counts as none (RFC 9309)


def retry_after(value: str | None, *, now: datetime) -> float:
    """Seconds a Retry-After header asks to wait: a number of seconds or an HTTP date (0 for
    none, a past date or nonsense)."""
    if not value:
        return 0.0
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return 0.0
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())


def decode_body(body: bytes, *, charset: str | None = None, html: bool = False) -> str:
    """The text of a body: by its byte-order mark, else the declared charset (the header's,
    then for HTML a <meta charset>), else UTF-8, else the encoding detected."""
    for bom, encoding in (
        (b"\xef\xbb\xbf", "utf-8-sig"),
        (b"\xff\xfe", "utf-16"),
        (b"\xfe\xff", "utf-16"),
    ):
        if body.startswith(bom):
            return body.decode(encoding, errors="replace")
    declared = [charset]
    if html:
        match = _META_CHARSET.search(body[:4096])
        declared.append(match.group(1).decode("ascii") if match else None)
    for name in [*declared, "utf-8"]:
        if not name:
            continue
        try:
            return body.decode(_CHARSET_ALIASES.get(name.lower(), name))
        except (LookupError, UnicodeDecodeError):
            continue  # an unknown or wrong declaration: try the next
    from charset_normalizer import from_bytes

    guess = from_bytes(body, cp_isolation=_GUESSES).best()
    if guess is not None:
        return str(guess)
    return body.decode("cp1252", errors="replace")


def page_article(
    fetched: Fetched,
    *,
    url: str,
    source: str | None = None,
    title: str | None = None,
    published: date | None = None,
    date: date | None = None,
) -> Article | Skipped:
    """The Article of a fetched page: HTML through trafilatura, plain text as it is.

    `url` is the address asked for (a feed item's link), which the Article keeps even when
    the page was reached through redirects, so that it can be found in the store again.
    """
    media = fetched.content_type
    head = fetched.body[:512].lstrip()
    is_html = media in _HTML_TYPES or (not media and head.startswith(b"<"))
    if media in _FEED_TYPES:
        return Skipped(source=url, reason=f"a feed, not a page ({media}): read it with --feed")
    if not is_html and media and media not in _TEXT_TYPES:
        return Skipped(source=url, reason=f"not HTML or plain text ({media})")
    if not head:
        return Skipped(source=url, reason="empty")
    if not is_html and b"\x00" in head:
        return Skipped(source=url, reason="binary file")
    text = decode_body(fetched.body, charset=fetched.charset, html=is_html)
    reader = html_article if is_html else text_article
    return reader(
        text,
        doc_id=url_id(url),
        source=source or url,
        url=url,
        title=title,
        published=published,
        date=date,
    )


def read_urls(
    urls: Iterable[str], *, fetcher: Fetcher, date: date | None = None
) -> Iterator[Article | Skipped]:
    """Fetch each URL and yield its Article, or a Skipped that says why there is none."""
    for url in urls:
        try:
            fetched = fetcher.fetch(url)
        except FetchError as err:
            yield Skipped(source=url, reason=err.reason)
            continue
        yield page_article(fetched, url=url, date=date)


def url_id(url: str) -> str:
    """A stable document id for a URL: its last path segment, readable, and a hash.

    `https://example.org/world/2025/turkey-iraq-strikes.html` -> `turkey-iraq-strikes_1b2c3d4e5f`
    """
    parts = urlsplit(url)
    segments = [s for s in parts.path.split("/") if s]
    stem = segments[-1].rsplit(".", 1)[0] if segments else parts.hostname or "page"
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")[:48] or "page"
    return f"{slug}_{hashlib.sha1(url.encode('utf-8')).hexdigest()[:10]}"


def _check_scheme(url: str, source: str) -> None:
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        where = "not an http(s) URL" if url == source else f"redirected to {url!r}"
        raise FetchError(source, f"{where}: only http and https are fetched")


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{parts.netloc.lower()}"


def _transport_reason(err: httpx.TransportError) -> str:
    if isinstance(err, httpx.ConnectError):
        return f"cannot connect ({err})" if str(err) else "cannot connect"
    return f"{type(err).__name__}: {err}" if str(err) else type(err).__name__
