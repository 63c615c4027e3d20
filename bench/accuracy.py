"""Accuracy with the shared scorers: event F1 on the seeds, macro-F1 on PLV.

    python bench/accuracy.py                 # seeds + PLV train split (for development)
    python bench/accuracy.py --split test    # PLV test split: for reporting only, never tuning

The gold files and scorers stay in ../shared/eval and are run from there, unchanged.
"""

from __future__ import annotations

import argparse
import csv
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EVAL = SHARED / "eval"
DETENTE = [sys.executable, "-m", "detente"]


def run(command: list[str], *, out: Path | None = None) -> str:
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode not in (0, 1):
        sys.exit(f"{' '.join(command)} failed:\n{result.stderr}")
    if out is not None:
        out.write_text(result.stdout, encoding="utf-8")
    return result.stdout


def with_uid(tsv: Path, work: Path) -> Path:
    """The split as plv.py reads it: PLV_train.tsv has an empty `uid` column, so fill it in
    from `sentence_id` in a temporary copy (the shared file stays as it is)."""
    with tsv.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    if rows and rows[0].get("uid"):
        return tsv
    fields = ["uid", *(k for k in rows[0] if k and k != "uid")]
    fixed = work / tsv.name
    with fixed.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=fields, delimiter="\t", extrasaction="ignore")
        writer.writeheader()
        for row in rows:
            writer.writerow({**row, "uid": row.get("sentence_id")})
    return fixed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=["train", "test"], default="train")
    parser.add_argument("--verbose", "-v", action="store_true")
    args = parser.parse_args()
    if not EVAL.is_dir():
        sys.exit(f"no shared evaluation data at {EVAL}")
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        seeds = work / "seeds.jsonl"
        run(
            [
                *DETENTE,
                "extract",
                *map(str, sorted((SHARED / "seeds").glob("*.txt"))),
                "--format",
                "jsonl",
            ],
            out=seeds,
        )
        verbose = ["-v"] if args.verbose else []
        print(
            "seeds:",
            run(
                [
                    sys.executable,
                    str(EVAL / "score.py"),
                    str(EVAL / "seeds.gold.jsonl"),
                    str(seeds),
                    *verbose,
                ]
            ),
        )
        tsv = with_uid(EVAL / "plv" / f"PLV_{args.split}.tsv", work)
        run([sys.executable, str(EVAL / "plv.py"), "prepare", str(tsv), str(work / "plv")])
        plv = work / "plv.jsonl"
        run([*DETENTE, "extract", str(work / "plv"), "--format", "jsonl"], out=plv)
        print(
            f"PLV {args.split}:",
            run([sys.executable, str(EVAL / "plv.py"), "score", str(tsv), str(plv), *verbose]),
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
