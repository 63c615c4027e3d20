"""Events that point back to an earlier one take their missing side from it (both coders)."""

from __future__ import annotations

from dataclasses import replace

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from detente.models import Article
from detente.nlp import pipeline
from detente.nlp.actors import DocMemory
from detente.nlp.anaphora import resolve_back
from detente.nlp.events import Draft, find_events
from detente.nlp.lexicon import load_lexicon

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
        "Ethiopian troops shelled villages near the border on Monday.\n\n"
        "The African Union denounced a brutal and senseless attack.",
        ("AU", "ACCUSE", "ETH"),
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
    # the model sees one sentence, so it cannot judge a side that is in an earlier one: the
    # rules' pointing-back events wait for their antecedent
    for text, expected in [*REPORTS, *JUDGED]:
        assert expected in _events(learned_nlp, text)


def test_the_members_a_group_counts_are_the_ones_who_react(nlp: Language) -> None:
    # "X and Y were among the governments that condemned ...": X and Y condemned it
    text = (
        "Ethiopian troops shelled rebel-held villages near the border on Monday.\n\n"
        "Kenya and Uganda were among the African governments that condemned the shelling."
    )
    events = _events(nlp, text)
    assert {("KEN", "ACCUSE", "ETH"), ("UGA", "ACCUSE", "ETH")} <= events


def test_a_win_for_the_speaker_s_own_country_is_no_target(nlp: Language) -> None:
    # the leader speaks for Armenia, so Armenia named as the beneficiary is no side: the
    # welcome points back to whoever made the move
    text = (
        "Turkey agreed on Monday to reopen its border crossing with Armenia.\n\n"
        "Armenia's prime minister welcomed the move as a win for Armenia."
    )
    events = _events(nlp, text)
    assert ("ARM", "SUPPORT", "TUR") in events
    assert not [e for e in events if e[0] == e[2] == "ARM"]


def test_what_did_not_happen_is_no_antecedent(nlp: Language) -> None:
    text = (
        "Saudi warplanes struck Houthi positions in Yemen on Friday.\n\n"
        "U.S. forces took no part in the strikes.\n\n"
        "Iran demanded a halt to the campaign."
    )
    events = _events(nlp, text)
    assert ("USA", "ASSAULT", "HOUTHIS") not in events
    assert ("IRN", "REQUEST", "SAU") in events


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


JUDGED = [
    (
        "Gunmen from the Kurdistan Workers' Party ambushed a Turkish army convoy on Monday.\n\n"
        "Germany's foreign minister called the attack an outrage.",
        ("DEU", "ACCUSE", "PKK"),
    ),
    (
        "Russia bombed Ukrainian power stations overnight.\n\n"
        "Poland's president called the strike a war crime.",
        ("POL", "ACCUSE", "RUS"),
    ),
    (
        "Chile expelled two Peruvian diplomats on Friday.\n\n"
        "Peru's foreign ministry said it regretted the decision.",
        ("PER", "ACCUSE", "CHL"),
    ),
    (
        # the small parser reads "the [attack] barbarism": the event noun as a modifier
        "Russian missiles struck a shopping centre in Lviv on Monday.\n\n"
        "The Polish president called the attack pure terror and urged allies to respond.",
        ("POL", "ACCUSE", "RUS"),
    ),
]


@pytest.mark.parametrize(("text", "expected"), JUDGED)
def test_what_a_naming_verb_says_of_an_earlier_event_is_a_reaction_to_it(
    nlp: Language, text: str, expected: Triple
) -> None:
    # "called the attack cowardly" judges the attack: no new attack by the speaker
    events = _events(nlp, text)
    assert expected in events
    assert not [e for e in events if e[0] == expected[0] and e[1] == "ASSAULT"]


def test_a_light_verb_with_an_indefinite_noun_is_still_the_noun_s_event(nlp: Language) -> None:
    events = _events(nlp, "Nigeria's main labour union called a general strike on Monday.")
    assert [e for e in events if e[1] == "PROTEST"]
    assert not [e for e in events if e[1] == "ACCUSE"]


def _drafts(nlp: Language, text: str) -> tuple[Doc, list[Draft]]:
    """The rule coder's drafts for one sentence, with its parse."""
    coder = pipeline._coder_for(nlp)
    doc = coder.nlp(text, disable=["detente_actors"])
    places, matches = coder.places_and_matches(doc)
    return doc, find_events(doc, matches, DocMemory(), coder.finder, coder.lexicon, places=places)


def test_the_surest_attack_of_the_latest_sentence_is_the_antecedent(nlp: Language) -> None:
    # two attacks in the sentence before: "the killing" points at the surer one, not the last
    attack_doc, (attack,) = _drafts(nlp, "Syrian troops attacked Turkish soldiers.")
    iran = replace(attack.source, code="IRN", name="Iran")
    sure, unsure = replace(attack, source=iran, confidence=0.9), replace(attack, confidence=0.3)
    reaction_doc, (reaction,) = _drafts(nlp, "Israel condemned the killing.")
    found = [(0, attack_doc, [sure, unsure]), (0, reaction_doc, [reaction])]
    ((resolved,),) = resolve_back(found, load_lexicon())[1:]
    assert resolved.target is not None and resolved.target.code == "IRN"


def test_a_pending_event_with_nothing_to_point_at_is_dropped(nlp: Language) -> None:
    doc, (reaction,) = _drafts(nlp, "Israel condemned the killing.")
    assert resolve_back([(0, doc, [reaction])], load_lexicon()) == [[reaction]]
    pending = replace(reaction, pending=True)
    assert resolve_back([(0, doc, [pending])], load_lexicon()) == [[]]


def test_a_noun_that_names_an_event_type_points_at_an_event_of_that_type(nlp: Language) -> None:
    text = (
        "The European Union imposed sanctions on Iranian drone makers on Monday.\n\n"
        "Iran's foreign minister accused the bloc of hostility.\n\n"
        "Ukraine welcomed the sanctions."
    )
    events = _events(nlp, text)
    assert ("UKR", "SUPPORT", "EU") in events
    assert ("UKR", "SUPPORT", "IRN") not in events


def test_an_attack_joins_an_actor_before_a_place_that_stands_for_a_state(nlp: Language) -> None:
    text = (
        "Saudi Arabia launched air strikes on Houthi rebels on Thursday.\n\n"
        "Saudi jets also hit an air base near Sanaa.\n\n"
        "Warplanes from Bahrain took part in the raids."
    )
    events = _events(nlp, text)
    assert ("BHR", "ASSAULT", "HOUTHIS") in events
    assert ("BHR", "ASSAULT", "YEM") not in events


@pytest.mark.parametrize(
    "reaction",
    [
        "Nigeria's president promised severe revenge against those responsible.",
        "Nigeria's president vowed to punish the perpetrators.",
    ],
)
def test_those_responsible_are_whoever_did_the_attack(nlp: Language, reaction: str) -> None:
    text = f"Boko Haram fighters attacked an army base in Borno on Monday.\n\n{reaction}"
    triples = _events(nlp, text)
    assert any(s == "NGA" and o == "BOKO_HARAM" for s, _, o in triples)


@pytest.mark.parametrize(
    "text",
    [
        "Kenya and Ethiopia held talks on Monday.\n\nTheir governments signed a border pact.",
        "Kenya and Ethiopia held talks on Monday, a week after their governments signed a "
        "border pact.",
    ],
)
def test_their_governments_are_the_group_named_before(nlp: Language, text: str) -> None:
    events = _events(nlp, text)
    assert ("KEN", "AGREE", "ETH") in events or ("ETH", "AGREE", "KEN") in events


@pytest.mark.parametrize("coder", ["nlp", "learned_nlp"])
def test_a_denial_answers_the_latest_accuser(request: pytest.FixtureRequest, coder: str) -> None:
    text = (
        "Ethiopia blamed the bombing of the market on the TPLF.\n\nThe TPLF denied any involvement."
    )
    events = _events(request.getfixturevalue(coder), text)
    assert ("TPLF", "REJECT", "ETH") in events
