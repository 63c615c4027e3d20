"""The JSON API's reads: each route reads its parameters, calls one library function, and
shapes the answer with a model from `schemas`. No SQL here: queries live in `detente.store`.
Adding documents (POST /api/documents) is upload.py.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request

from ..ontology import QUAD_OF
from ..store import EventFilter, queries
from ..store.names import actor_names
from . import params, schemas

# what any route may answer besides its own result
ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": schemas.ErrorOut, "description": "not found"},
    422: {"model": schemas.ErrorOut, "description": "invalid parameters"},
}

router = APIRouter(prefix="/api", responses=ERRORS)

MAX_LIMIT = 1000
MAX_OFFSET = 10_000_000

CountQuery = Annotated[
    Literal["story", "report"],
    Query(description="story: one row per story event (its reports merged); report: every report"),
]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]


async def _con(request: Request) -> AsyncIterator[Any]:
    # async, so it runs on the event loop; the cursor then serves one request in one thread
    cursor = request.app.state.ctx.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


Con = Annotated[Any, Depends(_con)]


async def _snapshot(request: Request) -> Any:
    return request.app.state.ctx.snapshot


Snapshot = Annotated[Any, Depends(_snapshot)]


def _not_found(what: str, key: str) -> HTTPException:
    return HTTPException(404, f"no {what} {key!r} in the store")


# ---------- events ----------


@router.get("/events", tags=["events"], response_model=schemas.EventPage, summary="Find events")
def list_events(
    con: Con,
    snapshot: Snapshot,
    actor: Annotated[
        str | None, Query(description="either side has this actor code, e.g. TUR")
    ] = None,
    dyad: Annotated[
        str | None, Query(description="two actor codes, either direction: TUR,IRN")
    ] = None,
    type: Annotated[
        str | None, Query(description="PLOVER types, comma-separated: CONSULT,AGREE")
    ] = None,
    quad: Annotated[
        str | None, Query(description="quad classes, comma-separated: verbal_cooperation,...")
    ] = None,
    since: Annotated[
        str | None, Query(description="on or after: YYYY, YYYY-MM or YYYY-MM-DD")
    ] = None,
    until: Annotated[
        str | None, Query(description="on or before: YYYY, YYYY-MM or YYYY-MM-DD")
    ] = None,
    place: Annotated[
        str | None, Query(description="place name (substring) or country code")
    ] = None,
    text: Annotated[
        str | None, Query(max_length=200, description="words in the sentence or actor text")
    ] = None,
    min_confidence: Annotated[float | None, Query(ge=0.0, le=1.0)] = None,
    modality: Annotated[
        str | None, Query(description="modalities, comma-separated: asserted,planned")
    ] = None,
    doc_id: Annotated[str | None, Query(description="events of one document")] = None,
    counted: Annotated[
        bool, Query(description="only the events that /actors, /network and /brief count")
    ] = False,
    limit: Limit = 50,
    offset: Offset = 0,
    count: CountQuery = "story",
) -> Any:
    """Events matching every filter given, newest first, one page at a time, with the total."""
    filters = EventFilter(
        actor=params.actor_code(actor),
        dyad=params.dyad(dyad),
        types=params.event_types(type),
        quads=params.quad_classes(quad),
        since=params.iso_date(since, "since"),
        until=params.iso_date(until, "until"),
        place=place or None,
        text=text or None,
        min_confidence=min_confidence,
        modalities=params.codes(modality),
        doc_id=doc_id or None,
        counted_only=counted,
    )
    page = queries.find_events(
        con, filters, limit=limit, offset=offset, count=count, snapshot=snapshot
    )
    return {"total": page.total, "limit": page.limit, "offset": page.offset, "events": page.items}


@router.get(
    "/events/{event_id}",
    tags=["events"],
    response_model=schemas.EventDetail,
    summary="One event with its document",
)
def get_event(con: Con, event_id: Annotated[str, Path(max_length=200)]) -> Any:
    """The event, and its document with the full text and the sentence that states it."""
    record = queries.get_event(con, event_id)
    if record is None:
        raise _not_found("event", event_id)
    document = dict(record.get("document") or {"id": record["doc_id"]})
    record["document"] = {k: v for k, v in document.items() if k != "text"}
    sentence = record.pop("sentence_info", None)
    document["sentences"] = [sentence] if sentence else []
    return {"event": record, "document": document}


# ---------- actors ----------


@router.get("/actors", tags=["actors"], response_model=schemas.ActorPage, summary="List actors")
def list_actors(
    con: Con,
    q: Annotated[str | None, Query(max_length=200, description="code or name contains")] = None,
    limit: Limit = 100,
    offset: Offset = 0,
    count: CountQuery = "story",
) -> Any:
    """Resolved actors, most active first."""
    page = queries.list_actors(con, q=q or None, limit=limit, offset=offset, count=count)
    return {"total": page.total, "limit": page.limit, "offset": page.offset, "actors": page.items}


@router.get(
    "/actors/{code}", tags=["actors"], response_model=schemas.ActorProfile, summary="One actor"
)
def get_actor(
    con: Con,
    code: Annotated[str, Path(max_length=100)],
    recent: Annotated[int, Query(ge=0, le=200, description="how many recent events")] = 10,
    count: CountQuery = "story",
) -> Any:
    """An actor's profile: who acted for it and when, partners, opponents and recent events."""
    code = params.actor_code(code) or code
    profile = queries.get_actor(con, code, count=count, recent=recent)
    if profile is None:
        raise _not_found("actor", code)
    return profile


# ---------- dyads and the network ----------


@router.get(
    "/dyads/{a}/{b}",
    tags=["relations"],
    response_model=schemas.DyadSeries,
    summary="A dyad over time",
)
def get_dyad(
    con: Con,
    snapshot: Snapshot,
    a: Annotated[str, Path(max_length=100)],
    b: Annotated[str, Path(max_length=100)],
    period: Annotated[Literal["week", "month", "year"], Query()] = "month",
    since: str | None = None,
    until: str | None = None,
    count: CountQuery = "story",
) -> Any:
    """Counts per period, by PLOVER type and quad class, in each direction and both."""
    from ..analysis import dyad_series

    a, b = params.actor_code(a) or a, params.actor_code(b) or b
    series = dyad_series(
        con,
        a,
        b,
        period=period,
        count=count,
        since=params.iso_date(since, "since"),
        until=params.iso_date(until, "until"),
        snapshot=snapshot,
    )
    series["names"] = actor_names(con, [a, b])
    return series


@router.get(
    "/network", tags=["relations"], response_model=schemas.Network, summary="The actor network"
)
def get_network(
    con: Con,
    since: str | None = None,
    until: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000, description="keep the most active actors")] = 100,
    min_events: Annotated[int, Query(ge=1, description="drop relations with fewer events")] = 1,
    count: CountQuery = "story",
    directed: Annotated[
        bool, Query(description="relations run from the actor that acted to the one acted on")
    ] = False,
) -> Any:
    """Actors (with their activity) and relations (cooperative and conflictual events,
    per PLOVER type and quad class; every weight a count, never negative)."""
    from ..analysis import actor_network

    network = actor_network(
        con,
        since=params.iso_date(since, "since"),
        until=params.iso_date(until, "until"),
        count=count,
        min_events=min_events,
        directed=directed,
    )
    return _top_of(network, limit)


def _top_of(network: dict[str, Any], limit: int) -> dict[str, Any]:
    """The `limit` most active nodes and the edges between them, each edge with quad counts."""
    nodes = sorted(network["nodes"], key=lambda node: (-node["events"], node["id"]))[:limit]
    kept = {node["id"] for node in nodes}
    edges = [
        dict(edge) for edge in network["edges"] if edge["source"] in kept and edge["target"] in kept
    ]
    for edge in edges:
        quads: dict[str, int] = {}
        for etype, n in edge.get("types", {}).items():
            quad = QUAD_OF.get(etype)
            if quad:
                quads[quad] = quads.get(quad, 0) + n
        edge["quads"] = quads
    groups = [[code for code in group if code in kept] for group in network.get("communities", [])]
    return {**network, "nodes": nodes, "edges": edges, "communities": [g for g in groups if g]}


@router.get(
    "/brief", tags=["relations"], response_model=schemas.BriefOut, summary="A plain-language brief"
)
def get_brief(
    con: Con,
    since: str | None = None,
    until: str | None = None,
    top: Annotated[int, Query(ge=1, le=50)] = 8,
    count: CountQuery = "story",
) -> Any:
    """What the store holds, in words: main actors and roles, the strongest cooperative and
    conflictual dyads, what changed, and notable events."""
    from ..analysis import brief

    found = brief(
        con,
        since=params.iso_date(since, "since"),
        until=params.iso_date(until, "until"),
        count=count,
        top=top,
    )
    return {**found.to_dict(), "text": found.to_text()}


# ---------- documents and search ----------


@router.get(
    "/documents", tags=["documents"], response_model=schemas.DocumentPage, summary="List documents"
)
def list_documents(
    con: Con,
    q: Annotated[str | None, Query(max_length=200, description="title or text contains")] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Any:
    """Documents, newest first (without their text)."""
    page = queries.list_documents(con, q=q or None, limit=limit, offset=offset)
    return {
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
        "documents": page.items,
    }


@router.get(
    "/documents/{doc_id}",
    tags=["documents"],
    response_model=schemas.DocumentOut,
    summary="One document",
)
def get_document(con: Con, doc_id: Annotated[str, Path(max_length=200)]) -> Any:
    """A document with its text, sentences, actor mentions and events."""
    document = queries.get_document(con, doc_id)
    if document is None:
        raise _not_found("document", doc_id)
    return document


@router.get("/search", tags=["search"], response_model=schemas.SearchResult, summary="Search")
def search(
    con: Con,
    q: Annotated[str, Query(min_length=1, max_length=200)],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> Any:
    """Actors, documents and events whose names or text contain `q`."""
    return {"query": q, **queries.search(con, q, limit=limit)}


@router.get("/stats", tags=["search"], response_model=schemas.StatsOut, summary="Totals")
def stats(con: Con) -> Any:
    """How many documents, actors, events and stories the store holds, and their dates."""
    return queries.store_stats(con)
