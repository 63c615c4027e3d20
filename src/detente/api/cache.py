"""A response cache for the read API: the store changes only through this server's writes.

`detente serve` holds the DuckDB file open, so no other process writes to it while it
runs; the server's own writes (POST /api/documents) empty the cache. Repeated reads (the
dashboard's overview, a popular dyad) are then answered without a query. Every GET /api
answer says which it was in an `X-Detente-Cache: hit` or `miss` header.
"""

from __future__ import annotations

from collections import OrderedDict

from starlette.types import ASGIApp, Message, Receive, Scope, Send

_MAX_BODY = 1_000_000  # a larger answer is not worth keeping
_HIT, _MISS = (b"x-detente-cache", b"hit"), (b"x-detente-cache", b"miss")


class ResponseCache:
    """ASGI middleware: keep the most recently used successful GET /api answers, by URL,
    up to `max_bytes` of answer bodies in all."""

    def __init__(self, app: ASGIApp, *, max_bytes: int = 64_000_000, prefix: str = "/api/") -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.prefix = prefix
        self.entries: OrderedDict[str, tuple[Message, bytes]] = OrderedDict()
        self.size = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(self.prefix):
            await self.app(scope, receive, send)
            return
        if scope["method"] != "GET":
            await self.app(scope, receive, send)
            if scope["method"] not in {"HEAD", "OPTIONS"}:
                self.entries.clear()  # a write: every kept answer may be stale now
                self.size = 0
            return
        key = f"{scope['path']}?{scope.get('query_string', b'').decode('latin-1')}"
        hit = self.entries.get(key)
        if hit is not None:
            self.entries.move_to_end(key)
            start, body = hit
            await send(start)
            await send({"type": "http.response.body", "body": body, "more_body": False})
            return
        captured: list[Message] = []
        chunks: list[bytes] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                captured.append({**message, "headers": [*headers, _HIT]})
                message = {**message, "headers": [*headers, _MISS]}
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body") and captured and captured[0]["status"] == 200:
                    self._keep(key, captured[0], b"".join(chunks))
            await send(message)

        await self.app(scope, receive, capture)

    def _keep(self, key: str, start: Message, body: bytes) -> None:
        if len(body) > _MAX_BODY or key in self.entries:
            return
        self.entries[key] = (start, body)
        self.size += len(body)
        while self.size > self.max_bytes and self.entries:
            _, (_, dropped) = self.entries.popitem(last=False)
            self.size -= len(dropped)
