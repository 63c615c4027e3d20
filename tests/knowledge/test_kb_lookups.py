"""Lookups: names, metonyms, aliases, demonyms, titles and sector nouns."""

from __future__ import annotations

import pytest

from detente.knowledge import KnowledgeBase


@pytest.mark.parametrize(
    "text, code, sector",
    [
        ("Türkiye", "TUR", None),
        ("Turkey", "TUR", None),
        ("Turkiye", "TUR", None),
        ("Republic of Türkiye", "TUR", None),
        ("Ankara", "TUR", None),
        ("the Kremlin", "RUS", "GOV"),
        ("Kremlin", "RUS", "GOV"),
        ("Moscow", "RUS", None),
        ("the Pentagon", "USA", "MIL"),
        ("the White House", "USA", "GOV"),
        ("the U.S.", "USA", None),
        ("US", "USA", None),
        ("United States of America", "USA", None),
        ("Britain", "GBR", None),
        ("U.K.", "GBR", None),
        ("Downing Street", "GBR", "GOV"),
        ("Elysee", "FRA", "GOV"),
        ("Élysée", "FRA", "GOV"),
        ("Tehran", "IRN", None),
        ("the Islamic Republic", "IRN", None),
        ("Baghdad", "IRQ", None),
        ("Damascus", "SYR", None),
        ("Kyiv", "UKR", None),
        ("Kiev", "UKR", None),
        ("the Knesset", "ISR", "LEG"),
        ("Burma", "MMR", None),
        ("Ivory Coast", "CIV", None),
        ("Côte d’Ivoire", "CIV", None),
        ("DPRK", "PRK", None),
        ("Pyongyang", "PRK", None),
        ("ROK", "KOR", None),
        ("Palestinian Authority", "PSE", "GOV"),
        ("Daesh", "ISIS", "REB"),
        ("ISIL", "ISIS", "REB"),
        ("the Islamic State group", "ISIS", "REB"),
        ("IS", "ISIS", "REB"),
        ("P.K.K.", "PKK", "REB"),
        ("PKK", "PKK", "REB"),
        ("Kurdistan Workers’ Party", "PKK", "REB"),
        ("P.J.A.K.", "PJAK", "REB"),
        ("Hayat Tahrir al-Sham", "HTS", "REB"),
        ("Syrian Democratic Forces", "SDF", "REB"),
        ("Iraqi Kurdistan", "KRG", "GOV"),
        ("Peshmerga", "KRG", "MIL"),
        ("Ansar Allah", "HOUTHIS", "REB"),
        ("the United Nations", "UN", "IGO"),
        ("Security Council", "UN", "IGO"),
        ("European Union", "EU", "IGO"),
        ("Arab League", "ARAB_LEAGUE", "IGO"),
        ("IRGC", "IRN", "MIL"),
        ("Quds Force", "IRN", "MIL"),
        ("MİT", "TUR", "SPY"),
        ("National Intelligence Organization", "TUR", "SPY"),
        ("CIA", "USA", "SPY"),
        ("FBI", "USA", "COP"),
        ("Mossad", "ISR", "SPY"),
        ("FSB", "RUS", "SPY"),
        ("Hashd al-Shaabi", "PMF", "MIL"),
        ("Sudanese Armed Forces", "SDN", "MIL"),
        ("Rapid Support Forces", "RSF", "REB"),
        ("Tatmadaw", "MMR", "MIL"),
    ],
)
def test_lookup(kb: KnowledgeBase, text: str, code: str, sector: str | None) -> None:
    alias = kb.lookup(text)
    assert alias is not None, text
    assert (alias.code, alias.sector) == (code, sector)


@pytest.mark.parametrize("text", ["us", "is", "turkey", "chad", "car", "", "   ", "Atlantis"])
def test_lookup_respects_case_sensitive_forms(kb: KnowledgeBase, text: str) -> None:
    assert kb.lookup(text) is None


def test_lookup_tells_what_kind_of_form_it_found(kb: KnowledgeBase) -> None:
    assert kb.lookup("Turkey").kind == "state"  # type: ignore[union-attr]
    assert kb.lookup("Ankara").kind == "metonym"  # type: ignore[union-attr]
    assert kb.lookup("Daesh").kind == "armed_group"  # type: ignore[union-attr]
    assert kb.lookup("IRGC").kind == "state_organ"  # type: ignore[union-attr]
    assert kb.lookup("Quds Force").name == "Quds Force"  # type: ignore[union-attr]


def test_entity(kb: KnowledgeBase) -> None:
    assert kb.entity("TUR").name == "Türkiye"  # type: ignore[union-attr]
    krg = kb.entity("KRG")
    assert krg is not None and (krg.kind, krg.sector, krg.country) == ("government", "GOV", "IRQ")
    assert kb.entity("NOPE") is None


@pytest.mark.parametrize(
    "word, code",
    [
        ("Iranian", "IRN"),
        ("Iranians", "IRN"),
        ("iranian", "IRN"),
        ("Iraqi", "IRQ"),
        ("Iraqis", "IRQ"),
        ("Syrian", "SYR"),
        ("American", "USA"),
        ("Americans", "USA"),
        ("British", "GBR"),
        ("Briton", "GBR"),
        ("Saudi", "SAU"),
        ("Emirati", "ARE"),
        ("Israeli", "ISR"),
        ("Palestinian", "PSE"),
        ("Russian", "RUS"),
        ("Chinese", "CHN"),
        ("Turkish", "TUR"),
        ("Turks", "TUR"),
        ("Kurdish", "KUR"),
        ("Kurds", "KUR"),
        ("North Korean", "PRK"),
        ("Turkey's", "TUR"),
        ("Iraq’s", "IRQ"),
        ("Tehran's", "IRN"),
    ],
)
def test_demonym(kb: KnowledgeBase, word: str, code: str) -> None:
    assert kb.demonym(word) == code


@pytest.mark.parametrize("word", ["polish", "Kingdom", "the", "Korean"])
def test_demonym_unknown(kb: KnowledgeBase, word: str) -> None:
    assert kb.demonym(word) is None


def test_demonyms_table(kb: KnowledgeBase) -> None:
    table = kb.demonyms()
    assert table["Iranian"] == "IRN"
    assert table["Polish"] == "POL"


@pytest.mark.parametrize(
    "text, sector, role",
    [
        ("foreign minister", "GOV", "foreign minister"),
        ("Foreign Minister", "GOV", "foreign minister"),
        ("minister of foreign affairs", "GOV", "foreign minister"),
        ("top diplomat", "GOV", "foreign minister"),
        ("Chief of General Staff", "MIL", "chief of general staff"),
        ("chief of the general staff", "MIL", "chief of general staff"),
        ("defense minister", "GOV", "defence minister"),
        ("Defence Minister", "GOV", "defence minister"),
        ("secretary of defense", "GOV", "defence minister"),
        ("intelligence chief", "SPY", "intelligence chief"),
        ("spy chief", "SPY", "intelligence chief"),
        ("police chief", "COP", "police chief"),
        ("Speaker", "LEG", "speaker"),
        ("President", "GOV", "president"),
        ("Security Council Secretary", "GOV", "security council secretary"),
        ("secretary general", None, "secretary-general"),
        ("Secretary-General", None, "secretary-general"),
        ("foreign ministers", "GOV", "foreign minister"),
        ("  national   security adviser ", "GOV", "national security adviser"),
        ("opposition leader", "OPP", "opposition leader"),
        ("rebel commander", "REB", "rebel commander"),
        ("prosecutor", "JUD", "prosecutor"),
    ],
)
def test_title(kb: KnowledgeBase, text: str, sector: str | None, role: str) -> None:
    title = kb.title(text)
    assert title is not None, text
    assert (title.sector, title.role) == (sector, role)


def test_title_unknown(kb: KnowledgeBase) -> None:
    assert kb.title("astronaut") is None


@pytest.mark.parametrize(
    "noun, sector",
    [
        ("police", "COP"),
        ("Police", "COP"),
        ("policemen", "COP"),
        ("protesters", "CVL"),
        ("protester", "CVL"),
        ("demonstrators", "CVL"),
        ("rebels", "REB"),
        ("militias", "REB"),
        ("gunmen", "REB"),
        ("court", "JUD"),
        ("judge", "JUD"),
        ("troops", "MIL"),
        ("soldiers", "MIL"),
        ("pilots", "MIL"),
        ("security forces", "COP"),
        ("riot police", "COP"),
        ("lawmakers", "LEG"),
        ("authorities", "GOV"),
        ("ministries", "GOV"),
        ("journalists", "MED"),
        ("refugees", "REF"),
        ("companies", "BUS"),
        ("children", "CVL"),
        ("students", "EDU"),
        ("Taliban prisoners", "CVL"),
    ],
)
def test_sector_of(kb: KnowledgeBase, noun: str, sector: str) -> None:
    assert kb.sector_of(noun) == sector


@pytest.mark.parametrize("noun", ["table", "", "weather"])
def test_sector_of_unknown(kb: KnowledgeBase, noun: str) -> None:
    assert kb.sector_of(noun) is None


def test_only_a_states_own_code_is_a_state(kb: KnowledgeBase) -> None:
    assert kb.is_state("IRN")
    assert not kb.is_state("CIV-IRN")
    assert not kb.is_state("HEZBOLLAH")
    assert not kb.is_state(None)
