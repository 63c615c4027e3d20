"""Every error answers in one JSON shape, and request bodies have a size limit."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient
from sample_reports import TOKEN

from detente.errors import StoreError

AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _assert_error_shape(response: Any, status: int) -> None:
    assert response.status_code == status
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"ok", "error", "status"}
    assert body["ok"] is False
    assert body["status"] == status
    assert isinstance(body["error"], str) and body["error"]


def test_every_error_has_the_same_shape(
    client: TestClient, readonly_client: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    _assert_error_shape(client.get("/api/nothing-here"), 404)
    _assert_error_shape(client.get("/api/events/unknown"), 404)
    _assert_error_shape(client.get("/api/events", params={"limit": -5}), 422)
    _assert_error_shape(client.get("/api/events", params={"type": "FIGHT"}), 422)
    _assert_error_shape(client.get("/api/events", params={"quad": "friendly"}), 422)
    _assert_error_shape(client.get("/api/actors/xxx"), 404)
    _assert_error_shape(client.post("/api/documents", json={"text": "x"}), 401)
    _assert_error_shape(readonly_client.post("/api/documents", json={"text": "x"}), 403)
    _assert_error_shape(client.post("/api/documents", content=b"x" * 1_000_001, headers=AUTH), 413)
    _assert_error_shape(client.delete("/api/events"), 405)

    from detente.api import routes

    def broken(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("boom with a secret path /etc/x")

    monkeypatch.setattr(routes.queries, "list_documents", broken)
    response = client.get("/api/documents")
    _assert_error_shape(response, 500)
    assert "secret" not in response.json()["error"]

    def store_broken(*args: Any, **kwargs: Any) -> Any:
        raise StoreError("the store is locked; close the other writer")

    monkeypatch.setattr(routes.queries, "list_actors", store_broken)
    response = client.get("/api/actors")
    _assert_error_shape(response, 500)
    assert response.json()["error"] == "the store is locked; close the other writer"


def test_streamed_body_over_the_limit_is_413(writable_client: TestClient) -> None:
    def chunks() -> Any:
        for _ in range(200):
            yield b"y" * 10_000

    response = writable_client.post(
        "/api/documents", content=chunks(), headers={**AUTH, "Content-Type": "application/json"}
    )
    _assert_error_shape(response, 413)
