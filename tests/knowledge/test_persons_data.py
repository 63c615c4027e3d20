"""Checks on the shipped person data (``knowledge/data/persons.jsonl``).

Standard library only: this reads the data file directly and does not import
``detente.knowledge``, so it stays fast and independent of the loader.
"""

from __future__ import annotations

import calendar
import json
import re
import unicodedata
from collections import defaultdict
from pathlib import Path

import pytest

DATA = (
    Path(__file__).resolve().parents[2] / "src" / "detente" / "knowledge" / "data" / "persons.jsonl"
)

SECTORS = {"GOV", "MIL", "SPY", "LEG", "JUD", "IGO", "REB", "PTY", "OPP", "COP"}
ORG_CODES = {
    "UN",
    "EU",
    "AU",
    "NATO",
    "GCC",
    "OIC",
    "IAEA",
    "WHO",
    "ICC",
    "ARAB_LEAGUE",
    "ISIS",
    "AL_QAEDA",
    "HEZBOLLAH",
    "HAMAS",
    "PIJ",
    "HTS",
    "SDF",
    "YPG",
    "PKK",
    "PJAK",
    "KRG",
    "HOUTHIS",
    "WAGNER",
    "TALIBAN",
    "RSF",
    "TPLF",
    "STC",
    "FETO",
}
DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
EAST_ASIAN = {"CHN", "PRK", "KOR", "TWN"}  # family name first


def fold(text: str) -> str:
    text = text.replace("ı", "i").replace("İ", "I")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()


def surname_key(text: str) -> str:
    key = fold(text)
    for prefix in ("al-", "el-"):
        if key.startswith(prefix):
            key = key[len(prefix) :]
    return key


def bounds(value: str) -> tuple[str, str]:
    """The first and last day a possibly partial date can stand for."""
    m = DATE.match(value)
    assert m, value
    year, month, day = m.groups()
    if day:
        return value, value
    if month:
        last = calendar.monthrange(int(year), int(month))[1]
        return f"{year}-{month}-01", f"{year}-{month}-{last:02d}"
    return f"{year}-01-01", f"{year}-12-31"


@pytest.fixture(scope="module")
def persons() -> list[dict]:
    lines = DATA.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.fixture(scope="module")
def by_id(persons: list[dict]) -> dict[str, dict]:
    return {p["id"]: p for p in persons}


def roles_on(person: dict, day: str) -> list[dict]:
    out = []
    for role in person["roles"]:
        start = bounds(role["start"])[0]
        end = bounds(role["end"])[1] if role["end"] else "9999-12-31"
        if start <= day <= end:
            out.append(role)
    return out


def test_every_line_is_a_json_object() -> None:
    for n, line in enumerate(DATA.read_text(encoding="utf-8").splitlines(), 1):
        assert line.strip(), f"blank line {n}"
        obj = json.loads(line)
        assert isinstance(obj, dict), n
        assert set(obj) == {"id", "name", "aliases", "roles"}, n


def test_ids_unique_sorted_and_slugs(persons: list[dict]) -> None:
    ids = [p["id"] for p in persons]
    assert len(ids) == len(set(ids))
    assert ids == sorted(ids)
    for pid in ids:
        assert re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", pid), pid


def test_coverage_is_broad(persons: list[dict]) -> None:
    assert len(persons) >= 500
    codes = {r["code"] for p in persons for r in p["roles"]}
    g20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
    mideast = "TUR IRN IRQ SYR ISR PSE LBN JOR SAU ARE QAT KWT BHR OMN YEM EGY".split()
    others = (
        "UKR PAK AFG AZE ARM LBY SDN ETH UN NATO EU ISIS HEZBOLLAH HAMAS HTS SDF PKK HOUTHIS KRG "
        "WAGNER"
    ).split()
    assert not set(g20 + mideast + others) - codes


def test_fields_are_well_formed(persons: list[dict]) -> None:
    for p in persons:
        assert isinstance(p["name"], str) and p["name"].strip() == p["name"] and p["name"]
        assert isinstance(p["aliases"], list)
        assert all(isinstance(a, str) and a.strip() == a and a for a in p["aliases"]), p["id"]
        assert len(p["aliases"]) == len(set(p["aliases"])), p["id"]
        assert p["name"] not in p["aliases"], p["id"]
        assert p["roles"], p["id"]
        for role in p["roles"]:
            assert set(role) == {"code", "sector", "role", "start", "end"}, p["id"]
            code = role["code"]
            assert re.fullmatch(r"[A-Z]{3}", code) or code in ORG_CODES, (p["id"], code)
            assert role["sector"] in SECTORS, (p["id"], role["sector"])
            assert isinstance(role["role"], str) and role["role"], p["id"]


def test_dates_are_valid_and_ordered(persons: list[dict]) -> None:
    for p in persons:
        for role in p["roles"]:
            for value in (role["start"], role["end"]):
                if value is None:
                    continue
                m = DATE.match(value)
                assert m, (p["id"], value)
                year, month, day = m.groups()
                assert 1940 <= int(year) <= 2030, (p["id"], value)
                if month:
                    assert 1 <= int(month) <= 12, (p["id"], value)
                if day:
                    assert 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1], (
                        p["id"],
                        value,
                    )
            assert role["start"] is not None, p["id"]
            if role["end"] is not None:
                assert bounds(role["start"])[0] <= bounds(role["end"])[1], (p["id"], role)


def test_no_bare_alias_is_shared(persons: list[dict]) -> None:
    """A one-word alias must point at one person only, and must not be another person's surname."""
    owners: dict[str, set[str]] = defaultdict(set)
    surnames: dict[str, set[str]] = defaultdict(set)
    full_names: dict[str, str] = {}
    for p in persons:
        full_names[fold(p["name"])] = p["id"]
        tokens = p["name"].split()
        if len(tokens) > 1:
            east = p["roles"][0]["code"] in EAST_ASIAN
            surnames[surname_key(tokens[0] if east else tokens[-1])].add(p["id"])
        for alias in p["aliases"]:
            owners[fold(alias)].add(p["id"])
            if " " not in alias:
                owners[surname_key(alias)].add(p["id"])
    for p in persons:
        for alias in p["aliases"]:
            others = set(owners[fold(alias)])
            if " " not in alias:
                others |= owners[surname_key(alias)] | surnames[surname_key(alias)]
            others.discard(p["id"])
            assert not others, (p["id"], alias, sorted(others))
            assert full_names.get(fold(alias), p["id"]) == p["id"], (p["id"], alias)


@pytest.mark.parametrize(
    ("pid", "day", "code", "sector"),
    [
        ("hulusi-akar", "2017-10-01", "TUR", "MIL"),
        ("hulusi-akar", "2020-01-01", "TUR", "GOV"),
        ("hakan-fidan", "2020-06-15", "TUR", "SPY"),
        ("hakan-fidan", "2024-06-15", "TUR", "GOV"),
        ("ibrahim-kalin", "2025-10-12", "TUR", "SPY"),
        ("yasar-guler", "2020-01-01", "TUR", "MIL"),
        ("yasar-guler", "2025-10-12", "TUR", "GOV"),
        ("binali-yildirim", "2017-09-20", "TUR", "GOV"),
        ("mohammad-bagheri", "2017-10-01", "IRN", "MIL"),
        ("ali-shamkhani", "2017-10-01", "IRN", "GOV"),
        ("hassan-rouhani", "2017-10-01", "IRN", "GOV"),
        ("ali-larijani", "2017-10-01", "IRN", "LEG"),
        ("ali-larijani", "2025-10-01", "IRN", "GOV"),
        ("abbas-araghchi", "2025-10-01", "IRN", "GOV"),
        ("mohammad-baqer-qalibaf", "2025-10-01", "IRN", "LEG"),
        ("fuad-hussein", "2025-10-01", "IRQ", "GOV"),
        ("ahmed-al-sharaa", "2020-01-01", "HTS", "REB"),
        ("ahmed-al-sharaa", "2025-02-15", "SYR", "GOV"),
        ("asaad-hassan-al-shaibani", "2025-10-12", "SYR", "GOV"),
        ("murhaf-abu-qasra", "2025-10-12", "SYR", "GOV"),
        ("hussein-al-salameh", "2025-10-12", "SYR", "SPY"),
        ("mazloum-abdi", "2025-10-07", "SDF", "REB"),
        ("geir-pedersen", "2025-01-01", "UN", "IGO"),
    ],
)
def test_role_on_date(by_id: dict[str, dict], pid: str, day: str, code: str, sector: str) -> None:
    active = {(r["code"], r["sector"]) for r in roles_on(by_id[pid], day)}
    assert (code, sector) in active, (pid, day, active)


def test_akar_is_not_both_at_once(by_id: dict[str, dict]) -> None:
    assert {r["sector"] for r in roles_on(by_id["hulusi-akar"], "2017-10-01")} == {"MIL"}
    assert {r["sector"] for r in roles_on(by_id["hulusi-akar"], "2020-01-01")} == {"GOV"}
    assert not roles_on(by_id["hulusi-akar"], "2024-01-01")


@pytest.mark.parametrize(
    ("pid", "alias"),
    [
        ("recep-tayyip-erdogan", "Tayyip Erdogan"),
        ("recep-tayyip-erdogan", "Erdogan"),
        ("abbas-araghchi", "Araqchi"),
        ("ahmed-al-sharaa", "Abu Mohammed al-Julani"),
        ("ahmed-al-sharaa", "Jolani"),
        ("ahmed-al-sharaa", "Sharaa"),
        ("ali-khamenei", "Khamenei"),
        ("mohammed-bin-salman", "MBS"),
        ("hulusi-akar", "Akar"),
        ("mohammad-bagheri", "Bagheri"),
    ],
)
def test_expected_aliases(by_id: dict[str, dict], pid: str, alias: str) -> None:
    assert alias in by_id[pid]["aliases"]
