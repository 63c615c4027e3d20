"""Fixtures every test tree shares. Layer-specific fixtures live in that layer's conftest.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.vocab import Vocab

from detente.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden", action="store_true", help="rewrite the golden files from current output"
    )


@pytest.fixture(scope="session")
def vocab() -> Vocab:
    """A blank English vocab for hand-built Docs."""
    import spacy

    return spacy.blank("en").vocab


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(db_path=tmp_path / "t.duckdb")


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The full detente pipeline with the installed spaCy model (loaded once per session)."""
    from detente.nlp.pipeline import build_nlp

    return build_nlp(Settings())


@pytest.fixture
def cli() -> CliRunner:
    return CliRunner()
