"""Modality of an event trigger: asserted, planned, expected, hypothetical, hedged,
habitual, negated or reported.

Read off the dependency parse around the trigger: negation children, auxiliaries, the
verbs that govern it ("is scheduled to visit", "failed to reach", "is expected to push",
"appeared to reject"), conditional clauses ("if", "unless") and frequency adverbs
("regularly carries out"). "Would" in what a speaker announces is a plan ("said Britain
would send troops"); elsewhere it is hypothetical.
"""

from __future__ import annotations

from spacy.tokens import Token

from .lexicon import Lexicon


def modality_of(trigger: Token, lexicon: Lexicon, *, verb: Token | None = None) -> str:
    """The modality of the event whose trigger is `trigger` (and, for a light-verb phrase,
    `verb`)."""
    anchor = verb if verb is not None else trigger
    chain = _governors(anchor)
    words = lexicon.word_class
    negation, failure = words("negation_words"), words("failure_verbs")
    conditional, hedges, habitual = (
        words("conditional_marks"),
        words("hedges"),
        words("habitual_adverbs"),
    )

    for token in chain:
        if any(
            c.dep_ == "neg" or (c.lower_ in negation and c.dep_ in {"neg", "advmod", "det"})
            for c in token.children
        ):
            return "negated"
        if token != anchor and token.lemma_ in failure:
            return "negated"
    if trigger != anchor and _no(trigger):
        return "negated"
    if any(c.dep_ == "dobj" and _no(c) for c in anchor.children):
        return "negated"  # "took no part in the strikes", "sent no troops"
    for token in chain:
        if any(c.dep_ == "mark" and c.lower_ in conditional for c in token.children):
            return "hypothetical"
        if token.dep_ == "advcl" and any(
            c.lower_ in conditional - {"whether"} for c in token.children
        ):
            return "hypothetical"
    for token in chain:
        if (token != anchor and token.lemma_ in hedges) or any(
            c.dep_ == "advmod" and c.lower_ in hedges for c in token.children
        ):
            return "hedged"
        if any(c.dep_ == "advmod" and c.lower_ in words("report_adverbs") for c in token.children):
            return "reported"  # "reportedly briefed": said by someone, not doubted
        if any(c.dep_ == "advmod" and c.lower_ in habitual for c in token.children):
            return "habitual"
    if _standing(anchor, words("standing_verbs")):
        return "habitual"
    speech = words("speech_verbs")
    for token in chain:
        aux = {c.lower_ for c in token.children if c.dep_ in {"aux", "auxpass"}}
        if token != anchor and token.lemma_ in words("expected_governors"):
            return "expected"
        if aux & words("future_auxiliaries") or (
            token != anchor and token.lemma_ in words("planned_governors")
        ):
            return "planned"
        if (
            any(c.lower_ == "to" for c in token.children)
            and token.head.lemma_ == "be"
            and token.dep_ == "xcomp"
        ):
            return "planned"  # "is to visit"
        if "would" in aux and _announced(chain[-1], speech):
            return "planned"
        if aux & words("hypothetical_auxiliaries"):
            return "hypothetical"
    if anchor.dep_ == "ccomp" and anchor.head.lemma_ in speech:
        return "reported"
    return "asserted"


def _governors(token: Token, *, limit: int = 4) -> list[Token]:
    """The token and the verbs that govern it through xcomp/conj/ccomp-free control chains."""
    chain = [token]
    while token.dep_ in {"xcomp", "conj", "acomp"} and token.head != token and len(chain) <= limit:
        token = token.head
        chain.append(token)
    return chain


def announced(token: Token, lexicon: Lexicon) -> bool:
    """Whether a verb is in the clause a speech verb reports ("said it would strike")."""
    return _announced(_governors(token)[-1], lexicon.word_class("speech_verbs"))


def _announced(clause: Token, speech: frozenset[str]) -> bool:
    """Whether a clause is what a speaker said, announced or promised ("said it would ...")."""
    return clause.dep_ == "ccomp" and clause.head.lemma_ in speech


def _standing(verb: Token, verbs: frozenset[str]) -> bool:
    """'The U.S. maintains 900 troops in Syria': a present state of things, not an event
    (a headline's present, "Iran hosts talks", has no auxiliary either, so only the verbs of
    keeping and having count)."""
    return (
        verb.lemma_ in verbs
        and verb.tag_ in {"VBZ", "VBP"}
        and not any(c.dep_ in {"aux", "auxpass"} for c in verb.children)
    )


def _no(noun: Token) -> bool:
    """'no part', 'no troops': the noun is denied."""
    return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)
