from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.nlp.places import Gazetteer, find_place, load_gazetteer

PLACES_JSONL = Path(__file__).resolve().parents[2] / "src/detente/knowledge/data/places.jsonl"


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return load_gazetteer()


def test_gazetteer_loads_and_is_cached() -> None:
    gazetteer = load_gazetteer()
    assert load_gazetteer() is gazetteer
    assert len(gazetteer) > 30_000


def test_places_jsonl_is_well_formed() -> None:
    names: set[str] = set()
    for line in PLACES_JSONL.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        assert set(record) <= {"name", "aliases", "country", "lat", "lon", "kind"}
        assert record["country"] is None or (
            len(record["country"]) == 3 and record["country"].isupper()
        )
        assert -90 <= record["lat"] <= 90 and -180 <= record["lon"] <= 180
        assert record["name"] not in names, record["name"]
        names.add(record["name"])


@pytest.mark.parametrize(
    ("name", "country"),
    [
        ("Tehran", "IRN"),
        ("Ankara", "TUR"),
        ("Baghdad", "IRQ"),
        ("Ain al-Asad", "IRQ"),
        ("Bab al-Hawa", "SYR"),
        ("Idlib Province", "SYR"),
        ("Iraqi Kurdistan", "IRQ"),
        ("Türkiye", "TUR"),
        ("Turkey", "TUR"),
        ("Iran", "IRN"),
        ("Germany", "DEU"),
        ("Diyarbakir", "TUR"),  # accents folded: geonames has Diyarbakır
        ("Kiev", "UKR"),
    ],
)
def test_known_places(gazetteer: Gazetteer, name: str, country: str) -> None:
    place = gazetteer.get(name)
    assert place is not None, name
    assert place.country == country
    assert place.lat is not None and place.lon is not None


def test_find_gives_offsets_and_longest_match(gazetteer: Gazetteer) -> None:
    text = "Drones struck targets in Syria's Idlib Province and near the Bab al-Hawa crossing."
    found = [(text[start:end], place.name) for start, end, place in gazetteer.find(text)]
    assert found == [
        ("Syria", "Syria"),
        ("Idlib Province", "Idlib Province"),
        ("Bab al-Hawa crossing", "Bab al-Hawa"),
    ]


def test_country_aliases_with_dots_and_curly_apostrophes(gazetteer: Gazetteer) -> None:
    text = "After the U.S. left, Turkey’s army moved in."
    found = [(text[start:end], place.country) for start, end, place in gazetteer.find(text)]
    assert found == [("U.S.", "USA"), ("Turkey", "TUR")]


@pytest.mark.parametrize(
    "text",
    [
        "Police said the march was peaceful.",
        "He was reading a mobile phone report in the bath.",
        "Union leaders met at the same time.",
        "Iranian President Hassan Rouhani spoke.",
        "the talks in turkey and iran",  # lower case never matches
        "Operation Olive Branch ended.",
    ],
)
def test_common_words_and_names_are_not_places(gazetteer: Gazetteer, text: str) -> None:
    assert gazetteer.find(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The chiefs held talks with senior leaders in Tehran earlier today.", "Tehran"),
        ("Turkish drones struck targets in Syria's Idlib Province on Monday.", "Idlib Province"),
        ("Security ties deepened after the U.S. left Ain al-Asad airbase.", "Ain al-Asad"),
        ("They rejected the referendum vote in Iraqi Kurdistan.", "Iraqi Kurdistan"),
        ("A car bomb exploded near the Syrian border town of Tal Abyad.", "Tal Abyad"),
        ("Fighting continued in northern Syria near Manbij.", "Manbij"),
        ("The minister paid a visit to Moscow on Friday.", "Moscow"),
        ("Officials from Türkiye and Syria convened in Ankara on Sunday.", "Ankara"),
        ("He spoke at a press conference in Baghdad with his counterpart.", "Baghdad"),
    ],
)
def test_find_place(gazetteer: Gazetteer, text: str, expected: str) -> None:
    result = find_place(text, gazetteer)
    assert result is not None
    place, start, end = result
    assert place.name == expected
    assert text[start:end] in (expected, place.name) or expected in text[start:end]


def test_find_place_skips_excluded_actor_spans(gazetteer: Gazetteer) -> None:
    text = "Ankara rejected the plan, officials said in Tehran."
    assert find_place(text, gazetteer, exclude=[(0, 6)])[0].name == "Tehran"  # type: ignore[index]
    text = "Ankara rejected the plan."
    assert find_place(text, gazetteer, exclude=[(0, 6)]) is None


def test_bare_country_is_not_taken_as_the_place(gazetteer: Gazetteer) -> None:
    assert find_place("Iran and Iraq signed a security pact.", gazetteer) is None


def test_no_place(gazetteer: Gazetteer) -> None:
    assert find_place("The two sides agreed to keep talking.", gazetteer) is None
