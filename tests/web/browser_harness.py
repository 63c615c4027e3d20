"""The browser-test harness: a live uvicorn server, Chromium flags, and page helpers.

Kept out of conftest.py so the test modules can import it by a unique name.
"""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from types import ModuleType
from typing import Any

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


def _load_sample_reports() -> ModuleType:
    path = Path(__file__).resolve().parents[1] / "api" / "sample_reports.py"
    spec = importlib.util.spec_from_file_location("detente_test_sample_reports", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


sample_reports = _load_sample_reports()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """uvicorn serving `app` in a thread, on 127.0.0.1 and a free port."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


def build_example_store(path: Path, *, timeout: float = 30.0) -> bool:
    """Ingest examples/ into `path` with the real `detente ingest`; False if that cannot run
    here (no pipeline or model yet, no examples, or it takes longer than `timeout`)."""
    reports = [p for p in sorted(EXAMPLES.glob("*")) if p.suffix in {".txt", ".html", ".jsonl"}]
    if not reports:
        return False
    command = [
        sys.executable,
        "-m",
        "detente",
        "ingest",
        *map(str, reports),
        "--db",
        str(path),
        "--quiet",
    ]
    try:
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return False
    if result.returncode != 0 or not path.exists():
        return False
    from detente.store import Store, store_stats

    with Store.open(path, read_only=True) as store:
        stats = store_stats(store.con)
    return bool(stats["counted_events"])


class Problems:
    """What went wrong in the page: script errors, dialogs, and requests off this machine."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.offline: list[str] = []

    def assert_none(self) -> None:
        assert not self.errors, self.errors
        assert not self.dialogs, self.dialogs
        assert not self.offline, f"the page tried to reach the internet: {self.offline}"


def open_page(page: Any, url: str) -> None:
    """Go to a dashboard page and wait until its script has drawn it."""
    page.goto(url)
    page.wait_for_selector("body[data-ready='1']")
