"""A response cache for the read API: the store changes only through this server's writes.

`detente serve` holds the DuckDB file open, so no other process writes to it while it
runs; the server's own writes (POST /api/documents) empty the cache. Repeated reads (the
dashboard's overview, a popular dyad) are then answered without a query.
"""

from __future__ import annotations

from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_MAX_BODY = 1_000_000  # a larger answer is not worth keeping


class ResponseCache:
    """ASGI middleware: keep the last `max_entries` successful GET /api answers, by URL."""

    def __init__(self, app: ASGIApp, *, max_entries: int = 2048, prefix: str = "/api/") -> None:
        self.app = app
        self.max_entries = max_entries
        self.prefix = prefix
        self.entries: OrderedDict[str, tuple[list[Message], bytes]] = OrderedDict()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET":
            await self.app(scope, receive, send)
            if scope["method"] not in {"HEAD", "OPTIONS"}:
                self.entries.clear()  # a write: every kept answer may be stale now
            return
        key = f"{scope['path']}?{scope.get('query_string', b'').decode('latin-1')}"
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
            start, body = hit
            await send(start[0])
            await send({"type": "http.response.body", "body": body, "more_body": False})
            return
        captured: list[Message] = []
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured.append(message)
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and captured and captured[0]["status"] == 200:
                    body = b"".join(chunks)
                    if len(body) <= _MAX_BODY:
                        self.entries[key] = (captured, body)
                        if len(self.entries) > self.max_entries:
                            self.entries.popitem(last=False)
            await send(message)

        await self.app(scope, receive, capture)
