"""What `extract` and `ingest` share: where to code (the pipeline here or a Dask cluster,
`--cluster`, `--parts`) and the progress bar on standard error (`--progress`)."""

from __future__ import annotations

import logging
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, TypeVar

import click

from ._common import CLUSTER

if TYPE_CHECKING:
    from ..scale import ClusterProgress, ClusterSpec
    from ..service import Coder
    from ..settings import Settings
    from ..store import IngestCounts

F = TypeVar("F", bound=Callable[..., Any])


def run_options(func: F) -> F:
    """--cluster, --parts and --progress."""
    func = click.option(
        "--progress",
        "show_progress",
        is_flag=True,
        help="show the progress bar even when standard error is not a terminal",
    )(func)
    func = click.option(
        "--parts",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="with --cluster: keep the workers' Parquet partitions in this folder, which every "
        "worker must reach (default: a temporary folder, removed after the run)",
    )(func)
    func = click.option(
        "--cluster",
        type=CLUSTER,
        default=None,
        help="code on a Dask cluster: local:N (N processes here) or tcp://host:port (a scheduler)",
    )(func)
    return func


def shown(flag: bool, *, quiet: bool = False) -> bool:
    """Whether to draw the progress bar: asked for, or standard error is a terminal."""
    return not quiet and (flag or sys.stderr.isatty())


class Bar:
    """One line on standard error: documents coded, their rate, events and failures, and
    on a cluster the partitions done of those sent ("3/8+" while the corpus is still
    being read, "8/8" once it is all sent). Updated from Dask's callback thread too."""

    def __init__(self, label: str, *, show: bool, cluster: ClusterSpec | None = None) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )

        self.show = show
        # asked for with --progress on a pipe or file: draw it all the same
        self.console = Console(stderr=True, force_terminal=True if show else None)
        columns = [SpinnerColumn(), TextColumn(label), BarColumn()]
        if cluster is not None:
            columns.append(TextColumn(f"{{task.fields[parts]}} partitions on {cluster}"))
        columns += [
            TextColumn("{task.fields[docs]} documents  {task.fields[rate]:.1f} docs/s"),
            TextColumn("{task.fields[events]} events  {task.fields[failures]} failures"),
            TimeElapsedColumn(),
        ]
        self._progress = Progress(*columns, console=self.console, disable=not show)
        self._task = self._progress.add_task(
            label, total=None, parts="0/0+", docs=0, rate=0.0, events=0, failures=0
        )
        self._started = time.perf_counter()

    def __enter__(self) -> Self:
        self._progress.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._progress.stop()

    @contextmanager
    def status(self, text: str) -> Iterator[None]:
        """A spinner with `text` while a slow step runs (loading the model)."""
        if self.show:
            with self.console.status(text, spinner="dots"):
                yield
        else:
            yield
        self._started = time.perf_counter()  # the rate counts from here

    def documents(self, counts: IngestCounts) -> None:
        """The service's running counts."""
        done = counts.documents + counts.unchanged
        elapsed = max(time.perf_counter() - self._started, 1e-6)
        self._progress.update(
            self._task,
            docs=done,
            rate=done / elapsed,
            events=counts.events,
            failures=counts.failures,
        )

    def partitions(self, progress: ClusterProgress) -> None:
        """The cluster's partitions: the bar fills as they are done."""
        more = "" if progress.all_sent else "+"
        self._progress.update(
            self._task,
            completed=progress.done,
            total=progress.sent if progress.all_sent else None,
            parts=f"{progress.done}/{progress.sent}{more}",
        )


@contextmanager
def open_coder(
    settings: Settings, bar: Bar, *, cluster: ClusterSpec | None, parts: Path | None
) -> Iterator[Coder]:
    """The coder: the pipeline in this process (`--workers` processes of spaCy), or the
    Dask cluster `cluster`, open until the block ends."""
    if parts is not None and cluster is None:
        raise click.UsageError("--parts goes with --cluster")
    if cluster is None:
        from ..nlp.pipeline import build_nlp
        from ..service import pipeline_coder

        with bar.status("loading the spaCy model"):
            nlp = build_nlp(settings)
        yield pipeline_coder(nlp, batch_size=settings.batch_size, n_process=settings.workers)
        return
    import distributed  # noqa: F401  # its import sets up its loggers, which the next line adjusts

    from ..scale import cluster_coder, open_client

    # distributed logs a cluster's start and stop at INFO; follow -v like the rest
    logging.getLogger("distributed").setLevel(logging.getLogger().getEffectiveLevel())
    with open_client(cluster) as client:
        yield cluster_coder(client, settings, parts=parts, progress=bar.partitions)
