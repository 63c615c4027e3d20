"""The learned pair coder's input format and its exported model (no torch)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from detente.errors import ModelNotInstalled
from detente.nlp.coder import CLOSE, MODEL_DIR, NONE, OPEN, Item, PairCoder, mark, pair_features
from detente.ontology import TYPES


def test_mark_wraps_each_mention_and_says_where_its_marker_starts() -> None:
    text = "Kenya hosted Somalia's president."
    marked, starts = mark(text, [(0, 5), (13, 20)])
    assert marked == f"{OPEN} Kenya {CLOSE} hosted {OPEN} Somalia {CLOSE}'s president."
    assert [marked[s : s + len(OPEN)] for s in starts] == [OPEN, OPEN]


def test_mark_gives_an_overlapping_span_the_marker_of_the_one_kept() -> None:
    marked, starts = mark("Iraqi Foreign Minister Fuad Hussein spoke.", [(0, 35), (23, 35)])
    assert marked.count(OPEN) == 1
    assert starts[0] == starts[1] == 0


def test_pair_features_put_source_target_cls_and_their_product_side_by_side() -> None:
    hidden = np.arange(12, dtype=np.float32).reshape(4, 3)
    features = pair_features(hidden, np.array([1]), np.array([2]))
    assert features.shape == (1, 12)
    assert features[0].tolist() == [3, 4, 5, 6, 7, 8, 0, 1, 2, 18, 28, 40]


@pytest.fixture(scope="module")
def coder() -> PairCoder:
    return PairCoder(threads=1)


def test_the_shipped_model_knows_every_plover_type_and_none(coder: PairCoder) -> None:
    assert set(coder.labels) == {NONE, *TYPES}
    assert coder.temperature > 0


def test_predict_gives_a_distribution_per_pair(coder: PairCoder) -> None:
    item = Item(
        "Ethiopian troops shelled Eritrean positions near the border on Monday.",
        [(0, 16), (25, 42)],
        [(0, 1), (1, 0), (0, -1)],
    )
    (probs,) = coder.predict([item])
    assert probs.shape == (3, len(coder.labels))
    assert np.allclose(probs.sum(axis=1), 1.0, atol=1e-5)


def test_a_sentence_is_coded_alike_whatever_comes_with_it(coder: PairCoder) -> None:
    a = Item(
        "Chile's president met Argentina's foreign minister in Santiago.",
        [(0, 18), (23, 50)],
        [(0, 1)],
    )
    b = Item("Rebels attacked an army post.", [(0, 6), (19, 28)], [(0, 1)])
    assert np.array_equal(coder.predict([a])[0], coder.predict([b, a])[1])


def test_batched_answers_differ_from_single_ones_only_by_quantization(coder: PairCoder) -> None:
    a = Item(
        "Chile's president met Argentina's foreign minister in Santiago.",
        [(0, 18), (23, 50)],
        [(0, 1)],
    )
    b = Item("Rebels attacked an army post.", [(0, 6), (19, 28)], [(0, 1)])
    alone = coder.predict([a])[0]
    batched = coder.predict([a, b], batch_size=2)[0]
    # int8 activations are quantized per call, so padding moves probabilities a little
    assert np.abs(alone - batched).max() < 0.08


def test_a_sentence_without_pairs_costs_nothing(coder: PairCoder) -> None:
    (probs,) = coder.predict([Item("Nothing happened.", [], [])])
    assert probs.shape == (0, len(coder.labels))


def test_missing_model_files_say_how_to_get_them(tmp_path: Path) -> None:
    with pytest.raises(ModelNotInstalled, match="make train"):
        PairCoder(tmp_path)


def test_the_model_files_fit_in_the_package() -> None:
    size = sum(f.stat().st_size for f in MODEL_DIR.iterdir() if f.is_file())
    assert size < 30 * 2**20
    assert (MODEL_DIR / "MODEL_CARD.md").is_file()
