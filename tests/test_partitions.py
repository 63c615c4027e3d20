"""Parquet partitions (#11): what the pipeline found, written whole and read back unchanged."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import duckdb
from detente_factories import corpus, simple

from detente.partitions import partition_name, read_partition, write_partition
from detente.service import StoreSink
from detente.store import Store


def test_a_partition_reads_back_the_extractions_written(tmp_path: Path) -> None:
    extractions = corpus()
    failed = replace(simple("f", "CONSULT", "TUR", None, "2025-10", "x"), error="ValueError: boom")
    extractions.append(failed)
    path = tmp_path / partition_name(0)
    write_partition(path, extractions)
    assert read_partition(path) == extractions


def test_confidence_is_kept_unrounded(tmp_path: Path) -> None:
    doc = simple(
        "a", "ACCUSE", "SYR", "TUR", "2025-12-02", "Syria accused Turkey.", confidence=0.123456789
    )
    write_partition(tmp_path / "p.parquet", [doc])
    [back] = read_partition(tmp_path / "p.parquet")
    assert back.events[0].confidence == 0.123456789


def test_writing_a_partition_again_replaces_it_and_leaves_no_temporary_file(
    tmp_path: Path,
) -> None:
    path = tmp_path / partition_name(3)
    write_partition(path, corpus())
    write_partition(path, corpus()[:1])
    assert [e.article.id for e in read_partition(path)] == ["d2017a"]
    assert [p.name for p in tmp_path.iterdir()] == ["part-00003.parquet"]


def test_a_partition_folder_is_one_table_for_duckdb(tmp_path: Path) -> None:
    write_partition(tmp_path / partition_name(0), corpus()[:2])
    write_partition(tmp_path / partition_name(1), corpus()[2:])
    con = duckdb.connect()
    events = con.execute(
        "SELECT count(*) FROM (SELECT unnest(events) FROM read_parquet(?))",
        [f"{tmp_path}/*.parquet"],
    ).fetchone()
    assert events == (sum(len(e.events) for e in corpus()),)


def test_merging_partitions_twice_stores_each_document_once(tmp_path: Path, store: Store) -> None:
    write_partition(tmp_path / partition_name(0), corpus())
    sink = StoreSink(store)
    first = sink.write(read_partition(tmp_path / partition_name(0)))
    second = sink.write(read_partition(tmp_path / partition_name(0)))
    assert (first.documents, first.events) == (3, 9)
    assert (second.documents, second.unchanged, second.events) == (0, 3, 0)
    assert store.con.execute("SELECT count(*), count(DISTINCT id) FROM events").fetchone() == (9, 9)
    assert set(store.integrity().values()) == {0}
