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


def test_answers_say_whether_they_came_from_the_cache(writable_client: TestClient) -> None:
    params = {"actor": "TUR", "limit": 3}
    assert writable_client.get("/api/events", params=params).headers["x-detente-cache"] == "miss"
    assert writable_client.get("/api/events", params=params).headers["x-detente-cache"] == "hit"


def test_the_cache_keeps_at_most_its_byte_budget(writable_client: TestClient) -> None:
    cache = _cache(writable_client)
    cache.entries.clear()
    cache.size, cache.max_bytes = 0, 3000
    for offset in range(12):
        assert writable_client.get("/api/events", params={"offset": offset}).status_code == 200
    assert 0 < cache.size <= 3000
    assert cache.size == sum(len(body) for _, body in cache.entries.values())
    # the newest answer is kept, the oldest went first
    assert any("offset=11" in key for key in cache.entries)
    assert not any(key.endswith("offset=0") for key in cache.entries)


def test_a_write_reaches_the_snapshot_reads(writable_client: TestClient) -> None:
    """Event pages by dyad and dyad series read the in-memory snapshot: it is taken again
    after a write. (min_confidence=0 keeps the same events but sends the page to SQL.)"""

    def pages() -> tuple[dict, dict]:
        fast = writable_client.get("/api/events", params={"dyad": "SYR,TUR"}).json()
        sql = writable_client.get(
            "/api/events", params={"dyad": "SYR,TUR", "min_confidence": 0}
        ).json()
        return fast, sql

    def accusations() -> int:
        series = writable_client.get("/api/dyads/SYR/TUR", params={"count": "report"}).json()
        return series["totals"]["both"]["types"].get("ACCUSE", 0)

    before, reports = pages()[0], accusations()
    assert writable_client.post("/api/documents", json=REPORT, headers=AUTH).status_code == 201
    fast, sql = pages()
    assert fast == sql
    assert fast["total"] >= before["total"]
    assert accusations() == reports + 1


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
