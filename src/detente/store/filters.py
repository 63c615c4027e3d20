"""What a read asks for: `EventFilter`, which `find_events`, the snapshot and the
analyses take, and the check that its period can match anything."""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from .dates import date_bound


@dataclass(frozen=True, kw_only=True)
class EventFilter:
    """What `find_events` keeps. Every field is optional; set fields combine with AND.

    `actor`: either side has this code. `dyad`: the two codes, in either direction.
    `types`/`quads`: PLOVER types / quad classes (any of). `since`/`until`: ISO dates
    (YYYY, YYYY-MM or YYYY-MM-DD), inclusive, on the event's date (the document's date when
    the text gives none). `place`: place name (substring) or country code. `text`:
    substring of the evidence sentence or of either actor's text (case-insensitive).
    `counted_only`: only events that count in analyses (both sides resolved, not negated
    or hypothetical).
    """

    actor: str | None = None
    dyad: tuple[str, str] | None = None
    types: tuple[str, ...] = ()
    quads: tuple[str, ...] = ()
    since: str | None = None
    until: str | None = None
    place: str | None = None
    text: str | None = None
    min_confidence: float | None = None
    doc_id: str | None = None
    story_id: str | None = None
    modalities: tuple[str, ...] = ()
    counted_only: bool = False

    def __post_init__(self) -> None:
        # codes are stored upper case: "tur" asks for TUR, from the CLI as from the API
        if self.actor:
            object.__setattr__(self, "actor", self.actor.upper())
        if self.dyad:
            object.__setattr__(self, "dyad", (self.dyad[0].upper(), self.dyad[1].upper()))
        check_period(self.since, self.until)


def check_period(since: str | None, until: str | None) -> None:
    """Raise InputError when `since` comes after `until`: no date could match (#10)."""
    if since and until and date_bound(since, end=False) > date_bound(until, end=True):
        raise InputError(f"since {since} is after until {until}: no date matches")
