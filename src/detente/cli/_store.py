"""What the commands that read the store share (query.py, analysis.py): their common
options, opening the store, and printing rows as a table, JSONL or CSV."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import click

from ..store import Store
from ._common import NON_NEGATIVE, PERIOD, settings_from

count_option = click.option(
    "--count",
    type=click.Choice(["story", "report"]),
    default="story",
    show_default=True,
    help="count story events (reports of one event linked) or every report",
)
offset_option = click.option(
    "--offset",
    type=NON_NEGATIVE,
    default=0,
    show_default=True,
    help="rows to skip first (the next page starts at offset + limit)",
)
since_option = click.option(
    "--since", type=PERIOD, default=None, help="from this date (YYYY[-MM[-DD]]), inclusive"
)
until_option = click.option(
    "--until", type=PERIOD, default=None, help="up to this date (YYYY[-MM[-DD]]), inclusive"
)


@contextmanager
def open_store(db_path: str | None, *, read_only: bool = True) -> Iterator[Store]:
    """The store the settings and `--db` name, read-only unless asked, closed on exit."""
    settings = settings_from(db_path=db_path)
    with Store.open(settings.db_path, read_only=read_only) as store:
        yield store


def side_text(actor: dict[str, Any] | None) -> str:
    """An event's side in a table cell: its code, or its text in parentheses."""
    if not actor:
        return ""
    return actor["code"] or f"({actor['text']})"


def role_text(role: dict[str, Any]) -> str:
    """One of an actor's roles as "name (sector, role, years)"."""
    who = role.get("name") or "?"
    what = ", ".join(x for x in (role.get("sector"), role.get("role")) if x)
    span = "–".join(
        dict.fromkeys(d[:4] for d in (role.get("first_date"), role.get("last_date")) if d)
    )
    return f"{who} ({what}{', ' + span if span else ''})"


def show_table(rows: list[dict[str, Any]], *, title: str) -> None:
    """Print rows as a rich table, one column per key of the first row."""
    from rich.console import Console
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for key in rows[0] if rows else ["(none)"]:
        table.add_column(key, overflow="fold")
    for row in rows:
        table.add_row(*("" if v is None else str(v) for v in row.values()))
    Console(file=sys.stdout, width=_width()).print(table)


def _width() -> int:
    import shutil

    return max(shutil.get_terminal_size((160, 24)).columns, 100)


def emit(items: list[dict[str, Any]], fmt: str) -> None:
    """Print items as JSONL, or as CSV with nested fields flattened."""
    if fmt == "jsonl":
        for item in items:
            click.echo(json.dumps(item, ensure_ascii=False, default=str))
        return
    flat = [_flatten(item) for item in items]
    keys: list[str] = []
    for row in flat:
        keys.extend(k for k in row if k not in keys)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=keys, lineterminator="\n")
    writer.writeheader()
    writer.writerows(flat)
    click.echo(buffer.getvalue(), nl=False)


def _flatten(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            flat.update(_flatten(value, f"{name}_"))
        elif isinstance(value, list):
            flat[name] = (
                json.dumps(value, ensure_ascii=False)
                if any(isinstance(v, dict | list) for v in value)
                else ";".join(str(v) for v in value)
            )
        else:
            flat[name] = value
    return flat
