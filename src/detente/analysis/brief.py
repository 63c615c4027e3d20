"""A plain-language brief of what the store holds.

Written from counted events only (both sides resolved, not negated or hypothetical). Each
finding names its actors (knowledge-base names when the KB is installed, else the stored
name, else the code) and can be traced to events: dyads carry their types and dates,
joint actions and notable events their evidence sentence. Notable events may also be one-sided deeds
(an attack whose victims are unnamed): those are listed, never counted.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from ..ontology import CONFLICTUAL_QUADS, COOPERATIVE_QUADS
from ..store.analysis_reads import brief_events, counted_document_count, one_sided_deeds
from ..store.dates import date_bound
from ..store.db import Connection
from ..store.names import actor_names
from ..store.queries import Count, iso_day

# how much a quad class weighs when choosing notable events: deeds over words
_QUAD_WEIGHT = {
    "material_conflict": 3.0,
    "material_cooperation": 2.0,
    "verbal_conflict": 1.0,
    "verbal_cooperation": 1.0,
}
_TYPE_WEIGHT = {"AGREE": 1.0, "RETREAT": 1.0, "ASSAULT": 1.0}


@dataclass(frozen=True, kw_only=True)
class Brief:
    """The findings; `to_text()` renders them as prose, `to_dict()` as JSON.

    `actors`: [{code, name, events, cooperative, conflictual, roles: [str]}];
    `cooperative_dyads` / `conflictual_dyads`: [{a, b, a_name, b_name, cooperative,
    conflictual, types: {TYPE: n}, years: [int], first_date, last_date, summary}];
    `joint_actions`: [{sources: [code], source_names, type, target, target_name, date,
    evidence, summary}]; `changes`: [str] comparing the first and last period;
    `notable`: [{id, date, type, source, target, source_name, target_name, place,
    n_sources, evidence, summary}]; `totals`: documents, events, stories, first_date,
    last_date.
    """

    totals: dict[str, Any]
    actors: list[dict[str, Any]] = field(default_factory=list)
    cooperative_dyads: list[dict[str, Any]] = field(default_factory=list)
    conflictual_dyads: list[dict[str, Any]] = field(default_factory=list)
    joint_actions: list[dict[str, Any]] = field(default_factory=list)
    changes: list[str] = field(default_factory=list)
    notable: list[dict[str, Any]] = field(default_factory=list)
    count: str = "story"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def to_text(self) -> str:
        t = self.totals
        unit = "story events" if self.count == "story" else "event reports"
        lines = [
            f"Brief: {t['documents']} documents, {t['events']} {unit} counted"
            + (f", {t['first_date']} to {t['last_date']}." if t.get("first_date") else "."),
        ]
        if not t["events"]:
            lines.append("No events with two resolved actors yet: nothing to summarise.")
            return "\n".join(lines) + "\n"
        sections: list[tuple[str, list[str]]] = [
            ("Main actors", [_actor_line(a) for a in self.actors]),
            ("Strongest cooperation", [d["summary"] for d in self.cooperative_dyads]),
            ("Strongest conflict", [d["summary"] for d in self.conflictual_dyads]),
            ("Joint actions", [j["summary"] for j in self.joint_actions]),
            ("What changed", self.changes),
            ("Notable events", [n["summary"] for n in self.notable]),
        ]
        for title, items in sections:
            if items:
                lines.append("")
                lines.append(title)
                lines.extend(f"- {item}" for item in items)
        return "\n".join(lines) + "\n"


def brief(
    con: Connection,
    *,
    since: str | None = None,
    until: str | None = None,
    count: Count = "story",
    top: int = 8,
    notable: int = 8,
) -> Brief:
    """Summarise the store (or the window since..until): main actors with roles, the
    strongest cooperative and conflictual dyads, joint actions (several actors doing the
    same thing to the same target in one sentence), what changed between the first and last
    period, and `notable` events with their evidence."""
    events = brief_events(con, since=since, until=until)
    solo = one_sided_deeds(con, since=since, until=until)
    # with count="story", each story is one event: keep its most confident report
    units = _one_per_story(events) if count == "story" else events
    codes = {e["source"] for e in events} | {e["target"] for e in events}
    codes |= {e["source"] for e in solo}
    names = actor_names(con, codes)
    documents = counted_document_count(con, since=since, until=until)
    days = [e["day"] for e in units if e["day"]]
    totals = {
        "documents": documents,
        "events": len(units),
        "reports": len(events),
        "first_date": iso_day(min(days)) if days else None,
        "last_date": iso_day(max(days)) if days else None,
        "since": since,
        "until": until,
    }
    dyads = _dyads(units, names)
    coop = sorted(
        (d for d in dyads if d["cooperative"] > 0),
        key=lambda d: (-d["cooperative"], d["conflictual"], d["a"], d["b"]),
    )[:top]
    conf = sorted(
        (d for d in dyads if d["conflictual"] > 0),
        key=lambda d: (-d["conflictual"], d["cooperative"], d["a"], d["b"]),
    )[:top]
    return Brief(
        totals=totals,
        actors=_actors(units, events, names, top=top),
        cooperative_dyads=coop,
        conflictual_dyads=conf,
        joint_actions=_joint_actions(events, names)[:top],
        changes=_changes(units, names, since=since, until=until),
        notable=_notable(units + solo, names, limit=notable),
        count=count,
    )


def _one_per_story(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    best: dict[str, dict[str, Any]] = {}
    for event in events:
        key = event["story_id"] or event["id"]
        if key not in best or (event["confidence"], event["id"]) > (
            best[key]["confidence"],
            best[key]["id"],
        ):
            best[key] = event
    return sorted(
        best.values(), key=lambda e: (e["day"] is None, e["day"], e["doc_id"], e["sentence"])
    )


def _actors(
    units: list[dict[str, Any]], events: list[dict[str, Any]], names: dict[str, str], *, top: int
) -> list[dict[str, Any]]:
    stats: dict[str, dict[str, Any]] = {}
    for e in units:
        for code in {e["source"], e["target"]}:
            s = stats.setdefault(
                code, {"code": code, "events": 0, "cooperative": 0, "conflictual": 0}
            )
            s["events"] += 1
            s["cooperative"] += e["quad"] in COOPERATIVE_QUADS
            s["conflictual"] += e["quad"] in CONFLICTUAL_QUADS
    roles: dict[str, dict[tuple[str, str], set[int]]] = {}
    for e in events:
        for side in ("source", "target"):
            person, role = e[f"{side}_name"], e[f"{side}_role"] or e[f"{side}_sector"]
            if not person or not role or e[f"{side}_kind"] not in (None, "person"):
                continue
            if person == names.get(e[side]):
                continue
            years = roles.setdefault(e[side], {}).setdefault((person, role), set())
            if e["day"]:
                years.add(e["day"].year)
    ranked = sorted(stats.values(), key=lambda s: (-s["events"], s["code"]))[:top]
    for s in ranked:
        s["name"] = names.get(s["code"], s["code"])
        s["roles"] = [
            f"{person} ({role}{', ' + _years(sorted(years)) if years else ''})"
            for (person, role), years in sorted(
                roles.get(s["code"], {}).items(), key=lambda kv: (min(kv[1] or {9999}), kv[0])
            )
        ][:4]
    return ranked


def _dyads(units: list[dict[str, Any]], names: dict[str, str]) -> list[dict[str, Any]]:
    dyads: dict[tuple[str, str], dict[str, Any]] = {}
    for e in units:
        if e["source"] == e["target"]:
            continue
        a, b = sorted((e["source"], e["target"]))
        d = dyads.setdefault(
            (a, b),
            {
                "a": a,
                "b": b,
                "a_name": names.get(a, a),
                "b_name": names.get(b, b),
                "cooperative": 0,
                "conflictual": 0,
                "types": {},
                "years": set(),
                "days": [],
            },
        )
        d["cooperative"] += e["quad"] in COOPERATIVE_QUADS
        d["conflictual"] += e["quad"] in CONFLICTUAL_QUADS
        d["types"][e["type"]] = d["types"].get(e["type"], 0) + 1
        if e["day"]:
            d["years"].add(e["day"].year)
            d["days"].append(e["day"])
    out = []
    for d in dyads.values():
        days = d.pop("days")
        d["years"] = sorted(d["years"])
        d["first_date"] = iso_day(min(days)) if days else None
        d["last_date"] = iso_day(max(days)) if days else None
        d["types"] = dict(sorted(d["types"].items(), key=lambda kv: (-kv[1], kv[0])))
        out.append(d)
    for d in out:
        coop_first = d["cooperative"] >= d["conflictual"]
        main, other = (
            ("cooperative", "conflictual") if coop_first else ("conflictual", "cooperative")
        )
        when = f" in {_years(d['years'])}" if d["years"] else ""
        types = ", ".join(f"{t} {n}" for t, n in d["types"].items())
        extra = f", {d[other]} {other}" if d[other] else ""
        d["summary"] = (
            f"{d['a_name']}–{d['b_name']}: {d[main]} {main} event{'s' if d[main] != 1 else ''}"
            f"{extra}{when} ({types})"
        )
    return out


def _joint_actions(events: list[dict[str, Any]], names: dict[str, str]) -> list[dict[str, Any]]:
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for e in events:
        groups.setdefault((e["doc_id"], e["sentence"], e["type"], e["target"]), []).append(e)
    joint = []
    seen: set[tuple[Any, ...]] = set()
    for (_, _, etype, target), members in groups.items():
        sources = sorted({m["source"] for m in members} - {target})
        if len(sources) < 2:
            continue
        key = (tuple(sources), etype, target)
        if key in seen:
            continue
        seen.add(key)
        first = members[0]
        who = " and ".join(names.get(s, s) for s in sources)
        when = f" ({iso_day(first['day'])})" if first["day"] else ""
        joint.append(
            {
                "sources": sources,
                "source_names": [names.get(s, s) for s in sources],
                "type": etype,
                "target": target,
                "target_name": names.get(target, target),
                "date": iso_day(first["day"]),
                "evidence": first["evidence"],
                "summary": f"{who} together: {etype} {names.get(target, target)}{when}: "
                f'"{_clip(first["evidence"])}"',
            }
        )
    return joint


def _changes(
    units: list[dict[str, Any]], names: dict[str, str], *, since: str | None, until: str | None
) -> list[str]:
    dated = [e for e in units if e["day"]]
    if not dated:
        return []
    first_day, last_day = min(e["day"] for e in dated), max(e["day"] for e in dated)
    if since:
        first_day = max(first_day, date_bound(since, end=False))
    if until:
        last_day = min(last_day, date_bound(until, end=True))
    by_year = first_day.year != last_day.year
    if not by_year and (first_day.month, first_day.year) == (last_day.month, last_day.year):
        return [f"All events fall in one period ({first_day:%Y-%m}); nothing to compare."]

    def period(day: Any) -> str:
        return f"{day.year}" if by_year else f"{day:%Y-%m}"

    p_first, p_last = period(first_day), period(last_day)
    early = [e for e in dated if period(e["day"]) == p_first]
    late = [e for e in dated if period(e["day"]) == p_last]
    dyads_early = {d["a"] + "|" + d["b"]: d for d in _dyads(early, names)}
    dyads_late = {d["a"] + "|" + d["b"]: d for d in _dyads(late, names)}
    lines = [
        (
            f"{p_first}: {_n(len(early), 'event')} among {_n(len(_codes(early)), 'actor')}; "
            f"{p_last}: {_n(len(late), 'event')} among {_n(len(_codes(late)), 'actor')}."
        )
    ]
    new = [dyads_late[k] for k in sorted(dyads_late.keys() - dyads_early.keys())]
    gone = [dyads_early[k] for k in sorted(dyads_early.keys() - dyads_late.keys())]
    if new:
        lines.append(f"New in {p_last}: " + "; ".join(_tie(d) for d in _strongest(new)))
    if gone:
        lines.append(
            f"Seen in {p_first}, not in {p_last}: " + "; ".join(_tie(d) for d in _strongest(gone))
        )
    for key in sorted(dyads_early.keys() & dyads_late.keys()):
        before, after = dyads_early[key], dyads_late[key]
        if _sign(before) != _sign(after):
            lines.append(
                f"{after['a_name']}–{after['b_name']} turned from {_word(before)} "
                f"in {p_first} to {_word(after)} in {p_last}."
            )
    return lines


def _strongest(dyads: list[dict[str, Any]], n: int = 6) -> list[dict[str, Any]]:
    return sorted(dyads, key=lambda d: (-(d["cooperative"] + d["conflictual"]), d["a"], d["b"]))[:n]


def _tie(d: dict[str, Any]) -> str:
    n_events = _n(d["cooperative"] + d["conflictual"], "event")
    return f"{d['a_name']}–{d['b_name']} ({_word(d)}, {n_events})"


def _sign(d: dict[str, Any]) -> int:
    return int(d["cooperative"] > d["conflictual"]) - int(d["cooperative"] < d["conflictual"])


def _word(d: dict[str, Any]) -> str:
    return {1: "cooperative", -1: "conflictual", 0: "mixed"}[_sign(d)]


def _codes(events: list[dict[str, Any]]) -> set[str]:
    return {e["source"] for e in events} | {e["target"] for e in events}


def _notable(
    units: list[dict[str, Any]], names: dict[str, str], *, limit: int
) -> list[dict[str, Any]]:
    def score(e: dict[str, Any]) -> float:
        return float(
            2.0 * (e["n_sources"] - 1)
            + _QUAD_WEIGHT.get(e["quad"], 1.0)
            + _TYPE_WEIGHT.get(e["type"], 0.0)
            + (e["confidence"] or 0.0)
            + (0.5 if e["place"] else 0.0)
            + (0.5 if e["day"] else 0.0)
        )

    chosen: list[dict[str, Any]] = []
    seen: set[tuple[Any, ...]] = set()
    for e in sorted(units, key=lambda e: (-score(e), e["id"])):
        # one event per type and pair, and one per sentence ("Ankara, Tehran and Moscow
        # agreed" is three pairs but one event to read)
        keys = {(e["type"], *sorted((e["source"], e["target"]))), (e["doc_id"], e["sentence"])}
        if keys & seen:
            continue
        seen |= keys
        chosen.append(e)
        if len(chosen) >= limit:
            break
    chosen.sort(key=lambda e: (e["day"] is None, e["day"], e["id"]))
    out = []
    for e in chosen:
        src, tgt = names.get(e["source"], e["source"]), names.get(e["target"], e["target"])
        where = f" in {e['place']}" if e["place"] else ""
        when = iso_day(e["day"]) or "undated"
        sources = f" [{e['n_sources']} sources]" if e["n_sources"] > 1 else ""
        out.append(
            {
                "id": e["id"],
                "date": iso_day(e["day"]),
                "type": e["type"],
                "source": e["source"],
                "target": e["target"],
                "source_name": src,
                "target_name": tgt,
                "place": e["place"],
                "n_sources": e["n_sources"],
                "evidence": e["evidence"],
                "summary": f"{when} {e['type']} {src}{' → ' + tgt if tgt else ''}{where}{sources}: "
                f'"{_clip(e["evidence"])}"',
            }
        )
    return out


def _actor_line(a: dict[str, Any]) -> str:
    roles = f"; through {', '.join(a['roles'])}" if a["roles"] else ""
    return (
        f"{a['name']} ({a['code']}): {_n(a['events'], 'event')}, {a['cooperative']} cooperative, "
        f"{a['conflictual']} conflictual{roles}"
    )


def _n(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _years(years: list[int]) -> str:
    if not years:
        return ""
    if len(years) == 1:
        return str(years[0])
    if years == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(map(str, years))


def _clip(text: str, n: int = 220) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"
