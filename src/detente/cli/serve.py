"""`detente serve`: the JSON API and the dashboard over a store, on uvicorn."""

from __future__ import annotations

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
    "--log-level",
    default="info",
    show_default=True,
    type=click.Choice(["critical", "error", "warning", "info", "debug"]),
    help="uvicorn log level",
)
@guarded
def serve(
    db_path: str | None, host: str | None, port: int | None, token: str | None, log_level: str
) -> None:
    """Serve the dashboard at / and the JSON API at /api (docs at /docs).

    Read-only unless a token is set: then POST /api/documents with
    `Authorization: Bearer TOKEN` runs new reports through the pipeline into the store.
    """
    import uvicorn

    from ..api import create_app

    settings = settings_from(db_path=db_path, host=host, port=port, token=token)
    if not settings.db_path.exists() and not settings.token:
        raise click.ClickException(
            f"no store at {settings.db_path}; build one with "
            f"`detente ingest PATH --db {settings.db_path}`"
        )
    app = create_app(settings)
    mode = "read-write (POST /api/documents needs the token)" if settings.token else "read-only"
    click.echo(
        f"detente: serving {settings.db_path}, {mode}, at http://{settings.host}:{settings.port}/",
        err=True,
    )
    uvicorn.run(app, host=settings.host, port=settings.port, log_level=log_level)


COMMANDS: list[click.Command] = [serve]
