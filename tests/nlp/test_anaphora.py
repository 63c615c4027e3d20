"""Events that point back to an earlier one take their missing side from it (both coders)."""

from __future__ import annotations

import pytest
from spacy.language import Language

from detente.models import Article
from detente.nlp import pipeline

pytestmark = pytest.mark.model

Triple = tuple[str | None, str, str | None]


def _events(nlp: Language, text: str) -> set[Triple]:
    (extraction,) = pipeline.extract([Article(id="t", text=text)], nlp)
    return {(e.source.code, e.type, e.target.code if e.target else None) for e in extraction.events}


REPORTS = [
    (
        "Syrian government forces shelled rebel positions near Idlib on Monday, killing 12 "
        "fighters.\n\n"
        "Jordan condemned the attack in a statement on Tuesday.",
        ("JOR", "ACCUSE", "SYR"),
    ),
    (
        "Israeli jets bombed Hamas targets in Gaza overnight.\n\nEgypt condemned the raid.",
        ("EGY", "ACCUSE", "ISR"),
    ),
    (
        "Saudi warplanes struck Houthi positions in Yemen on Friday.\n\n"
        "Jets from Bahrain took part in the strikes, officials said.",
        ("BHR", "ASSAULT", "HOUTHIS"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), REPORTS)
def test_a_reaction_to_an_earlier_event_is_aimed_at_its_source(
    nlp: Language, text: str, expected: Triple
) -> None:
    assert expected in _events(nlp, text)


def test_the_learned_coder_resolves_the_same_reaction(learned_nlp: Language) -> None:
    for text, expected in REPORTS[:2]:
        assert expected in _events(learned_nlp, text)


def test_a_deal_is_no_antecedent(nlp: Language) -> None:
    # "the accord" does not say which party a reaction is aimed at
    text = "Ecuador and Peru signed a border accord.\n\nChile hailed the accord."
    (extraction,) = pipeline.extract([Article(id="t", text=text)], nlp)
    assert not [e for e in extraction.events if e.rule.endswith("+back")]


def test_an_event_after_the_reaction_is_no_antecedent(nlp: Language) -> None:
    events = _events(
        nlp,
        "Jordan condemned the attack on Tuesday.\n\n"
        "Syrian government forces shelled rebel positions near Idlib on Wednesday.",
    )
    assert ("JOR", "ACCUSE", "SYR") not in events


def test_a_gerund_with_its_article_is_an_event_noun(learned_nlp: Language) -> None:
    # "the killing" is often parsed as a verb; with its article it names the earlier attack
    text = (
        "Colombian troops killed a rebel commander near Cali on Monday.\n\n"
        "Venezuela called the killing an act of aggression."
    )
    assert ("VEN", "ACCUSE", "COL") in _events(learned_nlp, text)
