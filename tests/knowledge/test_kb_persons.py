"""Persons with time-bounded roles, and how a malformed file is reported."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from detente.errors import ConfigError
from detente.knowledge import KnowledgeBase, load_kb


def test_persons_are_read(fixture_kb: KnowledgeBase) -> None:
    assert {p.id for p in fixture_kb.persons()} >= {"hulusi-akar", "recep-tayyip-erdogan"}


@pytest.mark.parametrize(
    "name, person_id",
    [
        ("Hulusi Akar", "hulusi-akar"),
        ("hulusi akar", "hulusi-akar"),
        ("Akar", "hulusi-akar"),
        ("Erdogan", "recep-tayyip-erdogan"),
        ("Erdoğan", "recep-tayyip-erdogan"),
        ("Recep Tayyip Erdogan", "recep-tayyip-erdogan"),
        ("Ibrahim Kalin", "ibrahim-kalin"),
        ("Kalin", "ibrahim-kalin"),
        ("Sample", "ali-sample"),
    ],
)
def test_person(fixture_kb: KnowledgeBase, name: str, person_id: str) -> None:
    person = fixture_kb.person(name)
    assert person is not None and person.id == person_id


def test_an_alias_two_persons_share_finds_neither(fixture_kb: KnowledgeBase) -> None:
    assert fixture_kb.person("Ali") is None


@pytest.mark.parametrize(
    "on, sector, role",
    [
        (date(2017, 10, 1), "MIL", "chief of general staff"),
        (date(2018, 7, 9), "MIL", "chief of general staff"),
        (date(2018, 7, 10), "GOV", "defence minister"),
        (date(2022, 1, 1), "GOV", "defence minister"),
        (None, "GOV", "defence minister"),
    ],
)
def test_role_on(fixture_kb: KnowledgeBase, on: date | None, sector: str, role: str) -> None:
    akar = fixture_kb.person("Hulusi Akar")
    assert akar is not None
    found = fixture_kb.role_on(akar, on)
    assert found is not None and (found.code, found.sector, found.role) == ("TUR", sector, role)


def test_role_on_outside_every_role(fixture_kb: KnowledgeBase) -> None:
    akar = fixture_kb.person("Akar")
    assert akar is not None
    assert fixture_kb.role_on(akar, date(2010, 1, 1)) is None
    assert fixture_kb.role_on(akar, date(2024, 1, 1)) is None


def _role(kb: KnowledgeBase, name: str, on: date | None) -> str | None:
    person = kb.person(name)
    assert person is not None
    role = kb.role_on(person, on)
    return role.role if role else None


def test_open_ended_role_and_partial_dates(fixture_kb: KnowledgeBase) -> None:
    assert _role(fixture_kb, "Erdogan", date(2014, 8, 1)) == "prime minister"
    # "2014-08" ends on the 31st, after the presidency began: the later start wins
    assert _role(fixture_kb, "Erdogan", date(2014, 8, 30)) == "president"
    assert _role(fixture_kb, "Erdogan", date(2030, 1, 1)) == "president"
    assert _role(fixture_kb, "Erdogan", None) == "president"
    assert _role(fixture_kb, "Kalın", date(2023, 3, 1)) == "presidential spokesman"
    assert _role(fixture_kb, "Kalın", date(2024, 3, 1)) == "intelligence chief"


def test_person_without_roles(fixture_kb: KnowledgeBase) -> None:
    person = fixture_kb.person("Ali Example")
    assert person is not None and fixture_kb.role_on(person, None) is None


def test_persons_file_is_optional(data_copy: Path) -> None:
    assert load_kb(data_copy).persons() == []


def _append(path: Path, record: dict) -> int:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(record) + "\n")
    return len(path.read_text(encoding="utf-8").splitlines())


@pytest.mark.parametrize(
    "record, message",
    [
        ({"id": "x", "name": "X", "aliases": [], "roles": [], "party": "?"}, "unknown field"),
        (
            {"id": "x", "name": "X", "roles": [{"sector": "GOV", "role": "minister"}]},
            "missing code",
        ),
        ({"id": "x", "name": "X", "roles": [{"code": "TUR", "start": "2020/01/01"}]}, "not YYYY"),
        (
            {"id": "x", "name": "X", "roles": [{"code": "TUR", "start": "2020", "end": "2019"}]},
            "ends before",
        ),
        ({"name": "X"}, "missing id"),
    ],
)
def test_bad_person_names_file_and_line(data_copy: Path, record: dict, message: str) -> None:
    path = data_copy / "persons.jsonl"
    line = _append(path, {"id": "ok", "name": "Ok", "aliases": [], "roles": []})
    line = _append(path, record)
    with pytest.raises(ConfigError, match=message) as info:
        load_kb(data_copy)
    assert f"persons.jsonl:{line}" in str(info.value)


@pytest.mark.parametrize(
    "name, record, message",
    [
        (
            "organizations.jsonl",
            {"code": "ZZ", "name": "Z", "kind": "igo", "aliases": [], "colour": "red"},
            "unknown field",
        ),
        ("organizations.jsonl", {"name": "Z", "kind": "igo", "aliases": []}, "missing code"),
        (
            "organizations.jsonl",
            {"code": "ZZ", "name": "Z", "kind": "club", "aliases": []},
            "unknown kind",
        ),
        (
            "organizations.jsonl",
            {"code": "ZZ", "name": "Z", "kind": "igo", "sector": "XYZ", "aliases": []},
            "unknown sector",
        ),
        (
            "organizations.jsonl",
            {"code": "ZZ", "name": "Z", "kind": "igo", "aliases": ["Daesh"]},
            "names both",
        ),
        (
            "organizations.jsonl",
            {"code": "ZZ", "name": "Z", "kind": "party", "aliases": [], "people": "TUR"},
            "not an ethnic group",
        ),
        ("states.jsonl", {"code": "TUR", "name": "Turkey again"}, "defined twice"),
        (
            "titles.jsonl",
            {"title": "astronaut", "sector": "GOV", "role": "astronaut", "rank": 1},
            "unknown field",
        ),
        ("sectors.jsonl", {"noun": "astronaut"}, "missing sector"),
    ],
)
def test_bad_data_names_file_and_line(
    data_copy: Path, name: str, record: dict, message: str
) -> None:
    line = _append(data_copy / name, record)
    with pytest.raises(ConfigError, match=message) as info:
        load_kb(data_copy)
    assert f"{name}:{line}" in str(info.value)


def test_invalid_json_is_a_config_error(data_copy: Path) -> None:
    (data_copy / "titles.jsonl").write_text('{"title": "x",\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="titles.jsonl:1: not valid JSON"):
        load_kb(data_copy)


def test_missing_file_is_a_config_error(data_copy: Path) -> None:
    (data_copy / "states.jsonl").unlink()
    with pytest.raises(ConfigError, match="states.jsonl"):
        load_kb(data_copy)
