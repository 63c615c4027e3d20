from __future__ import annotations

from datetime import date

import pytest
from detente_factories import simple

from detente.models import Extraction
from detente.store import Store
from detente.store.stories import Report, overlaps, similar, tokens


def _stories(store: Store) -> list[tuple[int, int]]:
    return store.con.execute("SELECT n_reports, n_sources FROM stories ORDER BY day").fetchall()


def test_two_differently_worded_reports_of_one_meeting_are_one_story(store: Store) -> None:
    store.add_extractions(
        [
            simple(
                "aa",
                "CONSULT",
                "TUR",
                "SYR",
                "2025-10-12",
                "Turkish Foreign Minister Hakan Fidan met his Syrian counterpart "
                "Asaad al-Shaibani in Ankara on Sunday.",
            ),
        ]
    )
    store.add_extractions(
        [
            simple(
                "bb",
                "CONSULT",
                "SYR",
                "TUR",
                "2025-10-13",
                "Syria's top diplomat al-Shaibani held talks with Fidan in the Turkish capital.",
            ),
        ]
    )
    assert _stories(store) == [(2, 2)]


def test_two_meetings_a_month_apart_stay_two(store: Store) -> None:
    store.add_extractions(
        [
            simple("aa", "CONSULT", "TUR", "SYR", "2025-10-12", "Fidan met al-Shaibani in Ankara."),
            # not the same text: that would be one report, counted once (#10)
            simple(
                "bb",
                "CONSULT",
                "TUR",
                "SYR",
                "2025-11-12",
                "Fidan met al-Shaibani in Ankara once more.",
            ),
        ]
    )
    assert _stories(store) == [(1, 1), (1, 1)]


def test_direction_matters_for_asymmetric_types(store: Store) -> None:
    store.add_extractions(
        [
            simple(
                "aa", "ACCUSE", "TUR", "SYR", "2025-10-12", "Ankara accused Damascus of shelling."
            ),
            simple(
                "bb", "ACCUSE", "SYR", "TUR", "2025-10-12", "Damascus accused Ankara of shelling."
            ),
        ]
    )
    assert len(_stories(store)) == 2


def test_two_meetings_in_one_document_stay_two(store: Store) -> None:
    from detente_factories import actor, event, extraction

    doc = extraction(
        "d",
        ["Akar met Bagheri in Tehran.", "Akar also met Shamkhani, the security council secretary."],
        [
            event(
                "d",
                0,
                "CONSULT",
                actor("TUR"),
                actor("IRN", start=9),
                when="2017-10-02",
                evidence="Akar met Bagheri in Tehran.",
            ),
            event(
                "d",
                1,
                "CONSULT",
                actor("TUR"),
                actor("IRN", start=9),
                when="2017-10-02",
                evidence="Akar also met Shamkhani, the security council secretary.",
            ),
        ],
    )
    store.add_extractions([doc])
    assert len(_stories(store)) == 2


def test_different_places_do_not_link(store: Store) -> None:
    store.add_extractions(
        [
            simple(
                "aa",
                "CONSULT",
                "TUR",
                "SYR",
                "2025-10-12",
                "Fidan met al-Shaibani in Ankara.",
                place="Ankara",
            ),
            simple(
                "bb",
                "CONSULT",
                "TUR",
                "SYR",
                "2025-10-12",
                "Fidan met al-Shaibani in Doha.",
                place="Doha",
            ),
        ]
    )
    assert len(_stories(store)) == 2


def _report(day: date, precision: str = "day", end: date | None = None) -> Report:
    return Report(
        event_id="x",
        doc_id="d",
        type="CONSULT",
        source="A",
        target="B",
        day=day,
        day_end=end or day,
        precision=precision,
        evidence="",
    )


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (_report(date(2025, 10, 12)), _report(date(2025, 10, 15)), True),
        (_report(date(2025, 10, 12)), _report(date(2025, 10, 16)), False),
        (
            _report(date(2025, 10, 1), "month", date(2025, 10, 31)),
            _report(date(2025, 10, 20)),
            True,
        ),
        (
            _report(date(2025, 10, 1), "month", date(2025, 10, 31)),
            _report(date(2025, 11, 2)),
            False,
        ),
        # a year overlaps every day in it (#10)
        (_report(date(2025, 1, 1), "year", date(2025, 12, 31)), _report(date(2025, 10, 20)), True),
        (_report(date(2025, 1, 1), "year", date(2025, 12, 31)), _report(date(2026, 1, 2)), False),
        (
            _report(date(2025, 1, 1), "year", date(2025, 12, 31)),
            _report(date(2025, 5, 1), "month", date(2025, 5, 31)),
            True,
        ),
        (_report(date(2025, 10, 6), "week", date(2025, 10, 12)), _report(date(2025, 10, 12)), True),
        (
            _report(date(2025, 10, 6), "week", date(2025, 10, 12)),
            _report(date(2025, 10, 14)),
            False,
        ),
        (
            _report(date(2025, 10, 6), "unresolved", date(2025, 10, 6)),
            _report(date(2025, 10, 6)),
            False,
        ),
    ],
)
def test_overlaps(a: Report, b: Report, expected: bool) -> None:
    assert overlaps(a, b) is expected


def test_similarity_ignores_stop_words_and_plurals() -> None:
    a = tokens("The ministers met in Ankara")
    b = tokens("A minister met with them in Ankara")
    assert a == b
    assert similar(a, tokens("completely unrelated words here")) == 0.0


# -- dates at their precision (#10) ---------------------------------------------------

MAY = "Turkish Foreign Minister Hakan Fidan met his Syrian counterpart Asaad al-Shaibani in Ankara."
YEAR = "Fidan and al-Shaibani held talks in Ankara in 2023."
NOVEMBER = "Fidan received al-Shaibani in Ankara for a second round of talks."


def _dated(doc_id: str, when: str, precision: str, text: str, published: date) -> Extraction:
    from detente_factories import actor, event, extraction

    found = event(
        doc_id,
        0,
        "CONSULT",
        actor("TUR"),
        actor("SYR", start=9),
        when=when,
        precision=precision,
        evidence=text,
    )
    return extraction(doc_id, [text], [found], published=published)


def _add(store: Store, batches: list[list[Extraction]]) -> None:
    for batch in batches:
        store.add_extractions(batch)


@pytest.mark.parametrize("together", [False, True], ids=["two batches", "one batch"])
@pytest.mark.parametrize("year_first", [False, True], ids=["day first", "year first"])
def test_a_year_dated_report_joins_the_story_of_a_day_in_that_year(
    store: Store, together: bool, year_first: bool
) -> None:
    year = _dated("y", "2023", "year", YEAR, date(2024, 2, 1))
    day = _dated("d", "2023-05-04", "day", MAY, date(2023, 5, 4))
    docs = [year, day] if year_first else [day, year]
    _add(store, [docs] if together else [[d] for d in docs])
    assert _stories(store) == [(2, 2)]
    assert set(store.integrity().values()) == {0}


def test_a_year_in_a_document_of_that_year_links_beyond_its_publication_day(store: Store) -> None:
    # filed under its document's date (October 12) for the time series, linked as the year
    _add(
        store,
        [
            [_dated("d", "2023-05-04", "day", MAY, date(2023, 5, 4))],
            [_dated("y", "2023", "year", YEAR, date(2023, 10, 12))],
        ],
    )
    assert _stories(store) == [(2, 2)]
    filed = store.con.execute("SELECT day, day_end FROM events WHERE doc_id = 'y'").fetchone()
    assert filed == (date(2023, 10, 12), date(2023, 10, 12))


def test_a_year_does_not_link_to_another_year(store: Store) -> None:
    _add(
        store,
        [
            [_dated("y", "2023", "year", YEAR, date(2024, 2, 1))],
            [_dated("d", "2024-05-04", "day", MAY, date(2024, 5, 4))],
        ],
    )
    assert len(_stories(store)) == 2


def test_a_week_covers_monday_to_sunday_and_links_inside_it(store: Store) -> None:
    _add(
        store,
        [
            [_dated("w", "2025-10-06", "week", YEAR, date(2025, 10, 16))],
            [_dated("d", "2025-10-11", "day", MAY, date(2025, 10, 11))],
            [_dated("late", "2025-10-16", "day", NOVEMBER, date(2025, 10, 16))],
        ],
    )
    week = store.con.execute("SELECT day, day_end FROM events WHERE doc_id = 'w'").fetchone()
    assert week == (date(2025, 10, 6), date(2025, 10, 12))  # not the document's date
    assert _stories(store) == [(2, 2), (1, 1)]


@pytest.mark.parametrize("together", [False, True], ids=["later batch", "one batch"])
def test_a_year_does_not_bridge_two_meetings_months_apart(store: Store, together: bool) -> None:
    may = _dated("may", "2023-05-04", "day", MAY, date(2023, 5, 4))
    year = _dated("year", "2023", "year", YEAR, date(2024, 2, 1))
    november = _dated("nov", "2023-11-10", "day", NOVEMBER, date(2023, 11, 10))
    _add(store, [[may, year, november]] if together else [[may, year], [november]])
    stories = store.con.execute(
        "SELECT list(doc_id ORDER BY doc_id) FROM events GROUP BY story_id ORDER BY 1"
    ).fetchall()
    assert stories == [(["may", "year"],), (["nov"],)]
