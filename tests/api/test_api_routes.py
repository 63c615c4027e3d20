"""Every read endpoint of the JSON API, over the sample store."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient


def test_events_lists_newest_first_with_total(client: TestClient) -> None:
    body = client.get("/api/events").json()
    assert body["total"] == 6
    assert (body["limit"], body["offset"]) == (50, 0)
    dates = [event["date"] for event in body["events"]]
    assert dates == sorted(dates, reverse=True)
    event = body["events"][0]
    assert {
        "id",
        "type",
        "quad",
        "source",
        "target",
        "trigger",
        "evidence",
        "confidence",
        "rule",
    } <= set(event)


def test_events_pages_with_limit_and_offset(client: TestClient) -> None:
    every = [e["id"] for e in client.get("/api/events", params={"limit": 100}).json()["events"]]
    first = client.get("/api/events", params={"limit": 4}).json()
    second = client.get("/api/events", params={"limit": 4, "offset": 4}).json()
    assert first["total"] == second["total"] == 6
    assert [e["id"] for e in first["events"] + second["events"]] == every
    assert len(second["events"]) == 2
    beyond = client.get("/api/events", params={"offset": 100}).json()
    assert beyond["events"] == [] and beyond["total"] == 6


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"actor": "SYR"}, 2),
        ({"dyad": "TUR,IRN"}, 3),
        ({"dyad": "IRN,TUR"}, 3),
        ({"type": "ACCUSE"}, 2),
        ({"type": "accuse,assault"}, 3),
        ({"quad": "material_conflict"}, 1),
        ({"quad": "verbal_cooperation,verbal_conflict"}, 5),
        ({"since": "2025-11"}, 3),
        ({"until": "2025-10-31"}, 3),
        ({"since": "2025-11-01", "until": "2025-11-30"}, 2),
        ({"place": "Ankara"}, 1),
        ({"place": "IRN"}, 1),
        ({"text": "trade agreement"}, 1),
        ({"min_confidence": 0.8}, 3),
        ({"modality": "reported"}, 1),
        ({"doc_id": "tehran-visit"}, 2),
    ],
)
def test_events_filters_match_the_cli(
    client: TestClient, params: dict[str, object], expected: int
) -> None:
    body = client.get("/api/events", params=params).json()
    assert body["total"] == expected, body
    assert len(body["events"]) == expected


def test_events_count_report_lists_every_report(client: TestClient) -> None:
    assert client.get("/api/events", params={"count": "report"}).json()["total"] == 6


@pytest.mark.parametrize(
    "params",
    [
        {"limit": 0},
        {"limit": 100_000},
        {"offset": -1},
        {"limit": "many"},
        {"min_confidence": 1.5},
        {"since": "last week"},
        {"until": "2025-13"},
        {"dyad": "TUR"},
        {"quad": "friendly"},
        {"count": "words"},
    ],
)
def test_events_rejects_bad_parameters(client: TestClient, params: dict[str, object]) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 422
    body = response.json()
    assert body["ok"] is False and body["status"] == 422
    assert body["error"].startswith("invalid request")


def test_event_comes_with_its_document_and_sentence(client: TestClient) -> None:
    listed = client.get("/api/events", params={"type": "CONSULT"}).json()["events"][0]
    body = client.get(f"/api/events/{listed['id']}").json()
    event, document = body["event"], body["document"]
    assert event["id"] == listed["id"]
    assert document["id"] == "ankara-talks"
    text = document["text"]
    assert text[slice(*event["source"]["span"])] == "Turkish Foreign Minister Hakan Fidan"
    assert text[slice(*event["target"]["span"])] == "Iranian Foreign Minister Abbas Araghchi"
    assert text[slice(*event["trigger"]["span"])] == "met"
    sentence = document["sentences"][0]
    assert sentence["index"] == event["sentence"]
    assert sentence["start"] <= event["trigger"]["span"][0] < sentence["end"]
    assert event["place"]["name"] == "Ankara"
    assert event["rule"] == "consult.verb.meet"
    assert "text" not in event["document"]


def test_unknown_event_is_404(client: TestClient) -> None:
    response = client.get("/api/events/nope")
    assert response.status_code == 404
    assert response.json() == {"ok": False, "error": "no event 'nope' in the store", "status": 404}


def test_actors_most_active_first(client: TestClient) -> None:
    body = client.get("/api/actors").json()
    assert body["total"] == 4
    assert [a["code"] for a in body["actors"]][:2] == ["TUR", "IRN"]
    assert body["actors"][0]["n_events"] >= body["actors"][1]["n_events"]
    assert client.get("/api/actors", params={"q": "syr"}).json()["total"] == 1
    paged = client.get("/api/actors", params={"limit": 1, "offset": 1}).json()
    assert [a["code"] for a in paged["actors"]] == ["IRN"]


def test_actor_profile_has_partners_opponents_and_recent_events(client: TestClient) -> None:
    body = client.get("/api/actors/TUR").json()
    assert body["code"] == "TUR"
    assert [p["code"] for p in body["partners"]] == ["IRN"]
    assert [o["code"] for o in body["opponents"]] == ["SYR"]
    assert body["recent_events"]
    assert client.get("/api/actors/XXX").status_code == 404


def test_dyad_series_counts_quads_per_month(client: TestClient) -> None:
    body = client.get("/api/dyads/TUR/IRN").json()
    assert (body["a"], body["b"], body["period"]) == ("TUR", "IRN", "month")
    assert body["periods"] == ["2025-10", "2025-11"]
    both = body["directions"]["both"]
    assert [row["quads"]["verbal_cooperation"] for row in both] == [2, 1]
    assert body["totals"]["both"]["types"] == {"AGREE": 2, "CONSULT": 1}
    assert body["names"] == {"IRN": "Iran", "TUR": "Türkiye"}
    yearly = client.get("/api/dyads/TUR/IRN", params={"period": "year"}).json()
    assert yearly["periods"] == ["2025"]
    assert client.get("/api/dyads/TUR/IRN", params={"period": "decade"}).status_code == 422


def test_network_edges_carry_quads(client: TestClient) -> None:
    body = client.get("/api/network").json()
    assert {n["id"] for n in body["nodes"]} == {"TUR", "IRN", "SYR", "IRQ"}
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    assert edges[("IRN", "TUR")]["quads"] == {"verbal_cooperation": 3}
    assert edges[("SYR", "TUR")]["quads"] == {"verbal_conflict": 2}
    top = client.get("/api/network", params={"limit": 2}).json()
    assert {n["id"] for n in top["nodes"]} == {"TUR", "IRN"}
    assert [(e["source"], e["target"]) for e in top["edges"]] == [("IRN", "TUR")]


def test_network_weights_are_counts_and_it_can_be_directed(client: TestClient) -> None:
    # #10: weights were cooperative - conflictual, negative for conflict
    body = client.get("/api/network").json()
    assert body["directed"] is False
    edges = {(e["source"], e["target"]): e for e in body["edges"]}
    conflict = edges[("SYR", "TUR")]
    assert (conflict["weight"], conflict["balance"], conflict["sign"]) == (2, -1.0, -1)
    assert all(e["weight"] == e["events"] >= 0 for e in body["edges"])
    directed = client.get("/api/network", params={"directed": "true"}).json()
    assert directed["directed"] is True
    assert sum(e["events"] for e in directed["edges"]) == sum(e["events"] for e in body["edges"])


def test_event_records_say_whether_they_are_counted(client: TestClient) -> None:
    events = client.get("/api/events", params={"limit": 1000}).json()["events"]
    assert all(isinstance(e["counted"], bool) for e in events)
    counted = client.get("/api/events", params={"counted": "true", "limit": 1000}).json()
    assert counted["total"] == sum(e["counted"] for e in events)
    tur = next(a for a in client.get("/api/actors").json()["actors"] if a["code"] == "TUR")
    listed = client.get("/api/events", params={"counted": "true", "actor": "TUR"}).json()
    assert tur["n_events"] == listed["total"]


def test_brief_is_text(client: TestClient) -> None:
    response = client.get("/api/brief")
    if response.status_code == 500 and "NotImplementedError" in str(response.content):
        pytest.skip("analysis.brief is not written yet")
    assert response.status_code == 200, response.text
    assert isinstance(response.json()["text"], str)


def test_documents_list_without_text_and_one_with_text(client: TestClient) -> None:
    body = client.get("/api/documents").json()
    assert body["total"] == 3
    assert all("text" not in doc for doc in body["documents"])
    assert (
        client.get("/api/documents", params={"limit": 1, "offset": 2}).json()["documents"][0]["id"]
        == "ankara-talks"
    )
    document = client.get("/api/documents/tehran-visit").json()
    assert document["text"].startswith("Tehran, November 3, 2025")
    assert len(document["events"]) == 2 and len(document["sentences"]) == 2
    assert client.get("/api/documents/nope").status_code == 404


def test_search_finds_actors_documents_and_events(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "Iran"}).json()
    assert body["query"] == "Iran"
    assert [a["code"] for a in body["actors"]] == ["IRN"]
    assert {d["id"] for d in body["documents"]} >= {"ankara-talks", "tehran-visit"}
    assert body["events"]
    assert client.get("/api/search").status_code == 422


def test_stats_counts_the_store(client: TestClient) -> None:
    body = client.get("/api/stats").json()
    assert (body["documents"], body["events"], body["actors"]) == (3, 6, 4)


def test_dashboard_pages_are_served(client: TestClient) -> None:
    for path in (
        "/",
        "/events",
        "/events/abc",
        "/actors/TUR",
        "/dyads/TUR/IRN",
        "/documents/x",
        "/search",
    ):
        response = client.get(path)
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/html")
        assert '<main id="main">' in response.text
    assert client.get("/static/app.js").status_code == 200
    assert client.get("/static/app.css").status_code == 200
