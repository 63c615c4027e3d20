"""Domain objects shared by every layer: frozen dataclasses, no behaviour beyond (de)serialising.

An `Article` goes into the pipeline; an `Extraction` (its sentences, actor mentions and
events) comes out. `Event.to_dict()` is the JSON record described in DESIGN.md, and
`Event.from_dict()` reads it back, so the store and the API never re-derive fields.

`EVENT_RECORD` is that record flattened, one column per value: the one definition of the
event's columns (#12). The store's `events` table and its Arrow schema, the CSV and export
columns and the store's reads derive from it (`flat_event`, `event_of_row`), and
tests/test_record.py checks that they and the API's event model follow it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

Span = tuple[int, int]

MODALITIES = (
    "asserted",
    "planned",
    "expected",
    "reported",
    "hypothetical",
    "hedged",
    "habitual",
    "negated",
)
DATE_PRECISIONS = ("day", "week", "month", "year", "unresolved")


@dataclass(frozen=True, kw_only=True)
class Article:
    """One input document, as read by `detente.ingest`."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    source: str | None = None  # the path or feed it came from
    published: date | None = None
    language: str | None = "en"


@dataclass(frozen=True, kw_only=True)
class Skipped:
    """A document that could not be read, and why (an expected outcome, not an exception)."""

    source: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class Sentence:
    doc_id: str
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True, kw_only=True)
class Actor:
    """Whoever fills an event role: a state, an organisation, a person or an unresolved phrase.

    `code` is ISO 3166-1 alpha-3 for states and their organs, a short upper-case name for
    organisations and groups (UN, ISIS, SDF), `CIV-XXX`/`REB-XXX` for unnamed civilians or
    rebels of a country, and None when nothing could be resolved.
    """

    code: str | None
    text: str
    span: Span
    name: str | None = None
    sector: str | None = None
    role: str | None = None
    kind: str | None = None  # state, igo, group, person, phrase

    def to_dict(self) -> dict[str, Any]:
        record = asdict(self)
        record["span"] = list(self.span)
        return record

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Actor:
        values = dict(record)
        values["span"] = tuple(values.get("span") or (0, 0))
        return cls(**{k: values[k] for k in _ACTOR_FIELDS if k in values})


_ACTOR_FIELDS = ("code", "text", "span", "name", "sector", "role", "kind")


@dataclass(frozen=True, kw_only=True)
class Mention:
    """An actor mentioned in a sentence (whether or not it takes part in an event)."""

    doc_id: str
    sentence: int
    actor: Actor


@dataclass(frozen=True, kw_only=True)
class Place:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, kw_only=True)
class Trigger:
    text: str
    span: Span

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": list(self.span)}


@dataclass(frozen=True, kw_only=True)
class Event:
    """One PLOVER event, traced to the sentence that states it."""

    doc_id: str
    sentence: int
    type: str
    source: Actor
    target: Actor | None
    trigger: Trigger
    evidence: str
    quad: str
    mode: str | None = None
    contexts: tuple[str, ...] = ()
    date: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY, as precise as known
    date_precision: str = "unresolved"
    date_text: str | None = None
    place: Place | None = None
    modality: str = "asserted"
    confidence: float = 0.5
    rule: str = ""
    id: str = field(default="")

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", event_id(self))

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "doc_id": self.doc_id,
            "sentence": self.sentence,
            "type": self.type,
            "mode": self.mode,
            "contexts": list(self.contexts),
            "quad": self.quad,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "place": self.place.to_dict() if self.place else None,
            "modality": self.modality,
            "trigger": self.trigger.to_dict(),
            "evidence": self.evidence,
            "confidence": round(self.confidence, 3),
            "rule": self.rule,
        }

    @classmethod
    def from_dict(cls, record: dict[str, Any]) -> Event:
        place = record.get("place")
        trigger = record.get("trigger") or {"text": "", "span": [0, 0]}
        return cls(
            id=record.get("id", ""),
            doc_id=record["doc_id"],
            sentence=int(record.get("sentence", 0)),
            type=record["type"],
            mode=record.get("mode"),
            contexts=tuple(record.get("contexts") or ()),
            quad=record.get("quad", ""),
            source=Actor.from_dict(record["source"]),
            target=Actor.from_dict(record["target"]) if record.get("target") else None,
            date=record.get("date"),
            date_precision=record.get("date_precision", "unresolved"),
            date_text=record.get("date_text"),
            place=Place(**place) if place else None,
            modality=record.get("modality", "asserted"),
            trigger=Trigger(text=trigger["text"], span=tuple(trigger["span"])),
            evidence=record.get("evidence", ""),
            confidence=float(record.get("confidence", 0.5)),
            rule=record.get("rule", ""),
        )


def event_id(event: Event) -> str:
    """A stable id: the same event found in the same place of the same document keeps it.

    The sides' codes are part of it: one phrase can stand for two actors ("both sides",
    "the two countries"), and an event with each of them is a different event."""
    target = (event.target.span, event.target.code) if event.target else None
    source = (event.source.span, event.source.code)
    key = f"{event.doc_id}|{event.sentence}|{event.type}|{source}|{target}|{event.trigger.span}"
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, kw_only=True)
class Extraction:
    """What the pipeline found in one article."""

    article: Article
    sentences: tuple[Sentence, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    error: str | None = None  # why coding this article failed; the batch goes on


@dataclass(frozen=True)
class Column:
    """One column of the flat event record: its name, the type of its values (`list` is a
    list of strings) and where `Event.to_dict()` holds its value: the keys, then an index
    into a span. A column without a path is one the store adds."""

    name: str
    kind: type[object]
    path: tuple[str | int, ...] = ()
    required: bool = False


def _part(prefix: str, *columns: Column) -> tuple[Column, ...]:
    return tuple(Column(f"{prefix}_{c.name}", c.kind, (prefix, *c.path)) for c in columns)


_ACTOR_COLUMNS = (
    Column("code", str, ("code",)),
    Column("name", str, ("name",)),
    Column("sector", str, ("sector",)),
    Column("role", str, ("role",)),
    Column("kind", str, ("kind",)),
    Column("text", str, ("text",)),
    Column("start", int, ("span", 0)),
    Column("end", int, ("span", 1)),
)

# In the order of the store's `events` table. The store adds `day` and `day_end` (the
# first and last day the date covers), `counted` (whether analyses count the event) and
# `story_id` (the story event it is a report of).
EVENT_RECORD: tuple[Column, ...] = (
    Column("id", str, ("id",), required=True),
    Column("doc_id", str, ("doc_id",), required=True),
    Column("sentence", int, ("sentence",)),
    Column("type", str, ("type",)),
    Column("mode", str, ("mode",)),
    Column("contexts", list, ("contexts",)),
    Column("quad", str, ("quad",)),
    *_part("source", *_ACTOR_COLUMNS),
    *_part("target", *_ACTOR_COLUMNS),
    Column("date", str, ("date",)),
    Column("date_precision", str, ("date_precision",)),
    Column("date_text", str, ("date_text",)),
    Column("day", date),
    Column("day_end", date),
    *_part(
        "place",
        Column("name", str, ("name",)),
        Column("country", str, ("country",)),
        Column("lat", float, ("lat",)),
        Column("lon", float, ("lon",)),
    ),
    Column("modality", str, ("modality",)),
    *_part(
        "trigger",
        Column("text", str, ("text",)),
        Column("start", int, ("span", 0)),
        Column("end", int, ("span", 1)),
    ),
    Column("evidence", str, ("evidence",)),
    Column("confidence", float, ("confidence",)),
    Column("rule", str, ("rule",)),
    Column("counted", bool),
    Column("story_id", str),
)


def flat_event(event: Event) -> dict[str, Any]:
    """The event's values of the flat record (the columns with a path), by column name:
    the confidence unrounded, the contexts a list, None for a part the event lacks."""
    row: dict[str, Any] = {}
    for column in EVENT_RECORD:
        if column.path:
            value: Any = event
            for step in column.path:
                if value is None:
                    break
                value = value[step] if isinstance(step, int) else getattr(value, step)
            row[column.name] = list(value) if isinstance(value, tuple) else value
    return row


def event_of_row(row: Mapping[str, Any]) -> Event:
    """The Event that a row of the flat record holds (what `flat_event` made of it)."""
    record: dict[str, Any] = {}
    for column in EVENT_RECORD:
        if not column.path:
            continue
        node: Any = record
        for step, following in zip(column.path, column.path[1:], strict=False):
            node = node.setdefault(step, [None, None] if isinstance(following, int) else {})
        node[column.path[-1]] = row[column.name]
    # a part with no value at all is one the event lacks (no target, no place)
    for key, value in record.items():
        if isinstance(value, dict) and _empty(value):
            record[key] = None
    return Event.from_dict(record)


def _empty(value: Any) -> bool:
    if isinstance(value, dict):
        return all(_empty(v) for v in value.values())
    if isinstance(value, list):
        return all(_empty(v) for v in value)
    return value is None
