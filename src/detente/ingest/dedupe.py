"""Exact and near-duplicate documents.

`text_key` is what `read_paths` compares to drop exact duplicates as it streams (same
words in the same order, whatever the spacing and case). `near_duplicates` finds pairs of
articles whose word 5-shingles overlap by a Jaccard similarity of 0.9 or more: MinHash
signatures with banding to find candidate pairs, then the exact Jaccard to confirm.
`band_keys` gives a text's bands as integers, so that the store can keep them and find the
stored texts a new one may repeat (#10). The signatures are computed with numpy.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterable
from itertools import combinations

import numpy as np
import numpy.typing as npt

from detente.models import Article

__all__ = ["NEAR_DUPLICATE", "band_keys", "jaccard", "near_duplicates", "shingles", "text_key"]

_WORD = re.compile(r"\w+")
_PRIME = (1 << 61) - 1
_MASK = (1 << 64) - 1
_PERMUTATIONS = 64
_BANDS = 16  # 16 bands of 4 rows: pairs at Jaccard 0.9 collide in some band ~100% of the time

NEAR_DUPLICATE = 0.9  # the Jaccard of 5-shingles from which two texts are one text


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


def band_keys(shingle_set: frozenset[int]) -> list[int]:
    """One signed 64-bit key per MinHash band of a shingle set (none for an empty set).

    Two sets that share a key are candidates: sets at Jaccard 0.9 share one almost surely,
    and `jaccard` confirms. The keys fit a DuckDB BIGINT.
    """
    if not shingle_set:
        return []
    signature = _signature(shingle_set)
    rows = _PERMUTATIONS // _BANDS
    keys = []
    for band in range(_BANDS):
        values = signature[band * rows : (band + 1) * rows]
        packed = bytes([band]) + b"".join(value.to_bytes(8, "big") for value in values)
        digest = hashlib.blake2b(packed, digest_size=8).digest()
        keys.append(int.from_bytes(digest, "big", signed=True))
    return keys


def jaccard(a: frozenset[int], b: frozenset[int]) -> float:
    if not a and not b:
        return 1.0
    return len(a & b) / len(a | b)


def near_duplicates(
    articles: Iterable[Article], *, threshold: float = NEAR_DUPLICATE
) -> list[tuple[str, str, float]]:
    """Pairs (earlier id, later id, Jaccard) of articles at least `threshold` alike.

    Pairs come in input order; exact duplicates are included (Jaccard 1.0).
    """
    ids: list[str] = []
    sets: list[frozenset[int]] = []
    buckets: dict[int, list[int]] = defaultdict(list)
    for article in articles:
        shingle_set = shingles(article.text)
        index = len(ids)
        ids.append(article.id)
        sets.append(shingle_set)
        # an empty text has no bands: it is nobody's near-duplicate
        for key in band_keys(shingle_set):
            buckets[key].append(index)
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
    """min over the set of (a * value + b) mod 2**61 - 1, for each permutation (a, b).

    The store signs every text it keeps (#10), a 1.5 MB report included: numpy computes
    the same values as Python's integers would, in 64-bit pieces, 16 times faster.
    """
    if not shingle_set:
        return [0] * _PERMUTATIONS
    values = np.fromiter(shingle_set, dtype=np.uint64, count=len(shingle_set))
    values = _mod(values)  # a shingle hash may exceed the prime
    lowest = np.full(_PERMUTATIONS, np.iinfo(np.uint64).max, dtype=np.uint64)
    for start in range(0, len(values), _CHUNK):
        permuted = _mod(_mulmod(_A, values[None, start : start + _CHUNK]) + _B)
        lowest = np.minimum(lowest, permuted.min(axis=1))
    return [int(value) for value in lowest]


_P = np.uint64(_PRIME)
_A = np.array([a for a, _ in _COEFFICIENTS], dtype=np.uint64)[:, None]
_B = np.array([b for _, b in _COEFFICIENTS], dtype=np.uint64)[:, None]
_CHUNK = 4096  # shingles per step: 64 x 4096 values of 8 bytes, a few temporaries
_LOW32, _LOW29 = np.uint64(0xFFFFFFFF), np.uint64((1 << 29) - 1)
_U3, _U29, _U32, _U61 = np.uint64(3), np.uint64(29), np.uint64(32), np.uint64(61)


def _mod(t: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """t mod 2**61 - 1, for t below 2**64 (2**61 is 1 modulo the prime)."""
    folded = (t & _P) + (t >> _U61)
    return np.where(folded >= _P, folded - _P, folded)


def _mulmod(a: npt.NDArray[np.uint64], x: npt.NDArray[np.uint64]) -> npt.NDArray[np.uint64]:
    """a * x modulo 2**61 - 1, for a and x below the prime, without overflowing 64 bits:
    with a = ah 2**32 + al and x = xh 2**32 + xl, 2**64 is 8 and 2**61 is 1 modulo it."""
    ah, al = a >> _U32, a & _LOW32
    xh, xl = x >> _U32, x & _LOW32
    high = (ah * xh) << _U3  # below 2**61
    middle = ah * xl + al * xh  # below 2**62, times 2**32
    low = al * xl  # below 2**64
    total = (
        high + (middle >> _U29) + ((middle & _LOW29) << _U32) + (low & _P) + (low >> _U61)
    )  # below 2**63
    return _mod(total)
