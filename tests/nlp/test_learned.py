"""The learned coder end to end, on sentences of our own: what it finds and how it says so."""

from __future__ import annotations

from datetime import date

import pytest

from detente.errors import ConfigError
from detente.models import Article, Event
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


def test_a_target_no_one_can_name_keeps_its_phrase(make_doc, lexicon) -> None:  # type: ignore[no-untyped-def]
    # "The Taliban detained two journalists, reporters for a weekly": when the coder says the
    # act was done to the phrase, it is the target, uncoded, its widest apposition standing in
    import numpy as np

    from detente.models import Actor
    from detente.nlp.learned import learned_drafts
    from detente.nlp.pairs import Candidate

    doc = make_doc(
        [
            ("Taliban", "PROPN", "nsubj", 1),
            ("detained", "VERB", "ROOT", 1),
            ("journalists", "NOUN", "dobj", 1),
            (",", "PUNCT", "punct", 2),
            ("reporters", "NOUN", "appos", 2),
        ]
    )

    def mention(code: str | None, token: int, sector: str) -> Candidate:
        start, end = doc[token].idx, doc[token].idx + len(doc[token])
        actor = Actor(code=code, text=doc[token].text, span=(start, end), sector=sector)
        return Candidate(actor=actor, head=token, start=start, end=end)

    widest = doc[2:5]
    start, end = widest.start_char, widest.end_char
    journalists = Candidate(
        actor=Actor(code=None, text=widest.text, span=(start, end), sector="MED"),
        head=2,
        start=start,
        end=end,
    )
    mentions = [mention("TALIBAN", 0, "REB"), journalists, mention(None, 4, "MED")]
    labels = ["NONE", "COERCE"]
    pairs = [(0, 1), (0, 2), (0, -1)]
    probs = np.array([[0.1, 0.9], [0.2, 0.8], [0.6, 0.4]])
    drafts = learned_drafts(
        doc,
        mentions,
        pairs,
        probs,
        labels,
        [],
        lexicon,
        offset=0,
        threshold=0.5,
        rule_floor=0.1,
        model="test",
    )
    assert [(d.source.code, d.type, d.target.text if d.target else None) for d in drafts] == [
        ("TALIBAN", "COERCE", "journalists, reporters")
    ]


def test_a_rule_event_with_its_target_replaces_the_models_one_sided_one(make_doc, lexicon) -> None:  # type: ignore[no-untyped-def]
    # "Germany deployed troops to Lithuania": the rules found the pair, the model the act alone
    import numpy as np

    from detente.models import Actor
    from detente.nlp.events import Draft
    from detente.nlp.learned import learned_drafts
    from detente.nlp.pairs import Candidate

    doc = make_doc(
        [
            ("Germany", "PROPN", "nsubj", 1),
            ("deployed", "VERB", "ROOT", 1),
            ("troops", "NOUN", "dobj", 1),
            ("to", "ADP", "prep", 1),
            ("Lithuania", "PROPN", "pobj", 3),
        ]
    )

    def mention(code: str, token: int) -> Candidate:
        start, end = doc[token].idx, doc[token].idx + len(doc[token])
        actor = Actor(code=code, text=doc[token].text, span=(start, end), kind="state")
        return Candidate(actor=actor, head=token, start=start, end=end)

    mentions = [mention("DEU", 0), mention("LTU", 4)]
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
    labels = ["NONE", "MOBILIZE"]
    pairs = [(0, 1), (1, 0), (0, -1), (1, -1)]
    probs = np.array([[0.7, 0.3], [1.0, 0.0], [0.2, 0.8], [1.0, 0.0]])
    drafts = learned_drafts(
        doc, mentions, pairs, probs, labels, [rule], lexicon,
        offset=0, threshold=0.55, rule_floor=0.1, model="test",
    )  # fmt: skip
    assert [(d.source.code, d.type, d.target.code if d.target else None) for d in drafts] == [
        ("DEU", "MOBILIZE", "LTU")
    ]
