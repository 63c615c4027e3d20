"""The PLOVER ontology: event types, their quad class, modes and CAMEO roots, kept as data.

`plover.json` is the one place these are written down; every other module reads them
from here (#12).
"""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any

__all__ = [
    "CAMEO_MODE_ROOT",
    "CAMEO_ROOT",
    "CONFLICTUAL_QUADS",
    "CONTEXTS",
    "COOPERATIVE_QUADS",
    "MATERIAL_QUADS",
    "QUADS",
    "QUAD_CODE",
    "QUAD_OF",
    "SYMMETRIC",
    "TYPES",
    "cameo_root",
    "modes_of",
    "quad_of",
]


@lru_cache(maxsize=1)
def _ontology() -> dict[str, Any]:
    text = resources.files(__name__).joinpath("plover.json").read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


TYPES: tuple[str, ...] = tuple(_ontology()["types"])
QUAD_OF: dict[str, str] = {name: spec["quad"] for name, spec in _ontology()["types"].items()}
# PLOVER types whose two sides play the same part: their actor pair is unordered.
SYMMETRIC: frozenset[str] = frozenset(
    name for name, spec in _ontology()["types"].items() if spec["symmetric"]
)
CONTEXTS: tuple[str, ...] = tuple(_ontology()["contexts"])

# the quad classes, in PLOVER's order (verbal then material cooperation, then conflict)
QUADS: tuple[str, ...] = tuple(_ontology()["quads"])
# POLECAT's "Quad Code", 1 to 4
QUAD_CODE: dict[str, int] = {name: spec["code"] for name, spec in _ontology()["quads"].items()}
COOPERATIVE_QUADS: tuple[str, ...] = tuple(
    name for name, spec in _ontology()["quads"].items() if spec["cooperative"]
)
CONFLICTUAL_QUADS: tuple[str, ...] = tuple(
    name for name, spec in _ontology()["quads"].items() if not spec["cooperative"]
)
MATERIAL_QUADS: tuple[str, ...] = tuple(
    name for name, spec in _ontology()["quads"].items() if spec["material"]
)

# the two-digit CAMEO root closest to each type, and to the modes that have a root of their
# own (REQUEST `demand` is 10 Demand, ASSAULT `aerial` 19 Fight), for GDELT-era tools
CAMEO_ROOT: dict[str, str] = {
    name: str(spec["cameo"]) for name, spec in _ontology()["types"].items()
}
CAMEO_MODE_ROOT: dict[tuple[str, str], str] = {
    (name, mode): root
    for name, spec in _ontology()["types"].items()
    for mode, root in spec.get("cameo_modes", {}).items()
}


def quad_of(event_type: str) -> str:
    """The quad class of a PLOVER type: verbal/material cooperation/conflict."""
    return QUAD_OF[event_type]


def modes_of(event_type: str) -> tuple[str, ...]:
    return tuple(_ontology()["types"][event_type]["modes"])


def cameo_root(event_type: str, mode: str | None = None) -> str | None:
    """The CAMEO root code (two digits) for a PLOVER type and mode, or None."""
    if mode and (event_type, mode) in CAMEO_MODE_ROOT:
        return CAMEO_MODE_ROOT[(event_type, mode)]
    return CAMEO_ROOT.get(event_type)
