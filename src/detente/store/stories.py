"""Link reports of the same event into one story event.

Two reports are of the same event when all of these hold:

- same PLOVER type, and the same actor pair (ordered, except for the symmetric types
  CONSULT, AGREE and COOPERATE, where the pair is unordered);
- their dates overlap at their precision: two days within ±3 days of each other; otherwise
  the days each date covers meet (a week from Monday to Sunday, a month, a year from
  January to December: an event dated "2023" overlaps one dated 2023-05-04, and one dated
  "May 2023"). An undated event takes its document's date, as a day (`dates.link_dates`);
  one without even that links to nothing;
- their places do not contradict (both named and different names: no link);
- their evidence is similar: Jaccard similarity of content tokens ≥ 0.1, or the overlap
  coefficient (shared tokens / tokens of the shorter sentence) ≥ 0.3. Two reports in the
  *same* document need Jaccard ≥ 0.5: a document that speaks of a meeting twice restates
  it, but two meetings on one day ("Akar met Bagheri", "Akar also met Shamkhani") must stay
  two.

A new report joins the story of the most similar report that qualifies; otherwise it
starts a story whose id is derived from its own event id. A coarse date does not bridge
two events: a report that qualifies only through a coarser report of a story (a meeting
on November 10 through "talks in 2023") joins it only if it also overlaps the story's more
precise reports (the meeting of May 4 the year-dated report joined), else two meetings
months apart would become one story (#10).

`assign_stories` decides, and is pure; `find_story_ids` fetches the candidates from the
store, with every report of their stories, and calls it; writes.py stores the result.
"""

from __future__ import annotations

import bisect
import dataclasses
import functools
import hashlib
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import duckdb
import pyarrow as pa

from ..ontology import SYMMETRIC
from .dates import link_dates

DAY_WINDOW = 3
MIN_JACCARD = 0.1
MIN_OVERLAP = 0.3
SAME_DOCUMENT_JACCARD = 0.5
# how coarse each linkable precision is; an event's days span at most a year
PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
LINKABLE_PRECISIONS = frozenset(PRECISION_RANK)
_LONGEST = timedelta(days=366)

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_STOPWORDS = frozenset(
    """the and for with that this from have has had was were are will would been being
    its his her their they them she him who whom which what when where while also than
    then into onto over under after before about said says say told according during
    between both other such not but can could may might must should our out off per via
    one two three new more most last this earlier today yesterday week month year""".split()
)


@dataclass(frozen=True, kw_only=True)
class Report:
    """What linking needs to know of one event report."""

    event_id: str
    doc_id: str
    type: str
    source: str
    target: str
    day: date | None  # the first and last day its date covers at its precision
    day_end: date | None
    precision: str  # "day", "week", "month" or "year"; anything else links to nothing
    evidence: str
    place: str | None = None
    story_id: str | None = None  # set for reports already in the store


def pair_key(event_type: str, source: str, target: str) -> tuple[str, str, str]:
    """The grouping key: type plus the actor pair (sorted for symmetric types)."""
    if event_type in SYMMETRIC and target < source:
        source, target = target, source
    return (event_type, source, target)


@functools.lru_cache(maxsize=65536)
def tokens(text: str) -> frozenset[str]:
    """Content tokens of a sentence: lower-cased words of 3+ letters, no stop words,
    a plural -s dropped."""
    words = (w.lower() for w in _WORD.findall(text))
    return frozenset(
        w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith("ss") else w
        for w in words
        if len(w) >= 3 and w not in _STOPWORDS
    )


def similar(a: frozenset[str], b: frozenset[str], *, same_document: bool = False) -> float:
    """How alike two token sets are, or 0.0 when they are not alike enough to link."""
    if not a or not b:
        return 0.0
    shared = len(a & b)
    jaccard = shared / len(a | b)
    if same_document:
        return jaccard if jaccard >= SAME_DOCUMENT_JACCARD else 0.0
    if jaccard >= MIN_JACCARD or shared / min(len(a), len(b)) >= MIN_OVERLAP:
        return jaccard
    return 0.0


def window(report: Report) -> tuple[date, date] | None:
    """The days a report can match, or None when it links to nothing."""
    if report.precision not in LINKABLE_PRECISIONS or report.day is None:
        return None
    end = report.day_end or report.day
    if report.precision == "day":
        return report.day - timedelta(days=DAY_WINDOW), end + timedelta(days=DAY_WINDOW)
    return report.day, end


def overlaps(a: Report, b: Report) -> bool:
    """Whether two reports' dates are close enough to be one event: two days at most
    DAY_WINDOW apart, or a week, month or year whose days meet the other's dates."""
    if window(a) is None or window(b) is None:
        return False
    assert a.day is not None and b.day is not None
    if a.precision == "day" and b.precision == "day":
        return abs((a.day - b.day).days) <= DAY_WINDOW
    return a.day <= (b.day_end or b.day) and b.day <= (a.day_end or a.day)


def assign_stories(
    new: Iterable[Report],
    existing: Iterable[Report],
    *,
    new_id: Callable[[Report], str] = lambda report: f"s{report.event_id}",
) -> dict[str, str]:
    """Map each new report's event id to a story id, linking it to the most similar
    qualifying report among `existing` (already in a story) and earlier `new` ones;
    a report that links to none starts a story named `new_id(report)`."""
    groups: dict[tuple[str, str, str], list[tuple[date, Report, frozenset[str]]]] = {}
    members: dict[str, list[Report]] = {}

    def remember(report: Report) -> None:
        if report.day is None:
            return
        group = groups.setdefault(pair_key(report.type, report.source, report.target), [])
        bisect.insort(group, (report.day, report, tokens(report.evidence)), key=lambda x: x[0])
        if report.story_id:
            members.setdefault(report.story_id, []).append(report)

    for report in existing:
        remember(report)
    assigned: dict[str, str] = {}
    for report in new:
        story = _best_match(report, groups, members)
        story_id = story or new_id(report)
        assigned[report.event_id] = story_id
        if window(report) is not None:
            remember(_with_story(report, story_id))
    return assigned


def _best_match(
    report: Report,
    groups: dict[tuple[str, str, str], list[tuple[date, Report, frozenset[str]]]],
    members: dict[str, list[Report]],
) -> str | None:
    span = window(report)
    if span is None:
        return None
    group = groups.get(pair_key(report.type, report.source, report.target), [])
    # a year-dated report starts up to a year before the day it must reach
    lo = bisect.bisect_left(group, span[0] - _LONGEST, key=lambda x: x[0])
    hi = bisect.bisect_right(group, span[1], key=lambda x: x[0])
    words = tokens(report.evidence)
    best: tuple[float, str] | None = None
    for _, other, other_words in group[lo:hi]:
        if other.event_id == report.event_id or not overlaps(report, other):
            continue
        if report.place and other.place and report.place.lower() != other.place.lower():
            continue
        if _bridges(report, other, members.get(other.story_id or "", ())):
            continue
        score = similar(words, other_words, same_document=other.doc_id == report.doc_id)
        if score > 0 and other.story_id and (best is None or score > best[0]):
            best = (score, other.story_id)
    return best[1] if best else None


def _bridges(report: Report, other: Report, story: Iterable[Report]) -> bool:
    """Whether `report` would reach the story of the coarser `other` without overlapping
    the story's reports dated more precisely than `other`."""
    rank = PRECISION_RANK[other.precision]
    if rank <= PRECISION_RANK[report.precision]:
        return False
    return not all(
        overlaps(report, member)
        for member in story
        if PRECISION_RANK.get(member.precision, rank) < rank
    )


def _with_story(report: Report, story_id: str) -> Report:
    return Report(
        event_id=report.event_id,
        doc_id=report.doc_id,
        type=report.type,
        source=report.source,
        target=report.target,
        day=report.day,
        day_end=report.day_end,
        precision=report.precision,
        evidence=report.evidence,
        place=report.place,
        story_id=story_id,
    )


def find_story_ids(con: duckdb.DuckDBPyConnection, events: list[dict[str, Any]]) -> dict[str, str]:
    """Story ids for new event rows: linked to stored or earlier reports, or new."""
    linkable = [r for r in events if r["counted"] and r["day"] is not None]
    spans = {
        r["id"]: link_dates(r["date"], r["date_precision"], r["day"], r["day_end"])
        for r in linkable
    }
    existing: list[Report] = []
    if linkable:
        slack = timedelta(days=DAY_WINDOW)
        lows, highs = [], []
        for r in linkable:
            _, first, last = spans[r["id"]]
            assert first is not None and last is not None  # a linkable row has a day
            lows.append(first - slack)
            highs.append(last + slack)
        probe = pa.table(
            {
                "type": [r["type"] for r in linkable],
                "a": [min(r["source_code"], r["target_code"]) for r in linkable],
                "b": [max(r["source_code"], r["target_code"]) for r in linkable],
                "lo": lows,
                "hi": highs,
                # a stored year or week can cover these days while its row is filed
                # under its document's date (see `event_days`, `link_dates`)
                "lo_year": [f"{(lo - timedelta(days=7)).year:04d}" for lo in lows],
                "hi_year": [f"{hi.year:04d}" for hi in highs],
            }
        )
        con.register("_probe", probe)
        try:
            # every report of each story a new report may join: a coarse report must
            # not bridge it to the story's more precise ones (`_bridges`)
            rows = con.execute(
                """WITH hit AS (
                       SELECT DISTINCT e.story_id
                       FROM events e JOIN _probe p ON e.type = p.type
                         AND least(e.source_code, e.target_code) = p.a
                         AND greatest(e.source_code, e.target_code) = p.b
                         AND ((e.day <= p.hi AND e.day_end >= p.lo)
                              OR (e.date_precision IN ('year', 'week')
                                  AND left(e.date, 4) BETWEEN p.lo_year AND p.hi_year))
                       WHERE e.counted)
                   SELECT e.id, e.doc_id, e.type, e.source_code, e.target_code,
                          e.day, e.day_end, e.date_precision, e.evidence, e.place_name,
                          e.story_id, e.date
                   FROM events e
                   WHERE e.counted AND e.story_id IN (SELECT story_id FROM hit)"""
            ).fetchall()
        finally:
            con.unregister("_probe")
        for row in rows:
            precision, first, last = link_dates(row[11], row[7], row[5], row[6])
            existing.append(
                Report(
                    event_id=row[0],
                    doc_id=row[1],
                    type=row[2],
                    source=row[3],
                    target=row[4],
                    day=first,
                    day_end=last,
                    precision=precision,
                    evidence=row[8] or "",
                    place=row[9],
                    story_id=row[10],
                )
            )
    own_ids = [f"s{r['id']}" for r in events]
    taken = {
        r[0]
        for r in con.execute(
            "SELECT id FROM stories WHERE id IN (SELECT unnest(?::VARCHAR[]))", [own_ids]
        ).fetchall()
    }

    def new_id(report: Report) -> str:
        # a story can outlive the (replaced) document whose event gave it its id
        own = f"s{report.event_id}"
        if own not in taken:
            return own
        return f"{own}-{hashlib.sha1((own + report.evidence).encode()).hexdigest()[:8]}"

    assigned = assign_stories(
        (
            Report(
                event_id=r["id"],
                doc_id=r["doc_id"],
                type=r["type"],
                source=r["source_code"],
                target=r["target_code"],
                day=spans[r["id"]][1],
                day_end=spans[r["id"]][2],
                precision=spans[r["id"]][0],
                evidence=r["evidence"] or "",
                place=r["place_name"],
            )
            for r in linkable
        ),
        existing,
        new_id=new_id,
    )
    placeholder = Report(
        event_id="",
        doc_id="",
        type="",
        source="",
        target="",
        day=None,
        day_end=None,
        precision="",
        evidence="",
    )
    return {
        r["id"]: assigned.get(r["id"])
        or new_id(_replace_report(placeholder, event_id=r["id"], evidence=r["evidence"] or ""))
        for r in events
    }


def _replace_report(report: Report, **changes: Any) -> Report:
    return dataclasses.replace(report, **changes)
