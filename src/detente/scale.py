"""Scale-out (#11): the service mapped over partitions of a corpus with Dask.

`--cluster local:N` starts a LocalCluster of N one-thread worker processes on this machine;
`--cluster tcp://host:8786` uses any running Dask scheduler (dask-jobqueue on SLURM or PBS,
dask-kubernetes, `dask scheduler` by hand). The driver reads the corpus and sends it in
partitions; each task runs the service on a worker, with the pipeline that worker process
built once, into a Parquet partition (`partitions.py`). The driver reads the partitions
back in input order and hands them on, so `extract` writes what one process writes and
`ingest` merges them into the store, where document ids and text hashes make the merge
idempotent.

A worker lost mid-run loses nothing and doubles nothing: Dask runs its tasks again on
another worker, each task writes its partition under one name, whole or not at all, and
the driver reads a partition only once its task has finished.

`distributed` is imported only when a cluster is opened, so that parsing `--cluster` costs
nothing.
"""

from __future__ import annotations

import functools
import re
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import count, islice
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ClusterError, ConfigError
from .models import Article, Extraction
from .partitions import partition_name, read_partition
from .settings import Settings

if TYPE_CHECKING:
    from distributed import Client
    from spacy.language import Language

    from .service import Coder
    from .store import IngestCounts

__all__ = [
    "ClusterProgress",
    "ClusterSpec",
    "cluster_coder",
    "extract_on_cluster",
    "open_client",
    "parse_cluster",
]

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


@dataclass(frozen=True)
class ClusterProgress:
    """Where a run on a cluster stands: `done` of the `sent` partitions are coded (holding
    `documents` documents); once `all_sent`, the whole corpus is read and `sent` is the
    total."""

    done: int = 0
    sent: int = 0
    all_sent: bool = False
    documents: int = 0


def cluster_coder(
    client: Client,
    settings: Settings,
    *,
    parts: Path | None = None,
    partition_size: int | None = None,
    progress: Callable[[ClusterProgress], None] | None = None,
) -> Coder:
    """A coder for `service.code_articles` that codes on the cluster of `client`
    (see `extract_on_cluster`)."""

    def code(articles: Iterable[Article]) -> Iterator[Extraction]:
        return extract_on_cluster(
            articles,
            settings,
            client,
            parts=parts,
            partition_size=partition_size,
            progress=progress,
        )

    return code


def extract_on_cluster(
    articles: Iterable[Article],
    settings: Settings,
    client: Client,
    *,
    parts: Path | None = None,
    partition_size: int | None = None,
    progress: Callable[[ClusterProgress], None] | None = None,
) -> Iterator[Extraction]:
    """One `Extraction` per article, in input order, coded on the cluster's workers.

    Articles are read lazily and sent in partitions of `partition_size` documents (default
    `settings.batch_size`), two per worker in flight. Each task writes its partition to
    `parts/part-00000.parquet`, `part-00001.parquet`, ...; without `parts`, to a temporary
    folder on this machine, and each file is removed once read back (workers on other
    machines need a `parts` folder that they and this machine share). `progress` is called
    with a `ClusterProgress` as partitions are sent and finish, from Dask's callback thread
    too.
    """
    size = partition_size or settings.batch_size
    with _folder(parts) as folder:
        tracker = _Tracker(progress)
        stream = iter(articles)
        numbers = count()
        pending: deque[tuple[Path, list[Article], Any]] = deque()
        reading = True
        while True:
            ahead = _ahead(client)
            while reading and len(pending) < ahead:
                partition = list(islice(stream, size))
                if not partition:
                    reading = False
                    tracker.all_sent()
                    break
                path = folder / partition_name(next(numbers))
                future = client.submit(_code_partition, partition, settings, path, pure=False)
                tracker.sent(future, len(partition))
                pending.append((path, partition, future))
            if not pending:
                return
            path, partition, future = pending.popleft()
            yield from _read_back(path, partition, future, keep=parts is not None)


_SHARED = (
    "if the workers run on other machines, give --parts a folder that they and this machine share"
)


@contextmanager
def _folder(parts: Path | None) -> Iterator[Path]:
    """The folder the partitions go to: `parts`, which must hold none yet, or a temporary one."""
    if parts is None:
        with tempfile.TemporaryDirectory(prefix="detente-parts-") as name:
            yield Path(name)
        return
    try:
        parts.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise ConfigError(f"cannot make the partitions folder {parts}: {err}") from err
    if any(parts.glob("part-*.parquet")):
        # a partition of another run would be read as one of this run
        raise ConfigError(
            f"{parts} already holds partitions (part-*.parquet); give an empty folder or "
            "remove them"
        )
    yield parts


def _ahead(client: Client) -> int:
    """Partitions in flight: two per worker, so that none waits while the driver reads."""
    return 2 * max(1, len(client.scheduler_info().get("workers", {})))


def _read_back(
    path: Path, partition: list[Article], future: Any, *, keep: bool
) -> list[Extraction]:
    """A partition's extractions, once its task has finished, read from its file."""
    from distributed import KilledWorker

    try:
        future.result()
    except KilledWorker as err:
        raise ClusterError(
            f"every worker that coded {path.name} died ({err}); a worker may be out of "
            "memory: give the workers more, or pass a smaller --batch-size"
        ) from err
    except OSError as err:
        raise ClusterError(f"coding {path.name} failed: {err}; {_SHARED}") from err
    try:
        extractions = read_partition(path)
    except OSError as err:
        raise ClusterError(f"cannot read {path}, which a worker wrote: {err}; {_SHARED}") from err
    if [extraction.article.id for extraction in extractions] != [a.id for a in partition]:
        raise ClusterError(f"{path} does not hold the documents sent to it; {_SHARED}")
    if not keep:
        path.unlink()
    return extractions


class _Tracker:
    """Counts the partitions sent and done and reports each change. A partition is done
    when its task finishes, which Dask tells in its callback thread: hence the lock."""

    def __init__(self, report: Callable[[ClusterProgress], None] | None) -> None:
        self._report = report
        self._lock = threading.Lock()
        self._state = ClusterProgress()

    def sent(self, future: Any, documents: int) -> None:
        if self._report is None:
            return
        self._change(sent=1)
        future.add_done_callback(functools.partial(self._finished, documents))

    def all_sent(self) -> None:
        if self._report is not None:
            self._change(all_sent=True)

    def _finished(self, documents: int, future: Any) -> None:
        if future.status == "finished":
            self._change(done=1, documents=documents)

    def _change(
        self, *, done: int = 0, sent: int = 0, documents: int = 0, all_sent: bool = False
    ) -> None:
        assert self._report is not None
        with self._lock:
            state = self._state
            self._state = ClusterProgress(
                done=state.done + done,
                sent=state.sent + sent,
                all_sent=state.all_sent or all_sent,
                documents=state.documents + documents,
            )
            self._report(self._state)


def _code_partition(articles: list[Article], settings: Settings, path: Path) -> IngestCounts:
    """Runs on a worker: the service, with this process's pipeline, into one partition."""
    from .service import ParquetSink, code_articles, pipeline_coder

    coder = pipeline_coder(_nlp_for(settings), batch_size=settings.batch_size)
    # a failed document is in the partition with its error: the driver says it
    return code_articles(articles, ParquetSink(path), coder, say=_silent)


def _silent(line: str) -> None:
    """Says nothing."""


@functools.lru_cache(maxsize=2)
def _nlp_for(settings: Settings) -> Language:
    """The pipeline, built once per worker process for each Settings it is sent."""
    from .nlp.pipeline import build_nlp

    return build_nlp(settings)
