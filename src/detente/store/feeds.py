"""The state of `detente watch`, one row per feed in the `feeds` table: the validators
for the next conditional GET, when the feed was last polled and last changed, and why
the last poll failed. Kept in the store so that a restarted watch goes on where it was."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import duckdb

__all__ = ["FeedState", "feed_states", "save_feed_state"]


@dataclass(frozen=True, kw_only=True)
class FeedState:
    """What the store remembers of one feed. Times are naive UTC."""

    url: str
    etag: str | None = None
    last_modified: str | None = None
    polled_at: datetime | None = None
    changed_at: datetime | None = None
    error: str | None = None  # None when the last poll worked
    n_items: int | None = None  # items in the feed when it was last read in full


_COLUMNS = ("url", "etag", "last_modified", "polled_at", "changed_at", "error", "n_items")


def feed_states(con: duckdb.DuckDBPyConnection, urls: Iterable[str]) -> dict[str, FeedState]:
    """The remembered state of each of `urls` that has been polled before."""
    wanted = list(dict.fromkeys(urls))
    if not wanted:
        return {}
    rows = con.execute(
        f"SELECT {', '.join(_COLUMNS)} FROM feeds WHERE url IN (SELECT unnest(?::VARCHAR[]))",
        [wanted],
    ).fetchall()
    return {row[0]: FeedState(**dict(zip(_COLUMNS, row, strict=True))) for row in rows}


def save_feed_state(con: duckdb.DuckDBPyConnection, state: FeedState) -> None:
    """Remember `state` for its feed, replacing what was there."""
    con.execute(
        f"INSERT OR REPLACE INTO feeds ({', '.join(_COLUMNS)}) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [getattr(state, name) for name in _COLUMNS],
    )
