"""What every command shares: settings from flags, and DetenteError turned into a clean exit."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

import click

from ..errors import DetenteError
from ..settings import Settings, load_settings

F = TypeVar("F", bound=Callable[..., Any])


def settings_from(**overrides: Any) -> Settings:
    """Settings layered with the command's flags (None means the flag was not given)."""
    try:
        return load_settings(overrides)
    except DetenteError as err:
        raise click.ClickException(str(err)) from err


def guarded(func: F) -> F:
    """Turn a DetenteError raised by the library into `Error: ...` and exit status 1."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except DetenteError as err:
            raise click.ClickException(str(err)) from err

    return wrapper  # type: ignore[return-value]


db_option = click.option(
    "--db",
    "db_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="DuckDB store (default detente.duckdb, or DETENTE_DB)",
)
