"""`detente serve`: flags and settings reach uvicorn, and a missing store is a clean error."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from detente.cli import cli


def test_serve_runs_uvicorn_with_the_settings(
    sample_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import uvicorn

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.setenv("DETENTE_TOKEN", "from-env")
    result = CliRunner().invoke(cli, ["serve", "--db", str(sample_db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    [call] = calls
    assert (call["host"], call["port"]) == ("127.0.0.1", 8123)
    settings = call["app"].state.ctx.settings
    assert settings.db_path == sample_db and settings.token == "from-env"


def test_serve_without_a_store_says_how_to_build_one(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1
    assert "detente ingest" in result.output


def test_several_workers_build_their_apps_from_the_same_settings(
    sample_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os
    import shutil

    import uvicorn

    from detente.api.app import app_from_environment

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    monkeypatch.setattr(os, "environ", dict(os.environ))  # the command exports DETENTE_*
    monkeypatch.delenv("DETENTE_TOKEN", raising=False)
    # a copy: serve opens the store read-only, and DuckDB refuses that in a process that holds
    # the shared sample store open for writing (the session's api_store)
    db = tmp_path / "sample.duckdb"
    shutil.copy(sample_db, db)
    args = ["serve", "--db", str(db), "--workers", "2", "--cache-mb", "5"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.output
    [call] = calls
    assert call["app"] == "detente.api.app:app_from_environment"
    assert call["factory"] is True and call["workers"] == 2
    settings = app_from_environment().state.ctx.settings
    assert (settings.db_path, settings.cache_mb, settings.token) == (db, 5, None)


def test_several_workers_cannot_write(sample_db: Path) -> None:
    args = ["serve", "--db", str(sample_db), "--workers", "2", "--token", "t"]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 1
    assert "read-only" in result.output


@pytest.mark.slow
def test_two_worker_processes_answer_over_http(sample_db: Path, tmp_path: Path) -> None:
    """A real `detente serve --workers 2`: both processes open the store read-only."""
    import shutil
    import socket
    import subprocess
    import sys
    import time

    import httpx

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {k: v for k, v in __import__("os").environ.items() if not k.startswith("DETENTE_")}
    db = tmp_path / "copy.duckdb"  # the session's api_store holds sample_db open
    shutil.copy(sample_db, db)
    command = [
        sys.executable,
        "-m",
        "detente",
        "serve",
        "--db",
        str(db),
        "--port",
        str(port),
        "--workers",
        "2",
        "--log-level",
        "warning",
    ]
    server = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline, answers = time.monotonic() + 60, []
        while time.monotonic() < deadline and len(answers) < 20:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/events?limit=3", timeout=5)
                answers.append((response.status_code, response.json()["total"]))
            except httpx.HTTPError:
                assert server.poll() is None, server.stdout.read().decode()  # type: ignore[union-attr]
                time.sleep(0.2)
        assert len(answers) == 20 and len(set(answers)) == 1 and answers[0][0] == 200
    finally:
        server.terminate()
        server.wait(timeout=30)
