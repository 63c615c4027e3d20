"""The options of the commands that read the web (`ingest` with URLs or --feed, `watch`)."""

from __future__ import annotations

from typing import Any

import click

from ..ingest.fetch import FetchOptions
from ._common import F

_SECONDS = click.FloatRange(0, 3600)


def fetch_options(func: F) -> F:
    """--timeout, --delay and --retries, shared by the commands that fetch pages and feeds."""
    func = click.option(
        "--retries",
        type=click.IntRange(0, 10),
        default=2,
        show_default=True,
        help="tries after the first on a timeout, connection error, 429 or 5xx (backoff "
        "doubles; a Retry-After up to 120 s is obeyed)",
    )(func)
    func = click.option(
        "--delay",
        type=_SECONDS,
        default=1.0,
        show_default=True,
        help="least seconds between two requests to one host (more if robots.txt asks)",
    )(func)
    func = click.option(
        "--timeout",
        type=click.FloatRange(0.1, 600),
        default=10.0,
        show_default=True,
        help="seconds to wait to connect, and between two reads of a response",
    )(func)
    return func


def fetch_options_from(*, timeout: float, delay: float, retries: int, **extra: Any) -> FetchOptions:
    """FetchOptions from the flags of `fetch_options` (and e.g. max_bytes from settings)."""
    return FetchOptions(
        timeout=timeout,
        deadline=max(60.0, 6 * timeout),
        retries=retries,
        min_interval=delay,
        backoff=min(0.5, timeout),
        **extra,
    )
