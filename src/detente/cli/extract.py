"""`detente extract`: reports in, PLOVER events out (table, JSONL or CSV), nothing stored."""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click
from rich.console import Console
from rich.table import Table

from ..models import Event, Extraction, flat_event
from ..service import Sink
from ..settings import Settings
from ..store import IngestCounts
from ._common import CONFIDENCE, POSITIVE, coding_options, format_option, guarded, settings_from
from ._run import Bar, open_coder, run_options, shown

if TYPE_CHECKING:
    from ..scale import ClusterSpec

# `detente extract --format csv`: columns of the flat event record (models.EVENT_RECORD),
# a few under shorter names (`CSV_RENAMED`); a public format: keep names and order
CSV_FIELDS = [
    "id",
    "doc_id",
    "sentence",
    "type",
    "mode",
    "quad",
    "contexts",
    "source_code",
    "source_name",
    "source_sector",
    "source_text",
    "target_code",
    "target_name",
    "target_sector",
    "target_text",
    "date",
    "date_precision",
    "place",
    "place_country",
    "lat",
    "lon",
    "modality",
    "trigger",
    "confidence",
    "rule",
    "evidence",
]
# the record's column that each CSV field with a name of its own holds
CSV_RENAMED = {
    "place": "place_name",
    "lat": "place_lat",
    "lon": "place_lon",
    "trigger": "trigger_text",
}


@click.command()
@click.argument("paths", nargs=-1, required=True)
@format_option
@click.option(
    "--date",
    "doc_date",
    type=click.DateTime(["%Y-%m-%d"]),
    default=None,
    help="publication date for documents that carry none (YYYY-MM-DD)",
)
@click.option(
    "--min-confidence",
    type=CONFIDENCE,
    default=None,
    help="drop events below this confidence (0 to 1)",
)
@click.option(
    "--resolved-only",
    is_flag=True,
    default=None,
    help="leave out events whose source or target is an unresolved phrase",
)
@click.option("--summary", is_flag=True, help="after the events, print the actors and dyads found")
@click.option("--workers", type=POSITIVE, default=None, help="processes for the spaCy pipeline")
@click.option(
    "--batch-size",
    type=POSITIVE,
    default=None,
    help="documents per batch (with --cluster: per partition)",
)
@run_options
@click.option(
    "-o",
    "--out",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="write events here instead of standard output",
)
@coding_options
@guarded
def extract(
    paths: tuple[str, ...],
    fmt: str,
    doc_date: object,
    min_confidence: float | None,
    resolved_only: bool | None,
    summary: bool,
    workers: int | None,
    batch_size: int | None,
    cluster: ClusterSpec | None,
    parts: Path | None,
    show_progress: bool,
    out: TextIO,
    coder: str | None,
    all_modalities: bool | None,
    gpu: bool | None,
) -> None:
    """Read reports (.txt, .html, .jsonl, folders, - for stdin) and print the events in them.

    Documents that cannot be read are reported on standard error, one line each, and the
    others are still processed; the exit status is then 1. With --cluster the documents
    are coded on a Dask cluster, in Parquet partitions, and printed as one process prints
    them.
    """
    from ..ingest import read_paths
    from ..service import code_articles

    settings = settings_from(
        min_confidence=min_confidence,
        workers=workers,
        batch_size=batch_size,
        keep_unresolved=False if resolved_only else None,
        coder=coder,
        all_modalities=all_modalities,
        gpu=gpu,
    )
    on = doc_date.date() if doc_date is not None else None  # type: ignore[attr-defined]
    items = read_paths(paths, date=on, max_bytes=settings.max_bytes)
    # a bar on a terminal that also shows the events would garble them: only when asked
    show = shown(show_progress) and (show_progress or not out.isatty())
    with (
        Bar("coding", show=show, cluster=cluster) as bar,
        open_coder(settings, bar, cluster=cluster, parts=parts) as code,
    ):
        counts = code_articles(
            items,
            EventWriter(out, fmt=fmt, settings=settings, summary=summary),
            code,
            batch_size=1,
            say=_say,
            progress=bar.documents,
        )
    if counts.failures:
        click.echo(f"{counts.failures} document(s) could not be read or coded", err=True)
        sys.exit(1)


def _say(line: str) -> None:
    click.echo(line, err=True)


class EventWriter(Sink):
    """The stdout formats as a sink: JSONL lines and CSV rows as the events come, the
    table (and the --summary) once they are all in. Events below `min_confidence`, and
    unresolved ones unless `keep_unresolved`, are left out."""

    def __init__(self, out: TextIO, *, fmt: str, settings: Settings, summary: bool) -> None:
        self.out = out
        self.fmt = fmt
        self.settings = settings
        self.summary = summary
        self.kept: list[Event] = []  # for the table and the summary
        self._csv: csv.DictWriter[str] | None = None

    def write(self, extractions: Sequence[Extraction]) -> IngestCounts:
        events = [
            event
            for extraction in extractions
            for event in extraction.events
            if self._wanted(event)
        ]
        if self.fmt == "jsonl":
            for event in events:
                self.out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        elif self.fmt == "csv":
            self._csv_writer().writerows(flat_record(event) for event in events)
        if self.fmt == "table" or self.summary:
            self.kept.extend(events)
        return IngestCounts(documents=len(extractions), events=len(events))

    def close(self) -> None:
        if self.fmt == "csv":
            self._csv_writer()  # the header, even with no events
        elif self.fmt == "table":
            write_table(self.kept, self.out)
        if self.summary:
            write_summary(self.kept, self.out)

    def _csv_writer(self) -> csv.DictWriter[str]:
        if self._csv is None:
            self._csv = csv.DictWriter(self.out, fieldnames=CSV_FIELDS)
            self._csv.writeheader()
        return self._csv

    def _wanted(self, event: Event) -> bool:
        if event.confidence < self.settings.min_confidence:
            return False
        return self.settings.keep_unresolved or _resolved(event)


def _resolved(event: Event) -> bool:
    """Both sides carry a code (an event with no target needs only its source)."""
    return bool(event.source.code) and (event.target is None or bool(event.target.code))


def flat_record(event: Event) -> dict[str, object]:
    """An event as one flat row (CSV, spreadsheets): the `CSV_FIELDS` of its flat record,
    the contexts joined with ';' and the confidence rounded as the JSON record has it."""
    flat = flat_event(event)
    flat["contexts"] = ";".join(event.contexts)
    flat["confidence"] = round(event.confidence, 3)
    return {field: flat[CSV_RENAMED.get(field, field)] for field in CSV_FIELDS}


def write_table(events: list[Event], out: TextIO) -> None:
    console = Console(file=out, width=160 if not out.isatty() else None)
    table = Table(show_lines=False, header_style="bold")
    for column in (
        "doc",
        "type",
        "source",
        "target",
        "date",
        "place",
        "modality",
        "conf",
        "trigger",
    ):
        table.add_column(column, overflow="fold")
    for event in events:
        table.add_row(
            f"{event.doc_id}:{event.sentence}",
            f"{event.type}" + (f"/{event.mode}" if event.mode else ""),
            _actor_label(event.source),
            _actor_label(event.target),
            event.date or "",
            event.place.name if event.place else "",
            event.modality,
            f"{event.confidence:.2f}",
            event.trigger.text,
        )
    console.print(table)
    console.print(f"{len(events)} events")


def write_summary(events: list[Event], out: TextIO) -> None:
    """The actors and dyads the events involve, most active first."""
    console = Console(file=out, width=160 if not out.isatty() else None)
    actors: Counter[str] = Counter()
    dyads: Counter[tuple[str, str, str]] = Counter()
    for event in events:
        codes = [a.code for a in (event.source, event.target) if a is not None and a.code]
        actors.update(codes)
        if len(codes) == 2:
            dyads[(codes[0], codes[1], event.quad)] += 1
    table = Table(title="actors", header_style="bold")
    table.add_column("actor")
    table.add_column("events", justify="right")
    for code, count in actors.most_common(15):
        table.add_row(code, str(count))
    console.print(table)
    table = Table(title="dyads", header_style="bold")
    for column in ("source", "target", "quad class", "events"):
        table.add_column(column)
    for (source, target, quad), count in dyads.most_common(15):
        table.add_row(source, target, quad.replace("_", " "), str(count))
    console.print(table)


def _actor_label(actor: object) -> str:
    if actor is None:
        return "-"
    code = getattr(actor, "code", None) or "?"
    detail = getattr(actor, "name", None) or getattr(actor, "text", "")
    sector = getattr(actor, "sector", None)
    return f"{code}{'/' + sector if sector else ''} {detail}"


COMMANDS = [extract]
