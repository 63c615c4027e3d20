"""POST /api/documents: reports in, through the pipeline, into the store, the events out.

Only with a token (`detente serve --token`): the body is one document, a list of them, or a
multipart upload of files, read here and checked before any is coded.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import re
from collections.abc import Sequence
from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import TypeAdapter, ValidationError

from ..errors import InputError
from ..ingest import html_article
from ..models import Article, Extraction, Skipped
from ..service import Sink, StoreSink, code_articles
from ..store import IngestCounts
from . import schemas
from .routes import ERRORS

log = logging.getLogger(__name__)

router = APIRouter(prefix="/api", responses=ERRORS)

MAX_DOCUMENTS = 100


def _ctx(request: Request) -> Any:
    return request.app.state.ctx


_DOCS_ADAPTER: TypeAdapter[schemas.DocumentIn | list[schemas.DocumentIn]] = TypeAdapter(
    schemas.DocumentIn | list[schemas.DocumentIn]
)

_POST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "anyOf": [
                        {"$ref": "#/components/schemas/DocumentIn"},
                        {"type": "array", "items": {"$ref": "#/components/schemas/DocumentIn"}},
                    ]
                }
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "file": {"type": "array", "items": {"type": "string", "format": "binary"}}
                    },
                }
            },
        },
    },
}


_bearer = HTTPBearer(
    auto_error=False, description="the token `detente serve --token` was started with"
)


def require_token(request: Request, credentials: HTTPAuthorizationCredentials | None) -> None:
    """Allow the request only with `Authorization: Bearer <token>` matching settings.token."""
    token = _ctx(request).settings.token
    if not token:
        raise HTTPException(
            403,
            "this server is read-only; start it with --token (or DETENTE_TOKEN) to accept "
            "documents",
        )
    given = (
        credentials.credentials if credentials and credentials.scheme.lower() == "bearer" else ""
    )
    if not hmac.compare_digest(given.encode("utf-8"), token.encode("utf-8")):
        raise HTTPException(
            401, "missing or wrong bearer token", headers={"WWW-Authenticate": "Bearer"}
        )


@router.post(
    "/documents",
    tags=["documents"],
    response_model=schemas.IngestResult,
    status_code=201,
    summary="Add documents",
    openapi_extra=_POST_BODY,
    responses={
        401: {"model": schemas.ErrorOut},
        403: {"model": schemas.ErrorOut},
        413: {"model": schemas.ErrorOut},
    },
)
async def add_documents(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Any:
    """Run reports through the pipeline into the store and answer with the events found.

    The body is one document `{"id", "text", "title", "url", "published"}`, a list of them,
    or a multipart upload of .txt, .json or .jsonl files (field `file`).
    """
    require_token(request, credentials)
    articles = await _read_articles(request)
    from starlette.concurrency import run_in_threadpool

    return await run_in_threadpool(_ingest, _ctx(request), articles)


async def _read_articles(request: Request) -> list[Article]:
    content_type = request.headers.get("content-type", "")
    if content_type.startswith("multipart/form-data"):
        form = await request.form(max_files=MAX_DOCUMENTS)
        docs: list[schemas.DocumentIn] = []
        for name, value in form.multi_items():
            if isinstance(value, str):
                continue
            raw = await value.read()
            docs.extend(_parse_upload(value.filename or name, raw))
    elif content_type.startswith("application/json") or not content_type:
        raw = await request.body()
        try:
            parsed = _DOCS_ADAPTER.validate_json(raw)
        except ValidationError as err:
            raise HTTPException(422, _describe(err)) from err
        docs = parsed if isinstance(parsed, list) else [parsed]
    else:
        raise HTTPException(
            415, f"unsupported content type {content_type!r}; send JSON or multipart/form-data"
        )
    if not docs:
        raise HTTPException(422, "invalid request: no documents in the body")
    if len(docs) > MAX_DOCUMENTS:
        raise HTTPException(413, f"at most {MAX_DOCUMENTS} documents per request")
    return [_article(doc) for doc in docs]


def _parse_upload(filename: str, raw: bytes) -> list[schemas.DocumentIn]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        raise HTTPException(422, f"invalid request: {filename} is not UTF-8 text") from err
    stem, _, ext = filename.rpartition(".")
    try:
        if ext == "json":
            parsed = _DOCS_ADAPTER.validate_json(text)
            return parsed if isinstance(parsed, list) else [parsed]
        if ext == "jsonl":
            return [
                schemas.DocumentIn.model_validate_json(line)
                for line in text.splitlines()
                if line.strip()
            ]
        return [schemas.DocumentIn(id=(stem or filename).rsplit("/", 1)[-1] or None, text=text)]
    except ValidationError as err:
        raise HTTPException(422, f"{filename}: {_describe(err)}") from err


def _describe(err: ValidationError) -> str:
    parts = []
    for error in err.errors()[:5]:
        loc = ".".join(str(p) for p in error.get("loc", ()))
        parts.append(f"{loc}: {error.get('msg')}" if loc else str(error.get("msg")))
    return "invalid request: " + "; ".join(parts)


_HTML = re.compile(r"\s*(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])", re.IGNORECASE)


def _article(doc: schemas.DocumentIn) -> Article:
    """The posted report; a posted HTML page is read as `detente ingest` reads a page (its
    main text, without scripts and navigation)."""
    doc_id = doc.id or "api_" + hashlib.sha1(doc.text.encode("utf-8")).hexdigest()[:16]
    published = doc.published if isinstance(doc.published, date) else None
    if _HTML.match(doc.text):
        read = html_article(
            doc.text, doc_id=doc_id, source="api", url=doc.url, title=doc.title, published=published
        )
        if isinstance(read, Skipped):
            raise InputError(f"document {doc_id}: {read.reason}")
        return read
    return Article(
        id=doc_id, text=doc.text, title=doc.title, url=doc.url, source="api", published=published
    )


def _ingest(ctx: Any, articles: list[Article]) -> dict[str, Any]:
    sink = _Posted(ctx)
    # one batch: every document is coded first, then all are written in one transaction
    code_articles(articles, sink, ctx.extract, batch_size=len(articles))
    log.info("added %d documents with %d events over the API", len(articles), len(sink.events))
    return {"ok": True, "documents": [article.id for article in articles], "events": sink.events}


class _Posted(Sink):
    """The store as a POST writes to it: through a cursor of its own under the app's write
    lock, the snapshot taken again after; the events are kept for the answer. A document
    posted again is coded again (the answer lists its events) and stored once."""

    def __init__(self, ctx: Any) -> None:
        self.ctx = ctx
        self.events: list[dict[str, Any]] = []

    def write(self, extractions: Sequence[Extraction]) -> IngestCounts:
        ctx = self.ctx
        with ctx.write_lock:
            ctx.snapshot = None  # reads go to the store until the new snapshot is taken
            writer = ctx.writer()
            try:
                sink = StoreSink(writer)
                counts = sink.write(extractions)
                sink.close()
            finally:
                writer.close()
                ctx.refresh_snapshot()
        self.events += [e.to_dict() for extraction in extractions for e in extraction.events]
        return counts
