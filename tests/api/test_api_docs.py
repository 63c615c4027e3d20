"""The OpenAPI schema and its interactive docs, which must work with no internet."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert schema["openapi"].startswith("3.1")
    paths = schema["paths"]
    for path in (
        "/api/events",
        "/api/events/{event_id}",
        "/api/actors",
        "/api/actors/{code}",
        "/api/dyads/{a}/{b}",
        "/api/network",
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/brief",
        "/api/search",
        "/api/stats",
    ):
        assert "get" in paths[path], path
    assert "post" in paths["/api/documents"]
    assert "HTTPBearer" in schema["components"]["securitySchemes"]


def test_docs_page_loads_swagger_from_this_server(client: TestClient) -> None:
    html = client.get("/docs").text
    urls = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert urls and all(url.startswith("/") for url in urls), urls
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert "/openapi-3.0.json" in html


def test_docs_schema_is_openapi_30_without_null_types(client: TestClient) -> None:
    body = client.get("/openapi-3.0.json")
    assert body.json()["openapi"] == "3.0.3"
    assert '{"type":"null"}' not in body.text.replace(" ", "")
