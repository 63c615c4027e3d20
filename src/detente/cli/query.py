"""Commands that list what the store holds: events, actors, documents.

Each command opens the store, calls one library function and formats what comes back.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

import click

from ..store import EventFilter
from ._common import CONFIDENCE, EVENT_TYPE, POSITIVE, QUAD, db_option, format_option, guarded
from ._store import (
    count_option,
    emit,
    offset_option,
    open_store,
    role_text,
    show_table,
    side_text,
    since_option,
    until_option,
)

if TYPE_CHECKING:
    from ..store.queries import Count


@click.command()
@db_option
@click.option("--actor", default=None, help="either side has this actor code")
@click.option("--dyad", nargs=2, default=None, metavar="A B", help="between these two actors")
@click.option("--type", "types", type=EVENT_TYPE, multiple=True, help="PLOVER type (repeatable)")
@click.option("--quad", "quads", type=QUAD, multiple=True, help="quad class (repeatable)")
@since_option
@until_option
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
@offset_option
@count_option
@format_option
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
    with open_store(db_path) as store:
        page = find_events(store.con, filters, limit=limit, offset=offset, count=count)
        if fmt == "csv":
            # the export's columns, not those of the rows found (#10)
            click.echo(csv_text(event_rows(store.con, [e["id"] for e in page.items])), nl=False)
            return
        if fmt == "jsonl":
            emit(page.items, fmt)
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
            "source": side_text(e["source"]),
            "target": side_text(e["target"]),
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
    show_table(
        rows, title=f"{page.total} {'counted ' if counted_only else ''}{unit}{of_them} ({shown})"
    )


@click.command()
@db_option
@click.option("--search", "q", default=None, help="code or name contains this")
@click.option("--limit", type=POSITIVE, default=100, show_default=True, help="most rows to show")
@offset_option
@count_option
@format_option
@guarded
def actors(
    db_path: str | None, q: str | None, limit: int, offset: int, count: Count, fmt: str
) -> None:
    """List actors: code, names, sectors, roles over time, number of events."""
    from ..store import actor_names, actor_roles, list_actors

    with open_store(db_path) as store:
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
                "roles": "; ".join(role_text(r) for r in a["roles"][:4]),
            }
            for a in items
        ]
        unit = "story events" if count == "story" else "reports"
        show_table(
            rows,
            title=f"{page.total} actors (events: counted {unit}, as brief and network count them)",
        )
    else:
        for item in items:
            item["roles"] = [role_text(r) for r in item["roles"]] if fmt == "csv" else item["roles"]
        emit(items, fmt)


@click.command()
@db_option
@click.option("--search", "q", default=None, help="title or text contains this")
@click.option("--limit", type=POSITIVE, default=50, show_default=True, help="most rows to show")
@offset_option
@format_option
@guarded
def documents(db_path: str | None, q: str | None, limit: int, offset: int, fmt: str) -> None:
    """List stored documents, newest first."""
    from ..store import list_documents

    with open_store(db_path) as store:
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
        show_table(rows, title=f"{page.total} documents")
    else:
        emit(page.items, fmt)


COMMANDS: list[click.Command] = [events, actors, documents]
