from __future__ import annotations

import json

import pytest

from detente.store import (
    EventFilter,
    Store,
    find_events,
    get_actor,
    get_document,
    get_event,
    list_actors,
    list_documents,
    search,
    store_stats,
)


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (EventFilter(), 8),
        (EventFilter(actor="TUR"), 3),
        (EventFilter(dyad=("IRN", "TUR")), 1),
        (EventFilter(types=("reject",)), 2),
        (EventFilter(quads=("material_conflict",)), 1),
        (EventFilter(since="2025"), 4),
        (EventFilter(until="2017-10"), 4),
        (EventFilter(place="Hasakah"), 1),
        (EventFilter(text="ceasefire"), 1),
        (EventFilter(min_confidence=0.9), 0),
    ],
)
def test_find_events_filters(filled: Store, filters: EventFilter, expected: int) -> None:
    assert find_events(filled.con, filters).total == expected


def test_story_count_folds_reports_of_one_meeting(filled: Store) -> None:
    by_story = find_events(filled.con, EventFilter(dyad=("TUR", "IRN"), types=("CONSULT",)))
    by_report = find_events(
        filled.con, EventFilter(dyad=("TUR", "IRN"), types=("CONSULT",)), count="report"
    )
    assert (by_story.total, by_report.total) == (1, 2)
    assert by_story.items[0]["n_sources"] == 2


def test_paging_is_stable_and_json_serialisable(filled: Store) -> None:
    first = find_events(filled.con, limit=3, offset=0, count="report")
    second = find_events(filled.con, limit=3, offset=3, count="report")
    assert first.total == second.total == 9
    assert not {e["id"] for e in first.items} & {e["id"] for e in second.items}
    json.dumps(first.to_dict())


def test_get_event_has_document_text_sentence_and_story(filled: Store) -> None:
    some = find_events(filled.con, EventFilter(place="Hasakah")).items[0]
    event = get_event(filled.con, some["id"])
    assert event is not None
    text, sentence = event["document"]["text"], event["sentence_info"]
    start, end = event["trigger"]["span"]
    assert sentence["text"] == text[sentence["start"] : sentence["end"]]
    assert event["story"]["n_reports"] == 1
    assert get_event(filled.con, "nope") is None
    json.dumps(event)


def test_actors_list_and_profile(filled: Store) -> None:
    page = list_actors(filled.con)
    codes = [a["code"] for a in page.items]
    assert {"TUR", "IRN", "SYR", "KRG", "ISIS", "SDF", "IRQ", "RUS"} <= set(codes)
    profile = get_actor(filled.con, "TUR")
    assert profile is not None
    assert any(
        r["name"] == "Hulusi Akar" and r["role"] == "chief of general staff"
        for r in profile["roles"]
    )
    assert {p["code"] for p in profile["partners"]} >= {"IRN", "SYR"}
    assert [o["code"] for o in profile["opponents"]] == ["KRG"]
    assert get_actor(filled.con, "XXX") is None


def test_documents_and_search(filled: Store) -> None:
    assert list_documents(filled.con).total == 3
    doc = get_document(filled.con, "d2025")
    assert doc is not None and len(doc["sentences"]) == 4 and len(doc["events"]) == 4
    assert doc["mentions"]
    found = search(filled.con, "Hasakah")
    assert found["events"] and found["documents"]
    stats = store_stats(filled.con)
    assert stats["documents"] == 3 and stats["events"] == 9 and stats["stories"] == 8


def test_sorting_by_date_changes_no_answer(filled: Store) -> None:
    filters = [
        EventFilter(),
        EventFilter(actor="TUR"),
        EventFilter(since="2025"),
        EventFilter(text="ceasefire"),
    ]
    before = [
        find_events(filled.con, f, count=c).to_dict() for f in filters for c in ("story", "report")
    ]
    profile = get_actor(filled.con, "TUR")
    assert filled.optimize() is False  # a small store is not rewritten
    assert filled.optimize(force=True) is True
    after = [
        find_events(filled.con, f, count=c).to_dict() for f in filters for c in ("story", "report")
    ]
    assert after == before
    assert get_actor(filled.con, "TUR") == profile
    assert set(filled.integrity().values()) == {0}


def test_profile_and_document_match_the_lists(filled: Store) -> None:
    listed = {a["code"]: a for a in list_actors(filled.con, count="report").items}
    profile = get_actor(filled.con, "TUR", count="report")
    assert profile is not None
    assert {k: profile[k] for k in listed["TUR"]} == listed["TUR"]
    doc = list_documents(filled.con).items[0]
    full = get_document(filled.con, doc["id"])
    assert full is not None and {k: full[k] for k in doc} == doc
    assert get_document(filled.con, doc["id"][:-1]) is None
