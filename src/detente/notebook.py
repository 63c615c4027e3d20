"""The Python API for notebooks: `detente.extract(...)` and `detente.Store(path)`.

Both are thin layers over the library: `extract` reads its input with `ingest.read_paths`
(or makes an `Article` of a string of text) and runs `nlp.pipeline.extract`; `Store`
opens a `store.Store` and calls the query and analysis functions on its connection. The
`*_frame` helpers turn what these return into pandas DataFrames; pandas is not a
dependency of detente, so they import it only when called.

The store, the pipeline and the analyses are imported on first use, so `import detente`
stays fast for the CLI.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING, Any, Literal, Self

from .models import Article, Event, Skipped
from .settings import Settings

if TYPE_CHECKING:
    import duckdb
    import pandas as pd  # type: ignore[import-untyped,import-not-found,unused-ignore]
    from spacy.language import Language

    from .store import IngestCounts
    from .store import Store as DbStore

log = logging.getLogger(__name__)

Item = str | Path | Article
Count = Literal["story", "report"]
Period = Literal["week", "month", "year"]

# pipelines built so far, keyed by the settings build_nlp reads: one load per process
_PIPELINES: dict[tuple[Any, ...], Language] = {}
_PAGE = 1000  # events read from the store per query
# a string that spans lines, or is longer than any path, is text, not a file name
_MAX_PATH = 4096
_NAMED = 5  # documents a warning names before it counts the rest
_NESTED = ("source", "target", "trigger", "place", "document")
# event filters that take several values; a single string is read as a one-item tuple
_MANY = ("types", "quads", "modalities")


def extract(items: Iterable[Item] | Item, *, settings: Settings | None = None) -> list[Event]:
    """Return the events found in items: strings of text, Articles, or paths.

    A string naming an existing file or folder, or any `Path`, is read as `detente extract`
    reads it (text, HTML, JSONL, folders); any other string is the text of one report. The
    pipeline is loaded once per process for each set of coding settings. Documents that
    cannot be read or coded are left out with one logged warning, and the others go on.
    `settings.min_confidence` and `settings.keep_unresolved` filter the events.
    """
    settings = settings or Settings()
    from .nlp.pipeline import extract as run_pipeline

    skipped: list[str] = []
    events: list[Event] = []
    articles = _articles(_as_items(items), settings=settings, skipped=skipped)
    for extraction in run_pipeline(
        articles, pipeline(settings), batch_size=settings.batch_size, n_process=settings.workers
    ):
        if extraction.error:
            skipped.append(f"{extraction.article.id} ({extraction.error})")
        events.extend(e for e in extraction.events if _kept(e, settings))
    _warn_left_out(skipped)
    return events


def pipeline(settings: Settings | None = None) -> Language:
    """The spaCy pipeline for settings, built on first use and kept for the process."""
    settings = settings or Settings()
    key = (
        settings.model,
        settings.coder,
        settings.threshold,
        settings.all_modalities,
        settings.gpu,
    )
    nlp = _PIPELINES.get(key)
    if nlp is None:
        from .nlp.pipeline import build_nlp

        nlp = _PIPELINES[key] = build_nlp(settings)
    return nlp


def to_frame(events: Iterable[Event | dict[str, Any]]) -> pd.DataFrame:
    """A DataFrame with one row per event (an Event or a store record).

    Nested fields are flattened with an underscore: `source_code`, `target_name`,
    `trigger_text`, `place_country`, `document_title`.
    """
    pd = _pandas()
    rows = [_flat(e.to_dict() if isinstance(e, Event) else e) for e in events]
    return pd.DataFrame(rows)


class Store:
    """A detente store for notebooks: `Store(path)` opens (or creates) it, ":memory:" by default.

    `store.con` is the DuckDB connection that the functions of `detente.store` and
    `detente.analysis` take, for anything these methods do not cover.
    """

    def __init__(self, path: str | Path = ":memory:", *, read_only: bool = False) -> None:
        from .store import Store as DbStore

        self._store: DbStore = DbStore.open(path, read_only=read_only)
        self.path = self._store.path

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        return self._store.con

    def __repr__(self) -> str:
        return f"Store({self.path!r})"

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        self._store.close()

    def ingest(
        self, items: Iterable[Item] | Item, *, settings: Settings | None = None
    ) -> IngestCounts:
        """Extract events from items (as `detente.extract` takes them) and store them.

        A document already stored with the same text is not extracted again. Returns the
        counts `detente ingest` prints.
        """
        settings = settings or Settings()
        from .service import StoreSink, code_articles, pipeline_coder

        skipped: list[str] = []
        coder = pipeline_coder(
            pipeline(settings), batch_size=settings.batch_size, n_process=settings.workers
        )
        counts = code_articles(
            _articles(_as_items(items), settings=settings, skipped=skipped),
            StoreSink(self._store),
            coder,
        )
        counts.failures += len(skipped)
        _warn_left_out(skipped)
        return counts

    def events(
        self, *, limit: int | None = None, count: Count = "story", **filters: Any
    ) -> list[dict[str, Any]]:
        """The stored events matching filters, newest first, as JSON records.

        `filters` are the fields of `detente.store.EventFilter` (actor="KEN", dyad=("KEN",
        "SOM"), types="ASSAULT", since="2024", ...). Every match is returned unless `limit`
        is given. A record is `Event.to_dict()` plus `story_id`, `n_reports`, `n_sources`
        and `document`; `Event.from_dict(record)` makes an Event of it.
        """
        from .store import EventFilter, find_events

        for name in _MANY:
            if isinstance(filters.get(name), str):
                filters[name] = (filters[name],)
            elif name in filters:
                filters[name] = tuple(filters[name])
        if "dyad" in filters and filters["dyad"] is not None:
            filters["dyad"] = tuple(filters["dyad"])
        chosen = EventFilter(**filters)
        records: list[dict[str, Any]] = []
        while limit is None or len(records) < limit:
            size = _PAGE if limit is None else min(_PAGE, limit - len(records))
            page = find_events(self.con, chosen, limit=size, offset=len(records), count=count)
            records.extend(page.items)
            if len(page.items) < size:
                break
        return records

    def dyad(
        self,
        a: str,
        b: str,
        *,
        period: Period = "month",
        count: Count = "story",
        since: str | None = None,
        until: str | None = None,
    ) -> dict[str, Any]:
        """The a–b dyad over time, as `detente.analysis.dyad_series` returns it."""
        from .analysis import dyad_series

        return dyad_series(self.con, a, b, period=period, count=count, since=since, until=until)

    def network(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        count: Count = "story",
        min_events: int = 1,
        communities: Literal["louvain", "greedy"] = "louvain",
        directed: bool = False,
    ) -> dict[str, Any]:
        """The actor network, as `detente.analysis.actor_network` returns it."""
        from .analysis import actor_network

        return actor_network(
            self.con,
            since=since,
            until=until,
            count=count,
            min_events=min_events,
            communities=communities,
            directed=directed,
        )

    def events_frame(
        self, *, limit: int | None = None, count: Count = "story", **filters: Any
    ) -> pd.DataFrame:
        """`events(...)` as a DataFrame, one row per event (see `detente.to_frame`)."""
        _pandas()  # fail before the query when pandas is missing
        return to_frame(self.events(limit=limit, count=count, **filters))

    def dyad_frame(
        self,
        a: str,
        b: str,
        *,
        period: Period = "month",
        count: Count = "story",
        since: str | None = None,
        until: str | None = None,
    ) -> pd.DataFrame:
        """`dyad(...)` as a long DataFrame: one row per period and direction ("KEN>SOM",
        "SOM>KEN", "both"), with the cooperative, conflictual and balance columns and one
        column per quad class."""
        pd = _pandas()
        series = self.dyad(a, b, period=period, count=count, since=since, until=until)
        rows = [
            {
                "period": row["period"],
                "direction": direction,
                "cooperative": row["cooperative"],
                "conflictual": row["conflictual"],
                "balance": row["balance"],
                **row["quads"],
            }
            for direction, direction_rows in series["directions"].items()
            for row in direction_rows
        ]
        return pd.DataFrame(
            rows,
            columns=None
            if rows
            else ["period", "direction", "cooperative", "conflictual", "balance"],
        )

    def network_frames(
        self,
        *,
        since: str | None = None,
        until: str | None = None,
        count: Count = "story",
        min_events: int = 1,
        communities: Literal["louvain", "greedy"] = "louvain",
        directed: bool = False,
    ) -> tuple[pd.DataFrame, pd.DataFrame]:
        """`network(...)` as two DataFrames: its nodes and its edges."""
        pd = _pandas()
        network = self.network(
            since=since,
            until=until,
            count=count,
            min_events=min_events,
            communities=communities,
            directed=directed,
        )
        return pd.DataFrame(network["nodes"]), pd.DataFrame(network["edges"])


def _as_items(items: Iterable[Item] | Item) -> Iterable[Item]:
    # a single str is one item, not an iterable of characters
    return [items] if isinstance(items, str | Path | Article) else items


def _articles(
    items: Iterable[Item], *, settings: Settings, skipped: list[str]
) -> Iterator[Article]:
    """The Articles of items; what cannot be read is added to skipped."""
    from .ingest import read_paths, text_article

    for item in items:
        if isinstance(item, Article):
            yield item
            continue
        if isinstance(item, Path) or _is_path(item):
            found: Iterable[Article | Skipped] = read_paths([item], max_bytes=settings.max_bytes)
        else:
            text_id = "text-" + hashlib.sha1(item.encode("utf-8")).hexdigest()[:12]
            found = [text_article(item, doc_id=text_id, source=text_id)]
        for one in found:
            if isinstance(one, Skipped):
                skipped.append(f"{one.source} ({one.reason})")
            else:
                yield one


def _is_path(item: str) -> bool:
    """Whether a string names an existing file or folder (else it is a report's text)."""
    # "" and " " would name the working directory
    if not item.strip() or "\n" in item or len(item) > _MAX_PATH:
        return False
    try:
        return Path(item).exists()
    except (OSError, ValueError):  # a name too long for the system, or a NUL byte
        return False


def _warn_left_out(skipped: list[str]) -> None:
    """One warning for every document left out, naming the first few."""
    if not skipped:
        return
    shown = "; ".join(skipped[:_NAMED])
    more = f"; and {len(skipped) - _NAMED} more" if len(skipped) > _NAMED else ""
    log.warning("%d document(s) left out: %s%s", len(skipped), shown, more)


def _kept(event: Event, settings: Settings) -> bool:
    if event.confidence < settings.min_confidence:
        return False
    resolved = bool(event.source.code) and (event.target is None or bool(event.target.code))
    return settings.keep_unresolved or resolved


def _flat(record: dict[str, Any]) -> dict[str, Any]:
    row = {k: v for k, v in record.items() if k not in _NESTED}
    for name in _NESTED:
        value = record.get(name)
        if isinstance(value, dict):
            row.update({f"{name}_{k}": v for k, v in value.items()})
        elif value is not None:
            row[name] = value
    return row


def _pandas() -> Any:
    try:
        import pandas as pd
    except ImportError as err:
        raise ImportError(
            "the DataFrame helpers need pandas, which detente does not install; "
            "run: pip install pandas"
        ) from err
    return pd
