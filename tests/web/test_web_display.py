"""What the dashboard shows is what the store means (#10, point 11): a state is a state, every
role row names who acted, no axis label is cut off, and an empty filter looks empty.

A hand-coded store holds the cases: Israel first seen through Mossad (an "org" mention coded
to the state), a long name and title, a role with no name, and a dyad over 99 weeks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
from browser_harness import LiveServer, Problems, open_page

from detente.models import Actor, Article, Event, Extraction, Mention, Sentence, Trigger
from detente.settings import Settings

pytestmark = pytest.mark.browser

LONG_NAME = "Benjamin Netanyahu"
LONG_ROLE = "prime minister of Israel and chairman of the Likud party in the Knesset since 2009"

# an actor: (code, text, name, sector, role, kind)
ISRAEL = ("ISR", "Israel", "Israel", None, None, "state")
MOSSAD = ("ISR", "Mossad", "Israel", "SPY", None, "org")
NETANYAHU = ("ISR", LONG_NAME, LONG_NAME, "GOV", LONG_ROLE, "person")
TROOPS = ("ISR", "Israeli troops", None, "MIL", None, "phrase")
EGYPT = ("EGY", "Egypt", "Egypt", None, None, "state")
LEBANON = ("LBN", "Lebanon", "Lebanon", None, None, "state")
SYRIA = ("SYR", "Syria", "Syria", None, None, "state")
UN = ("UN", "the United Nations", "United Nations", "IGO", None, "org")


def _actor(spec: tuple[Any, ...], at: int) -> Actor:
    code, text, name, sector, role, kind = spec
    return Actor(
        code=code,
        text=text,
        span=(at, at + len(text)),
        name=name,
        sector=sector,
        role=role,
        kind=kind,
    )


def _report(
    doc_id: str,
    day: date,
    source: tuple[Any, ...],
    verb: str,
    target: tuple[Any, ...],
    etype: str,
    quad: str,
) -> Extraction:
    """One report of one sentence: "SOURCE VERB TARGET.", dated `day`."""
    text = f"{source[1]} {verb} {target[1]}."
    src, tgt = _actor(source, 0), _actor(target, len(source[1]) + len(verb) + 2)
    trigger = Trigger(text=verb, span=(len(source[1]) + 1, len(source[1]) + 1 + len(verb)))
    event = Event(
        doc_id=doc_id,
        sentence=0,
        type=etype,
        quad=quad,
        source=src,
        target=tgt,
        trigger=trigger,
        evidence=text,
        date=day.isoformat(),
        date_precision="day",
        confidence=0.9,
    )
    return Extraction(
        article=Article(id=doc_id, text=text, title=doc_id, published=day),
        sentences=(Sentence(doc_id=doc_id, index=0, start=0, end=len(text), text=text),),
        mentions=tuple(Mention(doc_id=doc_id, sentence=0, actor=a) for a in (src, tgt)),
        events=(event,),
    )


def _extractions() -> list[Extraction]:
    cooperate, conflict = "verbal_cooperation", "verbal_conflict"
    reports = [
        # Mossad comes first: the store remembers Israel's kind from it
        _report("mossad", date(2023, 1, 10), MOSSAD, "met", EGYPT, "CONSULT", cooperate),
        _report("israel", date(2023, 6, 1), ISRAEL, "accused", EGYPT, "ACCUSE", conflict),
        _report("premier", date(2024, 3, 5), NETANYAHU, "met", UN, "CONSULT", cooperate),
        _report(
            "troops", date(2025, 11, 20), TROOPS, "shelled", SYRIA, "ASSAULT", "material_conflict"
        ),
    ]
    # 99 weeks, so that the last week has a label, at the right end of the axis
    first = date(2023, 1, 2)
    reports += [
        _report(
            f"week-{i}", first + timedelta(weeks=i), LEBANON, "accused", ISRAEL, "ACCUSE", conflict
        )
        for i in range(99)
    ]
    return reports


@pytest.fixture(scope="module")
def drawn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    from detente.api import create_app
    from detente.store import Store

    path: Path = tmp_path_factory.mktemp("drawn") / "drawn.duckdb"
    with Store.open(path) as store:
        store.add_extractions(_extractions())
    store = Store.open(path, read_only=True)
    with LiveServer(create_app(Settings(db_path=path), store=store)) as server:
        yield server
    store.close()


def _texts_outside(page: Any, selector: str) -> list[str]:
    """The labels in the charts matching `selector` that run past their chart's edges."""
    return list(
        page.evaluate(
            """(selector) => [...document.querySelectorAll(`${selector} text`)].filter((t) => {
             const box = t.getBoundingClientRect(), svg = t.ownerSVGElement.getBoundingClientRect();
             return box.left < svg.left - 0.5 || box.right > svg.right + 0.5;
           }).map((t) => t.textContent)""",
            selector,
        )
    )


def test_a_state_first_seen_through_an_agency_is_shown_as_a_state(
    drawn: LiveServer, page: Any, problems: Problems
) -> None:
    open_page(page, drawn.url + "/actors/ISR")
    assert page.locator("h1 + p.muted").inner_text().split(" · ")[0] == "state"
    open_page(page, drawn.url + "/actors")
    rows = page.locator("table tbody tr")
    kinds = {
        rows.nth(i).locator(".code").inner_text(): rows.nth(i).locator("td").nth(1).inner_text()
        for i in range(rows.count())
    }
    assert (kinds["ISR"], kinds["EGY"], kinds["UN"]) == ("state", "state", "org")
    problems.assert_none()


def test_every_role_row_names_who_acted(drawn: LiveServer, page: Any, problems: Problems) -> None:
    open_page(page, drawn.url + "/actors/ISR")
    labels = page.locator("svg.roles text.label").all_text_contents()
    assert len(labels) == 3, labels
    # the row with no name is Israel itself, in its military sector
    assert "Israel — MIL" in labels and "Israel — SPY" in labels
    # the long one keeps the name and shortens the title
    [long] = [label for label in labels if LONG_NAME in label]
    assert long.startswith(f"{LONG_NAME} — ") and long.endswith("…")
    assert _texts_outside(page, "svg.roles") == []
    problems.assert_none()


@pytest.mark.parametrize(
    ("path", "chart"), [("/actors/ISR", "svg.roles"), ("/dyads/ISR/LBN?period=week", "svg.bars")]
)
def test_time_axis_labels_are_not_cut_off(
    drawn: LiveServer, page: Any, problems: Problems, path: str, chart: str
) -> None:
    open_page(page, drawn.url + path)
    ticks = page.locator(f"{chart} text.tick").all_text_contents()
    assert len(ticks) >= 3, ticks
    assert _texts_outside(page, chart) == []
    problems.assert_none()


def test_the_example_charts_fit(dashboard: LiveServer, page: Any, problems: Problems) -> None:
    """The same on the example reports: no label of any actor's roles runs off its chart."""
    actors = httpx.get(f"{dashboard.url}/api/actors", params={"limit": 8}).json()["actors"]
    for actor in actors:
        open_page(page, f"{dashboard.url}/actors/{actor['code']}")
        assert _texts_outside(page, "svg.roles") == [], actor["code"]
    problems.assert_none()


def test_empty_filters_do_not_look_filled_in(
    drawn: LiveServer, page: Any, problems: Problems
) -> None:
    open_page(page, drawn.url + "/events")
    fields = page.evaluate(
        """[...document.querySelectorAll("form.filters input")].map((input) => {
             const hint = getComputedStyle(input, "::placeholder"), value = getComputedStyle(input);
             return { name: input.name, value: input.value, placeholder: input.placeholder,
                      hintColor: hint.color, hintStyle: hint.fontStyle, valueColor: value.color };
           })"""
    )
    assert len(fields) == 8
    for field in fields:
        assert field["value"] == "", field
        # an example says it is one, and a format is written as one (YYYY-MM-DD)
        hint = field["placeholder"]
        assert hint.startswith(("e.g. ", "any ")) or re.fullmatch(r"[A-Z]+(-[A-Z]+)+", hint), field
        # and it is drawn unlike a value: in italics, and much lighter
        assert field["hintStyle"] == "italic", field
        assert _lightness(field["hintColor"]) - _lightness(field["valueColor"]) > 0.3, field
    problems.assert_none()


def _lightness(css: str) -> float:
    """The relative luminance (0 black to 1 white) of an `rgb(r, g, b)` colour."""
    r, g, b = (int(v) / 255 for v in css[css.index("(") + 1 : css.index(")")].split(",")[:3])
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
