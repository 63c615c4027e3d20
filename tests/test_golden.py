"""Golden files: the events coded from each example report, compared with tests/golden/.

A change in extraction output shows up here as a diff. When the change is intended,
rewrite the files with `make golden` (pytest tests/test_golden.py --update-golden) and
review the diff of tests/golden/ like any other change.
"""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language

from detente.ingest import read_paths
from detente.models import Article, Event
from detente.nlp.pipeline import extract

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
GOLDEN = Path(__file__).resolve().parent / "golden"
REPORTS = sorted(EXAMPLES.glob("*.txt"))


def golden_record(event: Event) -> dict[str, Any]:
    """The fields of an event that should only change when the coding changes."""

    def actor(role: Any) -> dict[str, Any] | None:
        if role is None:
            return None
        return {"code": role.code, "text": role.text, "span": list(role.span)}

    return {
        "sentence": event.sentence,
        "type": event.type,
        "mode": event.mode,
        "quad": event.quad,
        "source": actor(event.source),
        "target": actor(event.target),
        "trigger": event.trigger.to_dict(),
        "date": event.date,
        "date_precision": event.date_precision,
        "modality": event.modality,
        "rule": event.rule,
    }


def _order(record: dict[str, Any]) -> tuple[Any, ...]:
    target = record["target"]["span"] if record["target"] else [-1, -1]
    return (
        record["sentence"],
        record["trigger"]["span"],
        record["source"]["span"],
        target,
        record["type"],
        record["rule"],
    )


_SPAN = re.compile(r"\[\s+(\d+),\s+(\d+)\s+\]")


def _dump(records: list[dict[str, Any]]) -> str:
    text = json.dumps(records, indent=2, sort_keys=True, ensure_ascii=False)
    return _SPAN.sub(r"[\1, \2]", text) + "\n"  # one line per span: shorter, readable diffs


@pytest.fixture(scope="module")
def coded(nlp: Language) -> dict[str, list[dict[str, Any]]]:
    """Every example report coded in one batch, read as `detente extract` reads it."""
    articles = [a for a in read_paths(REPORTS) if isinstance(a, Article)]
    found = {}
    for extraction in extract(articles, nlp):
        assert extraction.error is None, extraction.error
        found[extraction.article.id] = sorted(
            (golden_record(e) for e in extraction.events), key=_order
        )
    return found


@pytest.mark.parametrize("report", REPORTS, ids=lambda p: p.stem)
def test_golden(
    report: Path, coded: dict[str, list[dict[str, Any]]], request: pytest.FixtureRequest
) -> None:
    expected_path = GOLDEN / f"{report.stem}.events.json"
    actual = _dump(coded[report.stem])
    if request.config.getoption("--update-golden"):
        GOLDEN.mkdir(exist_ok=True)
        expected_path.write_text(actual, encoding="utf-8")
        return
    if not expected_path.exists():
        pytest.fail(
            f"no golden file {expected_path.relative_to(ROOT)}; run `make golden` to write it"
        )
    expected = expected_path.read_text(encoding="utf-8")
    if actual != expected:
        diff = "".join(
            difflib.unified_diff(
                expected.splitlines(keepends=True),
                actual.splitlines(keepends=True),
                fromfile=f"golden/{expected_path.name}",
                tofile="extracted now",
            )
        )
        pytest.fail(
            f"extraction output changed for {report.name}; if intended, run `make golden`\n{diff}",
            pytrace=False,
        )


def test_every_golden_file_has_a_report() -> None:
    stems = {p.stem for p in REPORTS}
    orphans = sorted(
        p.name for p in GOLDEN.glob("*.events.json") if p.name[: -len(".events.json")] not in stems
    )
    assert not orphans, f"golden files without an example report: {orphans}"
