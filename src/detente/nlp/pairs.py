"""Candidate mentions and pairs for the learned coder.

A mention is any noun phrase of a parsed sentence that can act or be acted on: a
knowledge-base name, a pronoun, a titled person, a phrase headed by an actor noun
("police", "rebels", "protesters"), each resolved to an `Actor` as the rule coder
resolves its arguments (`actors.resolve`: KB, titles, demonyms, possessives, document
memory). The coder is asked about every ordered pair of mentions that stand for different
actors, and about each mention alone (one-sided events: protests, mobilisations).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ..knowledge import KnowledgeBase
from ..models import Actor, Place
from .actors import (
    GROUP_PRONOUNS,
    ActorFinder,
    DocMemory,
    Match,
    entity_name,
    is_actor_like,
    local_code,
    quantified,
    resolve,
)
from .coder import Span
from .events import Draft
from .lexicon import load_lexicon

MAX_MENTIONS = 10


@dataclass(frozen=True)
class Candidate:
    """A mention: the actor it stands for, its head token and its span in the sentence doc."""

    actor: Actor
    head: int
    start: int
    end: int
    group: int | None = None  # members listed in one bracket after a plural noun, one side


def find_mentions(
    doc: Doc,
    matches: Sequence[Match],
    memory: DocMemory,
    finder: ActorFinder,
    *,
    offset: int = 0,
    places: Sequence[tuple[int, int, Place]] = (),
) -> list[Candidate]:
    """The sentence's mentions in text order (at most MAX_MENTIONS; one per span and actor).

    A phrase the knowledge base cannot name but whose head gives a sector ("security
    forces", "protesters", "lawmakers") takes its state from the nearest evidence: a place
    in the same sentence ("protesters in Nasiriya" -> CIV-IRQ), else the state the document
    named last. `places` are the gazetteer's hits in `doc` (sentence offsets).
    """
    found: list[Candidate] = []
    located = _locations(doc, places)
    lexicon = load_lexicon()
    for head in _phrase_heads(doc, matches):
        counted = quantified(head) or head
        if not (is_actor_like(counted, matches, finder.kb) or head.pos_ == "PRON"):
            continue
        relational = head.lemma_.lower() in lexicon.word_class("relational_heads")
        speakers = _speakers(head, found, doc)
        known = replace(memory, last_group=speakers) if speakers else memory
        for actor in resolve(head, matches, known, finder, offset=offset):
            actor = _gazetted(actor, head, matches, places, offset)
            if actor.code is None and _can_act(actor) and not relational:
                actor = _owned(actor, head, found, finder.kb)
            if _can_act(actor):
                earlier = [c.actor.code for c in found if finder.kb.is_state(c.actor.code)]
                if (not relational or len(set(earlier)) > 1) and not _generic(head):
                    # an ally or a neighbour is the other state named before it in its sentence
                    # ("Algeria cut ties with Morocco, accusing its neighbour"), never a place's
                    # or the document's ("Saudi Arabia and its allies struck across Yemen"); "any
                    # country that interferes" is no one in particular, of no state
                    where, memo = ([], DocMemory()) if relational else (located, memory)
                    if {head.lemma_.lower(), head.lower_} & lexicon.word_class("weapon_heads"):
                        where = []  # "jets hit the air base near Sanaa": where, not whose
                    actor = localize(actor, where, memo, finder.kb, at=head.idx, earlier=earlier)
                found.append(
                    Candidate(
                        actor=actor,
                        head=head.i,
                        start=actor.span[0] - offset,
                        end=actor.span[1] - offset,
                    )
                )
    groups = _member_lists(doc)
    found = [
        replace(
            c,
            group=next(
                (i for i, g in enumerate(groups) if g.start <= c.start and c.end <= g.end), None
            ),
        )
        for c in found
    ]
    found.sort(key=lambda c: (c.start, -c.end))
    unique: list[Candidate] = []
    for candidate in found:
        if any(
            (c.start, c.end, c.actor.code) == (candidate.start, candidate.end, candidate.actor.code)
            or (_unnamed_part(candidate, c) and c.actor.code)
            or _place_of(candidate, c, doc)
            for c in unique
        ):
            continue
        unique.append(candidate)
    return unique[:MAX_MENTIONS]


def _speakers(head: Token, found: Sequence[Candidate], doc: Doc) -> list[Actor]:
    """Who "they" is when the same sentence says it: the coordinated subject of the verb that
    reports the pronoun's clause ("Macron, May and Merkel said they regretted the decision")."""
    if head.lower_ not in GROUP_PRONOUNS or head.dep_ not in {"nsubj", "nsubjpass"}:
        return []
    clause = head.head
    if clause.dep_ not in {"ccomp", "xcomp", "conj"}:
        return []
    subject = next((c for c in clause.head.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    if subject is None:
        return []
    start, end = subject.left_edge.idx, subject.right_edge.idx + len(subject.right_edge.text)
    members = [
        c.actor for c in found if start <= c.start and c.end <= end and c.actor.code is not None
    ]
    codes = {a.code for a in members}
    return members if len(codes) > 1 else []


def _owned(actor: Actor, head: Token, found: Sequence[Candidate], kb: KnowledgeBase) -> Actor:
    """'Azerbaijan said its forces had taken Shusha', 'The M23 said its fighters ...': "its"
    is the subject of the nearest clause above that names one, whatever place is nearer
    ("its neighbour", "its allies" are others: see `relational_heads`)."""
    if not any(c.dep_ == "poss" and c.lower_ == "its" for c in head.children):
        return actor
    phrase = range(head.left_edge.i, head.right_edge.i + 1)
    token = head
    while token.head.i != token.i:
        token = token.head
        subject = next(
            (c for c in token.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i not in phrase),
            None,
        )
        if subject is None:
            continue
        owner = next(
            (f.actor for f in found if f.start <= subject.idx < f.end and f.actor.code),
            None,
        )
        if owner is None or owner.code is None or owner.kind == "person":
            return actor
        code = local_code(owner.code, actor.sector) if kb.is_state(owner.code) else None
        return replace(actor, code=code or owner.code, name=owner.name)
    return actor


def _generic(head: Token) -> bool:
    """'any country', 'every government', 'no state': a quantifier over actors, not one."""
    return any(
        c.dep_ == "det" and c.lower_ in {"any", "every", "no", "each"} for c in head.children
    )


def _gazetted(
    actor: Actor,
    head: Token,
    matches: Sequence[Match],
    places: Sequence[tuple[int, int, Place]],
    offset: int,
) -> Actor:
    """A phrase headed by a place the gazetteer knows and no actor's name ("seized the town of
    Gharyan"): that place, in its state. A name the parser takes for a person's is left alone
    ("Kim" is a town in India)."""
    if (
        head.pos_ != "PROPN"
        or head.ent_type_ == "PERSON"
        or any(m.start <= head.i < m.end for m in matches)
    ):
        return actor
    for start, end, place in places:
        if start <= head.idx < end and place.country:
            return replace(actor, code=place.country, name=place.name, kind="place")
    return actor


def _unnamed_part(inner: Candidate, outer: Candidate) -> bool:
    """A phrase no name gave a code, inside a longer mention ("State" in "Secretary of State
    John Kerry"): a word of that mention, not an actor of its own."""
    return (
        inner.actor.kind == "phrase"
        and outer.start <= inner.start
        and inner.end <= outer.end
        and outer.end - outer.start > inner.end - inner.start
    )


def _place_of(inner: Candidate, outer: Candidate, doc: Doc) -> bool:
    """A name inside a longer mention after "in" or "at" ("the U.S. embassy in Baghdad",
    "protesters in Congo's capital", "in Chad's capital, Ndjamena"): where that actor is, not
    an actor beside it."""
    inside = outer.start <= inner.start and inner.end <= outer.end
    if not inside or (outer.start, outer.end) == (inner.start, inner.end):
        return False
    head = doc[inner.head]
    while head.dep_ in {"conj", "compound", "poss", "appos"} and head.head.i != head.i:
        head = head.head
    return head.dep_ == "pobj" and head.head.lower_ in {"in", "at"}


def localize(
    actor: Actor,
    places: Sequence[tuple[int, int, Place]],
    memory: DocMemory,
    kb: KnowledgeBase,
    *,
    at: int,
    earlier: Sequence[str | None] = (),
) -> Actor:
    """An unnamed actor of a state's sector ("security forces", "protesters"), or a titled
    person the knowledge base does not know ("Information Minister Manal Abdel Samad"),
    given the code of the state the evidence points to: the nearest of `places` (where
    things happen, see `_locations`), else the last state named `earlier` in its sentence
    ("Turkish authorities detained nearly 3,000 soldiers"), else the state the document
    named last. A bare name says nothing of a state."""
    if actor.code or (actor.kind == "person" and actor.role is None):
        return actor
    countries = [(abs(start - at), place.country) for start, _, place in places if place.country]
    named = [code for code in earlier if code]
    recent = named[-1] if named else (memory.states[-1] if memory.states else None)
    country = min(countries)[1] if countries else recent
    if country is None or kb.entity(country) is None:
        return actor
    code = local_code(country, actor.sector)
    if code is None:
        return actor
    return replace(actor, code=code, name=actor.name or entity_name(kb, country))


def candidate_pairs(mentions: Sequence[Candidate]) -> list[tuple[int, int]]:
    """Ordered pairs of mentions of different actors, then each named mention alone (target
    -1). A source must be named; a target may be a phrase of an acting kind that no one can
    be named for ("detained two journalists"). Other bare phrases ("the issue") are still
    marked for the model, as context, but never asked about."""
    pairs = []
    spans = [(m.start, m.end) for m in mentions]
    # "they", "both sides": one phrase for several actors, who never act on one another or on
    # their own members named apart ("Macron and May said they regretted ...")
    members: dict[tuple[int, int], set[str | None]] = {}
    for span, m in zip(spans, mentions, strict=True):
        members.setdefault(span, set()).add(m.actor.code)

    def member_of(a: Candidate, span: tuple[int, int]) -> bool:
        return len(members[span]) > 1 and (a.start, a.end) != span and a.actor.code in members[span]

    for i, a in enumerate(mentions):
        if not named(a.actor):
            continue
        for j, b in enumerate(mentions):
            in_group = member_of(a, spans[j]) or member_of(b, spans[i])
            if (
                i != j
                and (named(b.actor) or b.actor.sector is not None)
                and not _same(a.actor, b.actor)
                and not in_group
                and not _nested(a, b)
                and (a.group is None or a.group != b.group)
            ):
                pairs.append((i, j))
    pairs.extend((i, -1) for i, a in enumerate(mentions) if named(a.actor))
    return pairs


def named(actor: Actor) -> bool:
    """Whether an actor can be a side: it has a code, or at least a name of its own
    ("the American Civil Liberties Union"), kept with its text and span and no code."""
    return bool(actor.code or actor.name)


def _same(a: Actor, b: Actor) -> bool:
    """Whether two mentions stand for one actor. Two people, or two organs, of one state are
    two actors ("Egyptian police detained the former president's sons"); a state and its
    capital are one, as are a leader and "his government"."""
    if not (a.code and b.code):
        return a.text == b.text
    if a.code != b.code:
        return False
    own = load_lexicon().word_class("possessive_determiners")
    if any(x.text.split(" ", 1)[0].lower() in own for x in (a, b)):
        return True
    return _identity(a) == _identity(b) or None in (_identity(a), _identity(b))


def _identity(actor: Actor) -> str | None:
    """What sets an actor apart within its state: a person's name, an organ's sector."""
    if actor.kind == "person":
        return actor.name or actor.text
    return actor.sector


def _phrase_heads(doc: Doc, matches: Sequence[Match]) -> list[Token]:
    """Noun-chunk roots, plus the heads of knowledge-base names outside any chunk."""
    heads: list[Token] = []
    covered: set[int] = set()
    for chunk in doc.noun_chunks:
        heads.append(chunk.root)
        covered.update(range(chunk.start, chunk.end))
    for match in matches:
        if match.kind == "title" or covered.intersection(range(match.start, match.end)):
            continue
        span = doc[match.start : match.end]
        heads.append(span.root)
        covered.update(range(match.start, match.end))
    seen: set[int] = set()
    unique = []
    for head in sorted(heads, key=lambda t: t.i):
        if head.i not in seen:
            seen.add(head.i)
            unique.append(head)
    return unique


def _can_act(actor: Actor) -> bool:
    return bool(actor.code or actor.sector or actor.kind == "person")


def _nested(a: Candidate, b: Candidate) -> bool:
    return (a.start <= b.start and b.end <= a.end) or (b.start <= a.start and a.end <= b.end)


_SIDE_DEPS = {"nsubj", "nsubjpass", "dobj", "iobj", "dative", "poss", "appos"}
_SIDE_PREPOSITIONS = {"by", "against", "with", "to", "on", "for", "between"}


def _locations(doc: Doc, places: Sequence[tuple[int, int, Place]]) -> list[tuple[int, int, Place]]:
    """The places that say where something is ("protesters in Tehran", "In Nairobi, the
    minister ...", "reached the town of Geneina"), not those that act or are acted on
    ("accused Somalia", "talks with Kenya")."""
    located = []
    for start, end, place in places:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        acting = root.dep_ in _SIDE_DEPS or (
            root.dep_ == "pobj" and root.head.lower_ in _SIDE_PREPOSITIONS
        )
        if not acting:
            located.append((start, end, place))
    return located


_OPENING = {"—": "—", "–": "–", "(": ")", "-": "-"}


@dataclass(frozen=True)
class _Listing:
    """A list of the members of a plural noun: "six world powers — the United States, ... —"."""

    start: int  # the members, character span in the sentence
    end: int
    noun: Span  # the noun phrase that lists them
    close: int  # where the closing dash or bracket ends (the list's end if there is none)


def _member_lists(doc: Doc) -> list[_Listing]:
    """Lists that name the members of a plural noun before them, set off by dashes or
    brackets: "six world powers — the United States, Russia, China ... —", "the three
    European states (Britain, France and Germany)". Their members stand on one side: they
    act together, never on each other."""
    found = []
    for token in doc[1:]:
        closing = _OPENING.get(token.text)
        before = doc[token.i - 1]
        if closing is None or before.tag_ not in {"NNS", "NNPS"}:
            continue
        end = next((t for t in doc[token.i + 1 :] if t.text == closing), None)
        inside = doc[token.i + 1 : end.i] if end is not None else None
        if inside is not None and any(t.text == "," or t.lower_ == "and" for t in inside):
            noun = (before.left_edge.idx, before.idx + len(before.text))
            close = end.idx + len(end.text) if end is not None else inside.end_char
            found.append(_Listing(inside.start_char, inside.end_char, noun, close))
    return found


def without_lists(doc: Doc, mentions: Sequence[Candidate]) -> tuple[str, list[Span]] | None:
    """The sentence as the coder reads it best when members are listed after a plural noun:
    the list blanked out (offsets kept) and each member marked as that noun ("Iran and six
    world powers reached an agreement"), so what is said of the noun is said of each member.
    None when the sentence lists no members that are mentions."""
    text = list(doc.text)
    spans = [(m.start, m.end) for m in mentions]
    changed = False
    for index, listing in enumerate(_member_lists(doc)):
        members = [i for i, m in enumerate(mentions) if m.group == index]
        if not members:
            continue
        end = listing.noun[1]
        text[end : listing.close] = " " * (listing.close - end)
        for i in members:
            spans[i] = listing.noun
        changed = True
    return ("".join(text), spans) if changed else None


# the types whose one-sided events may be done to a place, and the words that say it is: an
# attack's object ("struck Kharkiv", "fired into Gaza"), a withdrawal's source ("withdrew from
# the Jenin camp", "pulled out of Sweida")
_PLACE_OBJECTS = {"ASSAULT": {"dobj", "nsubjpass"}, "RETREAT": set()}
_PLACE_PREPS = {
    "ASSAULT": {"on", "at", "against", "into", "toward", "towards"},
    "RETREAT": {"from", "of"},
}


def could_target_a_place(draft: Draft) -> bool:
    """Whether `attacked_place` may change this event: an attack or a withdrawal without a
    coded target."""
    return draft.type in _PLACE_PREPS and (draft.target is None or not draft.target.code)


def attacked_place(
    draft: Draft, doc: Doc, places: Sequence[tuple[int, int, Place]], kb: KnowledgeBase, offset: int
) -> Draft:
    """An attack with no coded target whose object is a place ("missiles struck the port of
    Odesa", "drones struck Kharkiv", taken for a person), or a withdrawal from one ("troops
    withdrew from the Jenin camp"): the place is acted on, so its state is the target.
    `offset` is where `doc` starts in the document."""
    if not could_target_a_place(draft):
        return draft
    trigger = doc[draft.trigger_index]
    # "Russian missiles struck ...": a one-sided event's word may be its actor's own head
    acting = trigger.head if trigger.dep_ in {"nsubj", "nsubjpass"} else trigger
    objects = [c for c in acting.children if c.dep_ in _PLACE_OBJECTS[draft.type]]
    objects += [
        g
        for c in acting.children
        if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS[draft.type]
        for g in c.children
    ]
    reached = {t.i for o in objects for t in o.subtree}
    for start, end, place in places:
        span = doc.char_span(start, end, alignment_mode="expand")
        country = place.country
        if span is None or span.root.i not in reached or not country:
            continue
        if country == draft.source.code or kb.entity(country) is None:
            continue
        side = draft.target
        if side is not None and not (side.span[0] < end + offset and start + offset < side.span[1]):
            continue  # an uncoded side is replaced only by the place it names ("Kharkiv")
        target = Actor(
            code=country,
            text=span.text,
            span=(start + offset, end + offset),
            name=entity_name(kb, country),
            kind="state",
        )
        return replace(draft, target=target)
    return draft
