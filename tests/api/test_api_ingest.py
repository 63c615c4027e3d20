"""POST /api/documents: the token, the body shapes, and the events it answers with."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient
from sample_reports import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
REPORT = {
    "id": "new-report",
    "title": "Syria and Turkey",
    "text": "Damascus, December 2, 2025 – Syria accused Turkey of violating its airspace.",
    "published": "2025-12-02",
}


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Bearer wrong"},
        {"Authorization": TOKEN},
        {"Authorization": f"Basic {TOKEN}"},
    ],
    ids=["none", "wrong", "no-scheme", "basic"],
)
def test_post_without_the_token_is_401(
    writable_client: TestClient, headers: dict[str, str]
) -> None:
    response = writable_client.post("/api/documents", json=REPORT, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert writable_client.get("/api/documents/new-report").status_code == 404


def test_read_only_server_refuses_documents(readonly_client: TestClient) -> None:
    response = readonly_client.post("/api/documents", json=REPORT, headers=AUTH)
    assert response.status_code == 403
    assert "read-only" in response.json()["error"]


def test_post_one_document_answers_with_its_events(writable_client: TestClient) -> None:
    response = writable_client.post("/api/documents", json=REPORT, headers=AUTH)
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["ok"] is True and body["documents"] == ["new-report"]
    [event] = body["events"]
    assert (event["type"], event["source"]["code"], event["target"]["code"]) == (
        "ACCUSE",
        "SYR",
        "TUR",
    )
    stored = writable_client.get("/api/documents/new-report").json()
    assert stored["title"] == "Syria and Turkey" and stored["published"] == "2025-12-02"
    assert writable_client.get("/api/events", params={"doc_id": "new-report"}).json()["total"] == 1


def test_post_a_list_and_ids_default_to_a_hash(writable_client: TestClient) -> None:
    docs = [{"text": "Quiet day in Ankara."}, {"id": "b", "text": "Syria accused Turkey again."}]
    body = writable_client.post("/api/documents", json=docs, headers=AUTH).json()
    assert body["documents"][0].startswith("api_") and body["documents"][1] == "b"
    assert len(body["events"]) == 1


def test_post_a_multipart_upload(writable_client: TestClient) -> None:
    files = [
        ("file", ("upload-one.txt", b"Syria accused Turkey of shelling.", "text/plain")),
        ("file", ("more.jsonl", (json.dumps(REPORT) + "\n").encode(), "application/jsonl")),
    ]
    response = writable_client.post("/api/documents", files=files, headers=AUTH)
    assert response.status_code == 201, response.text
    assert response.json()["documents"] == ["upload-one", "new-report"]


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"{}",
        b'{"text": ""}',
        b'{"text": "x", "published": "soon"}',
        b'{"text": "x", "extra": 1}',
        b"[]",
    ],
    ids=["garbage", "no-text", "empty-text", "bad-date", "unknown-field", "empty-list"],
)
def test_post_rejects_bad_bodies(writable_client: TestClient, body: bytes) -> None:
    response = writable_client.post(
        "/api/documents", content=body, headers={**AUTH, "Content-Type": "application/json"}
    )
    assert response.status_code == 422, response.text
    assert response.json()["error"].startswith("invalid request")


def test_post_rejects_other_content_types(writable_client: TestClient) -> None:
    response = writable_client.post(
        "/api/documents", content=b"x", headers={**AUTH, "Content-Type": "text/csv"}
    )
    assert response.status_code == 415


def test_posting_a_document_again_answers_its_events_and_stores_it_once(
    writable_client: TestClient,
) -> None:
    first = writable_client.post("/api/documents", json=REPORT, headers=AUTH).json()
    again = writable_client.post("/api/documents", json=REPORT, headers=AUTH).json()
    assert again["events"] == first["events"] and len(first["events"]) == 1
    assert writable_client.get("/api/events", params={"doc_id": "new-report"}).json()["total"] == 1


def test_a_posted_html_page_is_read_as_ingest_reads_a_page(writable_client: TestClient) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Airspace row</title>"
        "<script>var tracker = 'menu';</script></head><body>"
        "<nav><a href='/'>Home</a> | <a href='/world'>World menu</a></nav>"
        "<article><h1>Airspace row</h1><p>Damascus, December 2, 2025 – Syria accused Turkey of "
        "violating its airspace on Tuesday, the foreign ministry said in a statement.</p>"
        "<p>Ankara did not comment on the accusation by the evening.</p></article>"
        "<footer>Copyright footer</footer></body></html>"
    )
    body = {"id": "html-report", "text": page, "published": "2025-12-02"}
    response = writable_client.post("/api/documents", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    assert ("ACCUSE", "SYR", "TUR") in {
        (e["type"], e["source"]["code"], e["target"]["code"]) for e in response.json()["events"]
    }
    text = writable_client.get("/api/documents/html-report").json()["text"]
    assert "Syria accused Turkey" in text
    assert not any(noise in text for noise in ("tracker", "<", "menu", "footer"))
