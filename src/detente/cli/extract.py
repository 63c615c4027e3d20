"""`detente extract`: reports in, PLOVER events out (table, JSONL or CSV), nothing stored."""

from __future__ import annotations

import csv
import json
import logging
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import TextIO

import click
from rich.console import Console
from rich.table import Table

from ..models import Article, Event, Extraction, Skipped
from ..scale import ClusterSpec
from ..settings import Settings
from ._common import CLUSTER, CONFIDENCE, POSITIVE, coding_options, guarded, settings_from

CSV_FIELDS = [
    "id", "doc_id", "sentence", "type", "mode", "quad", "contexts",
    "source_code", "source_name", "source_sector", "source_text",
    "target_code", "target_name", "target_sector", "target_text",
    "date", "date_precision", "place", "place_country", "lat", "lon",
    "modality", "trigger", "confidence", "rule", "evidence",
]


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl", "csv"]), default="table",
              show_default=True, help="output format")
@click.option("--date", "doc_date", type=click.DateTime(["%Y-%m-%d"]), default=None,
              help="publication date for documents that carry none (YYYY-MM-DD)")
@click.option("--min-confidence", type=CONFIDENCE, default=None,
              help="drop events below this confidence (0 to 1)")
@click.option("--resolved-only", is_flag=True, default=None,
              help="leave out events whose source or target is an unresolved phrase")
@click.option("--summary", is_flag=True, help="after the events, print the actors and dyads found")
@click.option("--workers", type=POSITIVE, default=None, help="processes for the spaCy pipeline")
@click.option("--batch-size", type=POSITIVE, default=None, help="documents per batch")
@click.option("--cluster", type=CLUSTER, default=None,
              help="code on a Dask cluster: local:N (N processes here) or tcp://host:port (a scheduler)")
@click.option("-o", "--out", type=click.File("w", encoding="utf-8"), default="-",
              help="write events here instead of standard output")
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
    out: TextIO,
    coder: str | None,
    all_modalities: bool | None,
    gpu: bool | None,
) -> None:
    """Read reports (.txt, .html, .jsonl, folders, - for stdin) and print the events in them.

    Documents that cannot be read are reported on standard error, one line each, and the
    others are still processed; the exit status is then 1.
    """
    from ..ingest import read_paths
    from ..nlp.pipeline import build_nlp, extract as run_pipeline

    settings = settings_from(min_confidence=min_confidence, workers=workers, batch_size=batch_size,
                             keep_unresolved=False if resolved_only else None, coder=coder,
                             all_modalities=all_modalities, gpu=gpu)
    on = doc_date.date() if doc_date is not None else None  # type: ignore[attr-defined]
    skipped: list[Skipped] = []

    def articles() -> Iterator[Article]:
        for item in read_paths(paths, date=on, max_bytes=settings.max_bytes):
            if isinstance(item, Skipped):
                skipped.append(item)
                click.echo(f"skipped {item.source}: {item.reason}", err=True)
            else:
                yield item

    if cluster is not None:
        import distributed  # noqa: F401  # its import sets up its loggers, which the next line adjusts

        from ..scale import extract_on_cluster, open_client

        # distributed logs a cluster's start and stop at INFO; follow -v like the rest
        logging.getLogger("distributed").setLevel(logging.getLogger().getEffectiveLevel())
        with open_client(cluster) as client:
            extractions = extract_on_cluster(articles(), settings, client)
            _write(extractions, settings, fmt=fmt, out=out, summary=summary, skipped=skipped)
        return
    nlp = build_nlp(settings)
    extractions = run_pipeline(articles(), nlp, batch_size=settings.batch_size, n_process=settings.workers)
    _write(extractions, settings, fmt=fmt, out=out, summary=summary, skipped=skipped)


def _write(
    extractions: Iterable[Extraction],
    settings: Settings,
    *,
    fmt: str,
    out: TextIO,
    summary: bool,
    skipped: list[Skipped],
) -> None:
    """The events in the chosen format, then the summary; exit status 1 when a document failed."""
    failed: list[str] = []
    events = _events(extractions, settings, failed)
    if fmt == "jsonl":
        found = write_jsonl(events, out)
    elif fmt == "csv":
        found = write_csv(events, out)
    else:
        found = write_table(events, out)
    if summary:
        write_summary(found, out)
    if skipped or failed:
        click.echo(f"{len(skipped) + len(failed)} document(s) could not be read or coded", err=True)
        sys.exit(1)


def _events(extractions: Iterable[Extraction], settings: Settings, failed: list[str]) -> Iterator[Event]:
    for extraction in extractions:
        if extraction.error:
            failed.append(extraction.article.id)
            click.echo(f"failed {extraction.article.source or extraction.article.id}: {extraction.error}", err=True)
        for event in extraction.events:
            if event.confidence < settings.min_confidence:
                continue
            if not settings.keep_unresolved and not _resolved(event):
                continue
            yield event


def _resolved(event: Event) -> bool:
    """Both sides carry a code (an event with no target needs only its source)."""
    return bool(event.source.code) and (event.target is None or bool(event.target.code))


def write_jsonl(events: Iterable[Event], out: TextIO) -> list[Event]:
    """One JSON record a line, as DESIGN.md describes and the scorers read."""
    kept = []
    for event in events:
        out.write(json.dumps(event.to_dict(), ensure_ascii=False) + "\n")
        kept.append(event)
    return kept


def write_csv(events: Iterable[Event], out: TextIO) -> list[Event]:
    writer = csv.DictWriter(out, fieldnames=CSV_FIELDS)
    writer.writeheader()
    kept = []
    for event in events:
        writer.writerow(flat_record(event))
        kept.append(event)
    return kept


def flat_record(event: Event) -> dict[str, object]:
    """An event as one flat row (CSV, spreadsheets)."""
    record = event.to_dict()
    row: dict[str, object] = {k: record[k] for k in ("id", "doc_id", "sentence", "type", "mode", "quad",
                                                     "date", "date_precision", "modality", "confidence",
                                                     "rule", "evidence")}
    row["contexts"] = ";".join(event.contexts)
    for role, actor in (("source", event.source), ("target", event.target)):
        row[f"{role}_code"] = actor.code if actor else None
        row[f"{role}_name"] = actor.name if actor else None
        row[f"{role}_sector"] = actor.sector if actor else None
        row[f"{role}_text"] = actor.text if actor else None
    place = event.place
    row.update(place=place.name if place else None, place_country=place.country if place else None,
               lat=place.lat if place else None, lon=place.lon if place else None)
    row["trigger"] = event.trigger.text
    return row


def write_table(events: Iterable[Event], out: TextIO) -> list[Event]:
    console = Console(file=out, width=160 if not out.isatty() else None)
    table = Table(show_lines=False, header_style="bold")
    for column in ("doc", "type", "source", "target", "date", "place", "modality", "conf", "trigger"):
        table.add_column(column, overflow="fold")
    kept = []
    for event in events:
        kept.append(event)
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
    console.print(f"{len(kept)} events")
    return kept


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
