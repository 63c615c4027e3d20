"""What every command shares: settings from flags, DetenteError turned into a clean exit,
and the option types that turn a bad value into one `Error: ...` line saying what is allowed."""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable
from datetime import date
from typing import Any, TypeVar

import click

from ..errors import DetenteError
from ..ontology import QUADS, TYPES
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


def coding_options(func: F) -> F:
    """--coder, --all-modalities and --gpu, shared by the commands that extract events."""
    func = click.option(
        "--gpu",
        is_flag=True,
        default=None,
        help="run the learned coder on a CUDA device when one is available",
    )(func)
    func = click.option(
        "--all-modalities",
        is_flag=True,
        default=None,
        help="keep hypothetical, hedged, habitual and negated events too, marked by their modality",
    )(func)
    func = click.option(
        "--coder",
        type=click.Choice(["learned", "rules"]),
        default=None,
        help="event coder: the learned pair model (default) or the rule lexicon",
    )(func)
    return func


# -- option values checked at the edge (#10): one `Error: ...` line that says what is allowed


class IsoDate(click.ParamType):  # type: ignore[type-arg]  # generic only in newer click
    """A date as YYYY, YYYY-MM or YYYY-MM-DD (`day_only`: YYYY-MM-DD) that is on the calendar.

    The value is passed on as the text given, stripped: the library reads these strings.
    """

    name = "date"

    def __init__(self, *, day_only: bool = False) -> None:
        self.pattern = _DAY if day_only else _PERIOD
        self.allowed = "YYYY-MM-DD" if day_only else "YYYY, YYYY-MM or YYYY-MM-DD"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        text = str(value).strip()
        match = self.pattern.fullmatch(text)
        try:
            if match is None:
                raise ValueError(text)
            year, month, day = match.group("year", "month", "day")
            date(int(year), int(month or 1), int(day or 1))  # 2025-02-30 raises
        except ValueError:
            self.fail(f"{value!r} is not a valid date; use {self.allowed}", param, ctx)
        return text


class Names(click.ParamType):  # type: ignore[type-arg]
    """One of a fixed set of names, matched in any case and passed on as the set spells it."""

    def __init__(self, name: str, names: Iterable[str], *, what: str) -> None:
        self.name = name
        self.what = what
        self.names = tuple(names)
        self._by_fold = {name.casefold(): name for name in self.names}

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        found = self._by_fold.get(str(value).strip().casefold())
        if found is None:
            allowed = ", ".join(self.names)
            self.fail(f"{value!r} is not a {self.what}; use one of {allowed}", param, ctx)
        return found


class Fraction(click.ParamType):  # type: ignore[type-arg]
    """A number from 0 to 1 inclusive (a confidence)."""

    name = "number"

    def convert(
        self, value: Any, param: click.Parameter | None, ctx: click.Context | None
    ) -> float:
        try:
            number = float(value)
        except (TypeError, ValueError):
            number = math.nan
        if not 0.0 <= number <= 1.0:  # NaN fails this too
            self.fail(f"{value!r} is not a number from 0 to 1", param, ctx)
        return number


class ClusterAddress(click.ParamType):  # type: ignore[type-arg]
    """A Dask cluster for `--cluster`: local:N or tcp://host:port (see detente.scale)."""

    name = "cluster"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from ..scale import ClusterSpec, parse_cluster

        if isinstance(value, ClusterSpec):
            return value
        try:
            return parse_cluster(str(value))
        except DetenteError as err:
            self.fail(str(err), param, ctx)


_PERIOD = re.compile(r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?")
_DAY = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})")

PERIOD = IsoDate()
DAY = IsoDate(day_only=True)
CONFIDENCE = Fraction()
# a bound above, so that a huge --limit is an error here, not an overflow inside DuckDB
_MOST = 1_000_000_000
POSITIVE = click.IntRange(1, _MOST)
NON_NEGATIVE = click.IntRange(0, _MOST)
EVENT_TYPE = Names("type", TYPES, what="PLOVER type")
QUAD = Names("quad", QUADS, what="quad class")
CLUSTER = ClusterAddress()

# the stdout formats of extract and of the commands that read the store
format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "jsonl", "csv"]),
    default="table",
    show_default=True,
    help="output format",
)
