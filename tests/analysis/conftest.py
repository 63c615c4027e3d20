"""Analysis fixtures: the same in-memory stores as tests/store."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "store"))

from detente_factories import corpus  # noqa: E402

from detente.store import Store  # noqa: E402


@pytest.fixture
def store() -> Iterator[Store]:
    with Store.open(":memory:") as store:
        yield store


@pytest.fixture
def filled(store: Store) -> Store:
    store.add_extractions(corpus())
    return store
