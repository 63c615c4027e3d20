"""Modality read off hand-built parses: negation, auxiliaries, governing verbs, conditions."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from detente.models import MODALITIES
from detente.nlp.lexicon import Lexicon
from detente.nlp.modality import modality_of

MakeDoc = Callable[..., Doc]

IRAN_ATTACKED_ISRAEL = [
    ("Iran", "PROPN", "nsubj", 1),
    ("attacked", "VERB", "ROOT", 1, "attack"),
    ("Israel", "PROPN", "dobj", 1),
    (".", "PUNCT", "punct", 1),
]
IRAN_DID_NOT_ATTACK = [
    ("Iran", "PROPN", "nsubj", 3),
    ("did", "AUX", "aux", 3, "do"),
    ("not", "PART", "neg", 3),
    ("attack", "VERB", "ROOT", 3),
    ("Israel", "PROPN", "dobj", 3),
    (".", "PUNCT", "punct", 3),
]
IRAN_WILL_ATTACK = [
    ("Iran", "PROPN", "nsubj", 2),
    ("will", "AUX", "aux", 2),
    ("attack", "VERB", "ROOT", 2),
    ("Israel", "PROPN", "dobj", 2),
    (".", "PUNCT", "punct", 2),
]
IRAN_COULD_ATTACK = [
    ("Iran", "PROPN", "nsubj", 2),
    ("could", "AUX", "aux", 2),
    ("attack", "VERB", "ROOT", 2),
    ("Israel", "PROPN", "dobj", 2),
    (".", "PUNCT", "punct", 2),
]
# "If Iran attacks Israel, NATO will respond." -- the "will" of the main clause must not leak in
IF_IRAN_ATTACKS = [
    ("If", "SCONJ", "mark", 2, "if"),
    ("Iran", "PROPN", "nsubj", 2),
    ("attacks", "VERB", "advcl", 7, "attack"),
    ("Israel", "PROPN", "dobj", 2),
    (",", "PUNCT", "punct", 7),
    ("NATO", "PROPN", "nsubj", 7),
    ("will", "AUX", "aux", 7),
    ("respond", "VERB", "ROOT", 7),
    (".", "PUNCT", "punct", 7),
]
IRAN_IS_SCHEDULED_TO_VISIT = [
    ("Iran", "PROPN", "nsubjpass", 2),
    ("is", "AUX", "auxpass", 2, "be"),
    ("scheduled", "VERB", "ROOT", 2, "schedule"),
    ("to", "PART", "aux", 4),
    ("visit", "VERB", "xcomp", 2),
    ("Iraq", "PROPN", "dobj", 4),
    (".", "PUNCT", "punct", 2),
]
ISRAEL_IS_EXPECTED_TO_ATTACK = [
    ("Israel", "PROPN", "nsubjpass", 2),
    ("is", "AUX", "auxpass", 2, "be"),
    ("expected", "VERB", "ROOT", 2, "expect"),
    ("to", "PART", "aux", 4),
    ("attack", "VERB", "xcomp", 2),
    ("Iran", "PROPN", "dobj", 4),
    (".", "PUNCT", "punct", 2),
]
IRAN_IS_TO_VISIT = [
    ("Iran", "PROPN", "nsubj", 1),
    ("is", "AUX", "ROOT", 1, "be"),
    ("to", "PART", "aux", 3),
    ("visit", "VERB", "xcomp", 1),
    ("Iraq", "PROPN", "dobj", 3),
    (".", "PUNCT", "punct", 1),
]
GERMANY_SAID_IRAN_ATTACKED = [
    ("Germany", "PROPN", "nsubj", 1),
    ("said", "VERB", "ROOT", 1, "say"),
    ("Iran", "PROPN", "nsubj", 3),
    ("attacked", "VERB", "ccomp", 1, "attack"),
    ("Israel", "PROPN", "dobj", 3),
    (".", "PUNCT", "punct", 1),
]
IRAN_REFUSED_TO_ATTACK = [
    ("Iran", "PROPN", "nsubj", 1),
    ("refused", "VERB", "ROOT", 1, "refuse"),
    ("to", "PART", "aux", 3),
    ("attack", "VERB", "xcomp", 1),
    ("Israel", "PROPN", "dobj", 3),
    (".", "PUNCT", "punct", 1),
]
# light-verb phrases: the trigger is the noun, the verb carries the modality
IRAN_FAILED_TO_REACH_AGREEMENT = [
    ("Iran", "PROPN", "nsubj", 1),
    ("failed", "VERB", "ROOT", 1, "fail"),
    ("to", "PART", "aux", 3),
    ("reach", "VERB", "xcomp", 1),
    ("an", "DET", "det", 5),
    ("agreement", "NOUN", "dobj", 3),
    (".", "PUNCT", "punct", 1),
]
NO_AGREEMENT_WAS_REACHED = [
    ("No", "DET", "det", 1, "no"),
    ("agreement", "NOUN", "nsubjpass", 3),
    ("was", "AUX", "auxpass", 3, "be"),
    ("reached", "VERB", "ROOT", 3, "reach"),
    (".", "PUNCT", "punct", 3),
]
IRAN_SENT_NO_TROOPS = [
    ("Iran", "PROPN", "nsubj", 1),
    ("sent", "VERB", "ROOT", 1, "send"),
    ("no", "DET", "det", 3, "no"),
    ("troops", "NOUN", "dobj", 1, "troop"),
    (".", "PUNCT", "punct", 1),
]
IRAN_WILL_HOLD_TALKS = [
    ("Iran", "PROPN", "nsubj", 2),
    ("will", "AUX", "aux", 2),
    ("hold", "VERB", "ROOT", 2),
    ("talks", "NOUN", "dobj", 2, "talk"),
    (".", "PUNCT", "punct", 2),
]

BRITAIN_SAID_IT_WOULD_SEND = [
    ("Britain", "PROPN", "nsubj", 1),
    ("said", "VERB", "ROOT", 1, "say"),
    ("it", "PRON", "nsubj", 4),
    ("would", "AUX", "aux", 4),
    ("send", "VERB", "ccomp", 1),
    ("troops", "NOUN", "dobj", 4, "troop"),
    (".", "PUNCT", "punct", 1),
]
BRITAIN_WOULD_SEND = [
    ("Britain", "PROPN", "nsubj", 2),
    ("would", "AUX", "aux", 2),
    ("send", "VERB", "ROOT", 2),
    ("troops", "NOUN", "dobj", 2, "troop"),
    (".", "PUNCT", "punct", 2),
]
IRAN_APPEARED_TO_REJECT = [
    ("Iran", "PROPN", "nsubj", 1),
    ("appeared", "VERB", "ROOT", 1, "appear"),
    ("to", "PART", "aux", 3),
    ("reject", "VERB", "xcomp", 1),
    ("the", "DET", "det", 5),
    ("offer", "NOUN", "dobj", 3),
    (".", "PUNCT", "punct", 1),
]
ISRAEL_REGULARLY_STRIKES = [
    ("Israel", "PROPN", "nsubj", 2),
    ("regularly", "ADV", "advmod", 2),
    ("strikes", "VERB", "ROOT", 2, "strike"),
    ("Syria", "PROPN", "dobj", 2),
    (".", "PUNCT", "punct", 2),
]
SYRIA_REPORTEDLY_BRIEFED = [
    ("Syria", "PROPN", "nsubj", 2),
    ("reportedly", "ADV", "advmod", 2),
    ("briefed", "VERB", "ROOT", 2, "brief"),
    ("Turkey", "PROPN", "dobj", 2),
    (".", "PUNCT", "punct", 2),
]


@pytest.mark.parametrize(
    ("rows", "trigger", "verb", "expected"),
    [
        pytest.param(IRAN_ATTACKED_ISRAEL, 1, None, "asserted", id="plain-past"),
        pytest.param(IRAN_DID_NOT_ATTACK, 3, None, "negated", id="neg-child"),
        pytest.param(IRAN_WILL_ATTACK, 2, None, "planned", id="will-aux"),
        pytest.param(IRAN_COULD_ATTACK, 2, None, "hypothetical", id="could-aux"),
        pytest.param(IF_IRAN_ATTACKS, 2, None, "hypothetical", id="if-mark"),
        pytest.param(IRAN_IS_SCHEDULED_TO_VISIT, 4, None, "planned", id="scheduled-to"),
        pytest.param(ISRAEL_IS_EXPECTED_TO_ATTACK, 4, None, "expected", id="expected-to"),
        pytest.param(IRAN_IS_TO_VISIT, 3, None, "planned", id="is-to"),
        pytest.param(GERMANY_SAID_IRAN_ATTACKED, 3, None, "reported", id="said-ccomp"),
        pytest.param(IRAN_REFUSED_TO_ATTACK, 3, None, "negated", id="refused-to"),
        pytest.param(IRAN_FAILED_TO_REACH_AGREEMENT, 5, 3, "negated", id="failed-to-reach"),
        pytest.param(NO_AGREEMENT_WAS_REACHED, 1, 3, "negated", id="no-agreement"),
        pytest.param(IRAN_SENT_NO_TROOPS, 1, None, "negated", id="no-object"),
        pytest.param(IRAN_WILL_HOLD_TALKS, 3, 2, "planned", id="will-hold-talks"),
        pytest.param(BRITAIN_SAID_IT_WOULD_SEND, 4, None, "planned", id="said-it-would"),
        pytest.param(BRITAIN_WOULD_SEND, 2, None, "hypothetical", id="would-alone"),
        pytest.param(IRAN_APPEARED_TO_REJECT, 3, None, "hedged", id="appeared-to"),
        pytest.param(ISRAEL_REGULARLY_STRIKES, 2, None, "habitual", id="regularly"),
        # attributed, not doubted: it counts, as what a speaker says happened does
        pytest.param(SYRIA_REPORTEDLY_BRIEFED, 2, None, "reported", id="reportedly"),
    ],
)
def test_modality_of(
    make_doc: MakeDoc, lexicon: Lexicon, rows: list, trigger: int, verb: int | None, expected: str
) -> None:
    doc = make_doc(rows)
    found = modality_of(doc[trigger], lexicon, verb=doc[verb] if verb is not None else None)
    assert found == expected
    assert found in MODALITIES


def test_modality_of_main_clause_is_not_reported(make_doc: MakeDoc, lexicon: Lexicon) -> None:
    # the speech verb itself is asserted; only the clause it governs is reported
    doc = make_doc(GERMANY_SAID_IRAN_ATTACKED)
    assert modality_of(doc[1], lexicon) == "asserted"


def test_negation_wins_over_future(make_doc: MakeDoc, lexicon: Lexicon) -> None:
    doc = make_doc(
        [
            ("Iran", "PROPN", "nsubj", 3),
            ("will", "AUX", "aux", 3),
            ("not", "PART", "neg", 3),
            ("attack", "VERB", "ROOT", 3),
            ("Israel", "PROPN", "dobj", 3),
            (".", "PUNCT", "punct", 3),
        ]
    )
    assert modality_of(doc[3], lexicon) == "negated"


@pytest.mark.parametrize(
    ("verb", "tag", "expected"), [("maintains", "VBZ", "habitual"), ("sent", "VBD", "asserted")]
)
def test_keeping_troops_is_a_state_not_an_event(
    make_doc: MakeDoc, lexicon: Lexicon, verb: str, tag: str, expected: str
) -> None:
    # "The U.S. maintains 900 troops in Syria" is background; "sent 900 troops" happened
    doc = make_doc(
        [
            ("Washington", "PROPN", "nsubj", 1),
            (verb, "VERB", "ROOT", 1, "maintain" if tag == "VBZ" else "send"),
            ("900", "NUM", "nummod", 3),
            ("troops", "NOUN", "dobj", 1),
            (".", "PUNCT", "punct", 1),
        ]
    )
    doc[1].tag_ = tag
    assert modality_of(doc[1], lexicon) == expected


def test_a_kept_state_with_an_auxiliary_is_no_standing_claim(
    make_doc: MakeDoc, lexicon: Lexicon
) -> None:
    doc = make_doc(
        [
            ("Washington", "PROPN", "nsubj", 2),
            ("will", "AUX", "aux", 2),
            ("keep", "VERB", "ROOT", 2),
            ("troops", "NOUN", "dobj", 2),
            (".", "PUNCT", "punct", 2),
        ]
    )
    doc[2].tag_ = "VB"
    assert modality_of(doc[2], lexicon) == "planned"
