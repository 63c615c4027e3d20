"""Parameters are read as meant (#10): actor codes in any case, text filters as plain
substrings, and an unknown type or quad is a 422, never an empty page."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


@pytest.mark.parametrize("code", ["tur", "Tur", " TUR "])
def test_actor_codes_are_case_insensitive(client: TestClient, code: str) -> None:
    body = client.get(f"/api/actors/{code}").json()
    assert body["code"] == "TUR" and body["recent_events"]


def test_actor_and_dyad_filters_are_case_insensitive(client: TestClient) -> None:
    upper = client.get("/api/events", params={"actor": "SYR"}).json()
    assert client.get("/api/events", params={"actor": "syr"}).json() == upper
    assert client.get("/api/events", params={"dyad": "tur,Irn"}).json()["total"] == 3
    series = client.get("/api/dyads/tur/irn").json()
    assert (series["a"], series["b"]) == ("TUR", "IRN")
    assert series["totals"]["both"]["cooperative"] == 3
    assert series["names"] == {"IRN": "Iran", "TUR": "Türkiye"}


def test_unknown_actor_is_still_404(client: TestClient) -> None:
    response = client.get("/api/actors/xxx")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error": "no actor 'XXX' in the store", "status": 404}


@pytest.mark.parametrize(
    ("path", "params", "key"),
    [
        ("/api/events", {"text": "%"}, "events"),
        ("/api/events", {"text": "100%"}, "events"),
        ("/api/events", {"place": "%"}, "events"),
        ("/api/events", {"place": "_"}, "events"),
        ("/api/documents", {"q": "%"}, "documents"),
        ("/api/actors", {"q": "%"}, "actors"),
        ("/api/actors", {"q": "_"}, "actors"),
        ("/api/actors", {"q": "T_R"}, "actors"),
    ],
)
def test_percent_and_underscore_are_not_wildcards(
    client: TestClient, path: str, params: dict[str, str], key: str
) -> None:
    # `text=%` used to match every event (#10)
    body = client.get(path, params=params).json()
    assert (body["total"], body[key]) == (0, [])


def test_underscore_matches_itself(client: TestClient) -> None:
    # the hostile report's actor text holds `window.__pwned`
    [event] = client.get("/api/events", params={"text": "_"}).json()["events"]
    assert "__pwned" in event["target"]["text"]
    [document] = client.get("/api/documents", params={"q": "__pwned"}).json()["documents"]
    assert document["id"] == "xss-report"


def test_search_for_a_percent_sign_finds_nothing(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "%"}).json()
    assert (body["actors"], body["documents"], body["events"]) == ([], [], [])


@pytest.mark.parametrize(
    ("params", "error"),
    [
        ({"type": "FIGHT"}, "invalid request: type: FIGHT; known: AGREE, CONSULT, "),
        ({"type": "agree,fight,WAR"}, "invalid request: type: FIGHT, WAR; known: "),
        ({"quad": "friendly"}, "invalid request: quad: friendly; known: verbal_cooperation, "),
    ],
)
def test_unknown_type_or_quad_is_422(
    client: TestClient, params: dict[str, str], error: str
) -> None:
    response = client.get("/api/events", params=params)
    body = response.json()
    assert response.status_code == body["status"] == 422
    assert set(body) == {"ok", "error", "status"} and body["ok"] is False
    assert body["error"].startswith(error)


@pytest.mark.parametrize(
    ("params", "expected"),
    [({"type": "accuse,Assault"}, 3), ({"quad": "Verbal_Conflict"}, 2)],
)
def test_types_and_quads_in_any_case(
    client: TestClient, params: dict[str, str], expected: int
) -> None:
    assert client.get("/api/events", params=params).json()["total"] == expected
