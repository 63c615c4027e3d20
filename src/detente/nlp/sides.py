"""Which mentions may be the sides of a learned event, and which mention tells a side.

A mention governed by a locative preposition says where something happens, not who acts
("killed in Afghanistan"); one put before its clause sets the scene ("In Beirut, the minister
resigned"); what a cooperative act is aimed against is never its partner. Of several
mentions of one side, the widest tells it, and a name inside a wider coded mention is no
side of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from .lexicon import Lexicon
from .pairs import Candidate, named

_LOCATIVE = frozenset({"in", "at", "inside", "near", "outside", "across", "throughout"})
_MET_OR_AGREED = {"CONSULT", "AGREE"}


def no_partner(head: Token, label: str) -> bool:
    """Whether a mention is what a cooperative act is aimed against ("agreed to cooperate
    against the Islamic State"), or where a meeting or an agreement happens ("met in Ankara",
    "signed the accord at a summit in Doha", "agreed on joint operations inside Iraq"): never
    a partner. (Aid delivered in a place is aid to it.)"""
    places = {"in", "at", "inside"} if label in _MET_OR_AGREED else set()
    return _preposition(head) in {"against", *places}


def where(head: Token, lexicon: Lexicon) -> bool:
    """Whether a mention says where something happens ("killed in Afghanistan"), not by what
    ("killed in the Israeli raids")."""
    instrument = {head.lemma_.lower(), head.lower_} & lexicon.word_class("instrument_heads")
    return not instrument and _preposition(head) in _LOCATIVE


def wider(mentions: Sequence[Candidate], a: tuple[int, int], b: tuple[int, int]) -> bool | None:
    """Whether pair a's mentions contain pair b's (True), lie inside them (False), or neither."""

    def contains(x: int, y: int) -> bool:
        if x < 0 or y < 0:
            return x == y
        return mentions[x].start <= mentions[y].start and mentions[y].end <= mentions[x].end

    if a == b:
        return None
    if all(contains(x, y) for x, y in zip(a, b, strict=True)):
        return True
    if all(contains(y, x) for x, y in zip(a, b, strict=True)):
        return False
    return None


def covered(mentions: Sequence[Candidate]) -> set[int]:
    """The mentions no code names that lie inside a wider mention that has one: the model sees
    the wider one marked, so a pair of the inner one is the same pair again, less resolved."""
    return {
        i
        for i, inner in enumerate(mentions)
        if not inner.actor.code
        and any(
            j != i
            and outer.actor.code
            and outer.start <= inner.start
            and inner.end <= outer.end
            and (outer.start, outer.end) != (inner.start, inner.end)
            for j, outer in enumerate(mentions)
        )
    }


def scene(head: Token, lexicon: Lexicon) -> bool:
    """Whether a mention is a place put before its clause to set the scene ("In Beirut, the
    minister resigned", "In Tehran on Saturday, an adviser said ...")."""
    if not where(head, lexicon):
        return False
    prep = head
    while prep.dep_ != "prep" and prep.head.i != prep.i:
        prep = prep.head
    clause = prep.head
    subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
    return clause.pos_ in {"VERB", "AUX"} and subject is not None and prep.i < subject.i


def _preposition(head: Token) -> str | None:
    """The preposition that governs a mention's phrase, through its coordinations, appositions
    and "of" phrases ("remnants of the group" is governed as "remnants" is)."""
    while head.head.i != head.i and (
        head.dep_ in {"conj", "appos", "compound"}
        or (head.dep_ == "pobj" and head.head.lower_ == "of")
    ):
        head = head.head.head if head.dep_ == "pobj" else head.head
    return head.head.lower_ if head.dep_ == "pobj" else None


def widest(mentions: Sequence[Candidate], t: int) -> int:
    """The mention that best names the phrase of mention `t`: of those overlapping it, a named
    one, else the longest."""
    inner = mentions[t]
    overlapping = [i for i, m in enumerate(mentions) if m.start < inner.end and inner.start < m.end]
    return max(
        overlapping,
        key=lambda i: (named(mentions[i].actor), mentions[i].end - mentions[i].start),
    )
