"""The JSON shapes of the API, as pydantic models (the only pydantic models in detente).

Output models are built from what `detente.store.queries` and `detente.analysis` return.
The event's models (`EventOut` and its parts) have the fields of the event record the store
reads (`Event.to_dict()` and the store's own: models.EVENT_RECORD), no more, as
tests/test_record.py checks; the others allow extra fields, so that a richer answer from
the library passes through unchanged.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

_OPEN = ConfigDict(extra="allow")
_CLOSED = ConfigDict(extra="forbid")


class ActorRef(BaseModel):
    """An actor as it fills an event role."""

    code: str | None = None
    text: str = ""
    span: list[int] = Field(
        default_factory=lambda: [0, 0], description="[start, end) into the document text"
    )
    name: str | None = None
    sector: str | None = None
    role: str | None = None
    kind: str | None = None


class PlaceOut(BaseModel):
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None


class TriggerOut(BaseModel):
    text: str
    span: list[int] = Field(description="[start, end) into the document text")


class DocumentRef(BaseModel):
    id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None


class EventOut(BaseModel):
    """One PLOVER event: the record of DESIGN.md, plus its story and document."""

    id: str
    doc_id: str
    sentence: int
    type: str
    mode: str | None = None
    contexts: list[str] = Field(default_factory=list)
    quad: str | None = None
    source: ActorRef | None = None
    target: ActorRef | None = None
    date: str | None = None
    date_precision: str | None = "unresolved"
    date_text: str | None = None
    day: str | None = Field(default=None, description="first day of the event date (for sorting)")
    place: PlaceOut | None = None
    modality: str | None = "asserted"
    trigger: TriggerOut
    evidence: str | None = ""
    confidence: float | None = 0.5
    rule: str | None = ""
    counted: bool | None = Field(
        default=None,
        description="whether analyses (actors, dyads, network, brief) count it: both sides "
        "resolved, said to have happened or to be planned",
    )
    story_id: str | None = Field(
        default=None, description="reports of the same event share a story"
    )
    n_reports: int | None = None
    n_sources: int | None = None
    document: DocumentRef | None = None


class EventPage(BaseModel):
    """A page of events and how many match in all."""

    total: int
    limit: int
    offset: int
    events: list[EventOut]


class SentenceOut(BaseModel):
    model_config = _OPEN
    index: int
    start: int
    end: int
    text: str | None = None


class MentionOut(BaseModel):
    model_config = _OPEN
    sentence: int | None = None
    code: str | None = None
    text: str | None = None
    span: list[int | None] = Field(default_factory=list)
    name: str | None = None
    sector: str | None = None
    role: str | None = None
    kind: str | None = None


class DocumentSummary(BaseModel):
    """A stored report, as listed (without its text)."""

    model_config = _OPEN
    id: str
    title: str | None = None
    url: str | None = None
    source: str | None = None
    published: str | None = None
    language: str | None = None
    text_hash: str | None = None
    n_sentences: int | None = None
    n_events: int | None = None
    ingested_at: str | None = None


class DocumentOut(DocumentSummary):
    """One stored report with its text, sentences, actor mentions and events."""

    text: str | None = None
    sentences: list[SentenceOut] | None = None
    mentions: list[MentionOut] | None = None
    events: list[EventOut] | None = None


class DocumentPage(BaseModel):
    total: int
    limit: int
    offset: int
    documents: list[DocumentSummary]


class StoryReport(BaseModel):
    model_config = _OPEN
    id: str
    doc_id: str
    title: str | None = None
    published: str | None = None
    evidence: str | None = None


class StoryOut(BaseModel):
    """Every report of the same event, across documents."""

    model_config = _OPEN
    id: str | None = None
    n_reports: int | None = None
    n_sources: int | None = None
    reports: list[StoryReport] = Field(default_factory=list)


class EventWithStory(EventOut):
    story: StoryOut | None = None


class EventDetail(BaseModel):
    """One event with the document it was found in (full text, and the sentence that
    states the event as `sentences[0]`)."""

    event: EventWithStory
    document: DocumentOut | None


class ActorOut(BaseModel):
    """A resolved actor and how active it is."""

    model_config = _OPEN
    code: str
    name: str | None = None
    kind: str | None = None
    sectors: list[str] = Field(default_factory=list)
    n_events: int = 0
    n_as_source: int = 0
    n_as_target: int = 0
    n_mentions: int = 0
    first_date: str | None = None
    last_date: str | None = None


class ActorPage(BaseModel):
    total: int
    limit: int
    offset: int
    actors: list[ActorOut]


class RoleOut(BaseModel):
    """Who acted for an actor, and when (e.g. a person as foreign minister)."""

    model_config = _OPEN
    name: str | None = None
    sector: str | None = None
    role: str | None = None
    first_date: str | None = None
    last_date: str | None = None
    n_events: int = 0


class Counterpart(BaseModel):
    """Another actor, and how many cooperative and conflictual events link them."""

    model_config = _OPEN
    code: str
    name: str | None = None
    cooperative: int = 0
    conflictual: int = 0


class ActorProfile(ActorOut):
    """One actor: who acted for it, partners, opponents and recent events."""

    roles: list[RoleOut] = Field(default_factory=list)
    partners: list[Counterpart] = Field(default_factory=list)
    opponents: list[Counterpart] = Field(default_factory=list)
    recent_events: list[EventOut] = Field(default_factory=list)


class PeriodRow(BaseModel):
    """Counts for one period (or for all of them), by PLOVER type and quad class."""

    model_config = _OPEN
    period: str
    types: dict[str, int] = Field(default_factory=dict)
    quads: dict[str, int] = Field(default_factory=dict)
    cooperative: int = 0
    conflictual: int = 0
    balance: float | None = Field(default=None, description="(coop - conflict) / (coop + conflict)")


class DyadSeries(BaseModel):
    """The relationship of two actors over time. `directions` has keys "A>B", "B>A" and
    "both"; every period from the first to the last event is present."""

    model_config = _OPEN
    a: str
    b: str
    period: str
    count: str
    periods: list[str]
    directions: dict[str, list[PeriodRow]]
    totals: dict[str, PeriodRow]
    names: dict[str, str] = Field(default_factory=dict)


class NetworkNode(BaseModel):
    model_config = _OPEN
    id: str
    name: str | None = None
    events: int = Field(default=0, description="counted events, as /actors and /brief count them")
    cooperative: int = 0
    conflictual: int = 0
    one_sided: int = Field(default=0, description="events whose other side is unresolved")
    degree: int | None = None
    strength: int | None = None
    centrality: float | None = Field(default=None, description="PageRank on events between actors")
    community: int | None = None


class NetworkEdge(BaseModel):
    model_config = _OPEN
    source: str
    target: str
    events: int = 0
    cooperative: int = 0
    conflictual: int = 0
    weight: int = Field(default=0, description="events: never negative")
    balance: float | None = Field(
        default=None, description="(cooperative - conflictual) / events, from -1 to 1"
    )
    sign: int = Field(default=0, description="the sign of balance")
    types: dict[str, int] = Field(default_factory=dict)
    quads: dict[str, int] = Field(default_factory=dict)


class Network(BaseModel):
    model_config = _OPEN
    directed: bool = False
    nodes: list[NetworkNode]
    edges: list[NetworkEdge]
    communities: list[list[str]] = Field(default_factory=list)


class BriefOut(BaseModel):
    """A plain-language brief of the store (`text`), and the findings behind it."""

    model_config = _OPEN
    text: str
    totals: dict[str, Any] = Field(default_factory=dict)
    actors: list[dict[str, Any]] = Field(default_factory=list)
    cooperative_dyads: list[dict[str, Any]] = Field(default_factory=list)
    conflictual_dyads: list[dict[str, Any]] = Field(default_factory=list)
    changes: list[str] = Field(default_factory=list)
    notable: list[dict[str, Any]] = Field(default_factory=list)


class SearchResult(BaseModel):
    query: str
    actors: list[ActorOut] = Field(default_factory=list)
    documents: list[DocumentSummary] = Field(default_factory=list)
    events: list[EventOut] = Field(default_factory=list)


class StatsOut(BaseModel):
    model_config = _OPEN
    documents: int = 0
    sentences: int = 0
    mentions: int = 0
    actors: int = 0
    events: int = 0
    counted_events: int = 0
    stories: int = 0
    counted_stories: int = 0
    first_date: str | None = None
    last_date: str | None = None
    schema_version: int = 0


class DocumentIn(BaseModel):
    """A report to add; `id` defaults to a hash of the text."""

    model_config = _CLOSED
    id: str | None = Field(default=None, max_length=200)
    text: str = Field(min_length=1)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    published: date | None = None


class IngestResult(BaseModel):
    ok: bool = True
    documents: list[str]
    events: list[EventOut]


class ErrorOut(BaseModel):
    """The shape of every error answer."""

    ok: bool = False
    error: str
    status: int
