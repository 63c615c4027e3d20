"""Throughput: `detente extract` end to end against spaCy's small pipeline alone, in one run.

    python bench/throughput.py                    # 120,000 words, 2 rounds, batch 64, 1 process
    python bench/throughput.py --words 200000 --rounds 3 --json
    python bench/throughput.py --workers 2        # scaling: n_process=2 on both sides

Both sides see the same texts, built from what is available offline and read where it lies
(never copied into the repo): the example reports (examples/*.txt), the seed reports
(../shared/seeds/*.txt) and the PLV training sentences (../shared/eval/plv/PLV_train.tsv,
column `sentence`). Their paragraphs are cycled through, in that order, and cut into
documents of 300-600 words until the word count (whitespace split) is reached.

  spacy    the model detente loads (`load_model(Settings().model)`), `list(nlp.pipe(texts))`
  learned  `list(extract(articles, build_nlp(Settings())))` with the default, learned coder,
           every event written as a JSONL record (`json.dumps(event.to_dict())`) to an
           in-memory buffer, as `detente extract --format jsonl` does
  rules    the same with `Settings(coder="rules")` (`detente extract --coder rules`)

Each measurement runs in its own child process (this script again, with `--side`), so each
side's peak RSS (VmHWM) is its own; the rounds are interleaved (spacy, learned, rules, spacy,
...) and the best time of each side is kept. Model loading and a two-document warm-up are
timed apart and excluded from the throughput figures. Targets (issue #8): words per second
against spaCy >= 0.5 for the learned coder and >= 0.8 for the rules coder, peak RSS < 1.5 GiB.
This is a measurement, not a test: the exit status is 0 whether or not the targets hold.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import resource
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from random import Random
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLES = ROOT / "examples"
SEEDS = SHARED / "seeds"
PLV_TRAIN = SHARED / "eval" / "plv" / "PLV_train.tsv"

RATIO_TARGETS = {"learned": 0.5, "rules": 0.8}
CODERS = tuple(RATIO_TARGETS)
MEMORY_TARGET_MIB = 1536
WARMUP_DOCS = 2
RESULT_MARK = "@@throughput@@ "

_SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"'”’)]*\s+(?=[\"“‘(]?[A-Z0-9])")


# -- the corpus --------------------------------------------------------------------------


def _chunks(paragraph: str, most: int = 150) -> Iterator[str]:
    """A paragraph as it is, or, when it runs past `most` words, in runs of whole sentences."""
    if len(paragraph.split()) <= most:
        yield paragraph
        return
    run: list[str] = []
    size = 0
    for sentence in _SENTENCE_BREAK.split(paragraph):
        run.append(sentence)
        size += len(sentence.split())
        if size >= most:
            yield " ".join(run)
            run, size = [], 0
    if run:
        yield " ".join(run)


def _paragraphs(text: str) -> Iterator[str]:
    for block in re.split(r"\n\s*\n", text):
        block = " ".join(block.split())
        if block:
            yield from _chunks(block)


def source_pieces() -> list[str]:
    """Every paragraph on offer: the examples, then the seeds, then PLV sentences in fours."""
    pieces: list[str] = []
    for folder in (EXAMPLES, SEEDS):
        for path in sorted(folder.glob("*.txt")):
            pieces.extend(_paragraphs(path.read_text(encoding="utf-8")))
    if PLV_TRAIN.is_file():
        with PLV_TRAIN.open(encoding="utf-8", newline="") as handle:
            sentences = [
                " ".join(row["sentence"].split()) for row in csv.DictReader(handle, delimiter="\t")
            ]
        sentences = [s for s in sentences if s]
        pieces.extend(" ".join(sentences[i : i + 4]) for i in range(0, len(sentences), 4))
    if not pieces:
        sys.exit(f"no text found under {EXAMPLES}, {SEEDS} or {PLV_TRAIN}")
    return pieces


def build_corpus(words: int, *, seed: int = 13) -> list[str]:
    """Documents of 300-600 words (whole paragraphs), cycling through the sources, until
    at least `words` words; the same texts every time for the same arguments."""
    pieces = source_pieces()
    rng = Random(seed)
    documents: list[str] = []
    total = 0
    at = 0
    while total < words:
        target = rng.randint(300, 600)
        paragraphs: list[str] = []
        size = 0
        while size < target:
            piece = pieces[at % len(pieces)]
            at += 1
            paragraphs.append(piece)
            size += len(piece.split())
        documents.append("\n\n".join(paragraphs))
        total += size
    return documents


def count_words(texts: list[str]) -> int:
    return sum(len(text.split()) for text in texts)


# -- one side, in a child process ----------------------------------------------------------


def _status_kib(field: str) -> int:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux


def run_side(side: str, texts: list[str], *, batch_size: int, workers: int) -> dict[str, Any]:
    from detente.models import Article
    from detente.settings import Settings

    settings = Settings(coder=side) if side in CODERS else Settings()
    started = time.perf_counter()
    if side == "spacy":
        from detente.nlp.pipeline import load_model

        nlp = load_model(settings.model)
    else:
        from detente.nlp.pipeline import build_nlp, extract

        nlp = build_nlp(settings)
    load_s = time.perf_counter() - started
    model = (
        f"{nlp.meta.get('lang', '?')}_{nlp.meta.get('name', '?')}-{nlp.meta.get('version', '?')}"
    )
    after_load_kib = _status_kib("VmRSS")

    result: dict[str, Any] = {
        "side": side,
        "model": model,
        "pipes": list(nlp.pipe_names),
        "load_s": load_s,
    }
    if side == "spacy":
        started = time.perf_counter()
        list(nlp.pipe(texts[:WARMUP_DOCS], batch_size=batch_size))
        result["warmup_s"] = time.perf_counter() - started

        started = time.perf_counter()
        docs = list(nlp.pipe(texts, batch_size=batch_size, n_process=workers))
        result["seconds"] = time.perf_counter() - started
        result["documents"] = len(docs)
        result["sentences"] = sum(1 for doc in docs for _ in doc.sents)
        result["tokens"] = sum(len(doc) for doc in docs)
        result["events"] = None
    else:
        articles = [
            Article(id=f"bench-{i:05d}", text=text, source="bench") for i, text in enumerate(texts)
        ]
        started = time.perf_counter()
        list(extract(articles[:WARMUP_DOCS], nlp, batch_size=batch_size, n_process=1))
        result["warmup_s"] = time.perf_counter() - started

        buffer = io.StringIO()
        started = time.perf_counter()
        extractions = []
        for extraction in extract(articles, nlp, batch_size=batch_size, n_process=workers):
            extractions.append(extraction)
            for event in extraction.events:
                buffer.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        result["seconds"] = time.perf_counter() - started
        result["documents"] = len(extractions)
        result["sentences"] = sum(len(e.sentences) for e in extractions)
        result["events"] = sum(len(e.events) for e in extractions)
        result["failed"] = sum(1 for e in extractions if e.error)
        result["jsonl_bytes"] = len(buffer.getvalue().encode("utf-8"))

    result["rss_after_load_mib"] = after_load_kib / 1024
    result["peak_rss_mib"] = _status_kib("VmHWM") / 1024
    # spaCy's worker processes (n_process > 1) are this process's children, joined by now
    children_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result["worker_peak_rss_mib"] = children_kib / 1024 if workers > 1 else None
    return result


def child(side: str, args: argparse.Namespace) -> None:
    texts = build_corpus(args.words, seed=args.seed)
    result = run_side(side, texts, batch_size=args.batch_size, workers=args.workers)
    print(RESULT_MARK + json.dumps(result), flush=True)


def spawn(side: str, args: argparse.Namespace) -> dict[str, Any]:
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--side",
        side,
        "--words",
        str(args.words),
        "--batch-size",
        str(args.batch_size),
        "--workers",
        str(args.workers),
        "--seed",
        str(args.seed),
    ]
    env = dict(os.environ)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    done = subprocess.run(command, capture_output=True, text=True, check=False, env=env, cwd=ROOT)
    for line in reversed(done.stdout.splitlines()):
        if line.startswith(RESULT_MARK):
            return json.loads(line[len(RESULT_MARK) :])
    sys.exit(f"the {side} run failed (exit {done.returncode}):\n{done.stderr[-4000:]}")


# -- the report ------------------------------------------------------------------------------


def summarize(args: argparse.Namespace, words: int, runs: list[dict[str, Any]]) -> dict[str, Any]:
    sides: dict[str, dict[str, Any]] = {}
    for name in ("spacy", *CODERS):
        mine = [r for r in runs if r["side"] == name]
        best = min(mine, key=lambda r: r["seconds"])
        sides[name] = {
            **best,
            "words": words,
            "words_per_s": words / best["seconds"],
            "documents_per_s": best["documents"] / best["seconds"],
            "all_seconds": [r["seconds"] for r in mine],
            "peak_rss_mib": max(r["peak_rss_mib"] for r in mine),
            "load_s": min(r["load_s"] for r in mine),
            "warmup_s": min(r["warmup_s"] for r in mine),
        }
        workers_peak = [
            r["worker_peak_rss_mib"] for r in mine if r.get("worker_peak_rss_mib") is not None
        ]
        sides[name]["worker_peak_rss_mib"] = max(workers_peak) if workers_peak else None
    ratios = {c: sides[c]["words_per_s"] / sides["spacy"]["words_per_s"] for c in CODERS}
    return {
        "words": words,
        "documents": sides["spacy"]["documents"],
        "batch_size": args.batch_size,
        "workers": args.workers,
        "rounds": args.rounds,
        "cpu_count": os.cpu_count(),
        "python": sys.version.split()[0],
        **sides,
        "ratios": ratios,
        "targets": {
            "ratio_at_least": RATIO_TARGETS,
            "ratio_ok": {c: ratios[c] >= RATIO_TARGETS[c] for c in CODERS},
            "peak_under_mib": MEMORY_TARGET_MIB,
            "memory_ok": {c: sides[c]["peak_rss_mib"] < MEMORY_TARGET_MIB for c in CODERS},
        },
    }


def print_table(report: dict[str, Any]) -> None:
    names = ("spacy", *CODERS)
    heads = {"spacy": "spaCy alone", "learned": "detente learned", "rules": "detente rules"}

    def row(label: str, values: list[str]) -> None:
        print(f"  {label:<24}" + "".join(f"{v:>18}" for v in values))

    def number(value: Any, fmt: str = ",") -> str:
        return "-" if value is None else format(value, fmt)

    def field(key: str, fmt: str = ",") -> list[str]:
        return [number(report[n].get(key), fmt) for n in names]

    print(
        f"throughput: {report['words']:,} words in {report['documents']:,} documents, "
        f"batch size {report['batch_size']}, n_process {report['workers']}, "
        f"best of {report['rounds']} interleaved rounds ({report['cpu_count']} CPUs, "
        f"Python {report['python']}, {report['spacy']['model']})"
    )
    row("", [heads[n] for n in names])
    row("sentences", field("sentences"))
    row("events found", field("events"))
    row("model load s", field("load_s", ".2f"))
    row("seconds (best)", field("seconds", ".2f"))
    row(
        "seconds (all rounds)",
        [" ".join(f"{s:.1f}" for s in report[n]["all_seconds"]) for n in names],
    )
    row("words/s", [number(round(report[n]["words_per_s"])) for n in names])
    row("peak RSS MiB", field("peak_rss_mib", ".0f"))
    if report["workers"] > 1:
        row("worker peak RSS MiB", field("worker_peak_rss_mib", ".0f"))
    targets = report["targets"]
    for coder in CODERS:
        print(
            f"  ratio {coder}/spaCy (words/s): {report['ratios'][coder]:.3f}   "
            f"target >= {RATIO_TARGETS[coder]}: {'yes' if targets['ratio_ok'][coder] else 'NO'};   "
            f"peak RSS {report[coder]['peak_rss_mib']:.0f} MiB, target < {MEMORY_TARGET_MIB}: "
            f"{'yes' if targets['memory_ok'][coder] else 'NO'}"
        )
        if report[coder].get("failed"):
            print(f"  note: the {coder} coder could not code {report[coder]['failed']} document(s)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=int, default=120_000, help="words in the corpus (at least)")
    parser.add_argument(
        "--batch-size", type=int, default=64, help="documents per batch, both sides"
    )
    parser.add_argument(
        "--rounds", type=int, default=2, help="interleaved rounds; the best is kept"
    )
    parser.add_argument("--workers", type=int, default=1, help="n_process for both sides")
    parser.add_argument("--seed", type=int, default=13, help="seed for the document lengths")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    parser.add_argument("--side", choices=["spacy", *CODERS], help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.rounds < 1 or args.workers < 1 or args.batch_size < 1 or args.words < 1:
        parser.error("--words, --rounds, --workers and --batch-size must be positive")

    if args.side:
        child(args.side, args)
        return 0

    texts = build_corpus(args.words, seed=args.seed)
    words = count_words(texts)
    print(
        f"corpus: {words:,} words, {len(texts):,} documents; timing {args.rounds} round(s) ...",
        file=sys.stderr,
        flush=True,
    )
    runs = []
    for round_no in range(1, args.rounds + 1):
        for side in ("spacy", *CODERS):
            result = spawn(side, args)
            runs.append(result)
            print(
                f"  round {round_no} {side:<8} {result['seconds']:.2f} s",
                file=sys.stderr,
                flush=True,
            )
    report = summarize(args, words, runs)
    print_table(report)
    if args.json:
        print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
