"""What an actor code stands for: its display name, its kind and the state it belongs to.

The knowledge base answers first (it is static data, loaded once); the names stored at
ingest fill in for codes it does not know. Generic codes (CIV-IRQ, REB-SYR, OPP-TUR)
belong to the state after their dash.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from typing import Any

import duckdb


def actor_names(con: duckdb.DuckDBPyConnection, codes: Iterable[str]) -> dict[str, str]:
    """Display names for actor codes: the knowledge base's name where there is one, else
    the name stored at ingest, else the code itself."""
    codes = sorted(set(codes))
    found = known_names(con, codes)
    return {c: found.get(c) or c for c in codes}


def known_names(con: duckdb.DuckDBPyConnection, codes: Iterable[str]) -> dict[str, str]:
    """The names known for those of `codes` that have one (no code stands in for a name)."""
    codes = sorted(set(codes))
    stored = dict(
        con.execute(
            "SELECT code, name FROM actors WHERE code IN (SELECT unnest(?::VARCHAR[])) "
            "AND name IS NOT NULL AND name <> code",
            [codes],
        ).fetchall()
    )
    kb = _kb_names(codes)
    return {c: kb.get(c) or stored[c] for c in codes if kb.get(c) or c in stored}


def actor_kinds(con: duckdb.DuckDBPyConnection, codes: Iterable[str]) -> dict[str, str | None]:
    """What each actor code is, "state" or "org": the knowledge base's answer where it
    knows the code, else the kind stored at ingest (None if neither knows)."""
    codes = sorted(set(codes))
    stored = dict(
        con.execute(
            "SELECT code, kind FROM actors WHERE code IN (SELECT unnest(?::VARCHAR[]))", [codes]
        ).fetchall()
    )
    kb = _kb()
    kinds: dict[str, str | None] = {}
    for code in codes:
        entity = _entity(kb, code)
        # the stored kind is that of the code's first named mention, which for a state can
        # be one of its agencies: Mossad made Israel an "org" (#10)
        if entity is None:
            kinds[code] = stored.get(code)
        else:
            kinds[code] = "state" if entity.kind == "state" else "org"
    return kinds


def actor_states(codes: Iterable[str]) -> dict[str, str | None]:
    """The state (ISO 3166-1 alpha-3 code) each actor code belongs to, or None: a state is
    its own, an organisation or group its home state in the knowledge base (the Houthis
    YEM, none for the UN), a generic code the state after its dash (CIV-IRQ: IRQ)."""
    kb = _kb()
    states: dict[str, str | None] = {}
    for code in set(codes):
        entity = _entity(kb, code)
        if entity is None and "-" in code:
            entity = _entity(kb, code.rsplit("-", 1)[-1])
            entity = entity if entity is not None and entity.kind == "state" else None
        states[code] = entity.country if entity is not None else None
    return states


@functools.lru_cache(maxsize=1)
def _kb() -> Any:
    """The knowledge base, loaded once (it is static data), or None without one."""
    try:
        from ..knowledge import load_kb

        return load_kb()
    except Exception:  # noqa: BLE001 - the KB is optional here; fall back to stored names
        return None


def _entity(kb: Any, code: str) -> Any:
    if kb is None:
        return None
    try:
        return kb.entity(code)
    except Exception:  # noqa: BLE001 - the KB is optional here
        return None


def _kb_names(codes: list[str]) -> dict[str, str]:
    kb = _kb()
    names: dict[str, str] = {}
    for code in codes:
        entity = _entity(kb, code)
        if entity is not None and getattr(entity, "name", None):
            names[code] = entity.name
    return names
