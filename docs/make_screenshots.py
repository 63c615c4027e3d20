"""Write the README's screenshots: docs/screenshots/overview.png, dyad.png and event.png.

    python docs/make_screenshots.py                  # ingest examples/ into a temporary store
    python docs/make_screenshots.py --db my.duckdb   # or use a store you have

It serves the store with `detente serve` on a free loopback port and drives headless
Chromium (Debian's /usr/bin/chromium, through the playwright package): the overview, the
most active dyad, and that dyad's most confident event. No page may reach the internet.
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
DETENTE = [sys.executable, "-m", "detente"]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def ingest_examples(db: Path) -> None:
    reports = [
        p for p in sorted((ROOT / "examples").glob("*")) if p.suffix in {".txt", ".html", ".jsonl"}
    ]
    if not reports:
        sys.exit("no example reports under examples/")
    subprocess.run([*DETENTE, "ingest", *map(str, reports), "--db", str(db), "--quiet"], check=True)


def serve(db: Path, port: int) -> subprocess.Popen[bytes]:
    process = subprocess.Popen(
        [*DETENTE, "serve", "--db", str(db), "--port", str(port), "--log-level", "warning"]
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/stats", timeout=5).status_code == 200:
                return process
        except httpx.HTTPError:
            if process.poll() is not None:
                sys.exit(f"detente serve exited with status {process.returncode}")
            time.sleep(0.2)
    process.terminate()
    sys.exit("detente serve did not start within 60 s")


def shoot(base: str, out: Path, *, width: int = 1280) -> list[Path]:
    from playwright.sync_api import sync_playwright

    network = httpx.get(f"{base}/api/network").json()
    if not network["edges"]:
        sys.exit("the store has no relations between actors to show")
    edge = max(network["edges"], key=lambda e: (e["events"], e["source"], e["target"]))
    events = httpx.get(
        f"{base}/api/events", params={"dyad": f"{edge['source']},{edge['target']}", "limit": 200}
    ).json()
    event = max(events["events"], key=lambda e: (e["confidence"] or 0, e["id"]))
    pages = {
        "overview": "/",
        "dyad": f"/dyads/{edge['source']}/{edge['target']}",
        "event": f"/events/{event['id']}",
    }
    out.mkdir(parents=True, exist_ok=True)
    written = []
    offline: list[str] = []
    errors: list[str] = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            viewport={"width": width, "height": 900}, device_scale_factor=1
        )

        def only_loopback(route):  # type: ignore[no-untyped-def]
            if route.request.url.startswith("http://127.0.0.1"):
                route.continue_()
            else:
                offline.append(route.request.url)
                route.abort()

        context.route("**/*", only_loopback)
        page = context.new_page()
        page.on("pageerror", lambda err: errors.append(str(err)))
        for name, path in pages.items():
            page.goto(base + path)
            page.wait_for_selector("body[data-ready='1']")
            target = out / f"{name}.png"
            page.screenshot(path=str(target), full_page=True)
            written.append(target)
        browser.close()
    if offline or errors:
        sys.exit(f"the pages reached the internet {offline} or failed {errors}")
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--db", type=Path, default=None, help="store to show (default: ingest examples/)"
    )
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNG files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            db = Path(tmp) / "examples.duckdb"
            ingest_examples(db)
        port = free_port()
        process = serve(db, port)
        try:
            for path in shoot(f"http://127.0.0.1:{port}", args.out):
                print(path.relative_to(ROOT) if path.is_relative_to(ROOT) else path)
        finally:
            process.terminate()
            process.wait(timeout=30)
    return 0


if __name__ == "__main__":
    sys.exit(main())
