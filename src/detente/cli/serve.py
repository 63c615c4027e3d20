"""`detente serve`: the JSON API and the dashboard over a store, on uvicorn."""

from __future__ import annotations

import os
from typing import Any

import click

from ._common import db_option, guarded, settings_from


@click.command()
@db_option
@click.option("--host", default=None, help="address to bind (default 127.0.0.1)")
@click.option("--port", type=int, default=None, help="port to listen on (default 8000)")
@click.option(
    "--token",
    default=None,
    help="bearer token that allows POST /api/documents (or DETENTE_TOKEN); "
    "without one the server is read-only",
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="server processes (default 1); more than one serves read-only, each with its own "
    "snapshot and cache",
)
@click.option(
    "--cache-mb",
    type=click.IntRange(min=0),
    default=None,
    help="memory for answers kept to repeat, in MB (default 64; 0 turns the cache off)",
)
@click.option(
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    help="uvicorn log level",
)
@guarded
def serve(
    db_path: str | None,
    host: str | None,
    port: int | None,
    token: str | None,
    workers: int | None,
    cache_mb: int | None,
    log_level: str,
) -> None:
    """Serve the dashboard at / and the JSON API at /api (docs at /docs).

    Read-only unless a token is set: then POST /api/documents with
    `Authorization: Bearer TOKEN` runs new reports through the pipeline into the store.
    """
    import uvicorn

    from ..api import create_app
    from ..settings import to_environment

    settings = settings_from(
        db_path=db_path,
        host=host,
        port=port,
        token=token,
        cache_mb=cache_mb,
        serve_workers=workers,
    )
    if not settings.db_path.exists() and not settings.token:
        raise click.ClickException(
            f"no store at {settings.db_path}; build one with "
            f"`detente ingest PATH --db {settings.db_path}`"
        )
    if settings.serve_workers > 1 and settings.token:
        raise click.ClickException(
            "several workers serve read-only (DuckDB takes one writer process): "
            "drop --token or use --workers 1"
        )
    if settings.db_path.exists():
        # fail here, in one line, rather than in the server's startup with a traceback
        from ..store import Store

        Store.open(settings.db_path, read_only=not settings.token).close()
    mode = "read-write (POST /api/documents needs the token)" if settings.token else "read-only"
    processes = f", {settings.serve_workers} workers" if settings.serve_workers > 1 else ""
    click.echo(
        f"detente: serving {settings.db_path}, {mode}{processes}, "
        f"at http://{settings.host}:{settings.port}/",
        err=True,
    )
    if settings.serve_workers == 1:
        target: Any = create_app(settings)
    else:
        # each worker process builds its app from the same settings, passed as DETENTE_*
        os.environ.update(to_environment(settings))
        target = "detente.api.app:app_from_environment"
    uvicorn.run(
        target,
        factory=settings.serve_workers > 1,
        workers=settings.serve_workers,
        host=settings.host,
        port=settings.port,
        log_level=log_level,
    )


COMMANDS: list[click.Command] = [serve]
