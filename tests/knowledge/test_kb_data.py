"""The shipped data files: well formed, complete, and every surface form resolves to itself."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from detente.knowledge import SECTORS, KnowledgeBase
from detente.knowledge.kb import DATA_DIR

UN_MEMBERS = """
AFG AGO ALB AND ARE ARG ARM ATG AUS AUT AZE BDI BEL BEN BFA BGD BGR BHR BHS BIH BLR BLZ BOL BRA
BRB BRN BTN BWA CAF CAN CHE CHL CHN CIV CMR COD COG COL COM CPV CRI CUB CYP CZE DEU DJI DMA DNK
DOM DZA ECU EGY ERI ESP EST ETH FIN FJI FRA FSM GAB GBR GEO GHA GIN GMB GNB GNQ GRC GRD GTM GUY
HND HRV HTI HUN IDN IND IRL IRN IRQ ISL ISR ITA JAM JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO
LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG MOZ
MRT MUS MWI MYS NAM NER NGA NIC NLD NOR NPL NRU NZL OMN PAK PAN PER PHL PLW PNG POL PRK PRT PRY
QAT ROU RUS RWA SAU SDN SEN SGP SLB SLE SLV SMR SOM SRB SSD STP SUR SVK SVN SWE SWZ SYC SYR TCD
TGO THA TJK TKM TLS TON TTO TUN TUR TUV TZA UGA UKR URY USA UZB VCT VEN VNM VUT WSM YEM ZAF ZMB
ZWE
""".split()
OBSERVERS_AND_OTHERS = "VAT PSE TWN XKX ESH HKG XNC XSL XAB XSO XTR PRI GRL".split()
# the codes named in ../shared/eval/README.md, plus those its gold file uses
EVAL_CODES = (
    "TUR IRN IRQ SYR RUS USA SAU ISR UN EU NATO AU ARAB_LEAGUE ISIS PKK PJAK HTS SDF YPG KRG "
    "HAMAS HEZBOLLAH HOUTHIS WAGNER KUR".split()
)
ORG_CODES = (
    "UNHCR WHO IAEA WFP UNICEF IMF WB OPEC GCC ASEAN SCO BRICS OSCE OIC ECOWAS IGAD SADC "
    "CSTO G7 G20 ICC ICJ INTERPOL ICRC MSF AMNESTY HRW AL_QAEDA AQAP AQIM AL_SHABAAB "
    "BOKO_HARAM ISWAP TALIBAN TTP JNIM LASHKAR_E_TAIBA JEM PIJ FATAH PLO PMF "
    "KATAIB_HEZBOLLAH SNA FSA YPJ PYD KDP PUK AANES M23 RSF LRA ADF ELN FARC SHINING_PATH ETA IRA "
    "NPA ABU_SAYYAF MILF JEM_SDN SPLM_IO TPLF FANO ARAKAN_ARMY KIA NUG BLA AFRICA_CORPS".split()
)


def _lines(name: str) -> list[dict]:
    text = (DATA_DIR / name).read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_un_member_list_is_complete() -> None:
    assert len(set(UN_MEMBERS)) == 193


@pytest.mark.parametrize("name", ["states.jsonl", "organizations.jsonl"])
def test_files_are_sorted_by_code(name: str) -> None:
    codes = [record["code"] for record in _lines(name)]
    assert codes == sorted(codes)


def test_titles_and_sectors_are_sorted() -> None:
    assert [r["title"] for r in _lines("titles.jsonl")] == sorted(
        r["title"] for r in _lines("titles.jsonl")
    )
    assert [r["noun"] for r in _lines("sectors.jsonl")] == sorted(
        r["noun"] for r in _lines("sectors.jsonl")
    )


def test_state_codes_are_unique() -> None:
    counts = Counter(record["code"] for record in _lines("states.jsonl"))
    assert [code for code, n in counts.items() if n > 1] == []


def test_every_un_member_observer_and_territory_is_a_state(kb: KnowledgeBase) -> None:
    missing = [c for c in UN_MEMBERS + OBSERVERS_AND_OTHERS if (kb.entity(c) or None) is None]
    assert missing == []
    assert all(kb.entity(c).kind == "state" for c in UN_MEMBERS)  # type: ignore[union-attr]


def test_every_state_has_a_capital_and_a_demonym_or_name() -> None:
    for record in _lines("states.jsonl"):
        assert record["capital"], record["code"]
        assert record["names"], record["code"]


def test_capitals_are_metonyms_except_where_ambiguous(kb: KnowledgeBase) -> None:
    # Brussels names the EU; the others are common names of people or places elsewhere
    exceptions = {"BEL", "SYC", "BMU", "FLK"}
    for record in _lines("states.jsonl"):
        alias = kb.lookup(record["capital"])
        if record["code"] in exceptions:
            continue
        assert alias is not None and alias.code == record["code"], record["capital"]
    assert kb.lookup("Brussels").code == "EU"  # type: ignore[union-attr]


@pytest.mark.parametrize("code", EVAL_CODES + ORG_CODES)
def test_codes_the_evaluation_and_the_coders_use_exist(kb: KnowledgeBase, code: str) -> None:
    assert kb.entity(code) is not None


def test_at_least_120_organizations(kb: KnowledgeBase) -> None:
    organizations = [e for e in kb.entities() if e.kind != "state"]
    assert len(organizations) >= 120


def test_every_alias_resolves_to_its_own_entry(kb: KnowledgeBase) -> None:
    wrong = []
    for alias in kb.aliases():
        found = kb.lookup(alias.text)
        if found is None or (found.code, found.sector) != (alias.code, alias.sector):
            wrong.append((alias.text, alias.code, found))
    assert wrong == []


def test_every_attached_entry_points_at_a_known_code(kb: KnowledgeBase) -> None:
    for alias in kb.aliases():
        assert kb.entity(alias.code) is not None, alias


def test_two_letter_acronyms_are_case_sensitive(kb: KnowledgeBase) -> None:
    loose = [a.text for a in kb.aliases() if len(a.text) <= 2 and not a.case_sensitive]
    assert loose == []


@pytest.mark.parametrize(
    "word",
    [
        "us",
        "is",
        "un",
        "eu",
        "au",
        "car",
        "raw",
        "chad",
        "turkey",
        "china",
        "guinea",
        "chile",
        "georgia",
        "jordan",
        "panama",
        "congress",
        "capitol",
        "amnesty",
        "male",
        "lima",
        "saf",
    ],
)
def test_words_that_are_also_english_do_not_resolve_in_lower_case(
    kb: KnowledgeBase, word: str
) -> None:
    assert kb.lookup(word) is None


def test_sectors_in_the_data_are_documented(kb: KnowledgeBase) -> None:
    used = {a.sector for a in kb.aliases()} | {t.sector for t in kb.titles()}
    assert used - {None} <= SECTORS
    import detente.knowledge.kb as module

    assert all(code in (module.__doc__ or "") for code in SECTORS)


def test_there_are_enough_titles_and_sector_nouns(kb: KnowledgeBase) -> None:
    assert len(kb.titles()) >= 150
    assert len(_lines("sectors.jsonl")) >= 150


def test_titles_are_lower_case(kb: KnowledgeBase) -> None:
    assert all(t.text == t.text.lower() for t in kb.titles())


def test_load_kb_is_cached() -> None:
    from detente.knowledge import load_kb

    assert load_kb() is load_kb()


def test_data_files_are_utf8_json_lines() -> None:
    for path in DATA_DIR.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            assert isinstance(json.loads(line), dict)
