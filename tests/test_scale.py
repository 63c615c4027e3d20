"""Scale-out (#11): coding on a Dask cluster gives the events one process gives."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from spacy.language import Language

from detente.cli import cli as detente
from detente.errors import ConfigError
from detente.ingest import read_paths
from detente.models import Article, Event
from detente.nlp.pipeline import extract
from detente.scale import ClusterSpec, extract_on_cluster, open_client, parse_cluster
from detente.settings import Settings

EXAMPLES = Path(__file__).parents[1] / "examples"


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
