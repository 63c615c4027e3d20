"""Mentions whose head says little by itself: a modifier or an "of" phrase says who they are."""

from __future__ import annotations

import pytest
from spacy.language import Language

from detente.models import Article
from detente.nlp import pipeline
from detente.nlp.actors import DocMemory, phrase_sector
from detente.nlp.pairs import find_mentions

pytestmark = pytest.mark.model


def _mentions(nlp: Language, text: str) -> dict[str, str | None]:
    coder = pipeline._coder_for(nlp)
    doc = coder.nlp(text, disable=["detente_actors"])
    places, matches = coder.places_and_matches(doc)
    found = find_mentions(doc, matches, DocMemory(), coder.finder, places=places)
    return {doc.text[c.start : c.end]: c.actor.code for c in found}


def test_a_demonym_two_modifiers_away_names_the_state(nlp: Language) -> None:
    mentions = _mentions(nlp, "Police escorted the Chadian military personnel to the border.")
    assert mentions.get("the Chadian military personnel") == "TCD"


@pytest.mark.parametrize(
    ("text", "head", "sector"),
    [
        ("Members of a banned rebel group surrendered.", "Members", "REB"),
        ("The military personnel left the base.", "personnel", "MIL"),
        ("Opposition leaders met on Monday.", "leaders", "OPP"),
        ("A small group gathered outside.", "group", None),
        ("Opposition lawmakers walked out of the chamber.", "lawmakers", "OPP"),
        ("Rebel soldiers seized the airport.", "soldiers", "REB"),
        ("Gunmen ambushed a police patrol.", "patrol", "COP"),
        ("An army convoy left the town.", "convoy", "MIL"),
    ],
)
def test_a_group_noun_takes_its_sector_from_what_qualifies_it(
    nlp: Language,
    kb,
    text: str,
    head: str,
    sector: str | None,  # type: ignore[no-untyped-def]
) -> None:
    doc = pipeline._coder_for(nlp).nlp(text, disable=["detente_actors"])
    token = next(t for t in doc if t.text == head)
    assert phrase_sector(token, kb) == sector


def test_a_family_name_first_refers_back_to_the_person(learned_nlp: Language) -> None:
    text = (
        "North Korean leader Kim Jong Un met South Korean President Moon Jae-in on Friday.\n\n"
        "Trump later praised Kim as a talented negotiator."
    )
    (extraction,) = pipeline.extract([Article(id="k", text=text)], learned_nlp)
    later = [e for e in extraction.events if e.sentence > 0]
    assert [(e.target.text, e.target.code) for e in later if e.target] == [("Kim", "PRK")]


def test_a_counterpart_in_a_capital_is_that_state(learned_nlp: Language) -> None:
    text = "Kenya's foreign minister telephoned his counterpart in Kampala on Tuesday."
    (extraction,) = pipeline.extract([Article(id="c", text=text)], learned_nlp)
    assert [(e.type, e.source.code, e.target.code, e.target.text) for e in extraction.events] == [
        ("CONSULT", "KEN", "UGA", "his counterpart in Kampala")
    ]


def test_an_unnamed_side_takes_the_state_named_before_it_in_its_sentence(nlp: Language) -> None:
    mentions = _mentions(nlp, "Zambian police arrested dozens of protesters on Monday.")
    assert mentions.get("dozens of protesters") == "CIV-ZMB"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "SADC leaders suspended Madagascar on Friday.\n\nThe bloc also froze its funds.",
            ("SADC", "The bloc"),
        ),
        (
            "Houthi fighters fired missiles at a tanker.\n\nThe group also attacked a Greek ship.",
            ("HOUTHIS", "The group"),
        ),
        (
            "The M23 seized an airport in eastern Congo on Monday.\n\n"
            "The rebels also attacked an army base near Goma.",
            ("M23", "The rebels"),
        ),
    ],
)
def test_the_bloc_or_the_group_is_the_organisation_named_last(
    nlp: Language, text: str, expected: tuple[str, str]
) -> None:
    (extraction,) = pipeline.extract([Article(id="o", text=text)], nlp)
    later = [e for e in extraction.events if e.sentence > 0]
    assert expected in [(e.source.code, e.source.text) for e in later]


def test_a_persons_act_names_the_person(nlp: Language) -> None:
    mentions = _mentions(nlp, "Kenya welcomed President Samia Suluhu Hassan's decision.")
    assert mentions.get("President Samia Suluhu Hassan's decision") == "TZA"


def test_the_title_in_the_phrase_chooses_among_a_persons_roles(nlp: Language) -> None:
    # undated: Stoltenberg's latest role is Norway's; the phrase says which one is meant
    mentions = _mentions(nlp, "NATO Secretary-General Jens Stoltenberg spoke on Monday.")
    assert mentions.get("NATO Secretary-General Jens Stoltenberg") == "NATO"


def test_a_word_of_a_title_is_no_mention_of_its_own(nlp: Language) -> None:
    mentions = _mentions(
        nlp, "Speaking in Hanoi, Secretary of State Antony Blinken urged Beijing to show restraint."
    )
    assert "State" not in mentions
    assert mentions.get("Secretary of State Antony Blinken") == "USA"


def test_allies_are_other_states_than_the_evidence_names(nlp: Language) -> None:
    alone = _mentions(nlp, "Saudi Arabia and its Gulf allies launched air strikes across Yemen.")
    assert alone.get("its Gulf allies", "missing") is None
    other = _mentions(nlp, "Algeria cut ties with Morocco on Tuesday, accusing its neighbour.")
    assert other.get("its neighbour") == "MAR"


def test_a_peoples_officials_are_its_organisation_named_last(nlp: Language) -> None:
    memory = DocMemory()
    memory.named_orgs(["UN", "KRG"])
    coder = pipeline._coder_for(nlp)
    doc = coder.nlp("Kurdish officials accused Baghdad of withholding salaries.")
    places, matches = coder.places_and_matches(doc)
    found = find_mentions(doc, matches, memory, coder.finder, places=places)
    codes = {doc.text[c.start : c.end]: c.actor.code for c in found}
    assert codes.get("Kurdish officials") == "KRG"
    # with no organisation of that people named, they stay the people
    alone = _mentions(nlp, "Kurdish officials accused Baghdad of withholding salaries.")
    assert alone.get("Kurdish officials") == "KUR"


def test_a_place_inside_a_mention_is_where_it_is_not_an_actor(nlp: Language) -> None:
    mentions = _mentions(nlp, "The U.S. embassy in Baghdad urged American citizens to leave.")
    assert mentions.get("The U.S. embassy in Baghdad") == "USA"
    assert "Baghdad" not in mentions


def test_people_in_a_place_are_that_states_people_not_the_state(nlp: Language) -> None:
    mentions = _mentions(nlp, "Police dispersed protesters in Istanbul and Ankara on Sunday.")
    assert mentions.get("protesters in Istanbul and Ankara") == "CIV-TUR"
    rebels = _mentions(nlp, "Rebels in Syria seized the town on Monday.")
    assert rebels.get("Rebels in Syria") == "REB-SYR"
    # a state's own organ stays the state, a possessor is no place
    assert _mentions(nlp, "A court in Ankara jailed the editor.").get("A court in Ankara") == "TUR"
    assert _mentions(nlp, "Iraq's government condemned it.").get("Iraq's government") == "IRQ"


def test_a_place_named_by_apposition_inside_a_mention_is_no_mention(nlp: Language) -> None:
    mentions = _mentions(nlp, "Opposition leaders in Chad's capital, Ndjamena, marched on Friday.")
    assert mentions.get("Opposition leaders in Chad's capital, Ndjamena") == "OPP-TCD"
    assert "Ndjamena" not in mentions


def test_persons_the_parse_runs_together_are_each_a_mention(nlp: Language) -> None:
    mentions = _mentions(
        nlp,
        "Syrian President Ahmed al-Sharaa and SDF commander Mazloum Abdi signed a deal on Monday.",
    )
    assert mentions.get("Syrian President Ahmed al-Sharaa") == "SYR"
    assert mentions.get("SDF commander Mazloum Abdi") == "SDF"
    listed = _mentions(
        nlp,
        "French President Emmanuel Macron, British Prime Minister Theresa May and German "
        "Chancellor Angela Merkel said they regretted the decision.",
    )
    assert listed.get("French President Emmanuel Macron") == "FRA"
    assert listed.get("British Prime Minister Theresa May") == "GBR"
    assert listed.get("German Chancellor Angela Merkel") == "DEU"
    # a name with "and" in it is one actor
    assert _mentions(nlp, "Bosnia and Herzegovina signed a deal with Serbia.") == {
        "Bosnia and Herzegovina": "BIH",
        "Serbia": "SRB",
    }


def test_they_in_a_reported_clause_is_its_speakers(nlp: Language) -> None:
    coder = pipeline._coder_for(nlp)
    doc = coder.nlp("Kenya and Uganda said they would reopen the border.")
    places, matches = coder.places_and_matches(doc)
    found = find_mentions(doc, matches, DocMemory(), coder.finder, places=places)
    assert sorted(c.actor.code for c in found if doc.text[c.start : c.end] == "they") == [
        "KEN",
        "UGA",
    ]


def test_whom_a_group_is_for_or_against_is_not_where_it_is_from(nlp: Language) -> None:
    text = "Pro-Russian separatists and anti-Iranian protesters clashed in Kharkiv."
    mentions = _mentions(nlp, text)
    assert mentions.get("Pro-Russian separatists") == "REB-UKR"
    assert mentions.get("anti-Iranian protesters") == "CIV-UKR"


def test_where_warplanes_strike_is_not_whose_they_are(nlp: Language) -> None:
    assert _mentions(nlp, "Jets hit an air base near Sanaa on Thursday.").get("Jets") is None
    police = _mentions(nlp, "Police in Sanaa detained a journalist on Thursday.")
    assert police.get("Police in Sanaa") == "YEM"


def test_its_is_the_subject_above_not_the_nearest_place(nlp: Language) -> None:
    text = "Ethiopia said its troops had entered the town, days after clashes near Eritrea."
    assert _mentions(nlp, text).get("its troops") == "ETH"
    text = "Algeria cut ties with Morocco, accusing its neighbour of hostile acts."
    assert _mentions(nlp, text).get("its neighbour") != "DZA"  # a neighbour is another


def test_a_description_joined_by_and_is_not_a_second_person(nlp: Language) -> None:
    # "a businessman and friend of Vladimir Putin" describes one man; Putin is named inside
    coder = pipeline._coder_for(nlp)
    text = "Ukraine released Ivan Sorokin, a wealthy businessman and friend of Vladimir Putin."
    doc = coder.nlp(text, disable=["detente_actors"])
    places, matches = coder.places_and_matches(doc)
    found = find_mentions(doc, matches, DocMemory(), coder.finder, places=places)
    assert "friend of Vladimir Putin" not in {c.actor.text for c in found}
    assert not [
        c for c in found if c.actor.name == "Vladimir Putin" and "Putin" not in c.actor.text
    ]


def test_a_place_the_gazetteer_knows_is_in_its_state(nlp: Language) -> None:
    # a town that is acted on is a side, in its state
    text = "Russian forces captured the town of Bakhmut in May."
    assert _mentions(nlp, text).get("Bakhmut") == "UKR"
    # a name the parser reads as a person's is not a place ("Kim" is a town in India)
    assert _mentions(nlp, "Kim Jong Un met Moon Jae-in at the border.").get("Kim Jong Un") != "IND"


def test_any_country_is_no_one_in_particular(nlp: Language) -> None:
    text = "Putin warned that any country trying to interfere would face consequences."
    assert _mentions(nlp, text).get("any country") is None
