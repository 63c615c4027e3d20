"""The response cache: repeated reads answer from memory, a write empties it."""

from __future__ import annotations

from fastapi.testclient import TestClient

from test_api_ingest import AUTH, REPORT


def test_a_repeated_read_is_answered_from_the_cache(writable_client: TestClient) -> None:
    first = writable_client.get("/api/events", params={"limit": 5})
    assert first.status_code == 200
    assert any(key.startswith("/api/events?") for key in _cache(writable_client).entries)
    second = writable_client.get("/api/events", params={"limit": 5})
    assert second.content == first.content


def test_a_write_empties_the_cache_so_reads_see_it(writable_client: TestClient) -> None:
    before = writable_client.get("/api/events", params={"doc_id": "new-report"}).json()["total"]
    assert before == 0
    assert writable_client.post("/api/documents", json=REPORT, headers=AUTH).status_code == 201
    assert not _cache(writable_client).entries
    after = writable_client.get("/api/events", params={"doc_id": "new-report"}).json()["total"]
    assert after == 1


def test_errors_are_not_kept(writable_client: TestClient) -> None:
    assert writable_client.get("/api/events/no-such-event").status_code == 404
    assert not any("no-such-event" in key for key in _cache(writable_client).entries)


def _cache(client: TestClient):  # type: ignore[no-untyped-def]
    from detente.api.cache import ResponseCache

    layer = client.app.middleware_stack  # type: ignore[attr-defined]
    while layer is not None and not isinstance(layer, ResponseCache):
        layer = getattr(layer, "app", None)
    assert layer is not None, "the app has no ResponseCache"
    return layer
