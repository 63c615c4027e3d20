"""Browser fixtures: a real uvicorn server on a free loopback port and headless Chromium.

The store holds the example reports when the pipeline, the spaCy model and examples/ are
there, else the hand-coded sample reports of tests/api/sample_reports.py. Browser tests
are marked `browser` and skip when /usr/bin/chromium is missing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_harness import (
    CHROMIUM,
    CHROMIUM_ARGS,
    LiveServer,
    Problems,
    build_example_store,
    sample_reports,
)

from detente.settings import Settings


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        pytest.skip(
            "browser tests need Chromium at /usr/bin/chromium (apt-get install -y chromium)"
        )
    playwright_api = pytest.importorskip(
        "playwright.sync_api", reason="browser tests need the playwright package"
    )
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The dashboard over a store of the example reports (or the sample reports)."""
    if not CHROMIUM.exists():
        pytest.skip(
            "browser tests need Chromium at /usr/bin/chromium (apt-get install -y chromium)"
        )
    from detente.api import create_app
    from detente.store import Store

    path = tmp_path_factory.mktemp("dashboard") / "dashboard.duckdb"
    if not build_example_store(path):
        path.unlink(missing_ok=True)
        with Store.open(path) as store:
            store.add_extractions(sample_reports.build_extractions())
    store = Store.open(path)
    app = create_app(Settings(db_path=path), store=store)
    with LiveServer(app) as server:
        yield server
    store.close()


@pytest.fixture
def writable_dashboard(tmp_path: Path) -> Iterator[LiveServer]:
    """A dashboard over an empty store that accepts POST /api/documents with the token."""
    from detente.api import create_app
    from detente.store import Store

    store = Store.open(tmp_path / "writable.duckdb")
    settings = Settings(db_path=tmp_path / "writable.duckdb", token=sample_reports.TOKEN)
    app = create_app(settings, store=store, extractor=sample_reports.fake_extract)
    with LiveServer(app) as server:
        yield server
    store.close()


@pytest.fixture
def problems() -> Problems:
    return Problems()


@pytest.fixture
def page(browser: Any, problems: Problems) -> Iterator[Any]:
    """A fresh page with no internet: requests off 127.0.0.1 are aborted and recorded, as
    are script errors and dialogs (alert, confirm), so a test can assert there were none."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})

    def only_loopback(route: Any) -> None:
        url = route.request.url
        if url.startswith(("http://127.0.0.1", "data:", "blob:", "about:")):
            route.continue_()
        else:
            problems.offline.append(url)
            route.abort()

    context.route("**/*", only_loopback)
    page = context.new_page()
    page.set_default_timeout(10_000)
    page.on("pageerror", lambda err: problems.errors.append(str(err)))

    def on_dialog(dialog: Any) -> None:
        problems.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    yield page
    context.close()


@pytest.fixture
def shots(tmp_path: Path) -> Callable[[Any, str], Path]:
    """Save a full-page screenshot into the test's tmp dir and return its path."""

    def save(page: Any, name: str) -> Path:
        path = tmp_path / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return save
