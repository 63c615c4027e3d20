"""The actor knowledge base: states, organisations, titles, sector nouns and persons.

Everything is data under `knowledge/data/`, one JSON object a line:

- `states.jsonl`: `{"code", "name", "names", "demonyms", "capital", "metonyms"}`. A name or
  demonym is a string or `{"text", "case_sensitive"}`; a metonym is
  `{"text", "sector"?, "case_sensitive"?}` ("the Pentagon" is USA with sector MIL).
- `organizations.jsonl`: `{"code", "name", "kind", "sector", "country", "aliases",
  "demonyms"?, "people"?}`; `people` is the code of the ethnic group whose organisation it
  is ("Kurdish forces" in a report that named the SDF are the SDF). An entry whose code
  belongs to a state, or whose kind is `state_organ` or `organ`, is attached to that code
  rather than defining it: the IRGC is IRN with sector MIL, the UN Security Council is UN.
  Every other entry defines its own code.
- `titles.jsonl`: `{"title", "sector", "role", "variants"}`, lower case.
- `sectors.jsonl`: `{"noun", "sector", "plural"?}`: head nouns of unnamed actors. `plural`
  absent means the regular English plural; `null` means the noun has none of its own.
- `persons.jsonl` (optional): `{"id", "name", "aliases", "roles"}`, each role
  `{"code", "sector", "role", "start", "end"}` with dates as null, `YYYY`, `YYYY-MM` or
  `YYYY-MM-DD`; a null end means still in office.

Organisation kinds: igo, ngo, armed_group, party, government, state_organ, organ (a body of
an international organisation), ethnic_group.

Sector codes (CAMEO/PLOVER agent types):

    GOV  government, executive, ministries, diplomats, local government
    MIL  armed forces
    COP  police, gendarmerie and internal security forces ("security forces" is COP)
    SPY  intelligence services
    JUD  courts, judges, prosecutors
    LEG  parliaments and lawmakers
    OPP  political opposition, dissidents
    PTY  political parties and politicians
    REB  rebels, militants, insurgents, militias and other armed non-state groups
    CRM  criminals, gangs, cartels, smugglers
    CVL  civilians, protesters, residents, activists
    EDU  students, schools, universities
    LAB  workers and unions
    MED  media and journalists
    BUS  business, banks, companies
    REF  refugees, migrants, displaced people
    REL  religious bodies and clergy
    HLH  health workers and hospitals
    AGR  farmers, herders, fishermen
    NGO  non-governmental organisations
    IGO  intergovernmental organisations

One piece, over 500 lines: the loaders (under "reading") fill the KnowledgeBase's private
indexes directly and check each file against the codes the files before it defined, so the
class and the reading of its data change together.
"""

from __future__ import annotations

import calendar
import json
import logging
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from detente.errors import ConfigError

logger = logging.getLogger(__name__)

DATA_DIR = Path(__file__).resolve().parent / "data"

SECTORS = frozenset(
    "GOV MIL COP SPY JUD LEG OPP PTY REB CRM CVL EDU LAB MED BUS REF REL HLH AGR NGO IGO".split()
)
ORG_KINDS = frozenset("igo ngo armed_group party government state_organ organ ethnic_group".split())
_ATTACHED_KINDS = frozenset({"state_organ", "organ"})

_STATE_FIELDS = ({"code", "name", "names", "demonyms", "capital", "metonyms"}, {"code", "name"})
_ORG_FIELDS = (
    {"code", "name", "kind", "sector", "country", "aliases", "demonyms", "people"},
    {"code", "name", "kind", "aliases"},
)
_TITLE_FIELDS = ({"title", "sector", "role", "variants"}, {"title", "role"})
_SECTOR_FIELDS = ({"noun", "sector", "plural"}, {"noun", "sector"})
_PERSON_FIELDS = ({"id", "name", "aliases", "roles"}, {"id", "name"})
_ROLE_FIELDS = ({"code", "sector", "role", "start", "end"}, {"code"})
_NAME_FIELDS = ({"text", "case_sensitive"}, {"text"})
_METONYM_FIELDS = ({"text", "sector", "case_sensitive"}, {"text"})

_QUOTES = str.maketrans(
    {
        "\u2019": "'",
        "\u2018": "'",
        "\u02bc": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u00a0": " ",
    }
)
# letters that NFKD does not split into a base letter and a mark
_ASCII = str.maketrans(
    {
        "ı": "i",
        "İ": "I",
        "ø": "o",
        "Ø": "O",
        "æ": "ae",
        "Æ": "AE",
        "ß": "ss",
        "đ": "d",
        "Đ": "D",
        "ł": "l",
        "Ł": "L",
        "œ": "oe",
        "Œ": "OE",
    }
)
_SPACES = re.compile(r"\s+")
_THE = re.compile(r"^the\s+", re.IGNORECASE)
_POSSESSIVE = re.compile(r"(?:'s|')$", re.IGNORECASE)
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?$")


@dataclass(frozen=True)
class Entity:
    """A state, organisation or group that owns an actor code."""

    code: str
    name: str
    kind: str  # "state" or one of ORG_KINDS
    sector: str | None
    country: str | None
    people: str | None = None  # the ethnic group whose organisation it is (KRG, PKK: KUR)


@dataclass(frozen=True)
class Alias:
    """One surface form that names an actor: a state name, a metonym or an organisation alias."""

    text: str
    code: str
    sector: str | None
    kind: str  # "state", "metonym" or the organisation's kind
    case_sensitive: bool
    name: str | None = None  # the canonical name of what it names ("Quds Force", "Türkiye")


@dataclass(frozen=True)
class Title:
    """One surface form of a title or institution word, lower case."""

    text: str
    sector: str | None
    role: str


@dataclass(frozen=True)
class Role:
    """A post a person held: `end` None means still in office, `start` None means unknown."""

    code: str
    sector: str | None
    role: str
    start: date | None
    end: date | None

    def held_on(self, on: date) -> bool:
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Person:
    """A person the knowledge base knows, with their roles over time."""

    id: str
    name: str
    aliases: tuple[str, ...]
    roles: tuple[Role, ...]


def normalize(text: str) -> str:
    """Straight quotes and hyphens, NFC, single spaces, no outer whitespace."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_QUOTES)
    elif "  " not in text and "\t" not in text and "\n" not in text:
        return text.strip()
    return _SPACES.sub(" ", text).strip()


def strip_diacritics(text: str) -> str:
    """ "Erdoğan" -> "Erdogan", "İbrahim Kalın" -> "Ibrahim Kalin"."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text.translate(_ASCII))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def plain(text: str) -> str:
    """Normalized and without diacritics: "Erdoğan’s" -> "Erdogan's"."""
    return strip_diacritics(normalize(text))


def _fold(text: str) -> str:
    return normalize(text).casefold()


def _ascii_fold(text: str) -> str:
    return plain(text).casefold()


class KnowledgeBase:
    """Lookups over the loaded data. Build it with `load_kb()`."""

    def __init__(self) -> None:
        self._entities: dict[str, Entity] = {}
        self._aliases: list[Alias] = []
        self._exact: dict[str, Alias] = {}  # case-sensitive forms, as written
        self._exact_ascii: dict[str, Alias] = {}
        self._folded: dict[str, Alias] = {}  # case-insensitive forms, casefolded
        self._folded_ascii: dict[str, Alias] = {}
        self._demonyms: dict[str, str] = {}
        self._demonyms_exact: dict[str, str] = {}
        self._demonym_texts: dict[str, str] = {}
        self._titles: list[Title] = []
        self._title_index: dict[str, Title] = {}
        self._sectors: dict[str, str] = {}
        self._persons: list[Person] = []
        self._person_index: dict[str, Person] = {}

    # -- lookups -------------------------------------------------------------------------

    def entity(self, code: str) -> Entity | None:
        """The state or organisation that owns `code`."""
        return self._entities.get(code)

    def is_state(self, code: str | None) -> bool:
        """Whether `code` is a state's own code ("IRN", not "CIV-IRN" or "HEZBOLLAH")."""
        entity = self._entities.get(code or "")
        return entity is not None and entity.kind == "state"

    def entities(self) -> list[Entity]:
        """Every state and organisation that owns a code (not the organs attached to one)."""
        return list(self._entities.values())

    def aliases(self) -> list[Alias]:
        """Every name, metonym and organisation alias, one Alias per surface form."""
        return list(self._aliases)

    def titles(self) -> list[Title]:
        """Every title surface form, lower case."""
        return list(self._titles)

    def title(self, text: str) -> Title | None:
        """Exact lookup of a title phrase, whatever its case, hyphens or plural."""
        key = _title_key(text)
        found = self._title_index.get(key)
        if found is None and key.startswith("the "):
            key = key[4:]
            found = self._title_index.get(key)
        if found is None:
            head, _, last = key.rpartition(" ")
            for single in _singulars(last):
                found = self._title_index.get(f"{head} {single}".strip())
                if found:
                    break
        return found

    def demonyms(self) -> dict[str, str]:
        """Every demonym as written in the data -> its code."""
        return dict(self._demonym_texts)

    def demonym(self, word: str) -> str | None:
        """The code a demonym or a possessive name stands for.

        "Iranians" -> IRN, "Kurdish" -> KUR, "Turkey's" -> TUR (through `lookup`).
        """
        text = normalize(word)
        code = self._demonyms_exact.get(text) or self._demonyms.get(text.casefold())
        if code is None:
            code = self._demonyms.get(strip_diacritics(text).casefold())
        if code is None and _POSSESSIVE.search(text):
            alias = self.lookup(_POSSESSIVE.sub("", text))
            code = alias.code if alias else None
        return code

    def lookup(self, text: str) -> Alias | None:
        """The alias a name, metonym or organisation alias stands for, as written in a text.

        Tolerates a leading "the", curly apostrophes, dots in acronyms ("P.K.K.") and, as a
        last resort, missing diacritics ("Turkiye") and a possessive ("Turkey's").
        """
        text = normalize(text)
        if not text:
            return None
        candidates = [text]
        if _THE.match(text):
            candidates.append(_THE.sub("", text))
        for candidate in list(candidates):
            if "." in candidate:
                candidates.append(candidate.replace(".", "").strip())
        for candidate in candidates:
            found = self._exact.get(candidate) or self._folded.get(candidate.casefold())
            if found:
                return found
        for candidate in candidates:
            plain = strip_diacritics(candidate)
            found = self._exact_ascii.get(plain) or self._folded_ascii.get(plain.casefold())
            if found:
                return found
        stripped = _POSSESSIVE.sub("", text)
        if stripped and stripped != text:
            return self.lookup(stripped)
        return None

    def sector_nouns(self) -> list[str]:
        """Every head noun (lower case, singular and plural) that gives an unnamed actor a
        sector."""
        return list(self._sectors)

    def sector_of(self, noun: str) -> str | None:
        """The sector a head noun gives an unnamed actor: "police" -> COP, "Rebels" -> REB."""
        key = _fold(noun).replace("-", " ")
        if not key:
            return None
        if key in self._sectors:
            return self._sectors[key]
        for single in _singulars(key):
            if single in self._sectors:
                return self._sectors[single]
        if " " in key:
            return self.sector_of(key.rsplit(" ", 1)[1])
        return None

    def persons(self) -> list[Person]:
        """Every person in persons.jsonl, in file order (empty when there is no such file)."""
        return list(self._persons)

    def person(self, name: str) -> Person | None:
        """A person by full name or unique alias, ignoring case and diacritics."""
        return self._person_index.get(_ascii_fold(name))

    def role_on(self, person: Person, on: date | None) -> Role | None:
        """The role `person` held on `on`; with no date, the most recent one.

        When roles overlap, the one that started last wins.
        """
        if on is None:
            return max(
                person.roles,
                key=lambda r: (r.end or date.max, r.start or date.min),
                default=None,
            )
        current = [r for r in person.roles if r.held_on(on)]
        return max(current, key=lambda r: r.start or date.min, default=None)

    # -- building ------------------------------------------------------------------------

    def _add_alias(self, alias: Alias, where: str) -> None:
        if alias.case_sensitive:
            indexes = (
                (self._exact, normalize(alias.text)),
                (self._exact_ascii, strip_diacritics(normalize(alias.text))),
            )
        else:
            indexes = (
                (self._folded, _fold(alias.text)),
                (self._folded_ascii, _ascii_fold(alias.text)),
            )
        key = indexes[0][1]
        seen = indexes[0][0].get(key)
        if seen is not None:
            if (seen.code, seen.sector) != (alias.code, alias.sector):
                raise ConfigError(
                    f"{where}: {alias.text!r} names both {seen.code}/{seen.sector} and "
                    f"{alias.code}/{alias.sector}; keep it on one entry"
                )
            return
        for index, index_key in indexes:
            index.setdefault(index_key, alias)
        self._aliases.append(alias)

    def _add_demonym(self, text: str, code: str, case_sensitive: bool, where: str) -> None:
        table, key = (
            (self._demonyms_exact, normalize(text))
            if case_sensitive
            else (self._demonyms, _fold(text))
        )
        if table.get(key, code) != code:
            raise ConfigError(f"{where}: demonym {text!r} names both {table[key]} and {code}")
        table[key] = code
        self._demonym_texts[normalize(text)] = code
        if not case_sensitive:
            self._demonyms.setdefault(_ascii_fold(text), code)


def _title_key(text: str) -> str:
    return _fold(text).replace("-", " ")


def _singulars(word: str) -> list[str]:
    """Naive singular forms of an English plural, most likely first."""
    forms = []
    if word.endswith("men"):
        forms.append(word[:-3] + "man")
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        forms.append(word[:-1])
    return forms


def _plural(noun: str) -> str:
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    return noun + "s"


# -- reading -------------------------------------------------------------------------------


def _records(path: Path, fields: tuple[set[str], set[str]]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield ("file:line", object) for each line of a JSONL file, checking its fields."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise ConfigError(f"cannot read knowledge base file {path}: {err}") from err
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise ConfigError(f"{where}: not valid JSON ({err.msg})") from err
        if not isinstance(record, dict):
            raise ConfigError(f"{where}: expected a JSON object")
        _check_fields(record, fields, where)
        yield where, record


def _check_fields(record: dict[str, Any], fields: tuple[set[str], set[str]], where: str) -> None:
    allowed, required = fields
    if not allowed.issuperset(record):
        unknown = sorted(set(record) - allowed)
        raise ConfigError(
            f"{where}: unknown field(s) {', '.join(unknown)}; expected {sorted(allowed)}"
        )
    missing = [k for k in required if record.get(k) is None or record.get(k) == ""]
    if missing:
        missing.sort()
        raise ConfigError(f"{where}: missing {', '.join(missing)}")


def _forms(values: Any, fields: tuple[set[str], set[str]], where: str) -> Iterator[dict[str, Any]]:
    """Plain strings and {"text": ...} objects alike, as objects."""
    if values is None:
        return
    if not isinstance(values, list):
        raise ConfigError(f"{where}: expected a list, got {values!r}")
    for value in values:
        if isinstance(value, str):
            value = {"text": value}
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: expected a string or an object, got {value!r}")
        _check_fields(value, fields, where)
        yield value


def _names(name: str, values: Any, where: str) -> list[dict[str, Any]]:
    """The canonical name and its other forms, once each; the name takes a form's flag."""
    forms = list(_forms([name, *(values or [])], _NAME_FIELDS, where))
    sensitive = {f["text"] for f in forms if f.get("case_sensitive")}
    merged: dict[str, dict[str, Any]] = {}
    for form in forms:
        merged.setdefault(
            form["text"], {"text": form["text"], "case_sensitive": form["text"] in sensitive}
        )
    return list(merged.values())


def _sector(value: Any, where: str) -> str | None:
    if value is None:
        return None
    if value not in SECTORS:
        raise ConfigError(f"{where}: unknown sector {value!r}; use one of {sorted(SECTORS)}")
    return str(value)


def _parse_date(value: Any, where: str, *, end: bool) -> date | None:
    """ "2018" -> 2018-01-01 as a start, 2018-12-31 as an end; likewise for "2018-07"."""
    if value is None or value == "":
        return None
    match = _DATE.match(str(value))
    if not match:
        raise ConfigError(f"{where}: date {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    year_text, month_text, day_text = match.groups()
    year = int(year_text)
    try:
        if month_text is None:
            return date(year, 12, 31) if end else date(year, 1, 1)
        month = int(month_text)
        if day_text is None:
            return date(year, month, calendar.monthrange(year, month)[1] if end else 1)
        return date(year, month, int(day_text))
    except ValueError as err:
        raise ConfigError(f"{where}: date {value!r} does not exist") from err


def _load_states(kb: KnowledgeBase, path: Path) -> None:
    for where, record in _records(path, _STATE_FIELDS):
        code, name = record["code"], record["name"]
        if code in kb._entities:
            raise ConfigError(f"{where}: code {code} is defined twice")
        kb._entities[code] = Entity(code=code, name=name, kind="state", sector=None, country=code)
        for form in _names(name, record.get("names"), where):
            kb._add_alias(
                Alias(
                    text=form["text"],
                    code=code,
                    sector=None,
                    kind="state",
                    case_sensitive=bool(form.get("case_sensitive")),
                    name=name,
                ),
                where,
            )
        for form in _forms(record.get("metonyms"), _METONYM_FIELDS, where):
            kb._add_alias(
                Alias(
                    text=form["text"],
                    code=code,
                    sector=_sector(form.get("sector"), where),
                    kind="metonym",
                    case_sensitive=bool(form.get("case_sensitive")),
                    name=name,
                ),
                where,
            )
        for form in _forms(record.get("demonyms"), _NAME_FIELDS, where):
            kb._add_demonym(form["text"], code, bool(form.get("case_sensitive")), where)


def _load_organizations(kb: KnowledgeBase, path: Path) -> None:
    # two passes, so that an organ may come before the entry that defines its code
    records = list(_records(path, _ORG_FIELDS))
    for where, record in records:
        kind, code = record["kind"], record["code"]
        if kind not in ORG_KINDS:
            raise ConfigError(f"{where}: unknown kind {kind!r}; use one of {sorted(ORG_KINDS)}")
        _sector(record.get("sector"), where)
        existing = kb._entities.get(code)
        if kind in _ATTACHED_KINDS or (existing is not None and existing.kind == "state"):
            continue
        if existing is not None:
            raise ConfigError(f"{where}: code {code} is defined twice")
        kb._entities[code] = Entity(
            code=code,
            name=record["name"],
            kind=kind,
            sector=record.get("sector"),
            country=record.get("country"),
            people=record.get("people"),
        )
    for where, record in records:
        code = record["code"]
        if code not in kb._entities:
            raise ConfigError(f"{where}: {record['name']!r} is attached to unknown code {code}")
        country = record.get("country")
        if (
            country is not None
            and kb._entities.get(country, Entity("", "", "", None, None)).kind != "state"
        ):
            raise ConfigError(f"{where}: country {country!r} is not a state code")
        people = kb._entities.get(record.get("people") or "")
        if record.get("people") is not None and (people is None or people.kind != "ethnic_group"):
            raise ConfigError(f"{where}: people {record['people']!r} is not an ethnic group code")
        for form in _names(record["name"], record["aliases"], where):
            kb._add_alias(
                Alias(
                    text=form["text"],
                    code=code,
                    sector=record.get("sector"),
                    kind=record["kind"],
                    case_sensitive=bool(form.get("case_sensitive")),
                    name=record["name"],
                ),
                where,
            )
        for form in _forms(record.get("demonyms"), _NAME_FIELDS, where):
            kb._add_demonym(form["text"], code, bool(form.get("case_sensitive")), where)


def _load_titles(kb: KnowledgeBase, path: Path) -> None:
    for where, record in _records(path, _TITLE_FIELDS):
        sector = _sector(record.get("sector"), where)
        for text in [record["title"], *record.get("variants", [])]:
            if not isinstance(text, str) or not text.strip():
                raise ConfigError(f"{where}: title variants must be non-empty strings")
            title = Title(text=normalize(text).lower(), sector=sector, role=record["role"])
            key = _title_key(text)
            seen = kb._title_index.get(key)
            if seen is not None:
                if (seen.sector, seen.role) != (title.sector, title.role):
                    raise ConfigError(
                        f"{where}: title {text!r} is listed twice, with different sectors or roles"
                    )
                continue
            kb._title_index[key] = title
            kb._titles.append(title)


def _load_sectors(kb: KnowledgeBase, path: Path) -> None:
    for where, record in _records(path, _SECTOR_FIELDS):
        noun = _fold(record["noun"]).replace("-", " ")
        sector = str(record["sector"])
        _sector(sector, where)
        forms = [noun]
        if "plural" not in record:
            forms.append(_plural(noun))
        elif record["plural"]:
            forms.append(_fold(record["plural"]).replace("-", " "))
        for form in forms:
            if kb._sectors.get(form, sector) != sector:
                raise ConfigError(f"{where}: noun {form!r} has two sectors")
            kb._sectors[form] = sector


def _load_persons(kb: KnowledgeBase, path: Path) -> None:
    if not path.exists():
        return
    by_alias: dict[str, dict[str, Person]] = {}
    unknown: set[str] = set()
    ids: set[str] = set()
    namesakes: list[str] = []
    for where, record in _records(path, _PERSON_FIELDS):
        roles = []
        for value in record.get("roles") or []:
            if not isinstance(value, dict):
                raise ConfigError(f"{where}: each role must be an object")
            _check_fields(value, _ROLE_FIELDS, where)
            if value.get("sector") is not None and value["sector"] not in SECTORS:
                unknown.add(f"sector {value['sector']}")
            if value["code"] not in kb._entities:
                unknown.add(f"code {value['code']}")
            start = _parse_date(value.get("start"), where, end=False)
            end = _parse_date(value.get("end"), where, end=True)
            if start and end and end < start:
                raise ConfigError(f"{where}: a role of {record['name']} ends before it starts")
            roles.append(
                Role(
                    code=value["code"],
                    sector=value.get("sector"),
                    role=value.get("role") or "",
                    start=start,
                    end=end,
                )
            )
        aliases = record.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ConfigError(f"{where}: aliases must be a list of strings")
        person = Person(
            id=record["id"], name=record["name"], aliases=tuple(aliases), roles=tuple(roles)
        )
        if person.id in ids:
            raise ConfigError(f"{where}: person id {person.id!r} is used twice")
        ids.add(person.id)
        kb._persons.append(person)
        key = _ascii_fold(person.name)
        if key in kb._person_index:
            namesakes.append(person.name)  # two real people may share a name: keep the first
        else:
            kb._person_index[key] = person
        for alias in aliases:
            by_alias.setdefault(_ascii_fold(alias), {})[person.id] = person
    for key, people in by_alias.items():
        if len(people) == 1:  # an alias two persons share names neither
            kb._person_index.setdefault(key, *people.values())
    if namesakes:
        logger.warning(
            "%s: %d name(s) shared by two persons, the first kept: %s",
            path,
            len(namesakes),
            ", ".join(namesakes),
        )
    if unknown:
        logger.warning(
            "%s: %d unknown value(s) in roles: %s", path, len(unknown), ", ".join(sorted(unknown))
        )


def load_kb(data_dir: Path | None = None) -> KnowledgeBase:
    """Load the knowledge base from `data_dir`, or the package's own data (cached).

    `persons.jsonl` is read when present. A malformed file raises ConfigError naming the
    file and line.
    """
    if data_dir is None:
        return _load_default()
    return _load(Path(data_dir))


@lru_cache(maxsize=1)
def _load_default() -> KnowledgeBase:
    return _load(DATA_DIR)


def _load(data_dir: Path) -> KnowledgeBase:
    kb = KnowledgeBase()
    _load_states(kb, data_dir / "states.jsonl")
    _load_organizations(kb, data_dir / "organizations.jsonl")
    _load_titles(kb, data_dir / "titles.jsonl")
    _load_sectors(kb, data_dir / "sectors.jsonl")
    _load_persons(kb, data_dir / "persons.jsonl")
    return kb
