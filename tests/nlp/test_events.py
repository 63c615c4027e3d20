"""Event coding on hand-built parses: the canonical argument frames, with the real lexicon and
KB."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from spacy.tokens import Doc

from detente.nlp.actors import ActorFinder, DocMemory
from detente.nlp.events import Draft, find_events
from detente.nlp.lexicon import Lexicon
from detente.ontology import TYPES

MakeDoc = Callable[..., Doc]

TURKEY_ATTACKED_IRAQ = [
    ("Turkey", "PROPN", "nsubj", 1),
    ("attacked", "VERB", "ROOT", 1, "attack"),
    ("Iraq", "PROPN", "dobj", 1),
    (".", "PUNCT", "punct", 1),
]
IRAQ_WAS_ATTACKED_BY_TURKEY = [
    ("Iraq", "PROPN", "nsubjpass", 2),
    ("was", "AUX", "auxpass", 2, "be"),
    ("attacked", "VERB", "ROOT", 2, "attack"),
    ("by", "ADP", "agent", 2),
    ("Turkey", "PROPN", "pobj", 3),
    (".", "PUNCT", "punct", 2),
]
IRAN_HELD_TALKS_WITH_IRAQ = [
    ("Iran", "PROPN", "nsubj", 1),
    ("held", "VERB", "ROOT", 1, "hold"),
    ("talks", "NOUN", "dobj", 1, "talk"),
    ("with", "ADP", "prep", 2),
    ("Iraq", "PROPN", "pobj", 3),
    (".", "PUNCT", "punct", 1),
]
TURKEY_IRAN_AND_RUSSIA_SIGNED_A_DEAL = [
    ("Turkey", "PROPN", "nsubj", 5),
    (",", "PUNCT", "punct", 0),
    ("Iran", "PROPN", "conj", 0),
    ("and", "CCONJ", "cc", 2),
    ("Russia", "PROPN", "conj", 2),
    ("signed", "VERB", "ROOT", 5, "sign"),
    ("a", "DET", "det", 7),
    ("deal", "NOUN", "dobj", 5),
    (".", "PUNCT", "punct", 5),
]
TURKEY_AND_IRAN_ATTACKED_IRAQ = [
    ("Turkey", "PROPN", "nsubj", 3),
    ("and", "CCONJ", "cc", 0),
    ("Iran", "PROPN", "conj", 0),
    ("attacked", "VERB", "ROOT", 3, "attack"),
    ("Iraq", "PROPN", "dobj", 3),
    (".", "PUNCT", "punct", 3),
]
FRANCE_AND_GERMANY_MET = [
    ("France", "PROPN", "nsubj", 3),
    ("and", "CCONJ", "cc", 0),
    ("Germany", "PROPN", "conj", 0),
    ("met", "VERB", "ROOT", 3, "meet"),
    (".", "PUNCT", "punct", 3),
]


def _code(
    doc: Doc,
    finder: ActorFinder,
    lexicon: Lexicon,
    *,
    memory: DocMemory | None = None,
    offset: int = 0,
) -> list[Draft]:
    return find_events(
        doc, finder.matches(doc), memory or DocMemory(), finder, lexicon, offset=offset
    )


def _triples(drafts: list[Draft]) -> list[tuple[str, str | None, str | None]]:
    return [(d.type, d.source.code, d.target.code if d.target else None) for d in drafts]


def test_subject_verb_object(make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon) -> None:
    doc = make_doc(TURKEY_ATTACKED_IRAQ)
    [draft] = _code(doc, finder, lexicon)
    assert _triples([draft]) == [("ASSAULT", "TUR", "IRQ")]
    assert (draft.source.text, draft.source.span) == ("Turkey", (0, 6))
    assert (draft.target.text, draft.target.span) == ("Iraq", (16, 20))  # type: ignore[union-attr]
    assert (draft.trigger_text, draft.trigger_span, draft.trigger_index) == ("attacked", (7, 15), 1)
    assert (draft.rule, draft.modality) == ("assault.verb.attack", "asserted")
    assert 0.0 < draft.confidence < 1.0


def test_passive_with_agent(make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon) -> None:
    doc = make_doc(IRAQ_WAS_ATTACKED_BY_TURKEY)
    drafts = _code(doc, finder, lexicon)
    assert _triples(drafts) == [("ASSAULT", "TUR", "IRQ")]
    assert drafts[0].source.text == "Turkey" and drafts[0].trigger_text == "attacked"


def test_passive_without_agent_has_no_source(
    make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon
) -> None:
    doc = make_doc(IRAQ_WAS_ATTACKED_BY_TURKEY[:3] + [(".", "PUNCT", "punct", 2)])
    assert _code(doc, finder, lexicon) == []


def test_light_verb_with_trigger_noun(
    make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon
) -> None:
    doc = make_doc(IRAN_HELD_TALKS_WITH_IRAQ)
    drafts = _code(doc, finder, lexicon)
    assert _triples(drafts) == [("CONSULT", "IRN", "IRQ")]  # the noun is not coded a second time
    assert (drafts[0].trigger_text, drafts[0].rule) == ("talks", "consult.noun.talk.hold")


def test_compound_subject_of_a_symmetric_type_pairs_its_members(
    make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon
) -> None:
    doc = make_doc(TURKEY_IRAN_AND_RUSSIA_SIGNED_A_DEAL)
    drafts = _code(doc, finder, lexicon)
    assert _triples(drafts) == [
        ("AGREE", "TUR", "IRN"),
        ("AGREE", "TUR", "RUS"),
        ("AGREE", "IRN", "RUS"),
    ]
    assert {d.trigger_text for d in drafts} == {"deal"}


def test_symmetric_pair_without_object(
    make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon
) -> None:
    doc = make_doc(FRANCE_AND_GERMANY_MET)
    assert _triples(_code(doc, finder, lexicon)) == [("CONSULT", "FRA", "DEU")]


def test_a_deal_signed_by_several_parties_pairs_them(
    make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon
) -> None:
    # the signed text, the passive subject, is no party: the signatories agree with each other
    doc = make_doc(
        [
            ("The", "DET", "det", 1),
            ("truce", "NOUN", "nsubjpass", 3),
            ("was", "AUX", "auxpass", 3),
            ("signed", "VERB", "ROOT", 3, "sign"),
            ("by", "ADP", "agent", 3),
            ("Chad", "PROPN", "pobj", 4),
            (",", "PUNCT", "punct", 5),
            ("Niger", "PROPN", "conj", 5),
            ("and", "CCONJ", "cc", 7),
            ("Mali", "PROPN", "conj", 7),
            (".", "PUNCT", "punct", 3),
        ]
    )
    assert set(_triples(_code(doc, finder, lexicon))) == {
        ("AGREE", "TCD", "NER"),
        ("AGREE", "TCD", "MLI"),
        ("AGREE", "NER", "MLI"),
    }


def test_a_subject_the_parser_hung_on_a_leading_participle_is_the_verb_s(
    make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon
) -> None:
    # "Chad and Niger, meeting in Niamey, agreed ...", with the subject parsed under "meeting"
    doc = make_doc(
        [
            ("Chad", "PROPN", "nsubj", 4),
            ("and", "CCONJ", "cc", 0),
            ("Niger", "PROPN", "conj", 0),
            (",", "PUNCT", "punct", 0),
            ("meeting", "VERB", "advcl", 8, "meet"),
            ("in", "ADP", "prep", 4),
            ("Niamey", "PROPN", "pobj", 5),
            (",", "PUNCT", "punct", 8),
            ("agreed", "VERB", "ROOT", 8, "agree"),
            ("to", "PART", "aux", 10),
            ("cooperate", "VERB", "xcomp", 8),
            (".", "PUNCT", "punct", 8),
        ]
    )
    doc[4].tag_ = "VBG"
    assert ("AGREE", "TCD", "NER") in _triples(_code(doc, finder, lexicon))


def test_compound_subject_of_a_directed_type_gives_one_event_each(
    make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon
) -> None:
    doc = make_doc(TURKEY_AND_IRAN_ATTACKED_IRAQ)
    assert _triples(_code(doc, finder, lexicon)) == [
        ("ASSAULT", "TUR", "IRQ"),
        ("ASSAULT", "IRN", "IRQ"),
    ]


def test_find_events_needs_a_subject(
    make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon
) -> None:
    doc = make_doc(
        [("Attack", "VERB", "ROOT", 0), ("Iraq", "PROPN", "dobj", 0), ("!", "PUNCT", "punct", 0)]
    )
    assert _code(doc, finder, lexicon) == []


def test_find_events_needs_a_trigger(
    make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon
) -> None:
    doc = make_doc(
        [
            ("Turkey", "PROPN", "nsubj", 1),
            ("borders", "VERB", "ROOT", 1, "border"),
            ("Iraq", "PROPN", "dobj", 1),
        ]
    )
    assert _code(doc, finder, lexicon) == []


def test_spans_are_shifted_by_offset(
    make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon
) -> None:
    doc = make_doc(TURKEY_ATTACKED_IRAQ)
    [draft] = _code(doc, finder, lexicon, offset=30)
    assert draft.source.span == (30, 36)
    assert draft.target is not None and draft.target.span == (46, 50)
    assert draft.trigger_span == (37, 45)
    assert draft.trigger_index == 1  # a token index in the sentence, not shifted


def test_unresolved_actors_are_kept_with_their_sector(
    make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon
) -> None:
    doc = make_doc(
        [
            ("Protesters", "NOUN", "nsubj", 1, "protester"),
            ("attacked", "VERB", "ROOT", 1, "attack"),
            ("the", "DET", "det", 3),
            ("police", "NOUN", "dobj", 1),
            (".", "PUNCT", "punct", 1),
        ]
    )
    [draft] = _code(doc, finder, lexicon)
    assert draft.type == "ASSAULT"
    assert (draft.source.code, draft.source.sector, draft.source.text) == (
        None,
        "CVL",
        "Protesters",
    )
    assert draft.target is not None
    assert (draft.target.code, draft.target.sector, draft.target.text) == (
        None,
        "COP",
        "the police",
    )


def test_speech_with_must_is_a_request(
    make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon
) -> None:
    doc = make_doc(
        [
            ("Germany", "PROPN", "nsubj", 1),
            ("said", "VERB", "ROOT", 1, "say"),
            ("Iran", "PROPN", "nsubj", 4),
            ("must", "AUX", "aux", 4),
            ("release", "VERB", "ccomp", 1),
            ("the", "DET", "det", 6),
            ("journalists", "NOUN", "dobj", 4, "journalist"),
            (".", "PUNCT", "punct", 1),
        ]
    )
    drafts = _code(doc, finder, lexicon)
    assert _triples(drafts) == [
        ("REQUEST", "DEU", "IRN")
    ]  # the release itself is what is asked for
    assert (drafts[0].trigger_text, drafts[0].rule) == ("said", "request.speech.must")


def test_harm_the_speaker_says_will_come_is_a_threat(
    make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon
) -> None:
    doc = make_doc(
        [
            ("Germany", "PROPN", "nsubj", 1),
            ("said", "VERB", "ROOT", 1, "say"),
            ("Iran", "PROPN", "nsubj", 4),
            ("would", "AUX", "aux", 4),
            ("face", "VERB", "ccomp", 1),
            ("new", "ADJ", "amod", 6),
            ("sanctions", "NOUN", "dobj", 4, "sanction"),
            (".", "PUNCT", "punct", 1),
        ]
    )
    drafts = _code(doc, finder, lexicon)
    assert ("THREATEN", "DEU", "IRN") in _triples(drafts)
    # a hardship the speaker only describes is no threat
    doc = make_doc(
        [
            ("Germany", "PROPN", "nsubj", 1),
            ("said", "VERB", "ROOT", 1, "say"),
            ("Iran", "PROPN", "nsubj", 4),
            ("would", "AUX", "aux", 4),
            ("face", "VERB", "ccomp", 1),
            ("a", "DET", "det", 6),
            ("winter", "NOUN", "dobj", 4),
            (".", "PUNCT", "punct", 1),
        ]
    )
    assert "THREATEN" not in {t for t, _, _ in _triples(_code(doc, finder, lexicon))}


def test_pronoun_subject_resolves_through_memory(
    make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon
) -> None:
    from detente.models import Actor

    memory = DocMemory()
    memory.note(
        [
            Actor(
                code="IRQ",
                text="Fuad Hussein",
                span=(0, 12),
                name="Fuad Hussein",
                sector="GOV",
                kind="person",
            )
        ]
    )
    doc = make_doc(
        [
            ("He", "PRON", "nsubj", 1, "he"),
            ("visited", "VERB", "ROOT", 1, "visit"),
            ("Ankara", "PROPN", "dobj", 1),
            (".", "PUNCT", "punct", 1),
        ]
    )
    [draft] = _code(doc, finder, lexicon, memory=memory, offset=40)
    assert _triples([draft]) == [("CONSULT", "IRQ", "TUR")]
    assert (draft.source.name, draft.source.text, draft.source.span) == (
        "Fuad Hussein",
        "He",
        (40, 42),
    )


def test_every_draft_names_a_plover_type(
    make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon
) -> None:
    for rows in (
        TURKEY_ATTACKED_IRAQ,
        IRAN_HELD_TALKS_WITH_IRAQ,
        TURKEY_IRAN_AND_RUSSIA_SIGNED_A_DEAL,
    ):
        assert all(d.type in TYPES for d in _code(make_doc(rows), finder, lexicon))


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        (TURKEY_ATTACKED_IRAQ, "ASSAULT"),
        (IRAN_HELD_TALKS_WITH_IRAQ, "CONSULT"),
    ],
)
def test_find_events_returns_no_duplicates(
    make_doc: MakeDoc, finder: ActorFinder, lexicon: Lexicon, rows: list, expected: str
) -> None:
    drafts = _code(make_doc(rows), finder, lexicon)
    keys = [
        (d.type, d.source.span, d.target.span if d.target else None, d.trigger_span) for d in drafts
    ]
    assert len(keys) == len(set(keys)) and drafts[0].type == expected
