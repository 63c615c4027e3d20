"""Bad input and long reports: issue #10's folder, coded by `detente extract` in one run.

    python bench/bad_folder.py              # a 1.5 MB report beside the bad files
    python bench/bad_folder.py --mb 3 --json

The folder holds a binary file, an empty file, a Latin-1 file, a file with NUL bytes, a JSONL
file with a broken line, a directory symbolic link loop, a valid report of `--mb` megabytes
(paragraphs of the example reports, the seeds and PLV training sentences, cycled as in
`bench/throughput.py` and never copied into the repo) and a report whose first sentence runs
past 3,000 characters. `detente extract FOLDER --format jsonl` runs in a child process; its
wall time and peak RSS are measured, and what it said is checked: exit status 1, no traceback,
one line for each bad file and the loop, events from both long reports.

Targets (issue #10): under 90 s and 1 GiB. This is a measurement, not a test: the exit status
is 0 whether or not the targets hold.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import source_pieces

TARGET_SECONDS = 90
TARGET_MIB = 1024
# each bad file and what `detente extract` must say of it
BAD = {
    "blob.bin": "binary file",
    "empty.txt": "empty",
    "latin1.txt": "not UTF-8",
    "nul.txt": "binary file",
    "feed.jsonl:2": "invalid JSON",
    "sub/loop": "a symbolic link loop",
}


def long_report(megabytes: float) -> str:
    """Whole paragraphs until the report is `megabytes` long."""
    pieces = source_pieces()
    size = int(megabytes * 1_000_000)
    paragraphs: list[str] = []
    total = 0
    while total < size:
        piece = pieces[len(paragraphs) % len(pieces)]
        paragraphs.append(piece)
        total += len(piece.encode("utf-8")) + 2
    return "\n\n".join(paragraphs) + "\n"


def long_sentence() -> str:
    """A report whose opening sentence is a 3,000-character list of clauses, and a short one."""
    clauses = ["Iran and Iraq signed a border security agreement in Baghdad on Monday"]
    while len(", ".join(clauses)) < 3000:
        clauses.append(
            f"and officials from both sides said in statement {len(clauses)} that patrols "
            "would be expanded along the eastern border"
        )
    return ", ".join(clauses) + ".\n\nTurkey attacked Iraq on Sunday, officials in Ankara said.\n"


def build_folder(folder: Path, megabytes: float) -> None:
    (folder / "sub").mkdir(parents=True)
    (folder / "report.txt").write_text(long_report(megabytes), encoding="utf-8")
    (folder / "longsentence.txt").write_text(long_sentence(), encoding="utf-8")
    (folder / "blob.bin").write_bytes(bytes(range(256)) * 20)
    (folder / "empty.txt").write_bytes(b"")
    (folder / "latin1.txt").write_bytes(
        "Le ministre a rencontré son homologue.\n".encode("latin-1")
    )
    (folder / "nul.txt").write_bytes(b"Turkey\x00 attacked Iraq\x00 on Sunday.\n")
    good = {"id": "line1", "text": "Iran and Iraq signed a security pact on Monday."}
    (folder / "feed.jsonl").write_text(json.dumps(good) + '\n{"id": "line2", "text": oops\n')
    (folder / "sub" / "loop").symlink_to(folder, target_is_directory=True)


def run(folder: Path) -> dict[str, object]:
    command = [sys.executable, "-m", "detente", "extract", str(folder), "--format", "jsonl"]
    started = time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    events = Counter(json.loads(line)["doc_id"] for line in done.stdout.splitlines())
    said = done.stderr.splitlines()
    reported = {
        name: any(f"{folder / name}" in line and why in line for line in said)
        for name, why in BAD.items()
    }
    return {
        "seconds": round(seconds, 1),
        "peak_mib": round(peak_mib),
        "exit_status": done.returncode,
        "traceback": "Traceback" in done.stderr,
        "events": dict(events),
        "bad_files_reported": reported,
        "stderr_lines": len(said),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=1.5, help="size of the long report")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="detente-bad-") as tmp:
        folder = Path(tmp) / "reports"
        build_folder(folder, args.mb)
        size = (folder / "report.txt").stat().st_size
        result = {"report_bytes": size, **run(folder)}
    if args.json:
        print(json.dumps(result))
        return
    events: dict[str, int] = result["events"]  # type: ignore[assignment]
    reported: dict[str, bool] = result["bad_files_reported"]  # type: ignore[assignment]
    print(f"report of {size:,} bytes, bad files {', '.join(BAD)}")
    print(f"  wall time  {result['seconds']} s  (target < {TARGET_SECONDS} s)")
    print(f"  peak RSS   {result['peak_mib']} MiB  (target < {TARGET_MIB} MiB)")
    print(f"  exit {result['exit_status']} (1 expected), traceback: {result['traceback']}")
    print(
        f"  events: report {events.get('report', 0)}, long sentence {events.get('longsentence', 0)}"
    )
    print(f"  each bad file reported in one line: {all(reported.values())}")
    for name, ok in reported.items():
        if not ok:
            print(f"    not reported: {name}")


if __name__ == "__main__":
    main()
