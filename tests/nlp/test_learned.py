"""The learned coder end to end, on sentences of our own: what it finds and how it says so."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from detente.errors import ConfigError
from detente.models import Article, Event
from detente.nlp import pipeline
from detente.nlp.actors import DocMemory
from detente.nlp.pairs import find_mentions, without_lists
from detente.nlp.pipeline import extract

pytestmark = pytest.mark.model


def _events(nlp, text: str, *, on: date | None = date(2024, 3, 4)) -> list[Event]:  # type: ignore[no-untyped-def]
    (extraction,) = extract([Article(id="t", text=text, published=on)], nlp)
    assert extraction.error is None
    return list(extraction.events)


def _triples(events: list[Event]) -> set[tuple[str | None, str, str | None]]:
    return {(e.source.code, e.type, e.target.code if e.target else None) for e in events}


def test_a_meeting_of_two_ministers_is_one_consult_and_its_city_is_no_side(learned_nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        learned_nlp,
        "Kenyan Foreign Minister Musalia Mudavadi met his Ethiopian counterpart "
        "Taye Atske Selassie in Geneva on Monday to discuss the Somalia mission.",
    )
    consults = [e for e in events if e.type == "CONSULT"]
    assert len(consults) == 1
    assert {consults[0].source.code, consults[0].target.code} == {"KEN", "ETH"}
    assert not any("CHE" in (e.source.code, e.target.code if e.target else None) for e in events)


def test_an_event_says_which_model_decided_and_how_sure_it_is(learned_nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        learned_nlp,
        "Pakistani troops shelled Afghan border posts on Sunday, Afghan officials said.",
    )
    assault = next(e for e in events if e.type == "ASSAULT")
    assert assault.rule.startswith("pair-coder-")
    assert 0.0 < assault.confidence <= 1.0
    assert (assault.source.code, assault.target.code) == ("PAK", "AFG")


def test_a_hypothetical_threat_is_not_an_event_by_default(learned_nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Analysts said Brazil could recall its ambassador from Caracas if the talks were to fail."
    )
    assert ("BRA", "SANCTION", "VEN") not in _triples(_events(learned_nlp, text))


def test_the_rules_coder_names_its_lexicon_rule(nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        nlp,
        "Chinese President Xi Jinping met South African President Cyril Ramaphosa in Beijing "
        "on Monday.",
    )
    assert events and all(not e.rule.startswith("pair-coder") for e in events)


def test_an_unknown_coder_is_a_config_error() -> None:
    from detente.nlp.pipeline import build_nlp
    from detente.settings import Settings

    with pytest.raises(ConfigError, match="unknown coder"):
        build_nlp(Settings(coder="oracle"))


def test_members_listed_after_a_plural_noun_are_one_side(learned_nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        learned_nlp,
        "Venezuela and four regional mediators — Brazil, Colombia, Mexico and Argentina — "
        "held talks in Bogota on Tuesday.",
    )
    members = {"BRA", "COL", "MEX", "ARG"}
    assert not [
        e for e in events if e.source.code in members and e.target and e.target.code in members
    ]


def test_what_is_said_of_a_plural_noun_is_said_of_each_member_it_lists(learned_nlp) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Kenya and three neighbours — Uganda, Tanzania and Rwanda — signed a trade pact in "
        "Nairobi on Monday."
    )
    agreed = {frozenset((s, t)) for s, kind, t in _triples(_events(learned_nlp, text))}
    assert {frozenset(("KEN", code)) for code in ("UGA", "TZA", "RWA")} <= agreed


def test_the_coder_reads_a_listing_sentence_with_the_list_left_out(learned_nlp) -> None:  # type: ignore[no-untyped-def]
    coder = pipeline._coder_for(learned_nlp)
    text = "Egypt and two Gulf states (Saudi Arabia and Oman) met in Cairo."
    doc = coder.nlp(text, disable=["detente_actors"])
    places, matches = coder.places_and_matches(doc)
    mentions = find_mentions(doc, matches, DocMemory(), coder.finder, places=places)
    view = without_lists(doc, mentions)
    assert view is not None
    blanked, spans = view
    assert len(blanked) == len(text) and "Oman" not in blanked and blanked.endswith("met in Cairo.")
    noun = text.index("two Gulf states"), text.index("two Gulf states") + len("two Gulf states")
    listed = {text[m.start : m.end]: span for m, span in zip(mentions, spans, strict=True)}
    assert listed["Saudi Arabia"] == listed["Oman"] == noun
    assert listed["Egypt"] == (0, 5)


def test_an_intercepted_attack_is_by_whoever_fired_it(learned_nlp) -> None:  # type: ignore[no-untyped-def]
    found = _triples(_events(learned_nlp, "Israel intercepted dozens of Iranian missiles."))
    assert ("IRN", "ASSAULT", "ISR") in found and ("ISR", "ASSAULT", "IRN") not in found


def test_a_minister_the_kb_does_not_know_is_coded_with_the_state_of_the_place(learned_nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        learned_nlp,
        "In Nairobi, Interior Minister Wanjiru Kamau accused Somalia on Friday of harbouring "
        "the gunmen who attacked a border post.",
    )
    assert ("KEN", "ACCUSE", "SOM") in _triples(events)
    assert {e.source.code for e in events} == {"KEN"}
    assert all(e.source.name == "Wanjiru Kamau" for e in events if e.source.kind == "person")


def test_an_act_with_its_target_is_not_also_an_act_on_its_own(learned_nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(learned_nlp, "Germany deployed 500 soldiers to Lithuania on Tuesday.")
    found = _triples(events)
    # the deployment is one event, to Lithuania or on its own, never both
    assert len(found & {("DEU", "MOBILIZE", "LTU"), ("DEU", "MOBILIZE", None)}) == 1


def test_an_attacked_place_is_the_attacks_target(learned_nlp) -> None:  # type: ignore[no-untyped-def]
    # a place is no side unless it is acted on: then it stands for its state
    events = _events(learned_nlp, "Russian drones struck Kharkiv overnight, officials said.")
    attacks = [e for e in events if e.type == "ASSAULT"]
    assert attacks and all(e.target is not None and e.target.code == "UKR" for e in attacks)


def test_a_states_own_organs_act_on_its_people(learned_nlp) -> None:  # type: ignore[no-untyped-def]
    events = _events(
        learned_nlp,
        "Zambian police arrested opposition leader Hakainde Hichilema at his home in Lusaka "
        "on Wednesday.",
    )
    assert any(
        e.type == "COERCE"
        and e.source.code == "ZMB"
        and e.target is not None
        and e.target.code is not None
        and e.target.code.endswith("ZMB")
        for e in events
    )


def _candidate(doc, first: int, last: int, code: str | None, **fields):  # type: ignore[no-untyped-def]
    """The mention of tokens first..last of `doc` (a parse made by `make_doc`)."""
    from detente.models import Actor
    from detente.nlp.pairs import Candidate

    span = doc[first : last + 1]
    start, end = span.start_char, span.end_char
    actor = Actor(code=code, text=span.text, span=(start, end), **fields)
    return Candidate(actor=actor, head=first, start=start, end=end)


def _coded(doc, mentions, pairs, probs, labels, rules, lexicon):  # type: ignore[no-untyped-def]
    """The learned coder's drafts for made-up model answers, as (source, type, target)."""
    from detente.nlp.learned import learned_drafts

    drafts = learned_drafts(
        doc, mentions, pairs, np.array(probs), labels, rules, lexicon,
        offset=0, threshold=0.55, rule_floor=0.1, model="test",
    )  # fmt: skip
    return [
        (d.source.code, d.type, (d.target.code or d.target.text) if d.target else None)
        for d in drafts
    ]


def test_a_target_no_one_can_name_keeps_its_phrase(make_doc, lexicon) -> None:  # type: ignore[no-untyped-def]
    # "The Taliban detained journalists, reporters for a weekly": when the coder says the
    # act was done to the phrase, it is the target, uncoded, its widest apposition standing in
    doc = make_doc(
        [
            ("Taliban", "PROPN", "nsubj", 1),
            ("detained", "VERB", "ROOT", 1),
            ("journalists", "NOUN", "dobj", 1),
            (",", "PUNCT", "punct", 2),
            ("reporters", "NOUN", "appos", 2),
        ]
    )
    mentions = [
        _candidate(doc, 0, 0, "TALIBAN", sector="REB"),
        _candidate(doc, 2, 4, None, sector="MED"),
        _candidate(doc, 4, 4, None, sector="MED"),
    ]
    pairs = [(0, 1), (0, 2), (0, -1)]
    probs = [[0.1, 0.9], [0.2, 0.8], [0.6, 0.4]]
    assert _coded(doc, mentions, pairs, probs, ["NONE", "COERCE"], [], lexicon) == [
        ("TALIBAN", "COERCE", "journalists, reporters")
    ]


def test_a_rule_event_with_its_target_replaces_the_models_one_sided_one(make_doc, lexicon) -> None:  # type: ignore[no-untyped-def]
    # "Germany deployed troops to Lithuania": the rules found the pair, the model the act alone
    from detente.nlp.events import Draft

    doc = make_doc(
        [
            ("Germany", "PROPN", "nsubj", 1),
            ("deployed", "VERB", "ROOT", 1),
            ("troops", "NOUN", "dobj", 1),
            ("to", "ADP", "prep", 1),
            ("Lithuania", "PROPN", "pobj", 3),
        ]
    )
    mentions = [
        _candidate(doc, 0, 0, "DEU", kind="state"),
        _candidate(doc, 4, 4, "LTU", kind="state"),
    ]
    rule = Draft(
        type="MOBILIZE",
        mode="troops",
        source=mentions[0].actor,
        target=mentions[1].actor,
        trigger_text="deployed",
        trigger_span=(8, 16),
        trigger_index=1,
        modality="asserted",
        confidence=0.5,
        rule="mobilize.verb.deploy",
    )
    pairs = [(0, 1), (1, 0), (0, -1), (1, -1)]
    probs = [[0.7, 0.3], [1.0, 0.0], [0.2, 0.8], [1.0, 0.0]]
    assert _coded(doc, mentions, pairs, probs, ["NONE", "MOBILIZE"], [rule], lexicon) == [
        ("DEU", "MOBILIZE", "LTU")
    ]


def test_the_models_pair_replaces_a_rule_event_on_its_own(make_doc, lexicon) -> None:  # type: ignore[no-untyped-def]
    # "The bloc closed its borders with Niger and froze its assets": the model found the pair,
    # the rules the same act aimed at a phrase no one can name; one event, not two
    from detente.models import Actor
    from detente.nlp.events import Draft

    doc = make_doc(
        [
            ("ECOWAS", "PROPN", "nsubj", 1),
            ("froze", "VERB", "ROOT", 1),
            ("Niger", "PROPN", "poss", 3),
            ("assets", "NOUN", "dobj", 1),
        ]
    )
    mentions = [
        _candidate(doc, 0, 0, "ECOWAS", kind="org"),
        _candidate(doc, 2, 2, "NER", kind="state"),
    ]
    assets = Actor(code=None, text="assets", span=(21, 27), kind="phrase")
    rule = Draft(
        type="SANCTION",
        mode="freeze",
        source=mentions[0].actor,
        target=assets,
        trigger_text="froze",
        trigger_span=(7, 12),
        trigger_index=1,
        modality="asserted",
        confidence=0.5,
        rule="sanction.verb.freeze",
    )
    pairs = [(0, 1), (1, 0), (0, -1), (1, -1)]
    probs = [[0.1, 0.9], [1.0, 0.0], [0.4, 0.6], [1.0, 0.0]]
    assert _coded(doc, mentions, pairs, probs, ["NONE", "SANCTION"], [rule], lexicon) == [
        ("ECOWAS", "SANCTION", "NER")
    ]


def test_a_warning_of_harm_stands_where_the_model_reads_a_hypothetical(make_doc, lexicon) -> None:  # type: ignore[no-untyped-def]
    # "Germany said Iran would face sanctions if ...": the conventions code the warning
    from detente.nlp.events import Draft

    doc = make_doc(
        [
            ("Germany", "PROPN", "nsubj", 1),
            ("said", "VERB", "ROOT", 1),
            ("Iran", "PROPN", "nsubj", 4),
            ("would", "AUX", "aux", 4),
            ("face", "VERB", "ccomp", 1),
            ("sanctions", "NOUN", "dobj", 4),
        ]
    )
    mentions = [
        _candidate(doc, 0, 0, "DEU", kind="state"),
        _candidate(doc, 2, 2, "IRN", kind="state"),
    ]
    rule = Draft(
        type="THREATEN",
        mode="warn",
        source=mentions[0].actor,
        target=mentions[1].actor,
        trigger_text="said",
        trigger_span=(8, 12),
        trigger_index=1,
        modality="asserted",
        confidence=0.7,
        rule="threaten.speech.face",
    )
    pairs = [(0, 1), (1, 0), (0, -1), (1, -1)]
    probs = [[1.0, 0.0]] * 4
    labels = ["NONE", "THREATEN"]
    assert _coded(doc, mentions, pairs, probs, labels, [rule], lexicon) == [
        ("DEU", "THREATEN", "IRN")
    ]
    # "Germany said it would respond if Iran ...": the same warning, to whom the condition names
    responded = replace(rule, rule="threaten.speech.respond")
    assert _coded(doc, mentions, pairs, probs, labels, [responded], lexicon) == [
        ("DEU", "THREATEN", "IRN")
    ]
    other = replace(rule, rule="threaten.verb.warn")
    assert _coded(doc, mentions, pairs, probs, labels, [other], lexicon) == []


def test_a_rule_target_read_off_a_place_counts_what_the_model_says_of_the_source(
    make_doc, lexicon
) -> None:  # type: ignore[no-untyped-def]
    # "The U.S. left Ain al-Asad": the base stands for Iraq in the rules, but the model saw
    # no mention there; its answer for the source alone decides, not its answer for "Iraq"
    from dataclasses import replace

    from detente.models import Actor
    from detente.nlp.events import Draft

    doc = make_doc(
        [
            ("Iran", "PROPN", "nsubj", 1),
            ("praised", "VERB", "ROOT", 1),
            ("Iraq", "PROPN", "dobj", 1),
            ("after", "ADP", "prep", 1),
            ("U.S.", "PROPN", "nsubj", 5),
            ("left", "VERB", "pcomp", 3),
            ("Asad", "PROPN", "dobj", 5),
        ]
    )
    mentions = [
        _candidate(doc, 0, 0, "IRN", kind="state"),
        _candidate(doc, 2, 2, "IRQ", kind="state"),
        _candidate(doc, 4, 4, "USA", kind="state"),
    ]
    base = doc[6]
    place = Actor(code="IRQ", text="Asad", span=(base.idx, base.idx + 4), kind="place")
    rule = Draft(
        type="RETREAT",
        mode="withdraw",
        source=mentions[2].actor,
        target=place,
        trigger_text="left",
        trigger_span=(doc[5].idx, doc[5].idx + 4),
        trigger_index=5,
        modality="asserted",
        confidence=0.6,
        rule="retreat.verb.leave",
    )
    pairs = [(0, 1), (2, 1), (2, -1)]
    labels = ["NONE", "RETREAT"]
    probs = [[1.0, 0.0], [0.98, 0.02], [0.7, 0.3]]
    assert _coded(doc, mentions, pairs, probs, labels, [rule], lexicon) == [
        ("USA", "RETREAT", "IRQ")
    ]
    # a target the model saw as a mention is judged by the pair alone
    seen = replace(rule, target=mentions[1].actor)
    assert _coded(doc, mentions, pairs, probs, labels, [seen], lexicon) == []


def test_members_of_one_phrase_that_each_pull_back_pull_back_from_each_other(
    make_doc, lexicon
) -> None:  # type: ignore[no-untyped-def]
    # "troops from both sides pulled back": the phrase is India's and China's at once
    doc = make_doc(
        [
            ("troops", "NOUN", "nsubj", 4),
            ("from", "ADP", "prep", 0),
            ("both", "DET", "det", 3),
            ("sides", "NOUN", "pobj", 1),
            ("pulled", "VERB", "ROOT", 4),
            ("back", "ADV", "advmod", 4),
            ("and", "CCONJ", "cc", 4),
            ("Pakistan", "PROPN", "conj", 4),
        ]
    )
    mentions = [
        _candidate(doc, 0, 3, "IND", kind="state"),
        _candidate(doc, 2, 3, "CHN", kind="state"),
        _candidate(doc, 7, 7, "PAK", kind="state"),
    ]
    pairs = [(0, -1), (1, -1), (2, -1)]
    probs = [[0.1, 0.9], [0.2, 0.8], [0.3, 0.7]]
    assert sorted(_coded(doc, mentions, pairs, probs, ["NONE", "RETREAT"], [], lexicon)) == [
        ("CHN", "RETREAT", "IND"),
        ("IND", "RETREAT", "CHN"),
        ("PAK", "RETREAT", None),  # named apart: on its own
    ]


def test_what_a_cooperative_act_is_aimed_against_is_no_partner(make_doc, lexicon) -> None:  # type: ignore[no-untyped-def]
    # "Iraq agreed to cooperate with Iran against remnants of the Islamic State": the agreement
    # is between Iraq and Iran; the Islamic State is what it is aimed at
    doc = make_doc(
        [
            ("Iraq", "PROPN", "nsubj", 1),
            ("agreed", "VERB", "ROOT", 1),
            ("to", "PART", "aux", 3),
            ("cooperate", "VERB", "xcomp", 1),
            ("with", "ADP", "prep", 3),
            ("Iran", "PROPN", "pobj", 4),
            ("against", "ADP", "prep", 3),
            ("remnants", "NOUN", "pobj", 6),
            ("of", "ADP", "prep", 7),
            ("ISIS", "PROPN", "pobj", 8),
        ]
    )
    mentions = [
        _candidate(doc, 0, 0, "IRQ", kind="state"),
        _candidate(doc, 5, 5, "IRN", kind="state"),
        _candidate(doc, 9, 9, "ISIS", kind="org"),
    ]
    pairs = [(0, 1), (0, 2), (2, 0), (1, 2)]
    agree = [[0.05, 0.95]] * 4
    assert _coded(doc, mentions, pairs, agree, ["NONE", "AGREE"], [], lexicon) == [
        ("IRQ", "AGREE", "IRN")
    ]
    # an act of conflict may be aimed at it
    assert ("IRQ", "ASSAULT", "ISIS") in _coded(
        doc, mentions, pairs, agree, ["NONE", "ASSAULT"], [], lexicon
    )


def test_where_two_sides_meet_is_no_side(make_doc, lexicon) -> None:  # type: ignore[no-untyped-def]
    # "Kenya met Somalia in Ankara": Turkey hosts the meeting, it is no party to it
    doc = make_doc(
        [
            ("Kenya", "PROPN", "nsubj", 1),
            ("met", "VERB", "ROOT", 1),
            ("Somalia", "PROPN", "dobj", 1),
            ("in", "ADP", "prep", 1),
            ("Ankara", "PROPN", "pobj", 3),
        ]
    )
    mentions = [
        _candidate(doc, 0, 0, "KEN", kind="state"),
        _candidate(doc, 2, 2, "SOM", kind="state"),
        _candidate(doc, 4, 4, "TUR", kind="state"),
    ]
    pairs = [(0, 1), (0, 2), (1, 2)]
    met = [[0.05, 0.95]] * 3
    assert _coded(doc, mentions, pairs, met, ["NONE", "CONSULT"], [], lexicon) == [
        ("KEN", "CONSULT", "SOM")
    ]
    # aid delivered in a place is aid to it
    assert ("KEN", "AID", "TUR") in _coded(doc, mentions, pairs, met, ["NONE", "AID"], [], lexicon)


def test_a_withdrawal_agreed_in_a_deal_is_from_the_other_party(make_doc, lexicon) -> None:  # type: ignore[no-untyped-def]
    # "Sudan and the RSF agreed to withdraw": the model gives the pair one type (AGREE), the
    # rules a pullback by each with no side coded; the deal says from whom
    from detente.nlp.events import Draft

    doc = make_doc(
        [
            ("Sudan", "PROPN", "nsubj", 3),
            ("and", "CCONJ", "cc", 0),
            ("RSF", "PROPN", "conj", 0),
            ("agreed", "VERB", "ROOT", 3),
            ("to", "PART", "aux", 5),
            ("withdraw", "VERB", "xcomp", 3),
        ]
    )
    mentions = [
        _candidate(doc, 0, 0, "SDN", kind="state"),
        _candidate(doc, 2, 2, "RSF", kind="org"),
    ]
    pullbacks = [
        Draft(
            type="RETREAT",
            mode="withdraw",
            source=m.actor,
            target=None,
            trigger_text="withdraw",
            trigger_span=(28, 36),
            trigger_index=5,
            modality="planned",
            confidence=0.5,
            rule="retreat.verb.withdraw",
        )
        for m in mentions
    ]
    pairs = [(0, 1), (1, 0), (0, -1), (1, -1)]
    probs = [[0.05, 0.95, 0.0], [0.05, 0.95, 0.0], [1.0, 0.0, 0.0], [1.0, 0.0, 0.0]]
    labels = ["NONE", "AGREE", "RETREAT"]
    assert sorted(_coded(doc, mentions, pairs, probs, labels, pullbacks, lexicon)) == [
        ("RSF", "RETREAT", "SDN"),
        ("SDN", "AGREE", "RSF"),
        ("SDN", "RETREAT", "RSF"),
    ]
    # with no deal between them, a pullback the model rules out stays out
    alone = [[1.0, 0.0, 0.0]] * 4
    assert _coded(doc, mentions, pairs, alone, labels, pullbacks, lexicon) == []


def test_where_a_killing_happens_is_not_who_killed(learned_nlp) -> None:  # type: ignore[no-untyped-def]
    # a place after "in" or "near" says where; only for an arrest does it say by whom
    for text, place in [
        (
            "More than 3,000 French soldiers have been killed in Mali since the conflict began.",
            "MLI",
        ),
        ("Two Egyptian workers were killed near Tripoli airport on Sunday.", "LBY"),
    ]:
        assert not [e for e in _events(learned_nlp, text) if e.source.code == place]
    arrested = _events(learned_nlp, "An opposition leader was arrested in Rwanda on Monday.")
    assert ("RWA", "COERCE") in {(e.source.code, e.type) for e in arrested}


def test_a_name_inside_a_coded_mention_is_no_second_side(make_doc, lexicon) -> None:  # type: ignore[no-untyped-def]
    # "Egypt's foreign minister Ahmed Salem resigned": the name alone, uncoded, is the same
    # person the wider mention codes, not another source
    doc = make_doc(
        [
            ("Egypt", "PROPN", "poss", 3),
            ("'s", "PART", "case", 0),
            ("foreign", "ADJ", "amod", 3),
            ("minister", "NOUN", "compound", 5),
            ("Ahmed", "PROPN", "compound", 5),
            ("Salem", "PROPN", "nsubj", 6),
            ("resigned", "VERB", "ROOT", 6),
        ]
    )
    mentions = [
        _candidate(doc, 0, 5, "EGY", kind="person", name="Ahmed Salem"),
        _candidate(doc, 4, 5, None, kind="person", name="Ahmed Salem"),
    ]
    pairs = [(0, -1), (1, -1)]
    probs = [[0.1, 0.9], [0.1, 0.9]]
    assert _coded(doc, mentions, pairs, probs, ["NONE", "CONCEDE"], [], lexicon) == [
        ("EGY", "CONCEDE", None)
    ]


def test_one_event_is_told_by_the_widest_mention_of_its_side(make_doc, lexicon) -> None:  # type: ignore[no-untyped-def]
    # "met Abbas Kamel, the head of Egypt's intelligence": whichever mention the model is
    # surer of, the event names the side by the mention that holds the other
    from detente.nlp.learned import learned_drafts

    doc = make_doc(
        [
            ("Burns", "PROPN", "nsubj", 1),
            ("met", "VERB", "ROOT", 1),
            ("Kamel", "PROPN", "dobj", 1),
            (",", "PUNCT", "punct", 2),
            ("the", "DET", "det", 5),
            ("head", "NOUN", "appos", 2),
            ("of", "ADP", "prep", 5),
            ("Egypt", "PROPN", "pobj", 6),
        ]
    )
    mentions = [
        _candidate(doc, 0, 0, "USA", kind="person"),
        _candidate(doc, 2, 7, "EGY", kind="person"),
        _candidate(doc, 4, 7, "EGY", kind="person"),
    ]
    pairs = [(0, 1), (0, 2)]
    for probs in ([[0.1, 0.9], [0.05, 0.95]], [[0.05, 0.95], [0.1, 0.9]]):
        [draft] = learned_drafts(
            doc, mentions, pairs, np.array(probs), ["NONE", "CONSULT"], [], lexicon,
            offset=0, threshold=0.55, rule_floor=0.1, model="test",
        )  # fmt: skip
        assert draft.target is not None and draft.target.text == "Kamel, the head of Egypt"
        assert draft.confidence == 0.95
