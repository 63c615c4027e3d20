"""The learned pair coder: which PLOVER event, if any, one actor mention directs at another.

A sentence goes through a small transformer encoder once, with every candidate mention
wrapped in entity markers ("[E] Turkish jets [/E] bombarded positions of the [E] SDF [/E]").
Each candidate pair (source, target) is then classified by a small head from the states at
the two opening markers and at [CLS]: one of the 16 PLOVER types or NONE. A source-only
candidate ("protesters marched") uses [CLS] in the target's place. The encoder is
all-MiniLM-L6-v2 fine-tuned by `make train` (train/train.py), exported to ONNX and
int8-quantized; it runs with onnxruntime and tokenizers, no torch. Probabilities are
temperature-scaled on held-out training sentences, so they read as confidences.

`mark` and `pair_features` are shared with training, so the two cannot drift apart.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import ModelNotInstalled

OPEN, CLOSE = "[E]", "[/E]"
NONE = "NONE"
MODEL_DIR = Path(str(resources.files("detente.nlp").joinpath("model")))

Span = tuple[int, int]


@dataclass(frozen=True)
class Item:
    """One sentence to code: its text, mention spans (sentence offsets) and candidate pairs.

    A pair is (source index, target index) into `spans`; target -1 is source-only.
    """

    text: str
    spans: Sequence[Span]
    pairs: Sequence[tuple[int, int]]


def mark(text: str, spans: Sequence[Span]) -> tuple[str, list[int]]:
    """The text with each span wrapped in markers, and where each span's opening marker starts.

    Overlapping spans keep the first (longest first is the caller's choice); a span that
    overlaps a kept one is marked at the kept one's marker.
    """
    order = sorted(range(len(spans)), key=lambda i: (spans[i][0], -spans[i][1]))
    kept: list[int] = []
    alias: dict[int, int] = {}
    for i in order:
        start, end = spans[i]
        clash = next((k for k in kept if start < spans[k][1] and spans[k][0] < end), None)
        if clash is None:
            kept.append(i)
        else:
            alias[i] = clash
    pieces: list[str] = []
    where: dict[int, int] = {}
    cursor = 0
    length = 0
    for i in kept:
        start, end = spans[i]
        before = text[cursor:start]
        pieces.append(before)
        length += len(before)
        where[i] = length
        inner = f"{OPEN} {text[start:end]} {CLOSE}"
        pieces.append(inner)
        length += len(inner)
        cursor = end
    pieces.append(text[cursor:])
    positions = [where[alias.get(i, i)] for i in range(len(spans))]
    return "".join(pieces), positions


def pair_features(hidden: np.ndarray, source: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Head input for pairs: [h_source, h_target, h_cls, h_source * h_target].

    `hidden` is one sentence's token states (L x H); `source`/`target` token indices (0 = [CLS]).
    """
    hs, ht = hidden[source], hidden[target]
    cls = np.broadcast_to(hidden[0], hs.shape)
    return np.concatenate([hs, ht, cls, hs * ht], axis=-1)


class PairCoder:
    """The exported coder: encoder (ONNX), tokenizer, head weights and labels from `folder`."""

    def __init__(self, folder: Path = MODEL_DIR, *, threads: int = 0, gpu: bool = False) -> None:
        files = [folder / n for n in ("encoder.onnx", "tokenizer.json", "head.npz", "labels.json")]
        missing = [f.name for f in files if not f.is_file()]
        if missing:
            raise ModelNotInstalled(
                f"the learned coder's files are missing from {folder} ({', '.join(missing)}); "
                "reinstall detente, rebuild them with `make train`, or use `--coder rules`"
            )
        import onnxruntime
        from tokenizers import Tokenizer

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        providers = ["CPUExecutionProvider"]
        if gpu and "CUDAExecutionProvider" in onnxruntime.get_available_providers():
            providers.insert(0, "CUDAExecutionProvider")
        self.session = onnxruntime.InferenceSession(str(files[0]), options, providers=providers)
        self.batch_size = 32 if providers[0] == "CUDAExecutionProvider" else 1
        self.input_names = {i.name for i in self.session.get_inputs()}
        meta: dict[str, Any] = json.loads(files[3].read_text("utf-8"))
        self.labels: list[str] = meta["labels"]
        self.temperature = float(meta.get("temperature", 1.0))
        self.max_length = int(meta.get("max_length", 160))
        self.version: str = meta.get("version", "unknown")
        self.tokenizer = Tokenizer.from_file(str(files[1]))
        self.tokenizer.enable_truncation(self.max_length)
        self.open_id = self.tokenizer.token_to_id(OPEN)
        with np.load(files[2]) as head:
            self.w1, self.b1 = head["w1"], head["b1"]
            self.w2, self.b2 = head["w2"], head["b2"]

    def predict(self, items: Sequence[Item], *, batch_size: int | None = None) -> list[np.ndarray]:
        """Per item, a (pairs x labels) array of probabilities, in `self.labels` order.

        On the CPU each sentence goes alone (`batch_size` 1): with no padding that is the
        fastest, and a sentence's answer then depends on nothing else in the batch (int8
        activations are quantized per call). A GPU takes 32 at a time.
        """
        batch_size = batch_size or self.batch_size
        results: list[np.ndarray] = [np.zeros((0, len(self.labels)), dtype=np.float32)] * len(items)
        todo = [i for i, item in enumerate(items) if item.pairs]
        # similar lengths together: less padding
        todo.sort(key=lambda i: len(items[i].text))
        for first in range(0, len(todo), batch_size):
            chunk = todo[first : first + batch_size]
            marked = [mark(items[i].text, items[i].spans) for i in chunk]
            # one call into the Rust tokenizer for the batch: it works without the GIL
            encodings = self.tokenizer.encode_batch([text for text, _ in marked])
            encoded = list(zip(encodings, (starts for _, starts in marked), strict=True))
            width = max(len(e.ids) for e, _ in encoded)
            ids = np.zeros((len(chunk), width), dtype=np.int64)
            attention = np.zeros((len(chunk), width), dtype=np.int64)
            for row, (enc, _) in enumerate(encoded):
                ids[row, : len(enc.ids)] = enc.ids
                attention[row, : len(enc.ids)] = 1
            feeds = {"input_ids": ids, "attention_mask": attention}
            if "token_type_ids" in self.input_names:
                feeds["token_type_ids"] = np.zeros_like(ids)
            hidden = self.session.run(None, feeds)[0]
            for row, (i, (enc, starts)) in enumerate(zip(chunk, encoded, strict=True)):
                index = _marker_tokens(enc.offsets, enc.ids, starts, self.open_id)
                pairs = np.array(items[i].pairs, dtype=np.int64)
                source = index[pairs[:, 0]]
                target = np.where(pairs[:, 1] < 0, 0, index[np.maximum(pairs[:, 1], 0)])
                results[i] = self._head(pair_features(hidden[row], source, target))
        return results

    def _head(self, features: np.ndarray) -> np.ndarray:
        inner = np.maximum(features @ self.w1 + self.b1, 0.0)
        logits = (inner @ self.w2 + self.b2) / self.temperature
        logits -= logits.max(axis=-1, keepdims=True)
        exp = np.exp(logits)
        probs: np.ndarray = exp / exp.sum(axis=-1, keepdims=True)
        return probs


def _marker_tokens(
    offsets: Sequence[tuple[int, int]],
    ids: Sequence[int],
    starts: Sequence[int],
    open_id: int | None,
) -> np.ndarray:
    """Token index of each mention's opening marker (0, [CLS], when truncation cut it off)."""
    at = {
        start: t
        for t, ((start, _), tid) in enumerate(zip(offsets, ids, strict=True))
        if tid == open_id
    }
    return np.array([at.get(s, 0) for s in starts], dtype=np.int64)
