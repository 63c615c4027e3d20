from __future__ import annotations

from detente.ingest.dedupe import band_keys, jaccard, near_duplicates, shingles, text_key
from detente.models import Article

BASE = " ".join(
    f"Paragraph {n} says the delegation met officials and discussed border security and trade."
    for n in range(30)
)


def _article(doc_id: str, text: str) -> Article:
    return Article(id=doc_id, text=text)


def test_text_key_ignores_case_and_spacing() -> None:
    assert text_key("The  talks\nended.") == text_key("the talks ended")
    assert text_key("The talks ended.") != text_key("The talks began.")


def test_near_duplicates_finds_lightly_edited_copy() -> None:
    edited = BASE.replace("Paragraph 29 says", "Paragraph 29 reports")
    other = "A different report about a flood that closed several roads in the north. " * 5
    pairs = near_duplicates([_article("a", BASE), _article("b", other), _article("c", edited)])
    assert len(pairs) == 1
    first, second, similarity = pairs[0]
    assert (first, second) == ("a", "c")
    assert 0.9 <= similarity < 1.0


def test_near_duplicates_ignores_different_texts() -> None:
    half = " ".join(BASE.split()[: len(BASE.split()) // 2])
    assert near_duplicates([_article("a", BASE), _article("b", half)]) == []


def test_exact_copies_have_similarity_one() -> None:
    assert near_duplicates([_article("a", BASE), _article("b", BASE)]) == [("a", "b", 1.0)]


def test_short_texts_have_one_shingle() -> None:
    assert len(shingles("two words")) == 1
    assert jaccard(shingles("two words"), shingles("Two  words")) == 1.0


def test_signatures_match_the_arithmetic_of_python_integers() -> None:
    # numpy computes (a * value + b) mod 2**61 - 1 in 64-bit pieces (#10)
    import random

    from detente.ingest import dedupe

    rng = random.Random(7)
    values = {0, 1, 2**61 - 2, 2**61 - 1, 2**61, 2**63, 2**64 - 1}
    values |= {rng.getrandbits(64) for _ in range(5000)}
    expected = [
        min((a * value + b) % (2**61 - 1) for value in values) for a, b in dedupe._COEFFICIENTS
    ]
    assert dedupe._signature(frozenset(values)) == expected


def test_band_keys_are_sixteen_bigints_shared_by_copies() -> None:
    keys = band_keys(shingles(BASE))
    assert len(keys) == 16 and all(-(2**63) <= key < 2**63 for key in keys)
    assert band_keys(shingles(BASE.upper())) == keys
    assert band_keys(frozenset()) == []
