"""Query and path parameters the routes read as text and check here: dates, actor codes,
and names from a fixed set. A bad value is a 422 that says what is allowed, never an
empty answer (#10).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from fastapi import HTTPException

from ..ontology import QUADS, TYPES

_DATE_FORMATS = {4: "%Y", 7: "%Y-%m", 10: "%Y-%m-%d"}


def iso_date(value: str | None, name: str) -> str | None:
    """Check a since/until value: YYYY, YYYY-MM or YYYY-MM-DD."""
    if value is None or value == "":
        return None
    value = value.strip()
    fmt = _DATE_FORMATS.get(len(value))
    try:
        if fmt is None:
            raise ValueError(value)
        datetime.strptime(value, fmt)
    except ValueError as err:
        raise HTTPException(
            422, f"invalid request: {name}: {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
        ) from err
    return value


def codes(value: str | None) -> tuple[str, ...]:
    """The parts of a comma-separated value, stripped, empty ones left out."""
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def actor_code(value: str | None) -> str | None:
    """An actor code as the store keeps it, in upper case: `tur` finds TUR."""
    return (value or "").strip().upper() or None


def dyad(value: str | None) -> tuple[str, str] | None:
    """Two actor codes, comma-separated: TUR,IRN."""
    if not value:
        return None
    found = codes(value)
    if len(found) != 2:
        raise HTTPException(
            422, f"invalid request: dyad: {value!r} is not two actor codes, e.g. TUR,IRN"
        )
    return found[0].upper(), found[1].upper()


def event_types(value: str | None) -> tuple[str, ...]:
    """PLOVER types, comma-separated, in any case."""
    return _known("type", [c.upper() for c in codes(value)], TYPES)


def quad_classes(value: str | None) -> tuple[str, ...]:
    """Quad classes, comma-separated, in any case."""
    return _known("quad", [c.lower() for c in codes(value)], QUADS)


def _known(name: str, given: list[str], known: Iterable[str]) -> tuple[str, ...]:
    known = tuple(known)
    unknown = [value for value in given if value not in known]
    if unknown:
        raise HTTPException(
            422, f"invalid request: {name}: {', '.join(unknown)}; known: {', '.join(known)}"
        )
    return tuple(given)
