"""A web site on 127.0.0.1 for the fetch, feed and watch tests: routes set per test.

```python
with Site() as site:
    site.route("/a.html", Reply(body=b"<html>...", content_type="text/html"))
    fetcher.fetch(site.url("/a.html"))
    assert site.paths() == ["/robots.txt", "/a.html"]
```

A `Reply` may be slow (`delay`), conditional (`etag`, `last_modified`: a matching
If-None-Match or If-Modified-Since gets 304), streamed without a length (`chunks`), or a
redirect (`status=302, location=...`). Paths without a route get 404; /robots.txt too,
unless routed. Only 127.0.0.1 is ever contacted.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from detente.ingest.fetch import FetchOptions

# no waiting between requests, one quick retry, short timeouts: every test stays fast
QUICK = FetchOptions(timeout=0.5, deadline=2.0, retries=1, backoff=0.01, min_interval=0.0)


@dataclass(kw_only=True)
class Reply:
    status: int = 200
    body: bytes = b""
    content_type: str | None = "text/html; charset=utf-8"
    headers: dict[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds before the status line
    etag: str | None = None
    last_modified: str | None = None
    location: str | None = None
    chunks: Callable[[], Iterable[bytes]] | None = None  # a body of unknown length


@dataclass(frozen=True, kw_only=True)
class Request:
    path: str
    headers: dict[str, str]
    at: float  # time.monotonic() when it arrived


class Site:
    """A threaded HTTP server on 127.0.0.1, port chosen by the system."""

    def __init__(self) -> None:
        self.routes: dict[str, Reply | list[Reply]] = {}
        self.requests: list[Request] = []
        site = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.0"  # one request a connection; a body ends at close

            def do_GET(self) -> None:
                site.requests.append(
                    Request(
                        path=self.path,
                        headers={k.lower(): v for k, v in self.headers.items()},
                        at=time.monotonic(),
                    )
                )
                reply = site.reply_for(self.path)
                if reply.delay:
                    time.sleep(reply.delay)
                if _unchanged(reply, self.headers):
                    self.send_response(304)
                    self._validators(reply)
                    self.end_headers()
                    return
                self.send_response(reply.status)
                if reply.content_type:
                    self.send_header("Content-Type", reply.content_type)
                if reply.location:
                    self.send_header("Location", reply.location)
                self._validators(reply)
                for key, value in reply.headers.items():
                    self.send_header(key, value)
                if reply.chunks is None:
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                if reply.chunks is None:
                    self.wfile.write(reply.body)
                    return
                for chunk in reply.chunks():
                    self.wfile.write(chunk)

            def _validators(self, reply: Reply) -> None:
                if reply.etag:
                    self.send_header("ETag", reply.etag)
                if reply.last_modified:
                    self.send_header("Last-Modified", reply.last_modified)

            def log_message(self, format: str, *args: Any) -> None:
                pass  # quiet: the tests read site.requests

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: Any, client_address: Any) -> None:
                pass  # a client that timed out and hung up is part of the test

        self._server = Server(("127.0.0.1", 0), Handler)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    def __enter__(self) -> Site:
        self._thread.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._server.shutdown()
        self._server.server_close()

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def route(self, path: str, reply: Reply | list[Reply]) -> str:
        """Serve reply at path (a list: one each request, the last one from then on);
        return the path's URL."""
        self.routes[path] = reply
        return self.url(path)

    def reply_for(self, path: str) -> Reply:
        reply = self.routes.get(path)
        if isinstance(reply, list):
            return reply.pop(0) if len(reply) > 1 else reply[0]
        return reply or Reply(status=404, body=b"not found")

    def paths(self) -> list[str]:
        return [request.path for request in self.requests]


def _unchanged(reply: Reply, headers: Any) -> bool:
    if reply.status != 200:
        return False
    if reply.etag and headers.get("If-None-Match") == reply.etag:
        return True
    return bool(reply.last_modified and headers.get("If-Modified-Since") == reply.last_modified)


# -- documents to serve ------------------------------------------------------------------

NAV = (
    '<header><a href="/">Example Wire</a>\n'
    '<nav><ul><li><a href="/world">World news menu</a></li>'
    '<li><a href="/sport">Sport section menu</a></li>\n'
    '<li><a href="/subscribe">Subscribe today menu</a></li></ul></nav></header>'
)


def article_page(title: str, paragraphs: Iterable[str], *, charset: str = "utf-8") -> str:
    """A news page: navigation, the article, a footer; trafilatura keeps only the article."""
    body = "\n".join(f"<p>{p}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="{charset}"><title>{title}</title>'
        f"</head><body>{NAV}<main><article><h1>{title}</h1>\n{body}\n</article></main>"
        "<footer><p>Copyright Example Wire footer text. All rights reserved.</p></footer>"
        "</body></html>"
    )


def rss(items: Iterable[tuple[str, str, str]], *, title: str = "Example Wire") -> bytes:
    """An RSS 2.0 feed of (link, title, RFC 822 date) items."""
    entries = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{when}</pubDate></item>"
        for link, t, when in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{title}</title>'
        f"<link>http://127.0.0.1/</link><description>news</description>{entries}</channel></rss>"
    ).encode()


def atom(items: Iterable[tuple[str, str, str]], *, title: str = "Example Wire") -> bytes:
    """An Atom feed of (link, title, RFC 3339 date) items."""
    entries = "".join(
        f'<entry><title>{t}</title><link rel="alternate" href="{link}"/><id>{link}</id>'
        f"<updated>{when}</updated><published>{when}</published></entry>"
        for link, t, when in items
    )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{title}</title><id>urn:example</id><updated>2025-10-12T08:00:00Z</updated>"
        f"{entries}</feed>"
    ).encode()
