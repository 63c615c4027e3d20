"""ingest/fetch.py against a loopback site: pages, redirects, errors, limits, robots.txt,
the per-host rate limit and conditional GET."""

from __future__ import annotations

import dataclasses
import socket
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from loopback import QUICK, Reply, Site, article_page

from detente import __version__
from detente.errors import FetchError
from detente.ingest.fetch import (
    Fetcher,
    FetchOptions,
    decode_body,
    page_article,
    read_urls,
    retry_after,
    url_id,
)
from detente.models import Article, Skipped

PARAGRAPHS = [
    (
        "ANKARA, October 12, 2025 - Turkish Foreign Minister Hakan Fidan met his Iraqi "
        "counterpart Fuad Hussein in Ankara on Sunday to discuss security along the border."
    ),
    (
        "The two ministers agreed to set up a joint committee on water and trade, officials "
        "said after the talks, which lasted more than three hours in the Turkish capital."
    ),
    (
        "Iraq has called on Turkey to respect its sovereignty after repeated strikes on "
        "positions of Kurdish militants in the mountains of the north of the country."
    ),
]
PAGE = article_page("Turkey and Iraq agree on a border committee", PARAGRAPHS)


def _one(items: Iterator[Article | Skipped]) -> Article | Skipped:
    (item,) = list(items)
    return item


def _fetch_one(fetcher: Fetcher, url: str) -> Article | Skipped:
    return _one(read_urls([url], fetcher=fetcher))


# -- pages ------------------------------------------------------------------------------


def test_a_page_becomes_an_article_of_its_main_text(site: Site, fetcher: Fetcher) -> None:
    url = site.route("/world/turkey-iraq.html", Reply(body=PAGE.encode("utf-8")))
    article = _fetch_one(fetcher, url)
    assert isinstance(article, Article), article
    assert "joint committee on water and trade" in article.text
    assert "menu" not in article.text and "footer" not in article.text  # navigation stripped
    assert article.title == "Turkey and Iraq agree on a border committee"
    assert article.url == url and article.id == url_id(url)


def test_requests_carry_a_user_agent_naming_detente(site: Site, fetcher: Fetcher) -> None:
    url = site.route("/a.html", Reply(body=PAGE.encode("utf-8")))
    _fetch_one(fetcher, url)
    agents = {request.headers["user-agent"] for request in site.requests}
    assert agents == {
        f"detente/{__version__} (news event coder; python-httpx/{__import__('httpx').__version__})"
    }


def test_redirects_are_followed_and_the_asked_url_is_kept(site: Site, fetcher: Fetcher) -> None:
    url = site.route("/old", Reply(status=301, location="/mid", body=b""))
    site.route("/mid", Reply(status=302, location=site.url("/new"), body=b""))
    site.route("/new", Reply(body=PAGE.encode("utf-8")))
    assert fetcher.fetch(url).url == site.url("/new")
    article = _fetch_one(fetcher, url)
    assert isinstance(article, Article) and article.url == url


def test_a_redirect_loop_is_named(site: Site, fetcher: Fetcher) -> None:
    url = site.route("/a", Reply(status=302, location="/b"))
    site.route("/b", Reply(status=302, location="/a"))
    item = _fetch_one(fetcher, url)
    assert isinstance(item, Skipped) and item.reason.startswith("redirect loop (")
    assert site.paths().count("/a") == 1


def test_redirects_stop_at_the_limit(site: Site) -> None:
    for n in range(4):
        site.route(f"/r{n}", Reply(status=307, location=f"/r{n + 1}"))
    site.route("/r4", Reply(body=PAGE.encode("utf-8")))
    with (
        Fetcher(dataclasses.replace(QUICK, max_redirects=2)) as fetcher,
        pytest.raises(FetchError, match="more than 2 redirects"),
    ):
        fetcher.fetch(site.url("/r0"))


def test_a_redirect_out_of_http_is_refused(site: Site, fetcher: Fetcher) -> None:
    url = site.route("/a", Reply(status=302, location="file:///etc/passwd"))
    item = _fetch_one(fetcher, url)
    assert isinstance(item, Skipped) and "only http and https" in item.reason


def test_a_missing_page_is_skipped_without_retrying(site: Site, fetcher: Fetcher) -> None:
    item = _fetch_one(fetcher, site.url("/gone"))
    assert item == Skipped(source=site.url("/gone"), reason="HTTP 404 Not Found")
    assert site.paths() == ["/robots.txt", "/gone"]


def test_server_errors_are_retried_with_doubling_backoff(site: Site) -> None:
    url = site.route("/busy", Reply(status=503, body=b"busy"))
    waits: list[float] = []
    options = dataclasses.replace(QUICK, retries=3, backoff=0.5)
    with Fetcher(options, sleep=waits.append) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    assert caught.value.reason == "HTTP 503 Service Unavailable (4 tries)"
    assert waits == [0.5, 1.0, 2.0]
    assert site.paths().count("/busy") == 4


def test_a_passing_server_error_is_ridden_out(site: Site, fetcher: Fetcher) -> None:
    url = site.route("/flaky", [Reply(status=502), Reply(body=PAGE.encode("utf-8"))])
    assert isinstance(_fetch_one(fetcher, url), Article)


def test_a_slow_page_times_out(site: Site, fetcher: Fetcher) -> None:
    url = site.route("/slow", Reply(body=PAGE.encode("utf-8"), delay=1.5))
    item = _fetch_one(fetcher, url)
    assert item == Skipped(source=url, reason="timed out after 0.5s (2 tries)")


def test_a_host_that_is_down_is_one_reason(fetcher: Fetcher) -> None:
    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    item = _fetch_one(fetcher, f"http://127.0.0.1:{port}/a.html")
    assert (
        isinstance(item, Skipped) and "cannot connect" in item.reason and "2 tries" in item.reason
    )


def test_a_huge_page_is_refused_by_its_length(site: Site) -> None:
    url = site.route("/big.html", Reply(body=b"<p>" + b"x" * 200_000 + b"</p>"))
    with Fetcher(dataclasses.replace(QUICK, max_bytes=100_000)) as fetcher:
        item = _fetch_one(fetcher, url)
    assert item == Skipped(source=url, reason="200.0 KB is over the 100.0 KB limit")


def test_a_huge_body_of_unknown_length_stops_being_read(site: Site) -> None:
    sent = []

    def endless() -> Iterator[bytes]:
        while True:
            sent.append(1)
            yield b"<p>" + b"x" * 65_536 + b"</p>"

    url = site.route("/endless", Reply(chunks=endless))
    with Fetcher(dataclasses.replace(QUICK, max_bytes=200_000)) as fetcher:
        item = _fetch_one(fetcher, url)
    assert item == Skipped(source=url, reason="over the 200.0 KB limit")
    time.sleep(0.1)  # the server stops writing once the client has hung up
    assert len(sent) < 200  # what the socket buffers took, not an endless stream


@pytest.mark.parametrize(
    ("content_type", "reason"),
    [
        ("application/pdf", "not HTML or plain text (application/pdf)"),
        ("image/png", "not HTML or plain text (image/png)"),
        ("application/rss+xml", "a feed, not a page (application/rss+xml): read it with --feed"),
    ],
)
def test_a_page_that_is_not_html_or_text_is_skipped(
    site: Site, fetcher: Fetcher, content_type: str, reason: str
) -> None:
    url = site.route("/file", Reply(body=b"%PDF-1.7 \x00\x01", content_type=content_type))
    assert _fetch_one(fetcher, url) == Skipped(source=url, reason=reason)


def test_a_plain_text_page_is_read_as_text(site: Site, fetcher: Fetcher) -> None:
    text = "\n\n".join(PARAGRAPHS)
    url = site.route("/story.txt", Reply(body=text.encode("utf-8"), content_type="text/plain"))
    article = _fetch_one(fetcher, url)
    assert isinstance(article, Article) and article.text == text


@pytest.mark.parametrize(
    ("content_type", "meta"),
    [
        ("text/html; charset=windows-1252", "windows-1252"),  # the header says it
        ("text/html", "windows-1252"),  # only the page's <meta charset> says it
        ("text/html; charset=iso-8859-1", "iso-8859-1"),  # latin-1 read as windows-1252
        ("text/html", "utf-8"),  # a wrong declaration: detected
        ("text/html", ""),  # nothing declared: detected
    ],
)
def test_a_page_not_in_utf8_is_decoded(
    site: Site, fetcher: Fetcher, content_type: str, meta: str
) -> None:
    paragraphs = [*PARAGRAPHS, "Türkiye’s café owners said the talks were “useful”."]
    page = article_page("Türkiye and Iraq", paragraphs, charset=meta)
    url = site.route("/cp1252.html", Reply(body=page.encode("cp1252"), content_type=content_type))
    article = _fetch_one(fetcher, url)
    assert isinstance(article, Article), article
    assert "Türkiye" in article.text and "café" in article.text


@pytest.mark.parametrize(
    ("body", "charset", "html", "text"),
    [
        (b"\xef\xbb\xbfabc", None, False, "abc"),
        ("caf\u00e9".encode("utf-16"), None, False, "caf\u00e9"),
        ("caf\u00e9".encode("cp1252"), "cp1252", False, "caf\u00e9"),
        ("caf\u00e9".encode("utf-8"), "no-such-charset", False, "caf\u00e9"),
        (
            '<meta charset="koi8-r">Москва'.encode("koi8-r"),
            None,
            True,
            '<meta charset="koi8-r">Москва',
        ),
    ],
)
def test_decode_body(body: bytes, charset: str | None, html: bool, text: str) -> None:
    assert decode_body(body, charset=charset, html=html) == text


def test_an_empty_page_is_skipped(site: Site, fetcher: Fetcher) -> None:
    url = site.route("/empty.html", Reply(body=b"   "))
    assert _fetch_one(fetcher, url) == Skipped(source=url, reason="empty")


def test_a_url_that_is_not_http_is_refused(fetcher: Fetcher) -> None:
    item = _fetch_one(fetcher, "ftp://127.0.0.1/a")
    assert isinstance(item, Skipped) and "not an http(s) URL" in item.reason


# -- robots.txt -------------------------------------------------------------------------


ROBOTS = b"User-agent: *\nDisallow: /private/\n"


@pytest.mark.parametrize(
    "robots",
    [
        ROBOTS,
        b"User-agent: googlebot\nDisallow: /\n\nUser-agent: detente\nDisallow: /private/\n",
    ],
    ids=["every-agent", "detente"],
)
def test_robots_txt_disallow_is_obeyed(site: Site, fetcher: Fetcher, robots: bytes) -> None:
    site.route("/robots.txt", Reply(body=robots, content_type="text/plain"))
    url = site.route("/private/a.html", Reply(body=PAGE.encode("utf-8")))
    allowed = site.route("/public/a.html", Reply(body=PAGE.encode("utf-8")))
    assert _fetch_one(fetcher, url) == Skipped(source=url, reason="disallowed by robots.txt")
    assert isinstance(_fetch_one(fetcher, allowed), Article)
    assert site.paths() == ["/robots.txt", "/public/a.html"]


def test_robots_txt_is_read_once_per_host(site: Site, fetcher: Fetcher) -> None:
    site.route("/robots.txt", Reply(body=ROBOTS, content_type="text/plain"))
    urls = [site.route(f"/news/{n}.html", Reply(body=PAGE.encode("utf-8"))) for n in range(3)]
    assert all(isinstance(item, Article) for item in read_urls(urls, fetcher=fetcher))
    assert site.paths() == ["/robots.txt", "/news/0.html", "/news/1.html", "/news/2.html"]


def test_a_redirect_into_a_disallowed_path_is_not_followed(site: Site, fetcher: Fetcher) -> None:
    site.route("/robots.txt", Reply(body=ROBOTS, content_type="text/plain"))
    url = site.route("/short", Reply(status=302, location="/private/a.html"))
    item = _fetch_one(fetcher, url)
    assert isinstance(item, Skipped) and item.reason.startswith("disallowed by robots.txt")
    assert "/private/a.html" not in site.paths()


def test_a_robots_txt_server_error_means_no_fetch(site: Site, fetcher: Fetcher) -> None:
    site.route("/robots.txt", Reply(status=500))
    urls = [site.route(f"/{n}.html", Reply(body=PAGE.encode("utf-8"))) for n in range(2)]
    reason = (
        "robots.txt answered HTTP 500 Internal Server Error (2 tries): nothing is fetched from "
        "the host until it can be read"
    )
    assert list(read_urls(urls, fetcher=fetcher)) == [
        Skipped(source=url, reason=reason) for url in urls
    ]
    assert site.paths() == ["/robots.txt", "/robots.txt"]  # two tries, then not asked again


def test_robots_can_be_ignored_when_asked(site: Site) -> None:
    site.route("/robots.txt", Reply(body=b"User-agent: *\nDisallow: /\n"))
    url = site.route("/a.html", Reply(body=PAGE.encode("utf-8")))
    with Fetcher(dataclasses.replace(QUICK, robots=False)) as fetcher:
        assert isinstance(_fetch_one(fetcher, url), Article)


# -- politeness and conditional GET -------------------------------------------------------


def test_requests_to_one_host_are_spaced(site: Site) -> None:
    urls = [site.route(f"/{n}.html", Reply(body=PAGE.encode("utf-8"))) for n in range(2)]
    # a clock that only sleeping moves, so a busy machine cannot make the test flaky
    now = [0.0]
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        now[0] += seconds

    options = dataclasses.replace(QUICK, min_interval=0.3)
    with Fetcher(options, sleep=sleep, clock=lambda: now[0]) as fetcher:
        for url in urls:
            fetcher.fetch(url)
    assert site.paths() == ["/robots.txt", "/0.html", "/1.html"]
    assert waits == [0.3, 0.3]


def test_a_robots_crawl_delay_spaces_requests_more(site: Site) -> None:
    site.route("/robots.txt", Reply(body=b"User-agent: *\nCrawl-delay: 2\n"))
    urls = [site.route(f"/{n}.html", Reply(body=PAGE.encode("utf-8"))) for n in range(2)]
    waits: list[float] = []
    with Fetcher(QUICK, sleep=waits.append) as fetcher:
        for url in urls:
            fetcher.fetch(url)
    assert len(waits) == 2 and all(1.9 < wait <= 2.0 for wait in waits)  # none before robots.txt


def test_conditional_get_gives_not_modified(site: Site, fetcher: Fetcher) -> None:
    reply = Reply(
        body=PAGE.encode("utf-8"), etag='"v1"', last_modified="Sun, 12 Oct 2025 08:00:00 GMT"
    )
    url = site.route("/a.html", reply)
    first = fetcher.fetch(url)
    assert first.status == 200 and first.etag == '"v1"'
    again = fetcher.fetch(url, etag=first.etag, last_modified=first.last_modified)
    assert again.not_modified and again.body == b""
    assert site.requests[-1].headers["if-none-match"] == '"v1"'
    assert site.requests[-1].headers["if-modified-since"] == "Sun, 12 Oct 2025 08:00:00 GMT"
    assert page_article(again, url=url) == Skipped(source=url, reason="empty")


def test_url_ids_are_stable_and_readable() -> None:
    url = "https://example.org/world/2025/Turkey-Iraq_strikes.html?ref=rss"
    assert url_id(url) == url_id(url)
    assert url_id(url).startswith("turkey-iraq-strikes_")
    assert url_id("https://example.org/").startswith("example-org_")
    assert url_id(url) != url_id("https://example.org/world/2025/Turkey-Iraq_strikes.html")


def test_fetch_errors_keep_the_url_and_reason_apart() -> None:
    import pickle

    err = FetchError("http://127.0.0.1/a", "HTTP 404 Not Found")
    assert str(err) == "cannot fetch http://127.0.0.1/a: HTTP 404 Not Found"
    again = pickle.loads(pickle.dumps(err))
    assert (again.url, again.reason) == (err.url, err.reason)


def test_default_options_are_polite() -> None:
    options = FetchOptions()
    assert options.robots and options.min_interval >= 1.0 and options.timeout <= 30


def test_a_retry_after_is_waited_for(site: Site) -> None:
    url = site.route(
        "/slow-down",
        [Reply(status=429, headers={"Retry-After": "7"}), Reply(body=PAGE.encode("utf-8"))],
    )
    waits: list[float] = []
    with Fetcher(QUICK, sleep=waits.append) as fetcher:
        fetched = fetcher.fetch(url)
    assert fetched.status == 200
    assert 7.0 in waits


def test_a_retry_after_beyond_the_limit_ends_the_fetch(site: Site) -> None:
    url = site.route("/come-back-tomorrow", Reply(status=503, headers={"Retry-After": "86400"}))
    with Fetcher(QUICK, sleep=lambda s: None) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(url)
    assert caught.value.reason == "HTTP 503 Service Unavailable, asked to retry after 86400s"
    assert site.paths().count("/come-back-tomorrow") == 1


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        (None, 0.0),
        ("30", 30.0),
        ("Wed, 02 Dec 2026 00:01:00 GMT", 60.0),
        ("Tue, 01 Dec 2026 00:00:00 GMT", 0.0),
        ("soon", 0.0),
    ],
)
def test_retry_after_reads_seconds_and_dates(value: str | None, seconds: float) -> None:
    now = datetime(2026, 12, 2, 0, 0, tzinfo=UTC)
    assert retry_after(value, now=now) == seconds
