"""Load test of the JSON API: many concurrent clients against a store of a million events.

    python bench/api_load.py                      # build (or reuse) the store, 50 clients, 30 s
    python bench/api_load.py --think 0            # back to back: the saturation throughput
    python bench/api_load.py --cache-mb 0         # every request reaches the store
    python bench/api_load.py --events 100000 --clients 20 --duration 10 --json out.json

The store is built once through the store's public API (`Store.add_extractions` with
synthetic extractions: plausible dyads, types, dates and places, spans that point into
the text) and reused while it holds at least `--events` events. The server is the real
`detente serve` (one worker per core, read-only) in a subprocess on a free loopback port.

Each client is a dashboard user: it sends a request, waits for the answer, reads it for
`--think` seconds on average (exponentially distributed; 1 s by default, a fast reader),
and goes on until the time or the request budget runs out. Requests alternate the events
endpoint (with the filters the dashboard uses, and paging) and the dyad endpoint. A warm-up
by other users (other seeds) comes first, so the measured clients' first answers are not
already cached. Reports throughput, latency percentiles, errors and the share of answers
the server's response cache gave, per endpoint; the target is no errors and p95 under
100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = Path(tempfile.gettempdir()) / "detente-api-load.duckdb"

# (code, name, demonym or short form used in text)
ACTORS = [
    ("USA", "United States"),
    ("RUS", "Russia"),
    ("CHN", "China"),
    ("TUR", "Türkiye"),
    ("IRN", "Iran"),
    ("IRQ", "Iraq"),
    ("SYR", "Syria"),
    ("ISR", "Israel"),
    ("LBN", "Lebanon"),
    ("SAU", "Saudi Arabia"),
    ("ARE", "United Arab Emirates"),
    ("QAT", "Qatar"),
    ("EGY", "Egypt"),
    ("JOR", "Jordan"),
    ("YEM", "Yemen"),
    ("OMN", "Oman"),
    ("UKR", "Ukraine"),
    ("POL", "Poland"),
    ("DEU", "Germany"),
    ("FRA", "France"),
    ("GBR", "United Kingdom"),
    ("ITA", "Italy"),
    ("ESP", "Spain"),
    ("GRC", "Greece"),
    ("ARM", "Armenia"),
    ("AZE", "Azerbaijan"),
    ("GEO", "Georgia"),
    ("PAK", "Pakistan"),
    ("IND", "India"),
    ("AFG", "Afghanistan"),
    ("SDN", "Sudan"),
    ("ETH", "Ethiopia"),
    ("SOM", "Somalia"),
    ("NGA", "Nigeria"),
    ("LBY", "Libya"),
    ("TUN", "Tunisia"),
    ("DZA", "Algeria"),
    ("MAR", "Morocco"),
    ("JPN", "Japan"),
    ("KOR", "South Korea"),
    ("PRK", "North Korea"),
    ("TWN", "Taiwan"),
    ("NATO", "NATO"),
    ("EU", "European Union"),
    ("UN", "United Nations"),
    ("AU", "African Union"),
    ("PKK", "PKK"),
    ("SDF", "Syrian Democratic Forces"),
    ("HTS", "Hayat Tahrir al-Sham"),
    ("ISIS", "Islamic State"),
    ("HEZ", "Hezbollah"),
    ("HAM", "Hamas"),
    ("HTI", "Houthis"),
]
VERBS = {
    "CONSULT": ("verbal_cooperation", "met with"),
    "AGREE": ("verbal_cooperation", "agreed with"),
    "SUPPORT": ("verbal_cooperation", "backed"),
    "CONCEDE": ("verbal_cooperation", "conceded to"),
    "COOPERATE": ("material_cooperation", "cooperated with"),
    "AID": ("material_cooperation", "sent aid to"),
    "RETREAT": ("material_cooperation", "withdrew from"),
    "REQUEST": ("verbal_conflict", "demanded of"),
    "ACCUSE": ("verbal_conflict", "accused"),
    "REJECT": ("verbal_conflict", "rejected"),
    "THREATEN": ("verbal_conflict", "threatened"),
    "PROTEST": ("material_conflict", "protested against"),
    "SANCTION": ("material_conflict", "sanctioned"),
    "MOBILIZE": ("material_conflict", "mobilized against"),
    "COERCE": ("material_conflict", "detained citizens of"),
    "ASSAULT": ("material_conflict", "attacked"),
}
PLACES = [
    ("Ankara", "TUR"),
    ("Tehran", "IRN"),
    ("Baghdad", "IRQ"),
    ("Damascus", "SYR"),
    ("Doha", "QAT"),
    ("Geneva", None),
    ("Brussels", None),
    ("Kyiv", "UKR"),
    ("Moscow", "RUS"),
    ("Beirut", "LBN"),
    ("Cairo", "EGY"),
    ("Riyadh", "SAU"),
    ("Khartoum", "SDN"),
    (None, None),
]
MODALITIES = ["asserted"] * 8 + ["planned", "reported", "expected", "negated"]
EVENTS_PER_DOC = 10
START = date(2015, 1, 1)
DAYS = 11 * 365


# ---------- the synthetic store ----------


def synthetic_extractions(n_events: int, *, seed: int = 7) -> Iterator[Any]:
    """Extractions with `n_events` events in all, ten per document, reproducibly.

    A few dyads are much more active than the rest, as in real event data.
    """
    from detente.models import Actor, Article, Event, Extraction, Mention, Place, Sentence, Trigger

    rng = random.Random(seed)
    hot = [
        (ACTORS[i], ACTORS[j])
        for i, j in ((3, 4), (3, 6), (4, 6), (0, 2), (1, 16), (7, 8), (3, 47))
    ]
    types = list(VERBS)
    n_docs = (n_events + EVENTS_PER_DOC - 1) // EVENTS_PER_DOC
    for d in range(n_docs):
        published = START + timedelta(days=rng.randrange(DAYS))
        place_name, place_country = rng.choice(PLACES)
        doc_id = f"syn-{d:07d}"
        parts = [f"{place_name or 'Geneva'}, {published:%B} {published.day}, {published.year} – "]
        offset = len(parts[0])
        sentences, events, mentions = [], [], []
        for i in range(min(EVENTS_PER_DOC, n_events - d * EVENTS_PER_DOC)):
            if rng.random() < 0.3:
                (a_code, a_name), (b_code, b_name) = rng.choice(hot)
            else:
                (a_code, a_name), (b_code, b_name) = rng.sample(ACTORS, 2)
            etype = rng.choice(types)
            quad, verb = VERBS[etype]
            where = f" in {place_name}" if place_name else ""
            text = f"{a_name} {verb} {b_name}{where} on day {i} of the talks. "
            start = offset
            a_span = (start, start + len(a_name))
            t_start = a_span[1] + 1
            trigger = Trigger(text=verb, span=(t_start, t_start + len(verb)))
            b_start = trigger.span[1] + 1
            b_span = (b_start, b_start + len(b_name))
            source = Actor(code=a_code, text=a_name, span=a_span, name=a_name, kind="state")
            target = Actor(code=b_code, text=b_name, span=b_span, name=b_name, kind="state")
            day = published - timedelta(days=rng.randrange(4))
            sentences.append(
                Sentence(
                    doc_id=doc_id, index=i, start=start, end=start + len(text) - 1, text=text[:-1]
                )
            )
            mentions += [
                Mention(doc_id=doc_id, sentence=i, actor=source),
                Mention(doc_id=doc_id, sentence=i, actor=target),
            ]
            events.append(
                Event(
                    doc_id=doc_id,
                    sentence=i,
                    type=etype,
                    quad=quad,
                    source=source,
                    target=target,
                    trigger=trigger,
                    evidence=text[:-1],
                    date=day.isoformat(),
                    date_precision="day",
                    place=Place(name=place_name, country=place_country) if place_name else None,
                    modality=rng.choice(MODALITIES),
                    confidence=round(rng.uniform(0.3, 0.99), 2),
                    rule=f"{etype.lower()}.synthetic",
                )
            )
            parts.append(text)
            offset += len(text)
        article = Article(
            id=doc_id,
            text="".join(parts).rstrip(),
            title=f"Synthetic report {d}",
            source="bench/api_load.py",
            published=published,
        )
        yield Extraction(
            article=article,
            sentences=tuple(sentences),
            mentions=tuple(mentions),
            events=tuple(events),
        )


def ensure_store(path: Path, n_events: int, *, rebuild: bool = False) -> dict[str, Any]:
    """Build the store at `path` unless it already holds at least `n_events` events."""
    from detente.store import Store, store_stats

    if path.exists() and not rebuild:
        with Store.open(path, read_only=True) as store:
            stats = store_stats(store.con)
        if stats["events"] >= n_events:
            print(f"reusing {path}: {stats['events']:,} events", file=sys.stderr)
            return stats
    if path.exists():
        path.unlink()
    path.parent.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    with Store.open(path) as store:
        done = 0
        batch: list[Any] = []
        for extraction in synthetic_extractions(n_events):
            batch.append(extraction)
            if len(batch) == 2000:
                store.add_batch(batch)
                done += len(batch)
                batch = []
                rate = done * EVENTS_PER_DOC / (time.perf_counter() - started)
                print(
                    f"\r  {done * EVENTS_PER_DOC:,} events ({rate:,.0f}/s)", end="", file=sys.stderr
                )
        if batch:
            store.add_batch(batch)
        store.optimize()  # what `detente ingest` does after a large load: sort by date
        store.con.execute("CHECKPOINT")
        stats = store_stats(store.con)
    print(
        f"\nbuilt {path}: {stats['events']:,} events in {time.perf_counter() - started:.0f} s",
        file=sys.stderr,
    )
    return stats


# ---------- the server ----------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(
    db: Path, port: int, log: Path, *, cache_mb: int, workers: int
) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "DETENTE_TOKEN"}  # read-only
    command = [
        sys.executable,
        "-m",
        "detente",
        "serve",
        "--db",
        str(db),
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--cache-mb",
        str(cache_mb),
        "--workers",
        str(workers),
    ]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, env=env, stdout=sink, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit(f"the server exited with status {process.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.2)
    process.terminate()
    sys.exit("the server did not start within 60 s")


# ---------- the clients ----------


def request_mix(rng: random.Random) -> tuple[str, str, dict[str, Any]]:
    """One request as the dashboard makes them: (endpoint name, path, params)."""
    codes = [code for code, _ in ACTORS]
    kind = rng.random()
    if kind < 0.5:
        a, b = rng.sample(codes[:12], 2) if rng.random() < 0.7 else rng.sample(codes, 2)
        return "dyad", f"/api/dyads/{a}/{b}", {"period": rng.choice(["month", "month", "year"])}
    params: dict[str, Any] = {"limit": 50, "offset": rng.choice([0, 0, 0, 50, 100, 500])}
    choice = rng.random()
    if choice < 0.35:
        params["actor"] = rng.choice(codes)
    elif choice < 0.65:
        params["dyad"] = ",".join(rng.sample(codes[:12], 2))
    elif choice < 0.8:
        params["type"] = rng.choice(list(VERBS))
        params["since"] = f"{rng.randrange(2015, 2026)}"
    elif choice < 0.9:
        params["quad"] = rng.choice(["verbal_cooperation", "material_conflict"])
        params["actor"] = rng.choice(codes[:12])
    return "events", "/api/events", params


class _Connection:
    """A keep-alive HTTP/1.1 connection that sends GETs and reads the answers.

    The clients share the two cores with the server, so they must cost little: httpx spends
    about a millisecond of CPU on each request, and this a tenth of that. It reconnects when
    the server closes an idle connection (uvicorn does after 5 s).
    """

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, target: str) -> tuple[int, bool]:
        """(status, whether the server's response cache answered)."""
        for attempt in (1, 2):
            if self.writer is None or self.reader is None or self.reader.at_eof():
                self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
            try:
                self.writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
                head = await self.reader.readuntil(b"\r\n\r\n")
            except (ConnectionError, asyncio.IncompleteReadError):
                self.writer = None  # closed while idle: once more on a new connection
                if attempt == 2:
                    raise
                continue
            lines = head.decode("latin-1").split("\r\n")
            headers = dict(line.lower().split(": ", 1) for line in lines[1:] if ": " in line)
            await self.reader.readexactly(int(headers.get("content-length", 0)))
            return int(lines[0].split(" ", 2)[1]), headers.get("x-detente-cache") == "hit"
        raise ConnectionError("unreachable")

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()


Result = tuple[str, float, int, bool]  # endpoint, milliseconds, status, cache hit


async def client_loop(
    base: str,
    deadline: float,
    budget: list[int],
    results: list[Result],
    seed: int,
    think: float = 0.0,
) -> None:
    rng = random.Random(seed)
    url = httpx.URL(base)
    connection = _Connection(url.host, url.port or 80)
    if think:
        await asyncio.sleep(rng.uniform(0, think))  # users do not all click at once
    try:
        while time.monotonic() < deadline and budget[0] > 0:
            budget[0] -= 1
            name, path, params = request_mix(rng)
            target = f"{path}?{urlencode(params)}" if params else path
            started = time.perf_counter()
            try:
                status, hit = await connection.get(target)
            except (OSError, asyncio.IncompleteReadError, ValueError):
                status, hit = 0, False
                connection.close()
                connection = _Connection(url.host, url.port or 80)
            results.append((name, (time.perf_counter() - started) * 1000, status, hit))
            if think:  # a user reading the page (not past the end of the test)
                pause = min(rng.expovariate(1 / think), deadline - time.monotonic())
                await asyncio.sleep(max(pause, 0.0))
    finally:
        connection.close()


async def run_load(
    base: str,
    *,
    clients: int,
    duration: float,
    max_requests: int,
    think: float = 0.0,
    first_seed: int = 0,
) -> list[Result]:
    results: list[Result] = []
    budget = [max_requests]
    deadline = time.monotonic() + duration
    await asyncio.gather(
        *(
            client_loop(base, deadline, budget, results, first_seed + n, think)
            for n in range(clients)
        )
    )
    return results


def summarise(results: list[Result], elapsed: float) -> dict[str, Any]:
    def stats(rows: list[Result]) -> dict[str, Any]:
        latencies = sorted(ms for _, ms, _, _ in rows)
        if not latencies:
            return {"requests": 0}
        cut = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else latencies * 99
        return {
            "requests": len(rows),
            "errors": sum(1 for _, _, status, _ in rows if status != 200),
            "cache_hits": round(sum(1 for *_, hit in rows if hit) / len(rows), 3),
            "throughput_rps": round(len(rows) / elapsed, 1),
            "p50_ms": round(cut[49], 1),
            "p95_ms": round(cut[94], 1),
            "p99_ms": round(cut[98], 1),
            "max_ms": round(latencies[-1], 1),
        }

    return {
        "all": stats(results),
        **{name: stats([r for r in results if r[0] == name]) for name in ("events", "dyad")},
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--db", type=Path, default=DEFAULT_DB, help="store to build or reuse")
    parser.add_argument("--events", type=int, default=1_000_000, help="events in the store")
    parser.add_argument("--rebuild", action="store_true", help="build the store even if it exists")
    parser.add_argument("--clients", type=int, default=50, help="concurrent clients")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    parser.add_argument(
        "--max-requests", type=int, default=200_000, help="stop after this many requests"
    )
    parser.add_argument(
        "--warmup", type=float, default=3.0, help="seconds of load before measuring"
    )
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="mean seconds a client waits between requests, as a dashboard user reading a "
        "page (default 1; 0: back to back, a saturation test)",
    )
    parser.add_argument(
        "--cache-mb",
        type=int,
        default=64,
        help="the server's response cache (0: every request reaches the store)",
    )
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="server processes (default: one per core)",
    )
    parser.add_argument("--url", default=None, help="test a running server instead of starting one")
    parser.add_argument("--json", type=Path, default=None, help="also write the results here")
    args = parser.parse_args()

    stats = ensure_store(args.db, args.events, rebuild=args.rebuild) if args.url is None else {}
    process = None
    base = args.url
    log = args.db.with_suffix(".server.log")
    if base is None:
        port = free_port()
        process = start_server(args.db, port, log, cache_mb=args.cache_mb, workers=args.workers)
        base = f"http://127.0.0.1:{port}"
    try:
        if args.warmup:
            # other users' requests: they warm the server up without answering the measured
            # clients' requests in advance
            asyncio.run(
                run_load(
                    base,
                    clients=args.clients,
                    duration=args.warmup,
                    max_requests=args.max_requests,
                    first_seed=10_000,
                )
            )
        started = time.perf_counter()
        results = asyncio.run(
            run_load(
                base,
                clients=args.clients,
                duration=args.duration,
                max_requests=args.max_requests,
                think=args.think,
            )
        )
        elapsed = time.perf_counter() - started
    finally:
        if process is not None:
            process.terminate()
            process.wait(timeout=30)
    report = {
        "store_events": stats.get("events"),
        "clients": args.clients,
        "think_s": args.think,
        "cache_mb": args.cache_mb if args.url is None else None,
        "workers": args.workers if args.url is None else None,
        "duration_s": round(elapsed, 1),
        "cpus": os.cpu_count(),
        **summarise(results, elapsed),
    }
    print(json.dumps(report, indent=2))
    if process is not None and report["all"].get("errors"):
        print(f"server log: {log}", file=sys.stderr)
    if args.json:
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    ok = report["all"].get("errors", 1) == 0 and report["all"].get("p95_ms", 1e9) < 100
    print(f"target (no errors, p95 < 100 ms): {'met' if ok else 'NOT met'}", file=sys.stderr)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
