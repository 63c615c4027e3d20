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
