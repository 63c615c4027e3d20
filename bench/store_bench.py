"""Store speed: load synthetic events, then time the main queries (medians of repeated runs).

    python bench/store_bench.py                      # 1,000,000 events, 200 actors, 10 years
    python bench/store_bench.py --events 100000 --db /tmp/bench.duckdb --keep

The events go through the real write path (`Store.add_batch`: story linking, dyad_month
maintenance), ten events per document. About one report in five repeats an earlier event
from another document (same type and pair, a day apart, similar wording), so story events
are exercised. Targets: dyad series and network under 200 ms, a filtered event page under
50 ms.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from detente.analysis import actor_network, dyad_series
from detente.models import Actor, Article, Event, Extraction, Place, Trigger
from detente.ontology import QUAD_OF
from detente.store import EventFilter, Store, find_events

TYPES = list(QUAD_OF)
TYPE_WEIGHTS = [8, 12, 6, 2, 8, 3, 1, 4, 5, 4, 2, 3, 1, 2, 3, 4]
PLACES = ["Ankara", "Tehran", "Baghdad", "Damascus", "Moscow", "Geneva", "Doha", "Hasakah"]
WORDS = "officials met talks border security trade forces attack sanctions envoy ceasefire".split()


def synthetic(n_events: int, n_actors: int, years: int, seed: int = 7) -> Iterator[Extraction]:
    """Documents of ten events each among `n_actors` actors over `years` years."""
    rng = random.Random(seed)
    codes = [f"A{i:03d}" for i in range(n_actors)]
    weights = [1 / (i + 1) ** 0.8 for i in range(n_actors)]  # a few actors dominate
    partners = {c: rng.sample(codes, 15) for c in codes}
    start = date(2015, 1, 1)
    span = years * 365
    recent: list[tuple[str, str, str, date, str]] = []
    doc_i = 0
    made = 0
    while made < n_events:
        doc_id = f"doc{doc_i:07d}"
        events = []
        for k in range(min(10, n_events - made)):
            if recent and rng.random() < 0.2:
                etype, a, b, day, words = rng.choice(recent)
                day = day + timedelta(days=rng.choice((0, 1)))
                words = words + " " + rng.choice(WORDS)
            else:
                a = rng.choices(codes, weights)[0]
                b = rng.choice(partners[a])
                etype = rng.choices(TYPES, TYPE_WEIGHTS)[0]
                day = start + timedelta(days=rng.randrange(span))
                words = " ".join(rng.sample(WORDS, 5))
                recent.append((etype, a, b, day, words))
                if len(recent) > 5000:
                    recent = recent[-2500:]
            evidence = f"{a} {words} {b}."
            events.append(
                Event(
                    doc_id=doc_id,
                    sentence=k,
                    type=etype,
                    quad=QUAD_OF[etype],
                    source=Actor(code=a, text=a, span=(0, 4), name=f"Actor {a}", kind="state"),
                    target=Actor(code=b, text=b, span=(10, 14), kind="state"),
                    trigger=Trigger(text="met", span=(5, 8)),
                    evidence=evidence,
                    date=day.isoformat(),
                    date_precision="day",
                    place=Place(name=rng.choice(PLACES)) if rng.random() < 0.3 else None,
                    confidence=round(rng.uniform(0.3, 1.0), 2),
                    rule="bench",
                )
            )
        made += len(events)
        text = " ".join(e.evidence for e in events)
        yield Extraction(article=Article(id=doc_id, text=text), events=tuple(events))
        doc_i += 1


def median_ms(fn: Callable[[], Any], runs: int) -> float:
    fn()  # warm up
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--actors", type=int, default=200)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--db", default=None, help="store file (default: a temporary one)")
    parser.add_argument("--keep", action="store_true", help="reuse --db if it is already loaded")
    args = parser.parse_args()

    tmp = tempfile.TemporaryDirectory()
    path = Path(args.db) if args.db else Path(tmp.name) / "bench.duckdb"
    if path.exists() and not args.keep:
        path.unlink()
    with Store.open(path) as store:
        loaded = store.con.execute("SELECT count(*) FROM events").fetchone()[0]  # type: ignore[index]
        if not loaded:
            t = time.perf_counter()
            counts = store.add_extractions(
                synthetic(args.events, args.actors, args.years), batch_size=5000
            )
            store.con.execute("CHECKPOINT")
            took = time.perf_counter() - t
            print(
                f"loaded {counts.events:,} events in {counts.documents:,} documents "
                f"in {took:.0f}s ({counts.events / took:,.0f} events/s)"
            )
        con = store.con
        stories = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE n_reports > 1) FROM stories"
        ).fetchone()
        cells = con.execute("SELECT count(*) FROM dyad_month").fetchone()
        print(
            f"{stories[0]:,} story events ({stories[1]:,} with several reports); "  # type: ignore[index]
            f"dyad_month: {cells[0]:,} rows"  # type: ignore[index]
        )
        a, b = con.execute(  # type: ignore[misc]
            "SELECT source_code, target_code FROM dyad_month "
            "GROUP BY ALL ORDER BY sum(reports) DESC LIMIT 1"
        ).fetchone()
        busy = a
        checks: list[tuple[str, float, Callable[[], Any]]] = [
            (f"dyad_series {a}-{b} month (story)", 200, lambda: dyad_series(con, a, b)),
            (
                f"dyad_series {a}-{b} month (report)",
                200,
                lambda: dyad_series(con, a, b, count="report"),
            ),
            (
                f"dyad_series {a}-{b} week (story)",
                200,
                lambda: dyad_series(con, a, b, period="week"),
            ),
            ("actor_network all years", 200, lambda: actor_network(con)),
            (
                "actor_network 2020",
                200,
                lambda: actor_network(con, since="2020-01", until="2020-12"),
            ),
            (
                "actor_network 2020-03-15..2020-06-15 (day window)",
                200,
                lambda: actor_network(con, since="2020-03-15", until="2020-06-15"),
            ),
            (
                f"find_events actor={busy} since 2020, page 3 (story)",
                50,
                lambda: find_events(
                    con, EventFilter(actor=busy, since="2020"), limit=50, offset=100
                ),
            ),
            (
                f"find_events actor={busy} type ASSAULT (report)",
                50,
                lambda: find_events(
                    con, EventFilter(actor=busy, types=("ASSAULT",)), limit=50, count="report"
                ),
            ),
            (
                f"find_events dyad {a}-{b} (story)",
                50,
                lambda: find_events(con, EventFilter(dyad=(a, b)), limit=50),
            ),
            (
                "find_events text='ceasefire' place=Doha 2019 (story)",
                50,
                lambda: find_events(
                    con,
                    EventFilter(text="ceasefire", place="Doha", since="2019", until="2019"),
                    limit=50,
                ),
            ),
            ("find_events no filter, page 1 (story)", 50, lambda: find_events(con, limit=50)),
        ]
        print(f"\n{'query':<58} {'median ms':>10} {'target':>8}")
        for name, target, fn in checks:
            ms = median_ms(fn, args.runs)
            flag = "ok" if ms <= target else "SLOW"
            print(f"{name:<58} {ms:>10.1f} {target:>6} {flag}")
    tmp.cleanup()


if __name__ == "__main__":
    main()
