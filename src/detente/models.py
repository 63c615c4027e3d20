"""Domain objects shared by every layer: frozen dataclasses, no behaviour beyond (de)serialising.

An `Article` goes into the pipeline; an `Extraction` (its sentences, actor mentions and
events) comes out. `Event.to_dict()` is the JSON record described in DESIGN.md, and
`Event.from_dict()` reads it back, so the store and the API never re-derive fields.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

Span = tuple[int, int]

QUADS = ("verbal_cooperation", "material_cooperation", "verbal_conflict", "material_conflict")
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
