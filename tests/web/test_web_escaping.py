"""A report full of HTML and script tags shows as text, and nothing in it runs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_harness import LiveServer, Problems, open_page, sample_reports

pytestmark = pytest.mark.browser

SCRIPT = "<script>window.__pwned = 1; alert('script')</script>"
IMG = "<img src=x onerror=\"window.__pwned = 2; alert('img')\">"
HOSTILE = {
    "id": "hostile",
    "title": "<i>Breaking</i> <script>alert('title')</script>",
    "published": "2025-12-03",
    "text": (
        f"Damascus, December 3, 2025 – Syria {SCRIPT} accused Turkey {IMG} of <b>aggression</b> "
        '<svg onload="window.__pwned = 3"></svg> <a href="javascript:alert(4)">here</a> '
        '<iframe src="javascript:alert(5)"></iframe>.'
    ),
}


def test_html_in_a_report_shows_literally_and_never_runs(
    writable_dashboard: LiveServer, page: Any, problems: Problems, shots: Callable[[Any, str], Path]
) -> None:
    response = httpx.post(
        f"{writable_dashboard.url}/api/documents",
        json=HOSTILE,
        headers={"Authorization": f"Bearer {sample_reports.TOKEN}"},
    )
    assert response.status_code == 201, response.text
    [event] = response.json()["events"]

    for path in (
        "/",
        "/events",
        f"/events/{event['id']}",
        "/documents",
        "/documents/hostile",
        "/search?q=aggression",
        "/actors/SYR",
        "/dyads/SYR/TUR",
    ):
        open_page(page, writable_dashboard.url + path)
        page.wait_for_timeout(100)
        assert page.evaluate("window.__pwned") is None, path
        assert (
            page.locator("#main script, #main img, #main iframe, #main b, #main i").count() == 0
        ), path
        assert page.locator("#main svg [onload]").count() == 0, path
    problems.assert_none()

    # the event page shows the markup as text, with the actors and trigger marked in it
    open_page(page, f"{writable_dashboard.url}/events/{event['id']}")
    evidence = page.locator("blockquote.evidence").inner_text()
    assert SCRIPT in evidence and IMG in evidence and "<b>aggression</b>" in evidence
    assert page.locator("blockquote.evidence mark.trg").inner_text() == "accused"
    assert page.locator("blockquote.evidence mark.src").inner_text() == "Syria"
    open_page(page, f"{writable_dashboard.url}/documents/hostile")
    assert page.locator("h1").inner_text() == HOSTILE["title"]
    assert HOSTILE["text"] in page.locator(".doctext").inner_text()
    shots(page, "hostile-document")
    assert page.evaluate("window.__pwned") is None
    problems.assert_none()
