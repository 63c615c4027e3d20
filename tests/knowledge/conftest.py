"""Fixtures for the knowledge base tests: the shipped data, and a copy with our own persons."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from detente.knowledge import KnowledgeBase, load_kb
from detente.knowledge.kb import DATA_DIR

FIXTURES = Path(__file__).parent / "fixtures"
DATA_FILES = ("states.jsonl", "organizations.jsonl", "titles.jsonl", "sectors.jsonl")


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """The shipped data files without persons.jsonl, in a folder a test may change."""
    for name in DATA_FILES:
        shutil.copy(DATA_DIR / name, tmp_path / name)
    return tmp_path


@pytest.fixture(scope="session")
def fixture_kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    """The shipped data with the persons from fixtures/persons.jsonl (loaded once)."""
    folder = tmp_path_factory.mktemp("kb")
    for name in DATA_FILES:
        shutil.copy(DATA_DIR / name, folder / name)
    shutil.copy(FIXTURES / "persons.jsonl", folder / "persons.jsonl")
    return load_kb(folder)
