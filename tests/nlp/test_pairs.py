"""Candidate mentions and pairs for the learned coder."""

from __future__ import annotations

from detente.models import Actor
from detente.nlp.pairs import Candidate, candidate_pairs


def _mention(code: str | None, start: int, end: int, sector: str | None = None) -> Candidate:
    return Candidate(
        actor=Actor(code=code, text="x" * (end - start), span=(start, end), sector=sector),
        head=start,
        start=start,
        end=end,
    )


def test_candidate_pairs_take_both_orders_and_each_mention_alone() -> None:
    pairs = candidate_pairs([_mention("KEN", 0, 5), _mention("SOM", 10, 17)])
    assert pairs == [(0, 1), (1, 0), (0, -1), (1, -1)]


def test_two_mentions_of_one_actor_are_not_a_pair() -> None:
    pairs = candidate_pairs(
        [_mention("IRN", 0, 4), _mention("IRN", 10, 30), _mention("IRQ", 40, 44)]
    )
    assert (0, 1) not in pairs and (1, 0) not in pairs
    assert (0, 2) in pairs and (2, 1) in pairs


def test_two_organs_of_one_state_are_two_actors_but_not_a_state_and_its_organ() -> None:
    # "Egyptian police detained the former president's sons", "a court freed the editor"
    police = _mention("EGY", 0, 15, sector="COP")
    court = _mention("EGY", 20, 30, sector="JUD")
    egypt = _mention("EGY", 40, 45)
    pairs = candidate_pairs([police, court, egypt])
    assert (0, 1) in pairs and (1, 0) in pairs
    assert not {(0, 2), (2, 0), (1, 2), (2, 1)} & set(pairs)


def test_a_leader_and_his_own_government_are_one_actor() -> None:
    leader = Candidate(
        actor=Actor(code="TUR", text="Erdogan", span=(0, 7), kind="person", name="Erdogan"),
        head=0,
        start=0,
        end=7,
    )
    government = Candidate(
        actor=Actor(code="TUR", text="his government", span=(30, 44), sector="GOV"),
        head=30,
        start=30,
        end=44,
    )
    assert candidate_pairs([leader, government]) == [(0, -1), (1, -1)]


def test_the_members_of_they_never_act_on_one_another() -> None:
    # "they" stands for Turkey and Iran: neither is a partner of the other, or of itself
    they_tur = _mention("TUR", 0, 4)
    they_irn = _mention("IRN", 0, 4)
    kurdistan = _mention("KRG", 20, 35)
    pairs = candidate_pairs([they_tur, they_irn, kurdistan])
    assert (0, 2) in pairs and (1, 2) in pairs
    assert (0, 1) not in pairs and (1, 0) not in pairs


def test_a_mention_inside_another_is_not_its_partner() -> None:
    pairs = candidate_pairs([_mention("IRQ", 0, 30), _mention("TUR", 0, 7)])
    assert (0, 1) not in pairs and (1, 0) not in pairs


def test_an_unnamed_mention_is_context_not_a_side() -> None:
    pairs = candidate_pairs([_mention(None, 0, 10), _mention("TUR", 20, 27)])
    assert pairs == [(1, -1)]


def test_an_unnamed_phrase_of_an_acting_kind_can_be_a_target_but_never_a_source() -> None:
    # "Turkish police detained two journalists": no state for the journalists, still a target
    pairs = candidate_pairs([_mention("TUR", 0, 14), _mention(None, 24, 39, sector="MED")])
    assert pairs == [(0, 1), (0, -1)]


def test_an_unnamed_organ_takes_the_state_of_a_place_in_its_sentence(kb) -> None:  # type: ignore[no-untyped-def]
    from detente.models import Place
    from detente.nlp.actors import DocMemory
    from detente.nlp.pairs import localize

    police = Actor(code=None, text="police", span=(0, 6), sector="COP", kind="phrase")
    protesters = Actor(code=None, text="protesters", span=(20, 30), sector="CVL", kind="phrase")
    places = [(40, 47, Place(name="Nairobi", country="KEN"))]
    assert localize(police, places, DocMemory(), kb, at=0).code == "KEN"
    assert localize(protesters, places, DocMemory(), kb, at=20).code == "CIV-KEN"


def test_an_unnamed_organ_with_no_place_takes_the_state_named_last(kb) -> None:  # type: ignore[no-untyped-def]
    from detente.nlp.actors import DocMemory
    from detente.nlp.pairs import localize

    memory = DocMemory()
    memory.states.extend(["IRQ", "IRN"])
    rebels = Actor(code=None, text="rebels", span=(0, 6), sector="REB", kind="phrase")
    assert localize(rebels, [], memory, kb, at=0).code == "REB-IRN"
    company = Actor(code=None, text="a shipping firm", span=(0, 15), sector="BUS", kind="phrase")
    assert localize(company, [], memory, kb, at=0).code is None


def test_a_titled_person_the_kb_does_not_know_takes_the_state_of_the_evidence(kb) -> None:  # type: ignore[no-untyped-def]
    from detente.models import Place
    from detente.nlp.actors import DocMemory
    from detente.nlp.pairs import localize

    places = [(3, 9, Place(name="Beirut", country="LBN"))]
    minister = Actor(
        code=None,
        text="Information Minister Manal Abdel Samad",
        span=(11, 49),
        name="Manal Abdel Samad",
        sector="GOV",
        role="minister",
        kind="person",
    )
    found = localize(minister, places, DocMemory(), kb, at=11)
    assert (found.code, found.name) == ("LBN", "Manal Abdel Samad")
    bare = Actor(
        code=None, text="Manal Abdel Samad", span=(0, 17), name="Manal Abdel Samad", kind="person"
    )
    assert localize(bare, places, DocMemory(), kb, at=0).code is None


def test_a_local_code_marks_people_rebels_and_opposition_but_not_organs() -> None:
    from detente.nlp.actors import local_code

    assert [local_code("SYR", s) for s in ("MIL", "CVL", "REB", "OPP", "BUS", None)] == [
        "SYR",
        "CIV-SYR",
        "REB-SYR",
        "OPP-SYR",
        None,
        None,
    ]


def test_the_members_of_they_never_act_on_they() -> None:
    # "Macron and May said they regretted the decision": "they" stands for the speakers, who
    # act through it, not on it
    macron, may = _mention("FRA", 0, 6), _mention("GBR", 8, 11)
    they_fra, they_gbr = _mention("FRA", 20, 24), _mention("GBR", 20, 24)
    usa = _mention("USA", 40, 44)
    pairs = set(candidate_pairs([macron, may, they_fra, they_gbr, usa]))
    assert not {(0, 3), (3, 0), (1, 2), (2, 1), (0, 2), (1, 3)} & pairs
    assert {(2, 4), (3, 4), (0, 4), (1, 4)} <= pairs
