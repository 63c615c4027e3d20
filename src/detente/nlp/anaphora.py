"""Events that point back to an earlier one: "Jordan condemned the raid", "Warplanes from
Kuwait took part in the strikes", "Israel regretted the decision".

A one-sided event whose trigger governs a definite event noun ("the raid", "this move",
"its decision") that names no actor of its own gets its missing side from the latest
earlier event of the document the noun can stand for (`patterns/classes.json`,
`event_nouns`): a reaction (condemning, welcoming, rejecting, demanding) is aimed at that
event's source; an attack that joins it ("took part in the raids") hits its target.
An agreement noun ("the accord") is left alone: which party a reaction to a deal is
aimed at is not said.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Token

from .events import DEFINITE, EVENT_NOUNS, Draft
from .lexicon import Lexicon
from .pairs import named

__all__ = ["resolve_back"]

# an attack that joins an earlier one shares its target; a reaction aims at its source
_JOINING = frozenset({"ASSAULT", "COERCE"})
_OBJECT_DEPS = frozenset({"dobj", "obj", "pobj", "attr", "nsubjpass", "oprd", "appos"})
_MAX_DEPTH = 3  # the noun lies within three arcs of the trigger


def resolve_back(
    found: Sequence[tuple[int, Doc, list[Draft]]], lexicon: Lexicon
) -> list[list[Draft]]:
    """The drafts of each sentence (in document order, as (offset, doc, drafts)), with the
    missing side of each pointing-back event filled in from an earlier event."""
    classes = {name: lexicon.word_class(f"event_nouns_{name}") for name in EVENT_NOUNS}
    earlier: list[list[Draft]] = []  # each earlier sentence's drafts
    result = []
    for offset, doc, drafts in found:
        resolved = []
        for draft in drafts:
            if draft.source.code and (draft.target is None or not named(draft.target)):
                draft = _filled(draft, doc, offset, earlier, classes)
            resolved.append(draft)
        earlier.append(resolved)
        result.append(resolved)
    return result


def _filled(
    draft: Draft,
    doc: Doc,
    offset: int,
    earlier: Sequence[Sequence[Draft]],
    classes: dict[str, frozenset[str]],
) -> Draft:
    trigger = doc[draft.trigger_index] if 0 <= draft.trigger_index < len(doc) else None
    if trigger is None:
        return draft
    source_span = (draft.source.span[0] - offset, draft.source.span[1] - offset)
    noun = _event_noun(trigger, source_span, classes)
    if noun is None:
        return draft
    for sentence in reversed(earlier):
        # the latest sentence that says such an event; the surest of its events
        sides = [
            (before.confidence, side)
            for before in sentence
            # "the raid" is an attack; "the decision" anything but an attack or a talk
            if (noun == "attack") == (before.type in _JOINING) and before.type != "CONSULT"
            for side in [before.target if draft.type in _JOINING else before.source]
            if side is not None and side.code and side.code != draft.source.code
        ]
        if sides:
            side = max(sides, key=lambda pair: pair[0])[1]
            return replace(draft, target=side, rule=f"{draft.rule}+back")
    return draft


def _event_noun(
    trigger: Token, source_span: tuple[int, int], classes: dict[str, frozenset[str]]
) -> str | None:
    """The class of the nearest definite event noun the trigger is or governs."""
    if _class_of(trigger, classes) and _definite(trigger):
        return _class_of(trigger, classes)
    frontier = [(trigger, 0)]
    while frontier:
        token, depth = frontier.pop(0)
        for child in token.children:
            inside_source = source_span[0] <= child.idx < source_span[1]
            if inside_source:
                continue
            kind = _class_of(child, classes)
            if child.dep_ in _OBJECT_DEPS and kind and _definite(child):
                return kind
            if depth + 1 < _MAX_DEPTH and child.pos_ in {"VERB", "ADP", "NOUN", "AUX"}:
                frontier.append((child, depth + 1))
    return None


def _class_of(token: Token, classes: dict[str, frozenset[str]]) -> str | None:
    # "the killing" is often tagged a verb (lemma "kill"): a gerund with a determiner is a noun
    gerund = token.tag_ == "VBG" and any(c.dep_ == "det" for c in token.children)
    if token.pos_ != "NOUN" and not gerund:
        return None
    words = {token.lemma_.lower(), token.lower_}
    return next((k for k, nouns in classes.items() if words & nouns), None)


def _definite(noun: Token) -> bool:
    """'the raid', 'its decision': no possessor or modifier that names who acted."""
    words = [c for c in noun.children if c.i < noun.i]
    if any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in words):
        return False
    if any(c.pos_ == "PROPN" or c.ent_type_ for c in words):
        return False  # "the Israeli raid", "the U.S. decision": the actor is named
    return any(c.lower_ in DEFINITE for c in words)
