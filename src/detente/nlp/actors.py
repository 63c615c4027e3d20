"""Actor mentions and their resolution: who a noun phrase refers to.

`ActorFinder` matches knowledge-base names (states, capitals used as metonyms,
organisations, persons), titles and demonyms in a parsed sentence. `resolve` turns the
noun phrase that fills an event role into one or more `Actor`s, using, in order: a known
person with the role they held on the document's date; a title with the country it
belongs to ("Iraqi Foreign Minister Fuad Hussein"); an organisation; a state name or
metonym; a demonym with the sector of the head noun ("Turkish police"); and, for
pronouns, surnames, family names written first ("Kim"), and phrases such as "the two
countries" or "the bloc", what came before in the same document (`DocMemory`). What
cannot be resolved stays an `Actor` with code None, its text and its span, and the sector
its head noun suggests.

One piece, over 500 lines: matching, resolution and the document memory read the same
knowledge base and call one another at every step (a title looks up a person, a pronoun
the memory, a demonym the state table); split, each part would import the other two.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Token
from spacy.vocab import Vocab

from ..knowledge import KnowledgeBase, plain
from ..models import Actor
from .lexicon import load_lexicon

PERSON_PRONOUNS = {"he", "him", "his", "she", "her", "hers", "himself", "herself"}
GROUP_PRONOUNS = {"they", "them", "their", "theirs", "themselves"}
SPEAKER_PRONOUNS = {"we", "us", "our", "ours", "i", "me", "my"}
THING_PRONOUNS = {"it", "its", "itself"}
_PRONOUNS = PERSON_PRONOUNS | GROUP_PRONOUNS | SPEAKER_PRONOUNS | THING_PRONOUNS
PAIR_DETS = {"two", "both"}
# dependency labels whose subtrees are not part of the phrase that names an actor
_CLAUSE_DEPS = {"relcl", "acl", "advcl", "punct", "cc", "conj", "parataxis", "mark", "dep"}
_KIND_RANK = {"person": 0, "title": 1, "org": 2, "state": 3, "metonym": 3, "demonym": 4}


@dataclass(frozen=True)
class Match:
    """A knowledge-base hit in a sentence: token offsets and what it names."""

    start: int
    end: int
    kind: str  # person, title, org, state, metonym, demonym
    code: str | None = None
    sector: str | None = None
    role: str | None = None
    name: str | None = None
    key: str | None = None  # person id


@dataclass
class DocMemory:
    """What a document has said so far, for pronouns, surnames and 'the two countries'."""

    on: date | None = None
    persons: dict[str, Actor] = field(default_factory=dict)  # folded name or surname -> actor
    first_names: dict[str, Actor] = field(default_factory=dict)  # first word of a name -> actor
    last_person: Actor | None = None
    last_group: list[Actor] = field(default_factory=list)
    states: list[str] = field(default_factory=list)  # distinct state codes, most recent last
    orgs: list[str] = field(default_factory=list)  # organisation codes, most recent last
    last_actor: Actor | None = None
    # sides of CONSULT and AGREE events
    meetings: list[tuple[str, str]] = field(default_factory=list)
    # the places a report is filed from ("YANGON, April 2 —", "PARIS/BEIRUT"), in their states
    settings: tuple[Actor, ...] = ()

    def note(self, actors: Sequence[Actor], *, subject: bool = False) -> None:
        for actor in actors:
            if actor.code is None:
                continue
            self.last_actor = actor
            if actor.kind == "person":
                self.last_person = actor
                if actor.name:
                    for key in _name_keys(actor.name):
                        self.persons.setdefault(key, actor)
                    # a family name first ("Kim Jong Un" is "Kim", "Xi Jinping" "Xi"): a last
                    # resort for a one-word name, never over a surname
                    parts = plain(actor.name).lower().split()
                    if len(parts) > 1:
                        self.first_names.setdefault(parts[0], actor)
            if actor.kind in {"state", "person", "title"} and len(actor.code) == 3:
                if actor.code in self.states:
                    self.states.remove(actor.code)
                self.states.append(actor.code)
        if subject and len(actors) > 1 and all(a.code for a in actors):
            self.last_group = list(actors)

    def named_orgs(self, codes: Sequence[str]) -> None:
        for code in codes:
            if code in self.orgs:
                self.orgs.remove(code)
            self.orgs.append(code)

    def last_org(
        self, kb: KnowledgeBase, *, kind: str | None = None, people: str | None = None
    ) -> str | None:
        """The organisation the document named last, of this kind (igo, armed_group) or of
        this ethnic group (`Entity.people`: KRG and PKK are KUR's)."""
        for code in reversed(self.orgs):
            entity = kb.entity(code)
            if (
                entity is not None
                and kind in (None, entity.kind)
                and people in (None, entity.people)
            ):
                return code
        return None

    def took_part(self, actors: Sequence[Actor | None]) -> None:
        """Event actors count as mentions too, after the sentence's other mentions."""
        for actor in actors:
            if actor is not None and actor.code and len(actor.code) == 3:
                if actor.code in self.states:
                    self.states.remove(actor.code)
                self.states.append(actor.code)

    def met(self, a: str, b: str) -> None:
        self.meetings.append((a, b) if a < b else (b, a))

    def main_meeting(self) -> list[str]:
        """The two sides of the meeting the document reports most often ('the talks', 'the
        dialogue')."""
        if not self.meetings:
            return self.pair()
        counts = {pair: self.meetings.count(pair) for pair in self.meetings}
        best = max(reversed(self.meetings), key=lambda pair: counts[pair])
        return list(best)

    def pair(self) -> list[str]:
        """The two states 'the two countries' most likely means: the last two named."""
        return self.states[-2:] if len(self.states) >= 2 else []


class ActorFinder:
    """Knowledge-base phrase matching over a spaCy vocab; build once, use for every doc."""

    def __init__(self, vocab: Vocab, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._lower = PhraseMatcher(vocab, attr="LOWER")
        self._exact = PhraseMatcher(vocab, attr="ORTH")
        self._payload: dict[str, Match] = {}
        make = _tokenizer(vocab)
        lower: dict[str, list[Doc]] = {}
        exact: dict[str, list[Doc]] = {}

        def add(text: str, match: Match, *, case_sensitive: bool) -> None:
            key = f"{match.kind}|{match.code}|{match.sector}|{match.role}|{match.key}"
            self._payload[key] = match
            forms = {text, plain(text)} if not case_sensitive else {text}
            for form in forms:
                (exact if case_sensitive else lower).setdefault(key, []).append(make(form))

        for alias in kb.aliases():
            kind = (
                "state"
                if alias.kind == "state"
                else "metonym"
                if alias.kind == "metonym"
                else "org"
            )
            entity = kb.entity(alias.code)
            name = entity.name if entity else alias.text
            add(
                alias.text,
                Match(0, 0, kind, alias.code, alias.sector, None, name),
                case_sensitive=alias.case_sensitive,
            )
        for title in kb.titles():
            add(
                title.text,
                Match(0, 0, "title", None, title.sector, title.role),
                case_sensitive=False,
            )
        for person in kb.persons():
            match = Match(0, 0, "person", name=person.name, key=person.id)
            for text in (person.name, *person.aliases):
                add(text, match, case_sensitive=True)
        for word, code in kb.demonyms().items():
            add(word, Match(0, 0, "demonym", code), case_sensitive=True)
        for key, docs in lower.items():
            self._lower.add(key, docs)
        for key, docs in exact.items():
            self._exact.add(key, docs)

    def matches(self, doc: Doc) -> list[Match]:
        """Longest non-overlapping knowledge-base matches in doc, in text order."""
        found = []
        for matcher in (self._exact, self._lower):
            for match_id, start, end in matcher(doc):
                payload = self._payload[doc.vocab.strings[match_id]]
                found.append(replace(payload, start=start, end=end))
        found.sort(key=lambda m: (-(m.end - m.start), _KIND_RANK.get(m.kind, 9), m.start))
        taken: set[int] = set()
        kept = []
        for match in found:
            if match.kind == "title" and _lower_case_title_noise(doc, match):
                continue
            if match.kind == "demonym" and _stance(doc, match):
                continue
            if match.kind == "org" and _states_of_region(doc, match):
                continue
            if taken.isdisjoint(range(match.start, match.end)):
                kept.append(match)
                taken.update(range(match.start, match.end))
        return sorted(kept, key=lambda m: m.start)

    def person_actor(self, match: Match, on: date | None, *, named: Iterable[str] = ()) -> Match:
        """Fill a person match with the role the person held on that date; among roles in
        `named` (codes the phrase itself names: "NATO Secretary-General Jens Stoltenberg")
        when the person held one."""
        person = self.kb.person(match.name or "")
        if person is None:
            return match
        wanted = set(named)
        titled = [r for r in person.roles if r.code in wanted]
        role = self.kb.role_on(person, on)
        # a title the phrase names, unless the person no longer held it then: "Libyan
        # commander Khalifa Haftar" in 2019 commands the LNA
        if (
            titled
            and (role is None or role.code not in wanted)
            and (role is None or on is None or any(r.held_on(on) for r in titled))
        ):
            role = titled[-1]
        if role is None:
            role = self.kb.role_on(person, None)  # out of office then: still that state's person
        if role is None:
            return match
        return replace(match, code=role.code, sector=role.sector, role=role.role)


def resolve(
    head: Token,
    matches: Sequence[Match],
    memory: DocMemory,
    finder: ActorFinder,
    *,
    offset: int = 0,
) -> list[Actor]:
    """The actors a phrase headed by `head` refers to (usually one; 'the two countries' gives two).

    Character spans are shifted by `offset` so they index the document, not the sentence.
    """
    found = _resolve(head, matches, memory, finder, offset=offset)
    return [_of_people(actor, memory, finder.kb) for actor in found]


def _of_people(actor: Actor, memory: DocMemory, kb: KnowledgeBase) -> Actor:
    """An ethnic group's officials or fighters ("Kurdish officials", "Kurdish militants") are
    the organisation of that people the document named last (the KRG, the PKK), if any."""
    code = actor.code or ""
    prefix, _, group = code.rpartition("-")
    entity = kb.entity(group)
    if entity is None or entity.kind != "ethnic_group" or prefix not in {"", "REB"}:
        return actor
    member = memory.last_org(kb, people=group)
    if member is None:
        return actor
    return replace(actor, code=member, name=entity_name(kb, member), kind="org")


def _resolve(
    head: Token,
    matches: Sequence[Match],
    memory: DocMemory,
    finder: ActorFinder,
    *,
    offset: int,
) -> list[Actor]:
    tokens = phrase_tokens(head)
    first, last = tokens[0], tokens[-1]
    for m in matches:
        if first.i <= m.start <= last.i < m.end - 1 and m.kind != "title":
            # a name the parse splits at its "and": "Bosnia and Herzegovina"
            last = head.doc[m.end - 1]
    text = head.doc.text[first.idx : last.idx + len(last.text)]
    span = (first.idx + offset, last.idx + len(last.text) + offset)
    lower = head.lower_
    kb = finder.kb
    inner = quantified(head)
    if inner is not None:
        # "dozens of political activists", "some of its troops": the actor is what is counted
        found = resolve(inner, matches, memory, finder, offset=offset)
        return [replace(a, text=text, span=span) for a in found]

    if head.pos_ == "PRON" or (lower in _PRONOUNS and not head.is_upper):
        if lower in GROUP_PRONOUNS and len(memory.last_group) > 1:
            return [replace(a, text=text, span=span) for a in memory.last_group]
        return [_from_pronoun(lower, text, span, memory)]

    inside = [m for m in matches if m.start >= first.i and m.end <= last.i + 1]
    if not is_actor_like(head, matches, kb):
        # "the expansion of ties between Tehran and Ankara" names no actor itself; only a
        # possessor or modifier can ("Iraq's autonomy", "a U.S. court decision")
        inside = [m for m in inside if _attached(head, head.doc[m.start])]
    # "the two countries", "both sides": the last two states the document named; "their
    # governments" after "Modi and Xi": the group's
    if (
        lower in _words("pair_heads")
        and any(t.lower_ == "their" and t.dep_ == "poss" for t in head.children)
        and not inside
    ):
        group = _subject_group(head, matches, memory, finder, offset) or memory.last_group
        if len(group) > 1:
            sector = kb.sector_of(lower)
            return [replace(a, text=text, span=span, sector=sector) for a in group]
    if lower in _words("pair_heads") and any(t.lower_ in PAIR_DETS for t in head.children):
        codes = memory.pair()
        if codes and not any(m.kind in {"state", "metonym", "org"} for m in inside):
            sector = kb.sector_of(lower)
            return [
                Actor(
                    code=c,
                    text=text,
                    span=span,
                    name=entity_name(kb, c),
                    sector=sector,
                    kind="state",
                )
                for c in codes
            ]
    if (
        lower in _words("singular_backrefs")
        and not inside
        and any(t.lower_ == "the" for t in head.children)
    ):
        earlier = [
            m.code
            for m in matches
            if m.end <= head.i and m.kind in {"state", "metonym", "demonym"} and m.code
        ]
        if earlier or memory.states:
            code = earlier[-1] if earlier else memory.states[-1]
            return [
                Actor(code=code, text=text, span=span, name=entity_name(kb, code), kind="state")
            ]
    # "the bloc", "the alliance" (an intergovernmental body), "the group", "the militia"
    if not inside and any(t.lower_ == "the" for t in head.children):
        for kind in ("igo", "armed_group"):
            org = memory.last_org(kb, kind=kind) if lower in _words(f"{kind}_backrefs") else None
            if org is not None:
                name = entity_name(kb, org)
                return [Actor(code=org, text=text, span=span, name=name, kind="org")]

    parts = _coordinated_persons(tokens, inside)
    if parts:
        return [_person_part(part, inside, memory, finder, offset) for part in parts]
    if inside:
        actor = _from_matches(head, inside, memory, finder, text, span)
        if actor is not None:
            others = _conjoined(head, actor, inside, kb, offset)
            if others:
                # "officials from Türkiye and Syria": each side gets its own name's span
                anchor = next(m for m in inside if m.code == actor.code and m.kind != "title")
                own = head.doc[anchor.start : anchor.end]
                actor = replace(
                    actor, text=own.text, span=(own.start_char + offset, own.end_char + offset)
                )
            return [actor, *others]
    # a surname or name the document introduced earlier ("Akar", "Hussein")
    for key in _name_keys(text):
        if key in memory.persons:
            known = memory.persons[key]
            return [replace(known, text=text, span=span)]
    if head.pos_ == "PROPN" and len(head.doc[first.i : last.i + 1]) == 1:
        named_first = memory.first_names.get(plain(text).lower())
        if named_first is not None:
            return [replace(named_first, text=text, span=span)]
    sector = side_of(head, kb) or kb.sector_of(lower) or phrase_sector(head, kb)
    name = text if head.ent_type_ in {"PERSON", "ORG", "NORP", "GPE"} else None
    kind = "person" if head.ent_type_ == "PERSON" else "phrase"
    return [Actor(code=None, text=text, span=span, name=name, sector=sector, kind=kind)]


def _subject_group(
    head: Token, matches: Sequence[Match], memory: DocMemory, finder: ActorFinder, offset: int
) -> list[Actor]:
    """The coordinated subject of the sentence before `head` ("Modi and Xi met ..., after
    their governments ..."), when each of its members names an actor."""
    root = head.sent.root
    subject = next((c for c in root.children if c.dep_ == "nsubj" and c.i < head.i), None)
    if subject is None or not subject.conjuncts:
        return []
    found = [
        actor
        for token in (subject, *subject.conjuncts)
        for actor in resolve(token, matches, memory, finder, offset=offset)
    ]
    return found if all(a.code for a in found) else []


def _coordinated_persons(tokens: Sequence[Token], inside: Sequence[Match]) -> list[list[Token]]:
    """The parts of one parsed phrase that are persons joined by "and" or "or": the small
    parser reads "Syrian President Ahmed al-Sharaa and SDF commander Mazloum Abdi" as a single
    name. Empty unless every part names a person (a name in the knowledge base or one the
    parser tagged), so "Bosnia and Herzegovina" or "Iran and Iraq's ministers" stay whole."""
    phrase = list(tokens[0].doc[tokens[0].i : tokens[-1].i + 1])
    if not any(t.pos_ == "CCONJ" or t.text == "," for t in phrase):
        return []  # most phrases: nothing to split at
    in_names = {i for m in inside for i in range(m.start, m.end)}
    persons = {i for m in inside if m.kind == "person" for i in range(m.start, m.end)}

    def names_person(part: list[Token]) -> bool:
        # "friend of Vladimir Putin" describes someone else: a name under a preposition of
        # the part does not make it a person
        inner = {t.i for t in part}
        return any(
            (t.ent_type_ == "PERSON" or t.i in persons) and not _under_preposition(t, inner)
            for t in part
        )

    listed: list[list[Token]] = []
    for part in _split(phrase, lambda t: t.pos_ == "CCONJ" and t.i not in in_names):
        # "A, B and C": commas part persons too, but "Mazloum Abdi, the commander of the SDF"
        # is one person and a description of him
        pieces = _split(part, lambda t: t.text == "," and t.i not in in_names)
        listed.extend(pieces if all(map(names_person, pieces)) else [part])
    if len(listed) < 2 or not all(map(names_person, listed)):
        return []
    return listed


def _split(tokens: Sequence[Token], cut: Callable[[Token], bool]) -> list[list[Token]]:
    """`tokens` in pieces at each token `cut` says is a boundary, edge punctuation dropped."""
    pieces: list[list[Token]] = [[]]
    for token in tokens:
        if cut(token):
            pieces.append([])
        else:
            pieces[-1].append(token)
    trimmed = []
    for piece in pieces:
        while piece and piece[0].is_punct:
            piece = piece[1:]
        while piece and piece[-1].is_punct:
            piece = piece[:-1]
        trimmed.append(piece)
    return trimmed


def _person_part(
    part: list[Token],
    inside: Sequence[Match],
    memory: DocMemory,
    finder: ActorFinder,
    offset: int,
) -> Actor:
    """One person of a coordinated phrase, resolved from its own words alone."""
    doc = part[0].doc
    start, end = part[0].idx, part[-1].idx + len(part[-1].text)
    text, span = doc.text[start:end], (start + offset, end + offset)
    own = [m for m in inside if part[0].i <= m.start and m.end <= part[-1].i + 1]
    # the last word of the first name heads the part ("SDF commander Mazloum Abdi" -> Abdi)
    head = next((t for t in part if t.ent_type_ == "PERSON"), part[-1])
    while head.i + 1 <= part[-1].i and doc[head.i + 1].ent_type_ == "PERSON":
        head = doc[head.i + 1]
    actor = _from_matches(head, own, memory, finder, text, span, tokens=part) if own else None
    if actor is not None:
        return actor
    name = _person_name(head, own, part)
    for key in _name_keys(name or text):
        if key in memory.persons:
            return replace(memory.persons[key], text=text, span=span)
    return Actor(code=None, text=text, span=span, name=name, kind="person")


def _from_matches(
    head: Token,
    inside: Sequence[Match],
    memory: DocMemory,
    finder: ActorFinder,
    text: str,
    span: tuple[int, int],
    *,
    tokens: Sequence[Token] | None = None,
) -> Actor | None:
    kb = finder.kb
    doc = head.doc
    depth = {m: min(_depth(doc[i], head) for i in range(m.start, m.end)) for m in inside}
    named = [m.code for m in inside if m.kind in {"state", "metonym", "demonym", "org"} and m.code]
    persons = [
        (depth[m], finder.person_actor(m, memory.on, named=named))
        for m in inside
        if m.kind == "person"
    ]
    titles = [m for m in inside if m.kind == "title"]
    places = [m for m in inside if m.kind in {"state", "metonym", "demonym", "org"}]
    places.sort(key=lambda m: (depth[m], _KIND_RANK[m.kind]))
    head_sector = phrase_sector(head, kb)

    for _, person in sorted(persons, key=lambda pair: pair[0]):
        if person.code:
            return Actor(
                code=person.code,
                text=text,
                span=span,
                name=person.name,
                sector=person.sector,
                role=person.role,
                kind="person",
            )
    title = min(titles, key=lambda m: depth[m]) if titles else None
    country = places[0] if places else None
    name = _person_name(head, inside, tokens)
    if title is not None and country is not None:
        code = country.code
        sector = title.sector or (country.sector if country.kind == "org" else None)
        if country.kind == "org" and title.sector is None:
            sector = country.sector
        if code and country.kind != "org":
            code = local_code(code, sector) or code  # "the opposition leader" -> OPP-KEN
        return Actor(
            code=code,
            text=text,
            span=span,
            name=name or entity_name(kb, code),
            sector=sector,
            role=title.role,
            kind="person" if name else "title",
        )
    if title is not None and name:
        # a titled person the knowledge base does not know: remember them for later
        known = memory.persons.get(plain(name).lower())
        if known:
            return replace(known, text=text, span=span)
        return Actor(
            code=None,
            text=text,
            span=span,
            name=name,
            sector=title.sector,
            role=title.role,
            kind="person",
        )
    if country is None:
        return None
    if persons and not country:
        return None
    code = country.code
    sector = country.sector if country.kind in {"org", "metonym"} else None
    if title is not None:
        sector = title.sector or sector
    if country.kind == "demonym" or depth[country] > 0:
        sector = sector or head_sector
    # "Kenyan protesters", "protesters in Tehran", "rebels in Syria": the state's people or
    # rebels (CIV-IRN, REB-SYR), not the state; "Iraq's government" stays IRQ
    located = depth[country] > 0 and country.kind in {"state", "metonym"}
    if (country.kind == "demonym" or located) and code and len(code) == 3:
        code = local_code(code, sector) or code
    kind = "org" if country.kind == "org" else "state"
    if name and country.kind in {"state", "demonym", "metonym"} and head.ent_type_ == "PERSON":
        return Actor(code=code, text=text, span=span, name=name, sector=sector, kind="person")
    return Actor(
        code=code,
        text=text,
        span=span,
        name=entity_name(kb, country.code) or country.name,
        sector=sector,
        role=title.role if title else None,
        kind=kind,
    )


# sectors whose unnamed members belong to a state, and the generic code they take there:
# its organs and forces the state's own, its people, opposition and rebels CIV-, OPP-, REB-
_LOCAL_PREFIX = {
    "GOV": "",
    "MIL": "",
    "COP": "",
    "LEG": "",
    "JUD": "",
    "SPY": "",
    "CVL": "CIV-",
    "REF": "CIV-",
    "LAB": "CIV-",
    "EDU": "CIV-",
    "REB": "REB-",
    "OPP": "OPP-",
}


def local_code(state: str, sector: str | None) -> str | None:
    """The code of a state's unnamed actor of `sector` ("REB-SYR" for Syrian rebels), or
    None when that sector does not belong to a state (companies, churches, aid groups)."""
    prefix = _LOCAL_PREFIX.get(sector or "")
    return None if prefix is None else f"{prefix}{state}"


def quantified(head: Token) -> Token | None:
    """The noun a quantity phrase counts: 'dozens of activists' -> activists."""
    if head.lower_ not in _words("quantity_heads") and head.pos_ != "NUM":
        return None
    for prep in head.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            for pobj in prep.children:
                if pobj.dep_ == "pobj":
                    return pobj
    return None


def among(head: Token) -> Token | None:
    """Whom a group noun counts in: 'Jordan was among the governments (that ...)' -> Jordan."""
    prep = head.head
    if head.dep_ != "pobj" or prep.lower_ != "among" or prep.head.lemma_ != "be":
        return None
    return next((c for c in prep.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)


def is_actor_like(token: Token, matches: Sequence[Match], kb: KnowledgeBase) -> bool:
    """Whether a phrase head can name an actor by itself (a name, a pronoun, 'police', 'rebels')."""
    if token.ent_type_ in {"PERSON", "ORG", "GPE", "NORP"} or token.pos_ in {"PROPN", "PRON"}:
        return True
    if len(token.text) > 1 and token.text.rstrip("s").isupper():
        return True  # an acronym: "MLAs", "NGOs"
    if any(m.start <= token.i < m.end for m in matches):
        return True
    if (
        token.pos_ == "NOUN"
        and token.lemma_.lower() not in _words("inanimate_heads")
        and any(
            any(
                m.start <= c.i < m.end
                and m.kind in {"demonym", "state", "metonym", "org", "person"}
                for m in matches
            )
            for c in _modifiers(token)
        )
    ):
        return True  # "his Turkish counterparts", "the Syrian trio", "Angolan military staff"
    return phrase_sector(token, kb) is not None


_SIDE_SECTORS = frozenset({"OPP", "REB"})  # a modifier that says which side a group is on


def side_of(head: Token, kb: KnowledgeBase) -> str | None:
    """The side a modifier puts a phrase on: "opposition lawmakers" -> OPP, "rebel troops" ->
    REB (over the head's own sector)."""
    for child in head.children:
        if child.i < head.i and child.dep_ in {"amod", "compound"}:
            if child.lower_ == "paramilitary":
                continue  # "paramilitary police officers" serve a state; the noun alone may not
            sector = kb.sector_of(child.lemma_.lower())
            if sector in _SIDE_SECTORS:
                return sector
    return None


def phrase_sector(head: Token, kb: KnowledgeBase) -> str | None:
    """The sector a phrase head gives an unnamed actor: the side a modifier puts it on
    ("opposition parties" -> OPP, "rebel soldiers" -> REB), its own ("police" -> COP), or for a
    group noun that says nothing by itself ("personnel", "members", "group"), that of its
    modifier ("military personnel", "a rebel group") or its "of" phrase ("members of the
    ruling party")."""
    own = side_of(head, kb) or kb.sector_of(head.lower_) or kb.sector_of(head.lemma_.lower())
    if own is not None or head.lemma_.lower() not in _words("group_heads"):
        return own
    for child in head.children:
        if child.i < head.i and child.dep_ in {"amod", "compound", "nmod"}:
            sector = kb.sector_of(child.lower_) or kb.sector_of(child.lemma_.lower())
            if sector is not None:
                return sector
        if child.dep_ == "prep" and child.lower_ == "of":
            for noun in child.children:
                if noun.dep_ == "pobj":
                    return phrase_sector(noun, kb)
    return None


def _words(name: str) -> frozenset[str]:
    """A word class of `patterns/classes.json` (the lexicon is read once per process)."""
    return load_lexicon().word_class(name)


def _modifiers(head: Token) -> list[Token]:
    """The words before a head that modify it, directly or through another modifier
    ("Angolan" in "the Angolan military personnel")."""
    found = []
    for token in head.doc[head.left_edge.i : head.i]:
        up = token
        while up != head and up.dep_ in {"amod", "compound", "poss", "nmod"}:
            up = up.head
        if up == head and token != head:
            found.append(token)
    return found


def _attached(head: Token, token: Token) -> bool:
    """True when token modifies head directly: a possessor, compound or adjective, or 'including
    X'."""
    while token != head and token.head != token:
        if token.dep_ in {"poss", "compound", "amod", "nmod", "case"} and token.head == head:
            return True
        if (
            token.dep_ == "pobj"
            and token.head.dep_ == "prep"
            and token.head.lower_ in {"including", "like"}
            and token.head.head == head
        ):
            return True
        token = token.head
        if token.dep_ in {"prep", "relcl", "acl", "appos", "conj"}:
            return False
    return False


def _conjoined(
    head: Token, actor: Actor, inside: Sequence[Match], kb: KnowledgeBase, offset: int
) -> list[Actor]:
    """'officials from Türkiye and Syria': the other states conjoined with the one resolved."""
    if actor.kind == "person" or head.ent_type_ == "PERSON":
        return []
    doc = head.doc
    anchor = next((m for m in inside if m.code == actor.code and m.kind != "title"), None)
    if anchor is None:
        return []
    token = doc[anchor.end - 1]
    extra = []
    for conj in conjuncts(token):
        for match in inside:
            if (
                match.start <= conj.i < match.end
                and match.code
                and match.code != actor.code
                and match.kind in {"state", "metonym", "org", "demonym"}
            ):
                span = doc[match.start : match.end]
                extra.append(
                    replace(
                        actor,
                        code=match.code,
                        text=span.text,
                        name=entity_name(kb, match.code),
                        span=(span.start_char + offset, span.end_char + offset),
                    )
                )
    return extra


def conjuncts(token: Token) -> list[Token]:
    """Every token coordinated with token ('Ankara, Tehran and Moscow'), in order."""
    found, stack = [], [c for c in token.children if c.dep_ == "conj"]
    while stack:
        child = stack.pop(0)
        if not child.is_punct:  # the hyphen of "Jaish-e-Mohammed", parsed as a conjunct
            found.append(child)
        stack.extend(c for c in child.children if c.dep_ == "conj")
    return found


def _from_pronoun(lower: str, text: str, span: tuple[int, int], memory: DocMemory) -> Actor:
    referent: Actor | None = None
    if lower in PERSON_PRONOUNS:
        referent = memory.last_person
    elif lower in SPEAKER_PRONOUNS:
        speaker = memory.last_person
        if speaker is not None and speaker.code:
            referent = Actor(
                code=speaker.code,
                text=text,
                span=span,
                name=speaker.name,
                sector=speaker.sector,
                kind="state",
            )
    elif lower in GROUP_PRONOUNS:
        referent = memory.last_group[0] if memory.last_group else memory.last_actor
    elif (
        lower in THING_PRONOUNS
        and memory.last_actor is not None
        and memory.last_actor.kind != "person"
    ):
        referent = memory.last_actor
    if referent is None:
        return Actor(code=None, text=text, span=span, kind="phrase")
    return replace(referent, text=text, span=span)


def phrase_tokens(head: Token) -> list[Token]:
    """The tokens of the noun phrase headed by `head`, without clauses, conjuncts or edge
    punctuation."""
    keep = [head]
    stack = [c for c in head.children if c.dep_ not in _CLAUSE_DEPS]
    while stack:
        token = stack.pop()
        keep.append(token)
        stack.extend(
            c for c in token.children if c.dep_ not in {"relcl", "acl", "advcl", "parataxis"}
        )
    keep.sort(key=lambda t: t.i)
    # keep a contiguous run around the head: a parse can attach a far token to the phrase
    run = [t for t in keep if head.i - 12 <= t.i <= head.i + 12]
    run = [t for t in run if not t.is_space]
    while run and (run[0].is_punct or run[0].dep_ == "cc") and run[0] != head:
        run.pop(0)
    while run and (run[-1].is_punct or run[-1].dep_ == "cc") and run[-1] != head:
        run.pop()
    run = run or [head]
    doc = head.doc
    after = run[-1].i + 1
    inside = doc[run[0].i : after]
    if (
        after < len(doc)
        and doc[after].text == ")"
        and sum(t.text == "(" for t in inside) > sum(t.text == ")" for t in inside)
    ):
        run.append(doc[after])  # "the Syrian Democratic Forces (SDF)" keeps its parenthesis
    return run


def _depth(token: Token, head: Token) -> int:
    depth = 0
    while token != head and token.head != token and depth < 12:
        token = token.head
        depth += 1
    return depth if token == head else 12


def _person_name(
    head: Token, inside: Iterable[Match], tokens: Sequence[Token] | None = None
) -> str | None:
    """The proper name in a titled phrase: 'Foreign Minister Fuad Hussein' -> 'Fuad Hussein'
    (among `tokens` when given, else the head's subtree)."""
    covered = {i for m in inside if m.kind != "person" for i in range(m.start, m.end)}
    # not in a conjunct: "a tycoon and friend of Vladimir Putin" is not Putin
    conjuncts = {t.i for c in head.children if c.dep_ == "conj" for t in c.subtree}
    words = head.subtree if tokens is None else tokens
    names = [t for t in words if t.ent_type_ == "PERSON" and t.i not in covered | conjuncts]
    if not names and head.pos_ == "PROPN" and head.i not in covered and head.is_title:
        names = [t for t in head.lefts if t.pos_ == "PROPN" and t.i not in covered and t.is_title]
        names.append(head)
    if not names:
        return None
    names.sort(key=lambda t: t.i)
    start, end = names[0].i, names[-1].i
    run = [t for t in head.doc[start : end + 1]]
    return " ".join(t.text for t in run) if len(run) <= 5 else None


def _under_preposition(token: Token, phrase: set[int]) -> bool:
    """Whether a token of a phrase hangs under a preposition of it ("friend of Vladimir
    Putin"): it names someone the phrase is not."""
    while token.head.i in phrase and token.head.i != token.i:
        token = token.head
        if token.pos_ == "ADP":
            return True
    return False


def _lower_case_title_noise(doc: Doc, match: Match) -> bool:
    """A one-word title such as 'general' or 'president' used as an ordinary word."""
    if match.end - match.start > 1:
        return False
    token = doc[match.start]
    return (
        token.is_lower
        and token.lower_ in {"general", "leader", "head", "chief", "commander"}
        and token.pos_ == "ADJ"
    )


def _stance(doc: Doc, match: Match) -> bool:
    """'pro-Russian separatists', 'anti-Iranian protesters': whom a group is for or against,
    not where it is from."""
    return (
        match.start >= 2
        and doc[match.start - 1].text == "-"
        and doc[match.start - 2].lower_ in {"pro", "anti"}
    )


def _states_of_region(doc: Doc, match: Match) -> bool:
    """'European governments', 'European allies': several states of a region, not the
    organisation an adjective alias names ("European" for the EU)."""
    token = doc[match.start]
    return (
        match.end - match.start == 1
        and token.pos_ == "ADJ"
        and token.dep_ == "amod"
        and token.head.tag_ in {"NNS", "NNPS"}
        and token.head.lemma_.lower() in _words("state_groups")
    )


def entity_name(kb: KnowledgeBase, code: str | None) -> str | None:
    if code is None:
        return None
    entity = kb.entity(code)
    return entity.name if entity else None


def _name_keys(name: str) -> list[str]:
    """Keys a person can be referred back by: the full name and the last name."""
    folded = plain(name).strip().lower()
    if folded.endswith("'s"):
        folded = folded[:-2]
    parts = folded.split()
    keys = [folded]
    if len(parts) > 1:
        keys.append(parts[-1])
        if parts[-1].startswith("al-"):
            keys.append(parts[-1][3:])
    return keys


def _tokenizer(vocab: Vocab):  # type: ignore[no-untyped-def]
    from spacy.lang.en import English

    tokenizer = English(vocab=vocab).tokenizer
    return tokenizer
