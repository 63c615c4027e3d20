"""Scale-out (#11): the extraction pipeline mapped over partitions of a corpus with Dask.

`--cluster local:N` starts a LocalCluster of N one-thread worker processes on this machine;
`--cluster tcp://host:8786` uses any running Dask scheduler (dask-jobqueue on SLURM or PBS,
dask-kubernetes, `dask scheduler` by hand). Each worker process builds the pipeline once
and codes whole partitions of documents; the results come back in input order, so the
output is the same as one process gives.

`distributed` is imported only when a cluster is opened, so that parsing `--cluster` costs
nothing.
"""

from __future__ import annotations

import functools
import re
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import islice
from typing import TYPE_CHECKING, Any

from .errors import ConfigError
from .models import Article, Event, Extraction
from .settings import Settings

if TYPE_CHECKING:
    from distributed import Client
    from spacy.language import Language

__all__ = ["ClusterSpec", "extract_on_cluster", "open_client", "parse_cluster"]

_LOCAL = re.compile(r"local:(?P<workers>[0-9]{1,4})")
_ADDRESS = re.compile(
    r"(?P<scheme>tcp|tls)://(?P<host>[^\s:/]+|\[[0-9a-fA-F:]+\]):(?P<port>[0-9]{1,5})"
)
USAGE = "use local:N (N worker processes here) or tcp://host:port (a running Dask scheduler)"


@dataclass(frozen=True)
class ClusterSpec:
    """Where to run: `workers` local processes, or the scheduler at `address`."""

    workers: int | None = None
    address: str | None = None

    def __str__(self) -> str:
        return self.address or f"local:{self.workers}"


def parse_cluster(text: str) -> ClusterSpec:
    """`local:N` or `tcp://host:port` (tls:// too); ConfigError says what is allowed."""
    text = text.strip()
    local = _LOCAL.fullmatch(text)
    if local and int(local["workers"]) >= 1:
        return ClusterSpec(workers=int(local["workers"]))
    remote = _ADDRESS.fullmatch(text)
    if remote and 1 <= int(remote["port"]) <= 65535:
        return ClusterSpec(address=text)
    raise ConfigError(f"{text!r} is not a Dask cluster; {USAGE}")


@contextmanager
def open_client(spec: ClusterSpec) -> Iterator[Client]:
    """A Dask client for `spec`; a local cluster is closed again on the way out."""
    from distributed import Client, LocalCluster

    if spec.address is None:
        cluster = LocalCluster(
            n_workers=spec.workers, threads_per_worker=1, processes=True, dashboard_address=None
        )  # type: ignore[no-untyped-call]
        try:
            with Client(cluster) as client:  # type: ignore[no-untyped-call]
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(spec.address, timeout="10s")  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError) as err:
        raise ConfigError(
            f"cannot reach the Dask scheduler at {spec.address}: {err}; "
            "check the address, or start one (dask scheduler, dask-jobqueue, dask-kubernetes)"
        ) from err
    with client:
        yield client


def extract_on_cluster(
    articles: Iterable[Article],
    settings: Settings,
    client: Client,
    *,
    partition_size: int | None = None,
) -> Iterator[Extraction]:
    """One `Extraction` per article, in input order, coded on the cluster's workers.

    Articles are read lazily and sent in partitions of `partition_size` (default
    `settings.batch_size`); a few partitions per worker are in flight at a time. The
    extractions carry the article, its events and its error, not sentences or mentions.
    """
    size = partition_size or settings.batch_size
    ahead = 2 * max(1, len(client.scheduler_info().get("workers", {})))
    pending: deque[tuple[list[Article], Any]] = deque()
    stream = iter(articles)
    while True:
        while len(pending) < ahead:
            partition = list(islice(stream, size))
            if not partition:
                break
            pending.append(
                (partition, client.submit(_code_partition, partition, settings, pure=False))
            )
        if not pending:
            return
        partition, future = pending.popleft()
        for article, (records, error) in zip(partition, future.result(), strict=True):
            events = tuple(Event.from_dict(record) for record in records)
            yield Extraction(article=article, events=events, error=error)


def _code_partition(
    articles: list[Article], settings: Settings
) -> list[tuple[list[dict[str, Any]], str | None]]:
    """Runs on a worker: each article's events as plain records, and its error."""
    from .nlp.pipeline import extract

    nlp = _nlp_for(settings)
    coded = []
    for extraction in extract(articles, nlp, batch_size=settings.batch_size):
        records = []
        for event in extraction.events:
            record = event.to_dict()
            # to_dict rounds; the driver filters on --min-confidence, as one process does
            record["confidence"] = event.confidence
            records.append(record)
        coded.append((records, extraction.error))
    return coded


@functools.lru_cache(maxsize=2)
def _nlp_for(settings: Settings) -> Language:
    """The pipeline, built once per worker process for each Settings it is sent."""
    from .nlp.pipeline import build_nlp

    return build_nlp(settings)
