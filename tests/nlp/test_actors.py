"""Actor matching and resolution on hand-built parses, with the real knowledge base."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from detente.knowledge import KnowledgeBase
from detente.models import Actor
from detente.nlp.actors import (
    ActorFinder,
    DocMemory,
    Match,
    is_actor_like,
    phrase_sector,
    phrase_tokens,
    quantified,
    resolve,
    side_of,
)

MakeDoc = Callable[..., Doc]


def _state(code: str, text: str = "x", span: tuple[int, int] = (0, 1)) -> Actor:
    return Actor(code=code, text=text, span=span, kind="state")


def _person(code: str, name: str) -> Actor:
    return Actor(code=code, text=name, span=(0, len(name)), name=name, sector="GOV", kind="person")


# -- phrase_tokens -------------------------------------------------------------------------


def test_phrase_tokens_leave_out_relative_clauses(make_doc: MakeDoc) -> None:
    doc = make_doc(
        [
            ("the", "DET", "det", 2),
            ("Turkish", "ADJ", "amod", 2),
            ("delegation", "NOUN", "ROOT", 2),
            ("that", "PRON", "nsubj", 4),
            ("arrived", "VERB", "relcl", 2, "arrive"),
            ("in", "ADP", "prep", 4),
            ("Ankara", "PROPN", "pobj", 5),
        ]
    )
    assert [t.text for t in phrase_tokens(doc[2])] == ["the", "Turkish", "delegation"]


def test_phrase_tokens_leave_out_conjuncts(make_doc: MakeDoc) -> None:
    doc = make_doc(
        [("Turkey", "PROPN", "ROOT", 0), ("and", "CCONJ", "cc", 0), ("Iran", "PROPN", "conj", 0)]
    )
    assert [t.text for t in phrase_tokens(doc[0])] == ["Turkey"]


def test_phrase_tokens_keep_apposition_and_of_phrases(make_doc: MakeDoc) -> None:
    doc = make_doc(
        [
            ("the", "DET", "det", 2),
            ("UN", "PROPN", "compound", 2),
            ("envoy", "NOUN", "ROOT", 2),
            ("for", "ADP", "prep", 2),
            ("Yemen", "PROPN", "pobj", 3),
            (",", "PUNCT", "punct", 2),
            ("Hans", "PROPN", "compound", 7),
            ("Grundberg", "PROPN", "appos", 2),
            (",", "PUNCT", "punct", 2),
        ]
    )
    tokens = phrase_tokens(doc[2])
    assert tokens[0].text == "the" and tokens[-1].text == "Grundberg"
    assert "," not in {tokens[0].text, tokens[-1].text}


# -- quantified ----------------------------------------------------------------------------


def test_quantified_finds_what_is_counted(make_doc: MakeDoc) -> None:
    doc = make_doc(
        [
            ("dozens", "NOUN", "ROOT", 0),
            ("of", "ADP", "prep", 0),
            ("activists", "NOUN", "pobj", 1, "activist"),
        ]
    )
    assert quantified(doc[0]) == doc[2]


def test_quantified_number_head(make_doc: MakeDoc) -> None:
    doc = make_doc(
        [
            ("three", "NUM", "ROOT", 0),
            ("of", "ADP", "prep", 0),
            ("the", "DET", "det", 3),
            ("soldiers", "NOUN", "pobj", 1, "soldier"),
        ]
    )
    assert quantified(doc[0]) == doc[3]


@pytest.mark.parametrize(
    "rows",
    [
        [("the", "DET", "det", 1), ("talks", "NOUN", "ROOT", 1, "talk")],  # not a quantity
        [("dozens", "NOUN", "ROOT", 0)],  # a quantity with nothing counted
        [
            ("talks", "NOUN", "ROOT", 0, "talk"),
            ("of", "ADP", "prep", 0),
            ("peace", "NOUN", "pobj", 1),
        ],
    ],
    ids=["the-talks", "bare-dozens", "talks-of-peace"],
)
def test_quantified_returns_none_for_other_phrases(make_doc: MakeDoc, rows: list) -> None:
    assert quantified(make_doc(rows)[0]) is None


# -- DocMemory ------------------------------------------------------------------------------


def test_pair_is_the_last_two_states_named() -> None:
    memory = DocMemory()
    memory.note([_state("TUR"), _state("IRN"), _state("IRQ")])
    assert memory.pair() == ["IRN", "IRQ"]


def test_pair_moves_a_state_named_again_to_the_end() -> None:
    memory = DocMemory()
    memory.note([_state("TUR"), _state("IRN"), _state("IRQ"), _state("TUR")])
    assert memory.states == ["IRN", "IRQ", "TUR"]
    assert memory.pair() == ["IRQ", "TUR"]


def test_pair_needs_two_states() -> None:
    memory = DocMemory()
    assert memory.pair() == []
    memory.note([_state("TUR"), _state("TUR")])
    assert memory.pair() == []


def test_note_ignores_unresolved_actors_and_organisations() -> None:
    memory = DocMemory()
    memory.note([Actor(code=None, text="protesters", span=(0, 10), kind="phrase")])
    assert memory.last_actor is None
    memory.note([Actor(code="NATO", text="NATO", span=(0, 4), kind="org")])
    assert memory.last_actor is not None and memory.states == []


def test_note_remembers_persons_by_full_name_and_surname() -> None:
    memory = DocMemory()
    hussein = _person("IRQ", "Fuad Hussein")
    shaibani = _person("SYR", "Asaad al-Shaibani")
    memory.note([hussein, shaibani])
    assert memory.last_person == shaibani
    assert memory.persons["fuad hussein"] == hussein
    assert memory.persons["hussein"] == hussein
    assert memory.persons["al-shaibani"] == shaibani
    assert memory.persons["shaibani"] == shaibani
    assert memory.states == ["IRQ", "SYR"]  # a person's state counts for "the two countries"


def test_note_of_a_compound_subject_sets_the_group() -> None:
    memory = DocMemory()
    group = [_state("TUR"), _state("IRN")]
    memory.note(group)
    assert memory.last_group == []
    memory.note(group, subject=True)
    assert memory.last_group == group


def test_took_part_orders_states_like_mentions() -> None:
    memory = DocMemory()
    memory.note([_state("TUR"), _state("IRN")])
    memory.took_part([_state("TUR"), None, Actor(code=None, text="protesters", span=(0, 10))])
    assert memory.states == ["IRN", "TUR"]


def test_main_meeting_falls_back_to_pair() -> None:
    memory = DocMemory()
    memory.note([_state("ARM"), _state("AZE")])
    assert memory.main_meeting() == ["ARM", "AZE"]


def test_main_meeting_is_the_pair_that_met_most_often() -> None:
    memory = DocMemory()
    memory.met("USA", "ARM")
    memory.met("AZE", "ARM")
    memory.met("ARM", "AZE")
    memory.met("USA", "ARM")
    memory.met("ARM", "AZE")
    memory.note([_state("FRA"), _state("DEU")])
    assert memory.meetings[1] == ("ARM", "AZE")  # sides are stored in code order
    assert memory.main_meeting() == ["ARM", "AZE"]


# -- ActorFinder ----------------------------------------------------------------------------


def test_matches_names_titles_demonyms_and_persons(vocab: Vocab, finder: ActorFinder) -> None:
    doc = Doc(
        vocab,
        words=[
            "Iraqi",
            "Foreign",
            "Minister",
            "Fuad",
            "Hussein",
            "met",
            "the",
            "Kremlin",
            "and",
            "the",
            "P.K.K.",
        ],
    )
    found = [(doc[m.start : m.end].text, m.kind, m.code) for m in finder.matches(doc)]
    assert found == [
        ("Iraqi", "demonym", "IRQ"),
        ("Foreign Minister", "title", None),
        ("Fuad Hussein", "person", None),  # the code comes from the role held on the day
        ("Kremlin", "metonym", "RUS"),
        ("P.K.K.", "org", "PKK"),
    ]


def test_matches_prefer_the_longest_name(vocab: Vocab, finder: ActorFinder) -> None:
    doc = Doc(vocab, words=["Recep", "Tayyip", "Erdogan", "and", "Erdogan"])
    found = [(m.start, m.end, m.kind, m.name) for m in finder.matches(doc)]
    assert found[0][:3] == (0, 3, "person")
    assert found[1][:3] == (4, 5, "person")
    assert found[0][3] == found[1][3]


def test_matches_are_case_sensitive_for_ordinary_words(vocab: Vocab, finder: ActorFinder) -> None:
    doc = Doc(vocab, words=["they", "roasted", "a", "turkey", "in", "Turkey"])
    assert [(m.start, m.code) for m in finder.matches(doc)] == [(5, "TUR")]


@pytest.mark.parametrize(
    ("on", "sector", "role"),
    [
        (date(2017, 6, 1), "MIL", "chief of general staff"),
        (date(2020, 6, 1), "GOV", "defence minister"),
        (None, "GOV", "defence minister"),  # no date: the latest role
        (date(2010, 1, 1), "GOV", "defence minister"),  # before any role: still a Turkish official
    ],
)
def test_person_actor_takes_the_role_held_on_the_day(
    finder: ActorFinder, on: date | None, sector: str, role: str
) -> None:
    match = Match(0, 2, "person", name="Hulusi Akar", key="hulusi-akar")
    found = finder.person_actor(match, on)
    assert (found.code, found.sector, found.role) == ("TUR", sector, role)


@pytest.mark.parametrize(("on", "code"), [(date(2021, 6, 1), "SDN"), (date(2024, 6, 1), "RSF")])
def test_a_nationality_named_with_a_person_gives_a_role_only_if_held_then(
    finder: ActorFinder, on: date, code: str
) -> None:
    # "Sudanese commander Mohamed Hamdan Dagalo": Sudan's general in 2021, the RSF's in 2024
    match = Match(0, 4, "person", name="Mohamed Hamdan Dagalo", key="mohamed-hamdan-dagalo")
    assert finder.person_actor(match, on, named=["SDN"]).code == code


def test_person_actor_leaves_an_unknown_person_alone(finder: ActorFinder) -> None:
    match = Match(0, 2, "person", name="Nobody Known")
    assert finder.person_actor(match, None) == match


# -- resolve --------------------------------------------------------------------------------

TITLED_UNKNOWN = [
    ("Iraqi", "ADJ", "amod", 4),
    ("Foreign", "PROPN", "compound", 2),
    ("Minister", "PROPN", "compound", 4),
    ("Ali", "PROPN", "compound", 4),
    ("Hassan", "PROPN", "ROOT", 4),
]


def test_resolve_titled_person_not_in_the_knowledge_base(
    make_doc: MakeDoc, finder: ActorFinder
) -> None:
    doc = make_doc(TITLED_UNKNOWN, ents=[(3, 5, "PERSON")])
    [actor] = resolve(doc[4], finder.matches(doc), DocMemory(), finder, offset=100)
    assert (actor.code, actor.sector, actor.role, actor.name) == (
        "IRQ",
        "GOV",
        "foreign minister",
        "Ali Hassan",
    )
    assert actor.text == "Iraqi Foreign Minister Ali Hassan"
    assert actor.span == (100, 100 + len(actor.text))


def test_resolve_known_person_with_a_title(make_doc: MakeDoc, finder: ActorFinder) -> None:
    doc = make_doc(
        [
            ("Turkish", "ADJ", "amod", 3),
            ("Defence", "PROPN", "compound", 2),
            ("Minister", "PROPN", "compound", 4),
            ("Hulusi", "PROPN", "compound", 4),
            ("Akar", "PROPN", "ROOT", 4),
        ],
        ents=[(3, 5, "PERSON")],
    )
    [actor] = resolve(doc[4], finder.matches(doc), DocMemory(on=date(2020, 1, 1)), finder)
    assert (actor.code, actor.sector, actor.kind, actor.name) == (
        "TUR",
        "GOV",
        "person",
        "Hulusi Akar",
    )


def test_resolve_surname_from_memory(make_doc: MakeDoc, finder: ActorFinder) -> None:
    memory = DocMemory()
    first = make_doc(TITLED_UNKNOWN, ents=[(3, 5, "PERSON")])
    memory.note(resolve(first[4], finder.matches(first), memory, finder))
    later = make_doc([("Hassan", "PROPN", "ROOT", 0)], ents=[(0, 1, "PERSON")])
    [actor] = resolve(later[0], finder.matches(later), memory, finder, offset=50)
    assert (actor.code, actor.name, actor.text, actor.span) == (
        "IRQ",
        "Ali Hassan",
        "Hassan",
        (50, 56),
    )


def test_resolve_the_two_countries(make_doc: MakeDoc, finder: ActorFinder) -> None:
    memory = DocMemory()
    memory.note([_state("IRN"), _state("IRQ")])
    doc = make_doc(
        [
            ("the", "DET", "det", 2),
            ("two", "NUM", "nummod", 2),
            ("countries", "NOUN", "ROOT", 2, "country"),
        ]
    )
    actors = resolve(doc[2], finder.matches(doc), memory, finder, offset=10)
    assert [a.code for a in actors] == ["IRN", "IRQ"]
    assert {(a.text, a.span) for a in actors} == {("the two countries", (10, 27))}


def test_resolve_both_sides(make_doc: MakeDoc, finder: ActorFinder) -> None:
    memory = DocMemory()
    memory.note([_state("ARM"), _state("AZE")])
    doc = make_doc([("both", "DET", "det", 1), ("sides", "NOUN", "ROOT", 1, "side")])
    assert [a.code for a in resolve(doc[1], finder.matches(doc), memory, finder)] == ["ARM", "AZE"]


def test_resolve_pronoun_to_the_last_person(make_doc: MakeDoc, finder: ActorFinder) -> None:
    memory = DocMemory()
    memory.note([_person("IRQ", "Fuad Hussein")])
    doc = make_doc([("He", "PRON", "ROOT", 0, "he")])
    [actor] = resolve(doc[0], finder.matches(doc), memory, finder, offset=40)
    assert (actor.code, actor.name, actor.text, actor.span) == (
        "IRQ",
        "Fuad Hussein",
        "He",
        (40, 42),
    )


def test_resolve_pronoun_with_nothing_before_stays_unresolved(
    make_doc: MakeDoc, finder: ActorFinder
) -> None:
    doc = make_doc([("He", "PRON", "ROOT", 0, "he")])
    [actor] = resolve(doc[0], finder.matches(doc), DocMemory(), finder)
    assert (actor.code, actor.kind, actor.text) == (None, "phrase", "He")


@pytest.mark.parametrize(
    ("rows", "code", "sector"),
    [
        ([("Turkish", "ADJ", "amod", 1), ("police", "NOUN", "ROOT", 1)], "TUR", "COP"),
        (
            [("Iranian", "ADJ", "amod", 1), ("protesters", "NOUN", "ROOT", 1, "protester")],
            "CIV-IRN",
            "CVL",
        ),
        ([("Kurdish", "ADJ", "amod", 1), ("rebels", "NOUN", "ROOT", 1, "rebel")], "REB-KUR", "REB"),
        ([("the", "DET", "det", 1), ("Kremlin", "PROPN", "ROOT", 1)], "RUS", "GOV"),
        ([("protesters", "NOUN", "ROOT", 0, "protester")], None, "CVL"),
        ([("a", "DET", "det", 1), ("court", "NOUN", "ROOT", 1)], None, "JUD"),
    ],
    ids=[
        "turkish-police",
        "iranian-protesters",
        "kurdish-rebels",
        "kremlin",
        "protesters",
        "a-court",
    ],
)
def test_resolve_sector_from_the_head_noun(
    make_doc: MakeDoc, finder: ActorFinder, rows: list, code: str | None, sector: str
) -> None:
    doc = make_doc(rows)
    [actor] = resolve(doc[len(rows) - 1], finder.matches(doc), DocMemory(), finder)
    assert (actor.code, actor.sector) == (code, sector)
    assert actor.text == doc.text


def test_resolve_a_quantity_resolves_what_it_counts(make_doc: MakeDoc, finder: ActorFinder) -> None:
    doc = make_doc(
        [
            ("dozens", "NOUN", "ROOT", 0),
            ("of", "ADP", "prep", 0),
            ("Turkish", "ADJ", "amod", 3),
            ("soldiers", "NOUN", "pobj", 1, "soldier"),
        ]
    )
    [actor] = resolve(doc[0], finder.matches(doc), DocMemory(), finder)
    assert (actor.code, actor.sector, actor.text) == ("TUR", "MIL", "dozens of Turkish soldiers")


def test_resolve_conjoined_states_in_one_phrase(
    make_doc: MakeDoc, finder: ActorFinder, kb: KnowledgeBase
) -> None:
    doc = make_doc(
        [
            ("officials", "NOUN", "ROOT", 0, "official"),
            ("from", "ADP", "prep", 0),
            ("Türkiye", "PROPN", "pobj", 1),
            ("and", "CCONJ", "cc", 2),
            ("Syria", "PROPN", "conj", 2),
        ]
    )
    actors = resolve(doc[0], finder.matches(doc), DocMemory(), finder)
    assert [a.code for a in actors] == ["TUR", "SYR"]
    assert actors[1].text == "Syria" and actors[1].span == (doc[4].idx, doc[4].idx + 5)


def test_an_opposition_title_with_a_state_is_that_states_opposition(nlp) -> None:  # type: ignore[no-untyped-def]
    from detente.models import Article
    from detente.nlp.pipeline import extract

    text = "Kenyan police arrested the opposition leader in Nairobi on Friday."
    (extraction,) = extract([Article(id="t", text=text)], nlp)
    assert [
        (e.source.code, e.type, e.target.code if e.target else None) for e in extraction.events
    ] == [("KEN", "COERCE", "OPP-KEN")]


@pytest.mark.parametrize(
    ("noun", "lemma", "tag", "expected"),
    [
        ("governments", "government", "NNS", []),
        ("allies", "ally", "NNS", []),
        ("Commission", "Commission", "NNP", ["EU"]),
        ("diplomats", "diplomat", "NNS", ["EU"]),
    ],
)
def test_a_region_s_states_are_not_its_organisation(
    make_doc: MakeDoc, finder: ActorFinder, noun: str, lemma: str, tag: str, expected: list[str]
) -> None:
    # "European" stands for the EU ("European diplomats"), but not for several states
    doc = make_doc(
        [
            ("European", "ADJ", "amod", 1),
            (noun, "NOUN", "nsubj", 2, lemma),
            ("condemned", "VERB", "ROOT", 2, "condemn"),
            ("it", "PRON", "dobj", 2),
        ]
    )
    doc[1].tag_ = tag
    assert [m.code for m in finder.matches(doc) if m.kind == "org"] == expected


def test_paramilitary_police_are_police(make_doc: MakeDoc, kb: KnowledgeBase) -> None:
    # "paramilitary" puts no phrase on the rebels' side: India's paramilitary police serve a state
    doc = make_doc(
        [
            ("paramilitary", "ADJ", "amod", 2),
            ("police", "NOUN", "compound", 2),
            ("officers", "NOUN", "ROOT", 2, "officer"),
        ]
    )
    assert side_of(doc[2], kb) is None
    assert phrase_sector(doc[2], kb) != "REB"


def test_a_phrase_keeps_the_parenthesis_it_opens(make_doc: MakeDoc) -> None:
    # "the Democratic Forces (SDF)": the closing parenthesis hangs on the verb in some parses
    doc = make_doc(
        [
            ("Iran", "PROPN", "nsubj", 1),
            ("met", "VERB", "ROOT", 1),
            ("the", "DET", "det", 4),
            ("Democratic", "PROPN", "compound", 4),
            ("Forces", "PROPN", "dobj", 1),
            ("(", "PUNCT", "punct", 4),
            ("SDF", "PROPN", "appos", 4),
            (")", "PUNCT", "punct", 1),
            (".", "PUNCT", "punct", 1),
        ]
    )
    tokens = phrase_tokens(doc[4])
    assert [t.text for t in doc[tokens[0].i : tokens[-1].i + 1]] == [
        "the",
        "Democratic",
        "Forces",
        "(",
        "SDF",
        ")",
    ]


@pytest.mark.parametrize(
    ("noun", "lemma", "expected"), [("diplomats", "diplomat", True), ("flags", "flag", False)]
)
def test_a_demonym_names_people_not_things(
    make_doc: MakeDoc, finder: ActorFinder, kb: KnowledgeBase, noun: str, lemma: str, expected: bool
) -> None:
    # "some waving Russian flags" is no Russian actor; "Russian diplomats" are
    doc = make_doc(
        [
            ("Russian", "ADJ", "amod", 1),
            (noun, "NOUN", "ROOT", 1, lemma),
        ]
    )
    assert is_actor_like(doc[1], finder.matches(doc), kb) is expected
