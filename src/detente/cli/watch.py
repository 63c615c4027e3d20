"""`detente watch`: keep a store current with a list of feeds.

The command reads the feed list, loads the pipeline once, and hands both to
`detente.watch.watch`; it prints one line per poll and one per feed that failed.
"""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from types import FrameType
from typing import TYPE_CHECKING, Any, ClassVar

import click

from ._common import coding_options, db_option, guarded, settings_from
from ._fetch import fetch_options, fetch_options_from

if TYPE_CHECKING:
    from ..watch import Poll


class Duration(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click
    """A time span: 30s, 15m, 1h, 1h30m, 1d, or a number of seconds."""

    name = "duration"
    _UNITS: ClassVar[dict[str, int]] = {"s": 1, "m": 60, "h": 3600, "d": 86400}
    _PART = re.compile(r"([0-9]+(?:\.[0-9]+)?)([smhd])")

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> timedelta:
        if isinstance(value, timedelta):
            return value
        text = str(value).strip().lower()
        seconds: float | None = None
        if re.fullmatch(r"[0-9]+(?:\.[0-9]+)?", text):
            seconds = float(text)
        elif text and re.fullmatch(rf"(?:{self._PART.pattern})+", text):
            seconds = sum(float(n) * self._UNITS[u] for n, u in self._PART.findall(text))
        if not seconds or seconds <= 0:
            self.fail(f"{value!r} is not a time span; use e.g. 30s, 15m, 1h or 1h30m", param, ctx)
        return timedelta(seconds=seconds)


DURATION = Duration()


@click.command()
@click.argument("feeds_file", metavar="FEEDS.txt", type=click.Path(dir_okay=False))
@click.option(
    "--every",
    type=DURATION,
    default="15m",
    show_default=True,
    help="time from one poll to the next (30s, 15m, 1h, 1h30m)",
)
@db_option
@click.option("--once", is_flag=True, help="poll once, then exit (for cron and tests)")
@fetch_options
@coding_options
@guarded
def watch(
    feeds_file: str,
    every: timedelta,
    db_path: str | None,
    once: bool,
    timeout: float,
    delay: float,
    retries: int,
    coder: str | None,
    all_modalities: bool | None,
    gpu: bool | None,
) -> None:
    """Poll the feeds listed in FEEDS.txt (one URL a line, # comments) and ingest new items.

    Each feed is asked with the ETag and Last-Modified of the last poll, which the store
    keeps, so a restarted watch goes on where it stopped. Ctrl-C stops it after the
    document it is on.
    """
    from ..ingest import Fetcher, read_feed_list
    from ..nlp.pipeline import build_nlp
    from ..store import Store
    from ..watch import watch as run_watch

    urls = read_feed_list(feeds_file)
    settings = settings_from(db_path=db_path, coder=coder, all_modalities=all_modalities, gpu=gpu)
    nlp = build_nlp(settings)
    options = fetch_options_from(
        timeout=timeout, delay=delay, retries=retries, max_bytes=settings.max_bytes
    )
    stop = threading.Event()
    if not once:
        click.echo(
            f"watching {len(urls)} feeds every {_span(every)} -> {settings.db_path} (Ctrl-C stops)"
        )
    with Fetcher(options) as fetcher, _stop_on_signals(stop):
        run_watch(
            lambda: Store.open(settings.db_path),
            urls,
            every=every,
            fetcher=fetcher,
            nlp=nlp,
            stop=stop,
            report=_report,
            once=once,
            batch_size=settings.batch_size,
        )
    if stop.is_set():
        click.echo("stopped")


def _report(poll: Poll) -> None:
    """One line for the poll, then one for each feed that could not be read."""
    when = poll.started.strftime("%Y-%m-%dT%H:%M:%SZ")
    counts = poll.counts
    unchanged = sum(1 for feed in poll.feeds if feed.not_modified)
    click.echo(
        f"{when} polled {len(poll.feeds)} feeds: {poll.new} new items, "
        f"{counts.documents} documents ingested, {counts.events} events, "
        f"{counts.failures} failures; {unchanged} not modified, {len(poll.failed)} failed "
        f"in {poll.seconds:.1f}s" + (" (stopped)" if poll.stopped else "")
    )
    for feed in poll.failed:
        click.echo(f"{when} feed {feed.url}: {feed.error}", err=True)


@contextmanager
def _stop_on_signals(stop: threading.Event) -> Iterator[None]:
    """SIGINT and SIGTERM set `stop`; a second SIGINT interrupts at once."""
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return

    def handle(signum: int, frame: FrameType | None) -> None:
        if stop.is_set() and signum == signal.SIGINT:
            raise KeyboardInterrupt  # click prints "Aborted!"
        stop.set()

    previous = {sig: signal.signal(sig, handle) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _span(every: timedelta) -> str:
    seconds = every.total_seconds()
    for unit, size in (("h", 3600), ("m", 60)):
        if seconds >= size and seconds % size == 0:
            return f"{seconds / size:g}{unit}"
    return f"{seconds:g}s"


COMMANDS: list[click.Command] = [watch]
