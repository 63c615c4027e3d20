"""The trigger lexicon: the packaged rule data loads, names PLOVER types, and pre-filters well."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from detente.nlp.lexicon import Lexicon, Rule, load_lexicon
from detente.ontology import TYPES, modes_of

PATTERNS = resources.files("detente.nlp").joinpath("patterns")


def _rules(lexicon: Lexicon) -> list[Rule]:
    return [
        rule
        for table in (lexicon.verbs, lexicon.nouns)
        for rules in table.values()
        for rule in rules
    ]


def test_load_lexicon_is_cached() -> None:
    assert load_lexicon() is load_lexicon()


def test_every_rule_names_a_plover_type(lexicon: Lexicon) -> None:
    assert {rule.type for rule in _rules(lexicon)} <= set(TYPES)


def test_every_plover_type_has_a_verb_and_a_noun_rule(lexicon: Lexicon) -> None:
    verb_types = {rule.type for rules in lexicon.verbs.values() for rule in rules}
    noun_types = {rule.type for rules in lexicon.nouns.values() for rule in rules}
    assert verb_types == set(TYPES)
    assert noun_types == set(TYPES)


def test_every_rule_mode_belongs_to_its_type(lexicon: Lexicon) -> None:
    wrong = sorted(
        {(r.type, r.mode) for r in _rules(lexicon) if r.mode and r.mode not in modes_of(r.type)}
    )
    assert not wrong


def test_rule_weights_are_probabilities(lexicon: Lexicon) -> None:
    assert all(0.0 < rule.weight <= 1.0 for rule in _rules(lexicon))


def test_rule_ids_name_type_part_of_speech_and_lemma(lexicon: Lexicon) -> None:
    for pos, table in (("verb", lexicon.verbs), ("noun", lexicon.nouns)):
        for lemma, rules in table.items():
            for rule in rules:
                assert rule.id == f"{rule.type.lower()}.{pos}.{lemma.replace(' ', '_')}"


def test_object_classes_referenced_exist(lexicon: Lexicon) -> None:
    referenced = {rule.object_class for rule in _rules(lexicon)} - {None}
    assert referenced <= set(lexicon.object_classes)
    assert all(lexicon.object_classes[name] for name in referenced - {"actor"})


def test_word_classes_the_coder_uses_exist(lexicon: Lexicon) -> None:
    for name in (
        "light_verbs",
        "speech_verbs",
        "negation_words",
        "failure_verbs",
        "weak_governors",
        "time_preps",
        "abstract_heads",
        "instrument_heads",
        "negative_evaluatives",
    ):
        assert lexicon.word_class(name), name
    assert lexicon.word_class("no such class") == frozenset()


def test_conditional_rules_come_first(lexicon: Lexicon) -> None:
    for rules in (*lexicon.verbs.values(), *lexicon.nouns.values()):
        flags = [rule.conditional for rule in rules]
        assert flags == sorted(flags, reverse=True)


def test_subject_sectors_are_plover_sector_codes(lexicon: Lexicon) -> None:
    sectors = {s for rule in _rules(lexicon) for s in rule.subject_sectors}
    assert sectors and all(len(s) == 3 and s.isupper() for s in sectors)


def test_triggers_jsonl_lines_are_json_objects_with_known_keys() -> None:
    for number, line in enumerate(
        PATTERNS.joinpath("triggers.jsonl").read_text("utf-8").splitlines(), 1
    ):
        if not line.strip():
            continue
        record = json.loads(line)
        assert set(record) <= {"type", "mode", "verbs", "nouns", "when", "weight"}, number
        assert record.get("verbs") or record.get("nouns"), number
        assert set(record.get("when", {})) <= {
            "prep",
            "object",
            "subject_sector",
            "subject_words",
        }, number


@pytest.mark.parametrize(
    ("lemma", "event_type"),
    [
        ("meet", "CONSULT"),
        ("visit", "CONSULT"),
        ("sign", "AGREE"),
        ("praise", "SUPPORT"),
        ("pardon", "CONCEDE"),
        ("cooperate", "COOPERATE"),
        ("lend", "AID"),
        ("withdraw", "RETREAT"),
        ("urge", "REQUEST"),
        ("accuse", "ACCUSE"),
        ("reject", "REJECT"),
        ("threaten", "THREATEN"),
        ("protest", "PROTEST"),
        ("sanction", "SANCTION"),
        ("deploy", "MOBILIZE"),
        ("arrest", "COERCE"),
        ("attack", "ASSAULT"),
    ],
)
def test_verb_rules(lexicon: Lexicon, lemma: str, event_type: str) -> None:
    assert event_type in {rule.type for rule in lexicon.verbs[lemma]}


@pytest.mark.parametrize(
    ("noun", "event_type"),
    [
        ("talks", "CONSULT"),
        ("agreement", "AGREE"),
        ("aid", "AID"),
        ("sanction", "SANCTION"),
        ("withdrawal", "RETREAT"),
        ("protest", "PROTEST"),
    ],
)
def test_noun_rules(lexicon: Lexicon, noun: str, event_type: str) -> None:
    assert event_type in {rule.type for rule in lexicon.nouns[noun]}


@pytest.mark.parametrize(
    "form",
    [
        "met",
        "held",
        "attacked",
        "struck",
        "withdrew",
        "withdrawn",
        "visited",
        "agreed",
        "signed",
        "urged",
        "talks",
        "sanctions",
        "deployed",
        "arrested",
        "imposed",
        "shot",
        "sent",
        "pardoned",
        "protested",
        "ceasefire",
        "lent",
        "left",
        "fought",
    ],
)
def test_surface_forms_include_inflections(lexicon: Lexicon, form: str) -> None:
    assert form in lexicon.surface


@pytest.mark.parametrize("word", ["the", "of", "weather", "football"])
def test_surface_leaves_out_ordinary_words(lexicon: Lexicon, word: str) -> None:
    assert word not in lexicon.surface


def test_rule_without_condition_is_not_conditional() -> None:
    assert not Rule(id="x", type="ASSAULT", mode=None, weight=0.5).conditional
    assert Rule(id="x", type="CONSULT", mode=None, weight=0.5, prep=frozenset({"with"})).conditional
