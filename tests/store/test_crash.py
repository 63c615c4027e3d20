"""Crash safety: SIGKILL an ingest mid-run, re-run it, and find every document exactly once."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from detente.store import Store

ROOT = Path(__file__).resolve().parents[2]
N_DOCS = 2000


def _kill_after(cmd: list[str], *, marker: str, min_commits: int, timeout: float = 120) -> int:
    """Run cmd, SIGKILL it once `marker` has appeared `min_commits` times on stderr."""
    proc = subprocess.Popen(
        cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True, cwd=ROOT
    )
    seen = 0
    deadline = time.monotonic() + timeout
    assert proc.stderr is not None
    try:
        for line in proc.stderr:
            if marker in line:
                seen += 1
                if seen >= min_commits:
                    os.kill(proc.pid, signal.SIGKILL)
                    break
            if time.monotonic() > deadline:
                break
    finally:
        if proc.poll() is None:
            proc.kill()
        proc.wait()
    return seen


def _check(path: Path, expected: set[str]) -> None:
    with Store.open(path, read_only=True) as store:
        ids = [r[0] for r in store.con.execute("SELECT id FROM documents").fetchall()]
        assert len(ids) == len(set(ids)), "a document is stored twice"
        assert set(ids) == expected
        assert set(store.integrity().values()) == {0}, store.integrity()
        per_doc = store.con.execute(
            "SELECT count(*) FROM documents d WHERE n_sentences <> "
            "(SELECT count(*) FROM sentences s WHERE s.doc_id = d.id)"
        ).fetchone()
        assert per_doc == (0,), "a half-written document"


_WRITER = textwrap.dedent(
    """
    import sys, logging
    sys.path.insert(0, {factories!r})
    from detente_factories import simple
    from detente.store import Store
    logging.basicConfig(level=logging.INFO)
    types = ["CONSULT", "ACCUSE", "COOPERATE", "ASSAULT"]
    codes = ["TUR", "IRN", "IRQ", "SYR", "RUS", "USA"]
    docs = (
        simple(f"doc{{i:05d}}", types[i % 4], codes[i % 6], codes[(i + 1) % 6],
               f"2024-{{1 + i % 12:02d}}-{{1 + i % 28:02d}}",
               f"Report {{i}}: officials met in the capital.")
        for i in range({n})
    )
    with Store.open(sys.argv[1]) as store:
        for batch in iter(lambda: [d for _, d in zip(range(50), docs)], []):
            store.add_batch(batch)
            print("committed", file=sys.stderr, flush=True)
    """
)


def test_sigkill_during_store_writes_loses_nothing_committed(tmp_path: Path) -> None:
    db = tmp_path / "crash.duckdb"
    script = tmp_path / "writer.py"
    script.write_text(_WRITER.format(factories=str(Path(__file__).parent), n=N_DOCS))
    seen = _kill_after([sys.executable, str(script), str(db)], marker="committed", min_commits=8)
    assert seen >= 8
    with Store.open(db, read_only=True) as store:
        stored = store.con.execute("SELECT count(*) FROM documents").fetchone()
    assert stored is not None and 8 * 50 <= stored[0] < N_DOCS
    subprocess.run(
        [sys.executable, str(script), str(db)], check=True, capture_output=True, cwd=ROOT
    )
    _check(db, {f"doc{i:05d}" for i in range(N_DOCS)})


def _cli_ingest_available() -> bool:
    try:
        from detente.ingest import read_paths  # noqa: F401
        from detente.nlp.pipeline import build_nlp  # noqa: F401
    except ImportError:
        return False
    return True


@pytest.mark.slow
@pytest.mark.model
@pytest.mark.skipif(
    not _cli_ingest_available(), reason="needs detente.ingest.read_paths and the pipeline"
)
def test_sigkill_during_detente_ingest_then_rerun(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    capitals = ["Ankara", "Tehran", "Baghdad", "Damascus", "Moscow", "Washington", "Riyadh"]
    for i in range(N_DOCS):
        a, b = capitals[i % 7], capitals[(i + 3) % 7]
        (corpus / f"doc{i:05d}.txt").write_text(
            f"{a}, March {1 + i % 28}, 2024 – Officials from {a} met envoys from {b} "
            f"for talks number {i}.\n"
        )
    db = tmp_path / "crash.duckdb"
    cmd = [
        sys.executable,
        "-m",
        "detente",
        "-v",
        "ingest",
        str(corpus),
        "--db",
        str(db),
        "--quiet",
        "--commit-every",
        "50",
    ]
    seen = _kill_after(cmd, marker="committed", min_commits=6)
    assert seen >= 6
    with Store.open(db, read_only=True) as store:
        stored = store.con.execute("SELECT count(*) FROM documents").fetchone()
    assert stored is not None and 300 <= stored[0] < N_DOCS
    done = subprocess.run(cmd[:3] + cmd[4:], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert f"{stored[0]} unchanged" in done.stdout
    _check(db, {f"doc{i:05d}" for i in range(N_DOCS)})
