"""Fixtures of the web tests: a loopback site, and a fetcher quick enough for tests."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from loopback import QUICK, Site

from detente.ingest.fetch import Fetcher


@pytest.fixture
def site() -> Iterator[Site]:
    with Site() as site:
        yield site


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(QUICK) as fetcher:
        yield fetcher
