"""Fixtures for the API tests: a small store built by hand (no spaCy model needed).

Read-only tests share one store per session; tests that add documents get a copy.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sample_reports import TOKEN, build_extractions, fake_extract

from detente.settings import Settings


@pytest.fixture(scope="session")
def sample_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store file holding the sample reports, built once."""
    from detente.store import Store

    path = tmp_path_factory.mktemp("api") / "sample.duckdb"
    with Store.open(path) as store:
        store.add_extractions(build_extractions())
    return path


@pytest.fixture(scope="session")
def api_store(sample_db: Path) -> Iterator[Any]:
    from detente.store import Store

    with Store.open(sample_db) as store:
        yield store


@pytest.fixture(scope="session")
def client(api_store: Any, sample_db: Path) -> Iterator[TestClient]:
    """A TestClient over the shared sample store (tests must not write through it)."""
    from detente.api import create_app

    app = create_app(
        Settings(db_path=sample_db, token=TOKEN), store=api_store, extractor=fake_extract
    )
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def writable_client(sample_db: Path, tmp_path: Path) -> Iterator[TestClient]:
    """A TestClient over a copy of the sample store that accepts POST with TOKEN (fake pipeline)."""
    from detente.api import create_app
    from detente.store import Store

    path = tmp_path / "copy.duckdb"
    shutil.copy(sample_db, path)
    with Store.open(path) as store:
        app = create_app(Settings(db_path=path, token=TOKEN), store=store, extractor=fake_extract)
        with TestClient(app, raise_server_exceptions=False) as test_client:
            yield test_client


@pytest.fixture(scope="session")
def readonly_client(api_store: Any, sample_db: Path) -> Iterator[TestClient]:
    """A TestClient over the sample store with no token configured: read-only."""
    from detente.api import create_app

    app = create_app(Settings(db_path=sample_db), store=api_store)
    with TestClient(app, raise_server_exceptions=False) as test_client:
        yield test_client
