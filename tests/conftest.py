"""Fixtures every test tree shares. Layer-specific fixtures live in that layer's conftest.py."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.vocab import Vocab

from detente.settings import Settings
from detente.store import Store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(Path(__file__).parent / "store"))  # detente_factories, shared by test trees


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite the golden files from current output"
    )
    parser.addoption(
        "--update-baseline",
        action="store_true",
        help="eval gate: pin today's figures as the floors in tests/eval_baseline.json",
    )
    parser.addoption(
        "--allow-regression",
        action="store_true",
        help="eval gate: let --update-baseline lower a floor",
    )


@pytest.fixture(scope="session")
def vocab() -> Vocab:
    """A blank English vocab for hand-built Docs."""
    import spacy

    return spacy.blank("en").vocab


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "t.duckdb")


@pytest.fixture
def store() -> Iterator[Store]:
    """An in-memory DuckDB store with the schema applied."""
    with Store.open(":memory:") as store:
        yield store


@pytest.fixture
def filled(store: Store) -> Store:
    """The in-memory store holding the hand-built corpus of tests/store/detente_factories.py."""
    from detente_factories import corpus

    store.add_extractions(corpus())
    return store


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The full detente pipeline with the installed spaCy model (loaded once per session)."""
    from detente.nlp.pipeline import build_nlp

    return build_nlp(Settings())


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()
