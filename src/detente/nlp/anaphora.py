"""Events that point back to an earlier one: "Jordan condemned the raid", "Warplanes from
Kuwait took part in the strikes", "Israel regretted the decision".

A one-sided event whose trigger governs a definite event noun ("the raid", "this move",
"its decision") that names no actor of its own gets its missing side from the latest
earlier event of the document the noun can stand for (`patterns/classes.json`,
`event_nouns`): a reaction (condemning, welcoming, rejecting, demanding) is aimed at that
event's source; an attack that joins it ("took part in the raids") hits its target.
An agreement noun ("the accord") is left alone: which party a reaction to a deal is
aimed at is not said. A rejection aimed at no one by a side accused before ("Gulen denied
any involvement") answers the latest accuser.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from .events import DEFINITE, EVENT_NOUNS, Draft
from .lexicon import Lexicon
from .pairs import named

__all__ = ["points_back", "resolve_back"]

# an attack that joins an earlier one shares its target; a reaction aims at its source
_JOINING = frozenset({"ASSAULT", "COERCE"})
_NO_DECISION = frozenset({"CONSULT", "REQUEST", "ACCUSE"})
_OBJECT_DEPS = frozenset({"dobj", "obj", "pobj", "attr", "nsubjpass", "oprd", "appos", "nmod"})
_BACK = "+back"  # marks the rule of a draft whose side came from an earlier event
_MAX_DEPTH = 3  # the noun lies within three arcs of the trigger


def resolve_back(
    found: Sequence[tuple[int, Doc, list[Draft]]], lexicon: Lexicon
) -> list[list[Draft]]:
    """The drafts of each sentence (in document order, as (offset, doc, drafts)), with the
    missing side of each pointing-back event filled in from an earlier event. A pending
    draft whose side no earlier event tells is dropped."""
    classes = _classes(lexicon)
    earlier: list[list[Draft]] = []  # each earlier sentence's drafts
    result = []
    for offset, doc, drafts in found:
        resolved: list[Draft] = []
        for draft in drafts:
            if draft.source.code and (draft.target is None or not named(draft.target)):
                draft = _filled(draft, doc, offset, earlier, lexicon, classes)
                draft = _denied(draft, [*earlier, resolved])
            if draft.pending:
                continue
            resolved.append(draft)
        earlier.append(resolved)
        result.append(resolved)
    return result


def _filled(
    draft: Draft,
    doc: Doc,
    offset: int,
    earlier: Sequence[Sequence[Draft]],
    lexicon: Lexicon,
    classes: dict[str, frozenset[str]],
) -> Draft:
    pointed = _pointed_noun(draft, doc, offset, classes)
    if pointed is None:
        return draft
    kind, noun = pointed
    # a noun that names an event type ("the sanctions", "the withdrawal") means an event of it
    types = {r.type for w in {noun.lemma_.lower(), noun.lower_} for r in lexicon.nouns.get(w, ())}
    # a side that is a place stands for its state only when no actor is at hand: "took part
    # in the raids" joins the raids on the Houthis, not the strike near Sanaa after them
    for places in (False, True):
        for sentence in reversed(earlier):
            # the latest sentence that says such an event; the surest of its events
            sides = [
                (before.confidence, side)
                for before in sentence
                # "the raid" is an attack; "the decision" no attack, talk, plea or charge
                if (kind == "attack") == (before.type in _JOINING)
                and (before.type in types if types else before.type not in _NO_DECISION)
                # one that pointed back itself joined an event already said: that one is meant
                and not before.rule.endswith(_BACK)
                for side in [before.target if draft.type in _JOINING else before.source]
                if side is not None
                and side.code
                and side.code != draft.source.code
                and (places or side.kind != "place")
            ]
            if sides:
                side = max(sides, key=lambda pair: pair[0])[1]
                return replace(draft, target=side, rule=f"{draft.rule}{_BACK}", pending=False)
    return draft


def _denied(draft: Draft, earlier: Sequence[Sequence[Draft]]) -> Draft:
    """A rejection aimed at no one, by a side accused before ("Erdogan blamed the plot on
    Gulen ... Gulen denied any involvement"): it answers the latest accuser."""
    if draft.type != "REJECT" or (draft.target is not None and named(draft.target)):
        return draft
    for sentence in reversed(earlier):
        for before in reversed(sentence):
            if (
                before.type == "ACCUSE"
                and before.target is not None
                and before.target.code == draft.source.code
                and before.source.code
                and before.source.code != draft.source.code
            ):
                return replace(draft, target=before.source, rule=f"{draft.rule}{_BACK}")
    return draft


def points_back(draft: Draft, doc: Doc, offset: int, lexicon: Lexicon) -> bool:
    """Whether a draft's trigger governs a definite event noun that names no actor ("condemned
    the raid", "took part in the strikes"), so its missing side is in an earlier sentence."""
    return _pointed_noun(draft, doc, offset, _classes(lexicon)) is not None


def _classes(lexicon: Lexicon) -> dict[str, frozenset[str]]:
    return {name: lexicon.word_class(f"event_nouns_{name}") for name in EVENT_NOUNS}


def _pointed_noun(
    draft: Draft, doc: Doc, offset: int, classes: dict[str, frozenset[str]]
) -> tuple[str, Token] | None:
    """The event noun a draft's trigger points back with, and its class, if any."""
    if not 0 <= draft.trigger_index < len(doc):
        return None
    source_span = (draft.source.span[0] - offset, draft.source.span[1] - offset)
    # what is condemned has happened: "denounced a reckless attack" is one already reported
    known = _definite if draft.type != "ACCUSE" else _condemned
    return _event_noun(doc[draft.trigger_index], source_span, classes, known)


def _event_noun(
    trigger: Token,
    source_span: tuple[int, int],
    classes: dict[str, frozenset[str]],
    known: Callable[[Token], bool],
) -> tuple[str, Token] | None:
    """The nearest event noun the trigger is or governs that is `known` (definite), and its
    class."""
    kind = _class_of(trigger, classes)
    if kind and known(trigger):
        return kind, trigger
    frontier = [(trigger, 0)]
    while frontier:
        token, depth = frontier.pop(0)
        for child in token.children:
            inside_source = source_span[0] <= child.idx < source_span[1]
            if inside_source:
                continue
            kind = _class_of(child, classes)
            if child.dep_ in _OBJECT_DEPS and kind and known(child):
                return kind, child
            if depth + 1 < _MAX_DEPTH and child.pos_ in {"VERB", "ADP", "NOUN", "AUX"}:
                frontier.append((child, depth + 1))
    return None


def _class_of(token: Token, classes: dict[str, frozenset[str]]) -> str | None:
    if token.lower_ == "those" and any(c.lower_ == "responsible" for c in token.children):
        return "attack"  # "revenge against those responsible": whoever did the attack
    # "the killing" is often tagged a verb (lemma "kill"): a gerund with a determiner is a noun
    gerund = token.tag_ == "VBG" and any(c.dep_ == "det" for c in token.children)
    if token.pos_ != "NOUN" and not gerund:
        return None
    words = {token.lemma_.lower(), token.lower_}
    return next((k for k, nouns in classes.items() if words & nouns), None)


def _condemned(noun: Token) -> bool:
    """An event noun a condemnation names, with "a" as with "the", unless it names who acted."""
    if any(c.lower_ in {"a", "an"} and c.dep_ == "det" for c in noun.children):
        return _definite(noun, article=True)
    return _definite(noun)


def _definite(noun: Token, *, article: bool = False) -> bool:
    """'the raid', 'its decision', 'those responsible' (or, with `article`, any article): no
    possessor or modifier that names who acted."""
    if noun.lower_ in DEFINITE:
        return True
    words = [c for c in noun.children if c.i < noun.i]
    if noun.dep_ == "nmod":
        # "called the attack blatant barbarism", parsed as "the [attack] barbarism"
        words += [c for c in noun.head.children if c.i < noun.i and c.dep_ == "det"]
    if any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in words):
        return False
    if any(c.pos_ == "PROPN" or c.ent_type_ for c in words):
        return False  # "the Israeli raid", "the U.S. decision": the actor is named
    return article or any(c.lower_ in DEFINITE for c in words)
