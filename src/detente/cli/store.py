"""Store commands: ingest, events, actors, documents, dyad, network, brief, export.

Each command opens the store, calls one library function and formats what comes back.
"""

from __future__ import annotations

import csv
import io
import json
import sys
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..models import Article, Skipped
from ..store import EventFilter, Store
from ._common import (
    CONFIDENCE,
    DAY,
    EVENT_TYPE,
    NON_NEGATIVE,
    PERIOD,
    POSITIVE,
    QUAD,
    coding_options,
    db_option,
    guarded,
    settings_from,
)
from ._fetch import fetch_options, fetch_options_from
from ._run import run_options

if TYPE_CHECKING:
    from ..analysis.export import Format, Table
    from ..analysis.networks import Method
    from ..analysis.timelines import Period
    from ..store.queries import Count

_FORMAT = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "csv"]),
    default="table",
    show_default=True,
    help="output format",
)
_COUNT = click.option(
    "--count",
    type=click.Choice(["story", "report"]),
    default="story",
    show_default=True,
    help="count story events (reports of one event linked) or every report",
)
_OFFSET = click.option(
    "--offset",
    type=NON_NEGATIVE,
    default=0,
    show_default=True,
    help="rows to skip first (the next page starts at offset + limit)",
)
_SINCE = click.option(
    "--since", type=PERIOD, default=None, help="from this date (YYYY[-MM[-DD]]), inclusive"
)
_UNTIL = click.option(
    "--until", type=PERIOD, default=None, help="up to this date (YYYY[-MM[-DD]]), inclusive"
)


@contextmanager
def _open(db_path: str | None, *, read_only: bool = True) -> Iterator[Store]:
    settings = settings_from(db_path=db_path)
    with Store.open(settings.db_path, read_only=read_only) as store:
        yield store


# -- ingest ---------------------------------------------------------------------------


@click.command()
@click.argument("paths", nargs=-1)
@click.option(
    "--feed",
    "feeds",
    multiple=True,
    metavar="FEED_URL",
    help="an RSS or Atom feed: ingest the pages of its items not stored yet (repeatable)",
)
@db_option
@click.option("--workers", type=POSITIVE, default=None, help="processes for the spaCy pipeline")
@click.option("--batch-size", type=POSITIVE, default=None, help="documents per nlp.pipe batch")
@click.option(
    "--commit-every",
    type=POSITIVE,
    default=64,
    show_default=True,
    help="documents per transaction",
)
@click.option(
    "--date",
    "doc_date",
    type=DAY,
    default=None,
    help="publication date for undated documents (YYYY-MM-DD)",
)
@click.option("--quiet", is_flag=True, help="no progress bar")
@run_options
@fetch_options
@coding_options
@guarded
def ingest(
    paths: tuple[str, ...],
    feeds: tuple[str, ...],
    db_path: str | None,
    workers: int | None,
    batch_size: int | None,
    commit_every: int,
    doc_date: str | None,
    quiet: bool,
    cluster: Any,
    parts: Path | None,
    show_progress: bool,
    timeout: float,
    delay: float,
    retries: int,
    coder: str | None,
    all_modalities: bool | None,
    gpu: bool | None,
) -> None:
    """Extract events from documents, web pages and feeds, and store them (idempotent:
    re-running is safe).

    PATHS are files, folders, - (stdin) or http(s) URLs of pages. A feed's items whose URL
    is already stored are not fetched again. With --cluster the documents are coded on a
    Dask cluster, each partition written as Parquet by a worker, and the partitions merged
    into the store; a document stored with the same text is neither coded nor stored again.
    """
    from contextlib import ExitStack
    from datetime import date as _date
    from functools import partial
    from itertools import chain

    from ..ingest import Fetcher, read_feeds, read_paths, read_urls
    from ..service import StoreSink, code_articles
    from ..store import stored_urls
    from ._run import Bar, open_coder, shown

    if not paths and not feeds:
        raise click.UsageError("give at least one PATH, URL or --feed FEED_URL")

    settings = settings_from(
        db_path=db_path,
        workers=workers,
        batch_size=batch_size,
        coder=coder,
        all_modalities=all_modalities,
        gpu=gpu,
    )
    when = _date.fromisoformat(doc_date) if doc_date else None
    urls = [p for p in paths if p.lower().startswith(("http://", "https://"))]
    items: Iterable[Article | Skipped] = read_paths(
        [p for p in paths if p not in urls], date=when, max_bytes=settings.max_bytes
    )
    with Store.open(settings.db_path) as store, ExitStack() as stack:
        if urls or feeds:
            options = fetch_options_from(
                timeout=timeout, delay=delay, retries=retries, max_bytes=settings.max_bytes
            )
            fetcher = stack.enter_context(Fetcher(options))
            items = chain(
                items,
                read_urls(urls, fetcher=fetcher, date=when),
                read_feeds(
                    feeds, fetcher=fetcher, stored=partial(stored_urls, store.con), date=when
                ),
            )
        bar = stack.enter_context(
            Bar("ingesting", show=shown(show_progress, quiet=quiet), cluster=cluster)
        )
        code = stack.enter_context(open_coder(settings, bar, cluster=cluster, parts=parts))
        started = time.perf_counter()
        counts = code_articles(
            items, StoreSink(store), code, batch_size=commit_every, progress=bar.documents
        )
    elapsed = time.perf_counter() - started
    click.echo(
        f"{counts.documents} documents ingested ({counts.replaced} replaced, "
        f"{counts.unchanged} unchanged, {counts.duplicates} duplicates), {counts.events} events, "
        f"{counts.failures} failures in {elapsed:.1f}s -> {settings.db_path}"
    )
    if counts.duplicates:  # (#10)
        click.echo(
            f"{counts.duplicates} of them repeat the text of a stored document: kept as duplicate "
            "reports of it, not counted again"
        )
    if counts.failures:
        click.echo(f"{counts.failures} document(s) could not be read or coded", err=True)
        sys.exit(1)  # as extract: some documents could not be read or coded (see above)


# -- lists ------------------------------------------------------------------------------


@click.command()
@db_option
@click.option("--actor", default=None, help="either side has this actor code")
@click.option("--dyad", nargs=2, default=None, metavar="A B", help="between these two actors")
@click.option("--type", "types", type=EVENT_TYPE, multiple=True, help="PLOVER type (repeatable)")
@click.option("--quad", "quads", type=QUAD, multiple=True, help="quad class (repeatable)")
@_SINCE
@_UNTIL
@click.option("--place", default=None, help="place name (substring) or country code")
@click.option("--text", default=None, help="substring of the evidence or the actors' text")
@click.option("--min-confidence", type=CONFIDENCE, default=None, help="lowest confidence (0 to 1)")
@click.option("--doc", "doc_id", default=None, help="events of this document")
@click.option(
    "--counted",
    "counted_only",
    is_flag=True,
    help="only the events analyses count (both sides resolved, said to happen or be planned)",
)
@click.option("--limit", type=POSITIVE, default=50, show_default=True, help="most rows to show")
@_OFFSET
@_COUNT
@_FORMAT
@guarded
def events(
    db_path: str | None,
    actor: str | None,
    dyad: tuple[str, str] | None,
    types: tuple[str, ...],
    quads: tuple[str, ...],
    since: str | None,
    until: str | None,
    place: str | None,
    text: str | None,
    min_confidence: float | None,
    doc_id: str | None,
    counted_only: bool,
    limit: int,
    offset: int,
    count: Count,
    fmt: str,
) -> None:
    """List events, newest first: every event stored, or with --counted those that the
    actors, dyad, network and brief commands count.

    CSV has the columns of `detente export --table events`, whatever the query.
    """
    from ..analysis.export import csv_text, event_rows
    from ..store import find_events

    filters = EventFilter(
        actor=actor,
        dyad=dyad or None,
        types=types,
        quads=quads,
        since=since,
        until=until,
        place=place,
        text=text,
        min_confidence=min_confidence,
        doc_id=doc_id,
        counted_only=counted_only,
    )
    with _open(db_path) as store:
        page = find_events(store.con, filters, limit=limit, offset=offset, count=count)
        if fmt == "csv":
            # the export's columns, not those of the rows found (#10)
            click.echo(csv_text(event_rows(store.con, [e["id"] for e in page.items])), nl=False)
            return
        if fmt == "jsonl":
            _emit(page.items, fmt)
            return
        counted = (
            page.total
            if counted_only
            else find_events(
                store.con,
                replace(filters, counted_only=True),
                limit=1,
                count=count,
            ).total
        )
    rows = [
        {
            "date": e["date"] or e["day"] or "",
            "type": e["type"],
            "source": _side(e["source"]),
            "target": _side(e["target"]),
            "quad": e["quad"],
            "sources": e["n_sources"],
            "evidence": e["evidence"],
            "id": e["id"],
        }
        for e in page.items
    ]
    unit = "story events" if count == "story" else "reports"
    # say how many of them the other commands count (#10)
    of_them = "" if counted_only else f", {counted} of them counted in analyses"
    shown = f"showing {offset + 1 if rows else 0}-{offset + len(rows)}"
    _table(
        rows, title=f"{page.total} {'counted ' if counted_only else ''}{unit}{of_them} ({shown})"
    )


@click.command()
@db_option
@click.option("--search", "q", default=None, help="code or name contains this")
@click.option("--limit", type=POSITIVE, default=100, show_default=True, help="most rows to show")
@_OFFSET
@_COUNT
@_FORMAT
@guarded
def actors(
    db_path: str | None, q: str | None, limit: int, offset: int, count: Count, fmt: str
) -> None:
    """List actors: code, names, sectors, roles over time, number of events."""
    from ..store import actor_names, actor_roles, list_actors

    with _open(db_path) as store:
        page = list_actors(store.con, q=q, limit=limit, offset=offset, count=count)
        codes = [a["code"] for a in page.items]
        names = actor_names(store.con, codes)
        roles = actor_roles(store.con, codes)
        items = [
            {**item, "name": names.get(item["code"], item["name"]), "roles": roles[item["code"]]}
            for item in page.items
        ]
    if fmt == "table":
        rows = [
            {
                "code": a["code"],
                "name": a["name"] or "",
                "sectors": ",".join(a["sectors"]),
                "events": a["n_events"],
                "first": a["first_date"] or "",
                "last": a["last_date"] or "",
                "roles": "; ".join(_role(r) for r in a["roles"][:4]),
            }
            for a in items
        ]
        unit = "story events" if count == "story" else "reports"
        _table(
            rows,
            title=f"{page.total} actors (events: counted {unit}, as brief and network count them)",
        )
    else:
        for item in items:
            item["roles"] = [_role(r) for r in item["roles"]] if fmt == "csv" else item["roles"]
        _emit(items, fmt)


@click.command()
@db_option
@click.option("--search", "q", default=None, help="title or text contains this")
@click.option("--limit", type=POSITIVE, default=50, show_default=True, help="most rows to show")
@_OFFSET
@_FORMAT
@guarded
def documents(db_path: str | None, q: str | None, limit: int, offset: int, fmt: str) -> None:
    """List stored documents, newest first."""
    from ..store import list_documents

    with _open(db_path) as store:
        page = list_documents(store.con, q=q, limit=limit, offset=offset)
    if fmt == "table":
        rows = [
            {
                "id": d["id"],
                "published": d["published"] or "",
                "title": d["title"] or "",
                "sentences": d["n_sentences"],
                "events": d["n_events"],
            }
            for d in page.items
        ]
        _table(rows, title=f"{page.total} documents")
    else:
        _emit(page.items, fmt)


# -- analysis ---------------------------------------------------------------------------


@click.command()
@click.argument("a")
@click.argument("b")
@db_option
@click.option(
    "--period",
    type=click.Choice(["week", "month", "year"]),
    default="month",
    show_default=True,
    help="length of a period",
)
@_SINCE
@_UNTIL
@_COUNT
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="output format",
)
@guarded
def dyad(
    a: str,
    b: str,
    db_path: str | None,
    period: Period,
    since: str | None,
    until: str | None,
    count: Count,
    fmt: str,
) -> None:
    """Events between A and B per period, by type and quad class, both directions."""
    from ..analysis import dyad_series

    with _open(db_path) as store:
        series = dyad_series(
            store.con,
            a.upper(),
            b.upper(),
            period=period,
            count=count,
            since=since,
            until=until,
        )
    if fmt == "json":
        click.echo(json.dumps(series, indent=2, ensure_ascii=False))
        return
    rows = []
    for direction, periods in series["directions"].items():
        for row in periods:
            if not row["types"]:
                continue
            rows.append(
                {
                    "period": row["period"],
                    "direction": direction,
                    **{q: row["quads"][q] for q in row["quads"]},
                    "balance": "" if row["balance"] is None else row["balance"],
                    "types": " ".join(f"{t}:{n}" for t, n in row["types"].items()),
                }
            )
    rows.sort(key=lambda r: (r["period"], r["direction"] == "both", r["direction"]))
    if fmt == "csv":
        _emit(rows, "csv")
        return
    total = series["totals"]["both"]
    _table(
        rows,
        title=(
            f"{a.upper()}–{b.upper()} by {period} ({count}): {total['cooperative']} cooperative, "
            f"{total['conflictual']} conflictual, balance {total['balance']}"
        ),
    )


@click.command()
@db_option
@_SINCE
@_UNTIL
@_COUNT
@click.option(
    "--min-events", type=POSITIVE, default=1, show_default=True, help="drop lighter edges"
)
@click.option(
    "--communities",
    type=click.Choice(["louvain", "greedy"]),
    default="louvain",
    show_default=True,
    help="how communities are found: Louvain or greedy modularity",
)
@click.option(
    "--directed",
    is_flag=True,
    help="ties run from the actor that acted to the one it acted on (default: undirected)",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "graphml", "gexf"]),
    default="table",
    show_default=True,
    help="output format",
)
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="write to this file")
@guarded
def network(
    db_path: str | None,
    since: str | None,
    until: str | None,
    count: Count,
    min_events: int,
    communities: Method,
    directed: bool,
    fmt: str,
    out: str | None,
) -> None:
    """The actor network: cooperative and conflictual ties, communities, centrality.

    Tie weights are event counts, never negative: cooperative, conflictual and weight (all
    events), with their balance (-1 to 1) as an attribute. Centrality is PageRank.
    """
    from ..analysis import actor_network, to_gexf, to_graphml

    with _open(db_path) as store:
        graph = actor_network(
            store.con,
            since=since,
            until=until,
            count=count,
            min_events=min_events,
            communities=communities,
            directed=directed,
        )
    if fmt == "table" and out is None:
        unit = "story events" if count == "story" else "reports"
        nodes = sorted(graph["nodes"], key=lambda n: (-n["centrality"], n["id"]))
        _table(
            [
                {
                    k: n[k]
                    for k in (
                        "id",
                        "name",
                        "events",
                        "cooperative",
                        "conflictual",
                        "one_sided",
                        "degree",
                        "centrality",
                        "community",
                    )
                }
                for n in nodes
            ],
            title=f"{len(nodes)} actors (events: counted {unit}; one_sided: the other side "
            "unresolved; centrality: PageRank)",
        )
        edges = sorted(graph["edges"], key=lambda e: (-e["events"], e["source"], e["target"]))
        a, b = ("source", "target") if directed else ("a", "b")
        _table(
            [
                {
                    a: e["source"],
                    b: e["target"],
                    "sign": {1: "+", -1: "-", 0: "0"}[e["sign"]],
                    "balance": e["balance"],
                    "cooperative": e["cooperative"],
                    "conflictual": e["conflictual"],
                    "types": " ".join(f"{t}:{n}" for t, n in e["types"].items()),
                }
                for e in edges
            ],
            title=f"{len(edges)} {'directed ' if directed else ''}ties",
        )
        return
    if fmt == "graphml":
        text = to_graphml(graph)
    elif fmt == "gexf":
        text = to_gexf(graph)
    else:
        text = json.dumps(graph, indent=2, ensure_ascii=False)
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"{len(graph['nodes'])} actors, {len(graph['edges'])} ties -> {out}")
    else:
        click.echo(text)


@click.command()
@db_option
@_SINCE
@_UNTIL
@_COUNT
@click.option("--top", type=POSITIVE, default=8, show_default=True, help="actors and dyads to name")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="output format",
)
@guarded
def brief(
    db_path: str | None, since: str | None, until: str | None, count: Count, top: int, fmt: str
) -> None:
    """A plain-language summary of the corpus."""
    from ..analysis import brief as make_brief

    with _open(db_path) as store:
        result = make_brief(store.con, since=since, until=until, count=count, top=top)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(result.to_text())


@click.command()
@click.argument("path", type=click.Path(dir_okay=False))
@db_option
@click.option(
    "--table",
    type=click.Choice(["events", "polecat", "stories", "documents", "actors", "dyad_month"]),
    default="events",
    show_default=True,
    help="what to export; polecat: POLECAT-style columns with CAMEO root codes",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["parquet", "csv", "jsonl"]),
    default=None,
    help="file format (default: from the suffix of PATH)",
)
@click.option("--actor", default=None, help="only events with this actor")
@click.option("--type", "types", type=EVENT_TYPE, multiple=True, help="only these PLOVER types")
@_SINCE
@_UNTIL
@guarded
def export(
    path: str,
    db_path: str | None,
    table: Table,
    fmt: Format | None,
    actor: str | None,
    types: tuple[str, ...],
    since: str | None,
    until: str | None,
) -> None:
    """Export a table of the store as Parquet, CSV or JSONL."""
    from ..analysis import export as write_export

    filters = EventFilter(actor=actor, types=types, since=since, until=until)
    with _open(db_path) as store:
        n = write_export(store.con, path, table=table, format=fmt, filters=filters)
    click.echo(f"{n} rows ({table}) -> {path}")


# -- formatting -------------------------------------------------------------------------


def _side(actor: dict[str, Any] | None) -> str:
    if not actor:
        return ""
    return actor["code"] or f"({actor['text']})"


def _role(role: dict[str, Any]) -> str:
    who = role.get("name") or "?"
    what = ", ".join(x for x in (role.get("sector"), role.get("role")) if x)
    span = "–".join(
        dict.fromkeys(d[:4] for d in (role.get("first_date"), role.get("last_date")) if d)
    )
    return f"{who} ({what}{', ' + span if span else ''})"


def _table(rows: list[dict[str, Any]], *, title: str) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for key in rows[0] if rows else ["(none)"]:
        table.add_column(key, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row.values()))
    Console(file=sys.stdout, width=_width()).print(table)


def _width() -> int:
    import shutil

    return max(shutil.get_terminal_size((160, 24)).columns, 100)


def _emit(items: list[dict[str, Any]], fmt: str) -> None:
    if fmt == "jsonl":
        for item in items:
            click.echo(json.dumps(item, ensure_ascii=False, default=str))
        return
    flat = [_flatten(item) for item in items]
    keys: list[str] = []
    for row in flat:
        keys.extend(k for k in row if k not in keys)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=keys, lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat)
    click.echo(buffer.getvalue(), nl=False)


def _flatten(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}_"))
        elif isinstance(value, list):
            flat[name] = (
                json.dumps(value, ensure_ascii=False)
                if any(isinstance(v, dict | list) for v in value)
                else ";".join(str(v) for v in value)
            )
        else:
            flat[name] = value
    return flat


COMMANDS: list[click.Command] = [ingest, events, actors, documents, dyad, network, brief, export]
