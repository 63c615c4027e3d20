"""The in-memory snapshot answers exactly what the SQL answers, for every filter it holds."""

from __future__ import annotations

import random
from datetime import date, timedelta

import pytest
from detente_factories import actor, event, extraction

from detente.analysis import dyad_series
from detente.errors import InputError
from detente.ontology import QUAD_OF
from detente.store import EventFilter, Store, find_events
from detente.store.filters import check_period
from detente.store.snapshot import Snapshot

CODES = ["TUR", "IRN", "IRQ", "SYR", "USA", "KRG", None]
TYPES = list(QUAD_OF)


def _random_store(seed: int) -> Store:
    """A few hundred reports: repeated stories, unresolved and missing targets, undated and
    negated events, so every NULL and every uncounted case is there."""
    rng = random.Random(seed)
    store = Store.open(":memory:")
    batch = []
    for d in range(80):
        doc_id = f"doc-{d:03d}"
        published = None if rng.random() < 0.1 else date(2024, 1, 1) + timedelta(rng.randrange(500))
        events, sentences = [], []
        for i in range(rng.randrange(1, 6)):
            a, b = rng.choice(CODES[:-1]), rng.choice(CODES)
            when = None
            if published and rng.random() < 0.8:
                when = (published - timedelta(rng.randrange(3))).isoformat()
            target = None if rng.random() < 0.1 else actor(b, start=10)
            events.append(
                event(
                    doc_id,
                    i,
                    rng.choice(TYPES[:6]),
                    actor(a),
                    target,
                    when=when,
                    modality=rng.choice(["asserted"] * 4 + ["negated", "planned"]),
                    confidence=round(rng.uniform(0.3, 0.95), 2),
                )
            )
            sentences.append(f"Sentence {i} of report {d} about two actors.")
        batch.append(extraction(doc_id, sentences, events, published=published))
    store.add_extractions(batch)
    return store


@pytest.fixture(scope="module")
def random_store() -> Store:
    store = _random_store(11)
    yield store
    store.close()


def _filters(rng: random.Random) -> EventFilter:
    fields: dict = {}
    if rng.random() < 0.4:
        fields["actor"] = rng.choice([*CODES[:-1], "NOPE"])
    if rng.random() < 0.3:
        a = rng.choice(CODES[:-1])
        fields["dyad"] = (a, a) if rng.random() < 0.1 else (a, rng.choice(CODES[:-1]))
    if rng.random() < 0.3:
        fields["types"] = tuple(rng.sample(TYPES, rng.randrange(1, 3)))
    if rng.random() < 0.3:
        fields["quads"] = (rng.choice(sorted(set(QUAD_OF.values()))),)
    if rng.random() < 0.3:
        fields["since"] = rng.choice(["2024", "2024-06", "2024-09-15", "2025-03"])
    if rng.random() < 0.3:
        fields["until"] = rng.choice(["2024", "2024-11", "2025-01-31"])
        try:
            check_period(fields.get("since"), fields["until"])
        except InputError:
            del fields["until"]  # since after until is an error, not an empty page
    if rng.random() < 0.2:
        fields["counted_only"] = True
    return EventFilter(**fields)


def test_event_pages_match_sql(random_store: Store) -> None:
    snapshot = Snapshot(random_store.con)
    rng = random.Random(5)
    for _ in range(300):
        filters = _filters(rng)
        limit, offset = rng.choice([5, 20, 50]), rng.choice([0, 0, 3, 20, 400])
        sql = find_events(random_store.con, filters, limit=limit, offset=offset)
        fast = find_events(random_store.con, filters, limit=limit, offset=offset, snapshot=snapshot)
        assert fast.total == sql.total, filters
        assert [e["id"] for e in fast.items] == [e["id"] for e in sql.items], filters
        assert fast.items == sql.items


def test_filters_it_does_not_hold_go_to_sql(random_store: Store) -> None:
    snapshot = Snapshot(random_store.con)
    assert snapshot.story_page(EventFilter(text="report"), limit=5, offset=0) is None
    assert snapshot.story_page(EventFilter(modalities=("negated",)), limit=5, offset=0) is None
    page = find_events(
        random_store.con, EventFilter(place="Ankara"), limit=5, offset=0, snapshot=snapshot
    )
    assert page.total == find_events(random_store.con, EventFilter(place="Ankara")).total


@pytest.mark.parametrize("period", ["month", "year", "week"])
@pytest.mark.parametrize("count", ["story", "report"])
def test_dyad_series_match_sql(random_store: Store, period: str, count: str) -> None:
    snapshot = Snapshot(random_store.con)
    bounds = [(None, None), ("2024-05", None), (None, "2025-02-14"), ("2024-03-10", "2024-12")]
    for a in CODES[:-1]:
        for b in ("TUR", "SYR", "NOPE", a):
            for since, until in bounds:
                kwargs = dict(period=period, count=count, since=since, until=until)
                sql = dyad_series(random_store.con, a, b, **kwargs)
                fast = dyad_series(random_store.con, a, b, snapshot=snapshot, **kwargs)
                assert fast == sql, (a, b, kwargs)


def test_an_empty_store_has_an_empty_snapshot() -> None:
    with Store.open(":memory:") as store:
        snapshot = Snapshot(store.con)
        assert snapshot.story_page(EventFilter(actor="TUR"), limit=10, offset=0) == (0, [], {})
        assert dyad_series(store.con, "TUR", "IRN", snapshot=snapshot)["periods"] == []
