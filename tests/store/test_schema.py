from __future__ import annotations

from pathlib import Path

import pytest

from detente.errors import SchemaTooNew, StoreError
from detente.store import SCHEMA_VERSION, Store, schema_version
from detente.store.migrations import migrate
from detente.store.schema import TABLES


def test_open_creates_every_table_and_records_the_version(store: Store) -> None:
    tables = {
        r[0]
        for r in store.con.execute("SELECT table_name FROM information_schema.tables").fetchall()
    }
    assert set(TABLES) <= tables
    assert schema_version(store.con) == SCHEMA_VERSION


def test_migrate_twice_changes_nothing(store: Store) -> None:
    assert migrate(store.con) == SCHEMA_VERSION
    assert store.con.execute("SELECT count(*) FROM meta").fetchone() == (1,)


def test_a_store_from_a_newer_detente_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "s.duckdb"
    with Store.open(path) as store:
        store.con.execute("UPDATE meta SET value = '999' WHERE key = 'schema_version'")
    with pytest.raises(SchemaTooNew, match="999"):
        Store.open(path)
    with pytest.raises(SchemaTooNew):
        Store.open(path, read_only=True)


def test_read_only_open_of_a_missing_store_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="detente ingest"):
        Store.open(tmp_path / "missing.duckdb", read_only=True)


def test_file_store_persists_across_opens(tmp_path: Path) -> None:
    from detente_factories import corpus

    path = tmp_path / "s.duckdb"
    with Store.open(path) as store:
        store.add_extractions(corpus())
    with Store.open(path, read_only=True) as store:
        assert store.con.execute("SELECT count(*) FROM documents").fetchone() == (3,)
