"""End-to-end: the dashboard in headless Chromium over a live server."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_harness import LiveServer, Problems, open_page

pytestmark = pytest.mark.browser


def test_overview_click_through_to_dyad_and_event(
    dashboard: LiveServer, page: Any, problems: Problems, shots: Callable[[Any, str], Path]
) -> None:
    open_page(page, dashboard.url + "/")
    nodes = page.locator("svg.network g.node")
    assert nodes.count() >= 2
    assert page.locator("svg.network line.edge").count() >= 1
    assert shots(page, "overview").stat().st_size > 10_000

    # the most active actor, then its first partner or opponent: a dyad
    nodes.first.click()
    page.wait_for_url("**/actors/*")
    page.wait_for_selector("body[data-ready='1']")
    actor = page.url.rsplit("/", 1)[-1]
    assert page.locator("h1 .code").inner_text() == actor
    page.locator("a.dyad-link").first.click()
    page.wait_for_url(f"**/dyads/{actor}/*")
    page.wait_for_selector("body[data-ready='1'] table.events")
    assert page.locator("svg.bars rect").count() >= 1
    shots(page, "dyad")

    page.locator("table.events a.event-link").first.click()
    page.wait_for_url("**/events/*")
    page.wait_for_selector("body[data-ready='1'] blockquote.evidence")
    event_id = page.url.rsplit("/", 1)[-1]
    detail = httpx.get(f"{dashboard.url}/api/events/{event_id}").json()
    event, text = detail["event"], detail["document"]["text"]
    evidence = page.locator("blockquote.evidence")
    for cls, role in (("src", "source"), ("tgt", "target"), ("trg", "trigger")):
        if event[role] is None:
            continue
        start, end = event[role]["span"]
        marked = "".join(evidence.locator(f"mark.{cls}").all_inner_texts())
        assert text[start:end] in marked or marked in text[start:end], (role, marked)
    sentence = detail["document"]["sentences"][0]
    assert evidence.inner_text().strip() == text[sentence["start"] : sentence["end"]].strip()
    facts = page.locator("table.facts").inner_text()
    assert event["type"] in facts and f"{event['confidence']:.2f}" in facts
    shots(page, "event")
    problems.assert_none()


def test_event_table_filters_by_actor(dashboard: LiveServer, page: Any, problems: Problems) -> None:
    open_page(page, dashboard.url + "/events")
    total = page.locator(".pager .count").inner_text()
    actor = httpx.get(f"{dashboard.url}/api/actors", params={"limit": 1}).json()["actors"][0][
        "code"
    ]
    page.fill("form.filters input[name=actor]", actor)
    page.click("form.filters button[type=submit]")
    page.wait_for_url(f"**/events?actor={actor}")
    page.wait_for_selector("body[data-ready='1'] table.events")
    rows = page.locator("table.events tbody tr")
    assert rows.count() >= 1
    for i in range(rows.count()):
        assert actor in rows.nth(i).inner_text()
    assert page.locator(".pager .count").inner_text() != total or rows.count() >= 1
    problems.assert_none()


def test_docs_page_works_offline(dashboard: LiveServer, page: Any, problems: Problems) -> None:
    page.goto(dashboard.url + "/docs")
    page.wait_for_selector(".swagger-ui .opblock")
    assert page.locator(".swagger-ui .opblock").count() >= 10
    problems.assert_none()
