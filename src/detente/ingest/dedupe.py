"""Exact and near-duplicate documents.

`text_key` is what `read_paths` compares to drop exact duplicates as it streams (same
words in the same order, whatever the spacing and case). `near_duplicates` finds pairs of
articles whose word 5-shingles overlap by a Jaccard similarity of 0.9 or more: MinHash
signatures with banding to find candidate pairs, then the exact Jaccard to confirm. Only
the standard library is used.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

from detente.models import Article

__all__ = ["jaccard", "near_duplicates", "shingles", "text_key"]

_WORD = re.compile(r"\w+")
_PRIME = (1 << 61) - 1
_MASK = (1 << 64) - 1
_PERMUTATIONS = 64
_BANDS = 16  # 16 bands of 4 rows: pairs at Jaccard 0.9 collide in some band ~100% of the time


def _coefficients() -> list[tuple[int, int]]:
    seed = hashlib.sha256(b"detente-minhash").digest()
    coefficients = []
    for index in range(_PERMUTATIONS):
        digest = hashlib.sha256(seed + index.to_bytes(2, "big")).digest()
        a = int.from_bytes(digest[:8], "big") % (_PRIME - 1) + 1
        b = int.from_bytes(digest[8:16], "big") % _PRIME
        coefficients.append((a, b))
    return coefficients


_COEFFICIENTS = _coefficients()


def text_key(text: str) -> str:
    """A hash of the text's words, lower-cased: equal for texts that differ only in spacing."""
    words = " ".join(_WORD.findall(text.lower()))
    return hashlib.sha1(words.encode("utf-8")).hexdigest()


def shingles(text: str, *, size: int = 5) -> frozenset[int]:
    """Hashes of the text's overlapping runs of `size` words (lower-cased)."""
    words = _WORD.findall(text.lower())
    if len(words) < size:
        words_runs = [" ".join(words)] if words else []
    else:
        words_runs = [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]
    return frozenset(
        int.from_bytes(hashlib.blake2b(run.encode("utf-8"), digest_size=8).digest(), "big")
        for run in words_runs
    )


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def near_duplicates(
    articles: Iterable[Article], *, threshold: float = 0.9
) -> list[tuple[str, str, float]]:
    """Pairs (earlier id, later id, Jaccard) of articles at least `threshold` alike.

    Pairs come in input order; exact duplicates are included (Jaccard 1.0).
    """
    ids: list[str] = []
    sets: list[frozenset[int]] = []
    buckets: dict[tuple[int, tuple[int, ...]], list[int]] = defaultdict(list)
    rows = _PERMUTATIONS // _BANDS
    for article in articles:
        shingle_set = shingles(article.text)
        index = len(ids)
        ids.append(article.id)
        sets.append(shingle_set)
        signature = _signature(shingle_set)
        for band in range(_BANDS):
            buckets[(band, tuple(signature[band * rows : (band + 1) * rows]))].append(index)
    candidates: set[tuple[int, int]] = set()
    for members in buckets.values():
        if len(members) > 1:
            candidates.update(combinations(members, 2))
    pairs = []
    for first, second in sorted(candidates):
        similarity = jaccard(sets[first], sets[second])
        if similarity >= threshold:
            pairs.append((ids[first], ids[second], round(similarity, 4)))
    return pairs


def _signature(shingle_set: frozenset[int]) -> list[int]:
    if not shingle_set:
        return [0] * _PERMUTATIONS
    return [
        min(((a * value + b) % _PRIME) & _MASK for value in shingle_set) for a, b in _COEFFICIENTS
    ]
