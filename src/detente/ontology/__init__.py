"""The PLOVER ontology: event types, their quad class, modes and CAMEO roots, kept as data."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = ["CONTEXTS", "QUAD_OF", "SYMMETRIC", "TYPES", "cameo_root", "modes_of", "quad_of"]


@lru_cache(maxsize=1)
def _ontology() -> dict[str, Any]:
    text = resources.files(__name__).joinpath("plover.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


TYPES: tuple[str, ...] = tuple(_ontology()["types"])
QUAD_OF: dict[str, str] = {name: spec["quad"] for name, spec in _ontology()["types"].items()}
SYMMETRIC: frozenset[str] = frozenset(
    name for name, spec in _ontology()["types"].items() if spec["symmetric"]
)
CONTEXTS: tuple[str, ...] = tuple(_ontology()["contexts"])


def quad_of(event_type: str) -> str:
    """The quad class of a PLOVER type: verbal/material cooperation/conflict."""
    return QUAD_OF[event_type]


def modes_of(event_type: str) -> tuple[str, ...]:
    return tuple(_ontology()["types"][event_type]["modes"])


def cameo_root(event_type: str) -> str:
    """The two-digit CAMEO root code closest to a PLOVER type, for GDELT-era tools."""
    return str(_ontology()["types"][event_type]["cameo"])
