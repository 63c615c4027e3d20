"""The FastAPI application: the JSON API under /api, its docs at /docs, the dashboard at /.

`create_app(settings)` opens the store when the app starts (read-only unless a token
allows POST /api/documents) and closes it when the app stops; pass `store=` to serve an
open store instead (tests do), which the app then leaves open.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from .. import __version__
from ..models import Article, Extraction
from ..settings import Settings
from .cache import ResponseCache
from .handlers import BodyLimit, install_handlers
from .openapi30 import downgrade
from .routes import router
from .upload import router as upload_router

log = logging.getLogger(__name__)

MAX_BODY_BYTES = 1_000_000

Extractor = Callable[[list[Article]], Iterable[Extraction]]
_STATIC = Path(__file__).resolve().parent.parent / "web" / "static"

_DESCRIPTION = """\
PLOVER events coded from news reports, with the actors, dyads and network they form.

Every event names its source, target and trigger with character spans `[start, end)` into
its document's text. Errors always answer `{"ok": false, "error": "...", "status": N}`.
`POST /api/documents` needs `Authorization: Bearer <token>` and a server started with
`--token`; without one the server is read-only.
"""


class Context:
    """What the routes share: the settings, the store, and the pipeline once it is loaded.

    A DuckDB connection refuses a second call while one runs, so each request reads
    through a cursor of its own (a cursor is a connection to the same database), and a
    write goes through one too, taking `write_lock`. The store's own connection is used
    only to make cursors. `snapshot` (store.snapshot.Snapshot) answers event pages and dyad
    series from memory; it is None while a write runs, and taken again after it.
    """

    def __init__(
        self, settings: Settings, store: Any, *, extractor: Extractor | None = None
    ) -> None:
        self.settings = settings
        self.store = store
        self.write_lock = threading.Lock()
        self._cursor_lock = threading.Lock()
        self._nlp: Any = None
        self._nlp_lock = threading.Lock()
        self._extractor = extractor
        self.snapshot: Any = None

    def refresh_snapshot(self) -> None:
        """Take a new snapshot of the store (after opening it, and after each write)."""
        from ..store.snapshot import Snapshot

        cursor = self.cursor()
        try:
            self.snapshot = Snapshot(cursor)
        finally:
            cursor.close()

    def cursor(self) -> Any:
        """A new cursor on the store (close it when done)."""
        with self._cursor_lock:
            return self.store.con.cursor()

    def writer(self) -> Any:
        """A Store that writes through its own cursor (hold `write_lock` while using it)."""
        return type(self.store)(self.cursor(), self.store.path)

    def extract(self, articles: list[Article]) -> list[Extraction]:
        """Run articles through the pipeline, which is loaded on first use (about 2 s)."""
        if self._extractor is not None:
            return list(self._extractor(articles))
        from ..nlp.pipeline import build_nlp, extract

        # one request at a time through the pipeline: it is CPU-bound, and a spaCy
        # Language is not documented as safe to share between threads
        with self._nlp_lock:
            if self._nlp is None:
                self._nlp = build_nlp(self.settings)
            return list(extract(articles, self._nlp, batch_size=self.settings.batch_size))


def app_from_environment() -> FastAPI:
    """The app of each process of `detente serve --workers N`: settings from DETENTE_* variables."""
    from ..settings import load_settings

    return create_app(load_settings())


def create_app(
    settings: Settings,
    *,
    store: Any = None,
    extractor: Extractor | None = None,
    max_body_bytes: int = MAX_BODY_BYTES,
) -> FastAPI:
    """The API and dashboard over `store`, or over the store at `settings.db_path`.

    `extractor` replaces the spaCy pipeline for POST /api/documents (tests pass a fake).
    """
    owns_store = store is None

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        ctx: Context = app.state.ctx
        if ctx.store is None:
            from ..store import Store

            ctx.store = Store.open(settings.db_path, read_only=not settings.token)
            log.info(
                "serving %s (%s)", settings.db_path, "read-write" if settings.token else "read-only"
            )
        ctx.refresh_snapshot()
        try:
            yield
        finally:
            if owns_store and ctx.store is not None:
                ctx.store.close()
                ctx.store = None

    app = FastAPI(
        title="detente",
        version=__version__,
        description=_DESCRIPTION,
        docs_url=None,
        redoc_url=None,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.ctx = Context(settings, store, extractor=extractor)
    install_handlers(app)
    app.add_middleware(BodyLimit, max_bytes=max_body_bytes)
    if settings.cache_mb > 0:
        app.add_middleware(ResponseCache, max_bytes=settings.cache_mb * 1_000_000)
    app.include_router(router)
    app.include_router(upload_router)

    import swagger_ui_bundle

    app.mount(
        "/static/swagger", StaticFiles(directory=swagger_ui_bundle.swagger_ui_path), name="swagger"
    )
    app.mount("/static", StaticFiles(directory=_STATIC), name="static")

    @app.get("/openapi-3.0.json", include_in_schema=False)
    def openapi_30() -> JSONResponse:
        return JSONResponse(downgrade(app.openapi()))

    @app.get("/docs", include_in_schema=False)
    def docs() -> HTMLResponse:
        # Swagger UI from the swagger_ui_bundle package, so the page works offline
        return get_swagger_ui_html(
            openapi_url="/openapi-3.0.json",
            title="detente API",
            swagger_js_url="/static/swagger/swagger-ui-bundle.js",
            swagger_css_url="/static/swagger/swagger-ui.css",
            swagger_favicon_url="/static/swagger/favicon-32x32.png",
        )

    from ..web.pages import router as pages

    app.include_router(pages)
    return app
