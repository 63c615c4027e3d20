"""The dashboard's pages. Each is the same small HTML shell; `static/app.js` draws the page
for the address from the JSON API, so no document text ever passes through a template.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)

_PAGES = (
    "/",
    "/events",
    "/events/{event_id}",
    "/actors",
    "/actors/{code}",
    "/dyads/{a}/{b}",
    "/documents",
    "/documents/{doc_id}",
    "/search",
)

# The shell loads its script, style sheet and icon from /static and has no inline script or
# style; the script reads /api and sets `style` attributes (bar widths, legend swatches),
# which only style-src-attr allows. Nothing may frame the page or load from elsewhere.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; "
    "style-src-attr 'unsafe-inline'; img-src 'self'; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "Cache-Control": "no-cache",
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
}


@cache
def _shell() -> str:
    return files("detente.web").joinpath("templates/index.html").read_text(encoding="utf-8")


def page() -> HTMLResponse:
    """The dashboard shell (the script reads the address to know which page to draw)."""
    return HTMLResponse(_shell(), headers=HEADERS)


for _path in _PAGES:
    router.add_api_route(_path, page, methods=["GET", "HEAD"], response_class=HTMLResponse)
