"""Every error the API answers has one JSON shape: `{"ok": false, "error": "...", "status": N}`.

`install_handlers(app)` registers the handlers once; `BodyLimit` answers 413 before a
too-large request body reaches a route.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..errors import ConfigError, DetenteError, InputError, ModelNotInstalled, StoreError

log = logging.getLogger(__name__)


def error_response(
    status: int, message: str, *, headers: dict[str, str] | None = None
) -> JSONResponse:
    """The one error shape every handler answers with."""
    return JSONResponse(
        {"ok": False, "error": message, "status": status}, status_code=status, headers=headers
    )


def install_handlers(app: FastAPI) -> None:
    """Register the handlers that give every error the same JSON shape."""
    app.add_exception_handler(StarletteHTTPException, _http_error)  # type: ignore[arg-type]
    app.add_exception_handler(RequestValidationError, _validation_error)  # type: ignore[arg-type]
    app.add_exception_handler(DetenteError, _detente_error)  # type: ignore[arg-type]
    app.add_exception_handler(Exception, _unexpected_error)


async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
    message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
    if exc.status_code == 404 and message == "Not Found":
        message = f"not found: {request.url.path}"
    return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
    return error_response(422, _describe_validation(exc.errors()))


def _describe_validation(errors: Any) -> str:
    parts = []
    for error in list(errors)[:5]:
        loc = ".".join(str(p) for p in error.get("loc", ()) if p not in ("query", "path", "body"))
        msg = error.get("msg", "invalid value")
        parts.append(f"{loc}: {msg}" if loc else str(msg))
    return "invalid request: " + "; ".join(parts)


async def _detente_error(request: Request, exc: DetenteError) -> JSONResponse:
    if isinstance(exc, InputError):
        return error_response(422, str(exc))
    if isinstance(exc, ModelNotInstalled | ConfigError | StoreError):
        log.error("%s on %s: %s", type(exc).__name__, request.url.path, exc)
        return error_response(503 if isinstance(exc, ModelNotInstalled) else 500, str(exc))
    return error_response(500, str(exc))


async def _unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    # Starlette re-raises the exception after this answer, so the server logs the traceback
    return error_response(500, "internal server error; see the server log")


class BodyLimit:
    """ASGI middleware: answer 413 when a request body is larger than `max_bytes`.

    It checks Content-Length first, and also counts a streamed (chunked) body as the route
    reads it; FastAPI passes an HTTPException raised while reading through to the handlers.
    """

    def __init__(self, app: ASGIApp, *, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and length.isdigit() and int(length) > self.max_bytes:
            await error_response(413, self._message())(scope, receive, send)
            return
        seen = 0

        async def counting_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise HTTPException(413, self._message())
            return message

        await self.app(scope, counting_receive, send)

    def _message(self) -> str:
        return f"request body is larger than the limit of {self.max_bytes:,} bytes"
