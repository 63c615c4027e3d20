"""Scale-out (#11): the same corpus coded in one process and on a local Dask cluster.

    python bench/scale.py                   # 120,000 words, --cluster local:2
    python bench/scale.py --words 20000 --cluster local:4

The corpus is bench/throughput.py's (`build_corpus`). Both sides run the service
(`service.code_articles`) as `detente extract` does: one with the pipeline in this process,
the other with `--cluster`'s coder, whose workers write Parquet partitions that the driver
reads back. Each side's time covers building the pipeline (on the cluster: starting the
workers, each of which builds its own) and coding every document, so the ratio is what a
user sees. Printed: words per second on each side, the
speed ratio, whether the event records are identical (sorted JSON), each worker's peak
RSS (VmHWM, read in the worker process through client.run), and the CPU seconds each side
used with the cores that makes on average: on a machine other jobs share, a side that got
less than its cores shows it there. A measurement, not a test: the exit status is 0.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from throughput import build_corpus

from detente.models import Article, Event, Extraction
from detente.nlp.pipeline import build_nlp
from detente.scale import cluster_coder, open_client, parse_cluster
from detente.service import Coder, Sink, code_articles, pipeline_coder, tally
from detente.settings import Settings
from detente.store import IngestCounts


class _Kept(Sink):
    """Keeps what it is handed, as `detente extract` keeps the events for its table."""

    def __init__(self) -> None:
        self.extractions: list[Extraction] = []

    def write(self, extractions: Sequence[Extraction]) -> IngestCounts:
        self.extractions.extend(extractions)
        return tally(extractions)


def _coded(articles: list[Article], coder: Coder) -> list[Extraction]:
    kept = _Kept()
    code_articles(articles, kept, coder)
    return kept.extractions


def _articles(texts: list[str]) -> list[Article]:
    return [Article(id=f"bench-{number:05d}", text=text) for number, text in enumerate(texts)]


def _records(extractions: list[Extraction]) -> list[str]:
    events: list[Event] = [event for extraction in extractions for event in extraction.events]
    return sorted(json.dumps(event.to_dict(), sort_keys=True) for event in events)


def _peak_rss_mib() -> float:
    """This process's peak RSS: VmHWM where /proc has it (getrusage's ru_maxrss carries the
    parent's peak over fork and exec, so a worker would report the driver's), else getrusage."""
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _cpu_s() -> float:
    """CPU seconds this process used, all its threads, user and system."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--words", type=int, default=120_000)
    parser.add_argument("--cluster", default="local:2")
    parser.add_argument("--partition-size", type=int, default=16, help="documents per task")
    args = parser.parse_args()

    settings = Settings()
    texts = build_corpus(args.words)
    words = sum(len(text.split()) for text in texts)
    articles = _articles(texts)

    start, cpu = time.perf_counter(), _cpu_s()
    alone = _coded(articles, pipeline_coder(build_nlp(settings), batch_size=settings.batch_size))
    alone_s, alone_cpu = time.perf_counter() - start, _cpu_s() - cpu

    start, cpu = time.perf_counter(), _cpu_s()
    with open_client(parse_cluster(args.cluster)) as client:
        spread = _coded(
            articles, cluster_coder(client, settings, partition_size=args.partition_size)
        )
        spread_s = time.perf_counter() - start
        workers = client.run(_peak_rss_mib)
        # fresh worker processes (spawned): their CPU time is this run's
        spread_cpu = _cpu_s() - cpu + sum(client.run(_cpu_s).values())

    print(f"corpus     {len(texts)} documents, {words} words")
    # Dask starts its workers with OPENBLAS_NUM_THREADS=1; OpenBLAS threads in the one
    # process slow it down on a busy machine (docs/figures.md, "Scale-out")
    blas = os.environ.get("OPENBLAS_NUM_THREADS", "unset")
    print(f"OPENBLAS_NUM_THREADS {blas} in the one process, 1 in the workers")
    print(
        f"1 process  {alone_s:7.1f} s  {words / alone_s:8.0f} words/s  "
        f"cpu {alone_cpu:6.1f} s ({alone_cpu / alone_s:.2f} cores)  "
        f"(peak RSS {_peak_rss_mib():.0f} MiB)"
    )
    print(
        f"{args.cluster:<10} {spread_s:7.1f} s  {words / spread_s:8.0f} words/s  "
        f"cpu {spread_cpu:6.1f} s ({spread_cpu / spread_s:.2f} cores, driver and workers)"
    )
    print(f"speed ratio {alone_s / spread_s:.2f}x (cluster / one process)")
    n_events = sum(len(e.events) for e in alone)
    print(f"identical events: {_records(spread) == _records(alone)} ({n_events} events)")
    for address, mib in sorted(workers.items()):
        print(f"worker {address} peak RSS {mib:.0f} MiB")


if __name__ == "__main__":
    main()
