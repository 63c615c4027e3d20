"""Scale-out (#11): coding on a Dask cluster gives the events one process gives."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.language import Language

from detente.cli import cli as detente
from detente.errors import ConfigError
from detente.ingest import read_paths
from detente.models import Article, Event, Extraction
from detente.nlp.pipeline import extract
from detente.scale import (
    ClusterProgress,
    ClusterSpec,
    cluster_coder,
    extract_on_cluster,
    open_client,
    parse_cluster,
)
from detente.service import StoreSink, code_articles
from detente.settings import Settings
from detente.store import IngestCounts, Store

EXAMPLES = Path(__file__).parents[1] / "examples"


def _examples() -> list[Article]:
    """The example reports, 01 to 10."""
    paths = [str(path) for path in sorted(EXAMPLES.glob("[01]*.txt"))]
    return [item for item in read_paths(paths) if isinstance(item, Article)]


def _sorted_json(events: list[Event]) -> list[str]:
    return sorted(json.dumps(event.to_dict(), sort_keys=True) for event in events)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("local:2", ClusterSpec(workers=2)),
        (" local:16 ", ClusterSpec(workers=16)),
        ("tcp://10.0.0.5:8786", ClusterSpec(address="tcp://10.0.0.5:8786")),
        (
            "tls://scheduler.example.org:8786",
            ClusterSpec(address="tls://scheduler.example.org:8786"),
        ),
    ],
)
def test_parse_cluster_takes_local_and_scheduler_addresses(
    text: str, expected: ClusterSpec
) -> None:
    assert parse_cluster(text) == expected


@pytest.mark.parametrize(
    "text", ["local:0", "local:", "local:two", "tcp://host", "tcp://host:99999", "host:8786", ""]
)
def test_parse_cluster_rejects_other_values(text: str) -> None:
    with pytest.raises(ConfigError, match="is not a Dask cluster; use local:N"):
        parse_cluster(text)


def test_a_bad_cluster_is_one_error_line() -> None:
    result = CliRunner().invoke(detente, ["extract", str(EXAMPLES), "--cluster", "local:0"])
    assert result.exit_code == 2
    errors = [line for line in result.output.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1
    assert "'local:0' is not a Dask cluster" in errors[0]


@pytest.mark.model
def test_local_cluster_gives_the_events_of_one_process(nlp: Language) -> None:
    settings = Settings()
    articles = [
        item
        for item in read_paths([str(path) for path in sorted(EXAMPLES.glob("0*.txt"))[:5]])
        if isinstance(item, Article)
    ]
    assert len(articles) == 5
    alone = [event for extraction in extract(articles, nlp) for event in extraction.events]
    with open_client(ClusterSpec(workers=2)) as client:
        spread = list(extract_on_cluster(articles, settings, client, partition_size=2))
    assert [extraction.article.id for extraction in spread] == [article.id for article in articles]
    assert all(extraction.error is None for extraction in spread)
    events = [event for extraction in spread for event in extraction.events]
    assert alone
    assert _sorted_json(events) == _sorted_json(alone)
    assert [event.id for event in events] == [event.id for event in alone]


class _Kept(StoreSink):
    """The store, keeping what it was handed too."""

    def __init__(self, store: Store) -> None:
        super().__init__(store)
        self.extractions: list[Extraction] = []

    def write(self, extractions: Sequence[Extraction]) -> IngestCounts:
        self.extractions.extend(extractions)
        return super().write(extractions)


@pytest.mark.slow
@pytest.mark.model
def test_a_worker_lost_mid_run_loses_nothing_and_doubles_nothing(nlp: Language) -> None:
    articles = _examples()[:4]  # four partitions of one: one done, three on the workers
    alone = list(extract(articles, nlp))
    killed: list[str] = []
    with open_client(ClusterSpec(workers=2)) as client, Store.open(":memory:") as store:
        pids = client.run(os.getpid)

        def kill_a_busy_worker(progress: ClusterProgress) -> None:
            # the first partition is done, and the workers hold the next ones
            if progress.done == 1 and not killed:
                busy = [address for address, keys in client.processing().items() if keys]
                os.kill(pids[busy[0]], signal.SIGKILL)
                killed.append(busy[0])

        sink = _Kept(store)
        coder = cluster_coder(client, Settings(), partition_size=1, progress=kill_a_busy_worker)
        counts = code_articles(articles, sink, coder, batch_size=3)
        assert killed
        assert sink.extractions == alone  # articles, sentences, mentions, events, in order
        events = {event.id for extraction in alone for event in extraction.events}
        assert counts.documents == len(articles) and counts.events == len(events)
        stored = store.con.execute("SELECT id FROM events ORDER BY id").fetchall()
        assert [row[0] for row in stored] == sorted(events)
        assert set(store.integrity().values()) == {0}
        again = code_articles(articles, StoreSink(store), coder)
        assert (again.documents, again.unchanged) == (0, len(articles))


@pytest.mark.slow
@pytest.mark.model
def test_ingest_on_a_cluster_merges_its_parquet_partitions_once(tmp_path: Path) -> None:
    reports = [str(path) for path in sorted(EXAMPLES.glob("0*.txt"))[:3]]
    db, parts = tmp_path / "t.duckdb", tmp_path / "parts"
    ingest = ["ingest", *reports, "--db", str(db), "--cluster", "local:2", "--batch-size", "2"]
    first = CliRunner().invoke(detente, [*ingest, "--parts", str(parts), "--progress"])
    assert first.exit_code == 0, first.output
    assert "3 documents ingested" in first.stdout
    assert "2/2 partitions" in first.stderr  # the bar is cut to the terminal width
    assert sorted(p.name for p in parts.iterdir()) == ["part-00000.parquet", "part-00001.parquet"]
    with Store.open(db, read_only=True) as store:
        events = store.con.execute("SELECT count(*) FROM events").fetchone()
        in_parts = store.con.execute(
            "SELECT count(DISTINCT e.id) FROM (SELECT unnest(events) AS e FROM read_parquet(?))",
            [f"{parts}/*.parquet"],
        ).fetchone()
    assert events == in_parts
    second = CliRunner().invoke(detente, ingest)
    assert second.exit_code == 0, second.output
    assert second.stdout.startswith("0 documents ingested (0 replaced, 3 unchanged")
    assert second.stderr == ""  # no bar: standard error is not a terminal
