"""The `detente` command: a click group; each module adds its commands through COMMANDS."""

from __future__ import annotations

import importlib
import logging

import click

from .. import __version__

_MODULES = ("extract", "ingest", "query", "analysis", "watch", "serve")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="detente")
@click.option("-v", "--verbose", count=True, help="more log output (-vv for debug)")
def cli(verbose: int) -> None:
    """detente: political event data from news reports, coded to PLOVER."""
    level = logging.WARNING - 10 * min(verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


for _name in _MODULES:
    for _command in importlib.import_module(f".{_name}", __name__).COMMANDS:
        cli.add_command(_command)

__all__ = ["cli"]
