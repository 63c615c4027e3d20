from __future__ import annotations

from datetime import date

import pytest
from detente_factories import simple

from detente.store import Store
from detente.store.stories import Report, overlaps, similar, tokens


def _stories(store: Store) -> list[tuple[int, int]]:
    return store.con.execute("SELECT n_reports, n_sources FROM stories ORDER BY day").fetchall()


def test_two_differently_worded_reports_of_one_meeting_are_one_story(store: Store) -> None:
    store.add_extractions(
        [
            simple("aa", "CONSULT", "TUR", "SYR", "2025-10-12",
                   "Turkish Foreign Minister Hakan Fidan met his Syrian counterpart Asaad al-Shaibani in Ankara on Sunday."),
        ]
    )
    store.add_extractions(
        [
            simple("bb", "CONSULT", "SYR", "TUR", "2025-10-13",
                   "Syria's top diplomat al-Shaibani held talks with Fidan in the Turkish capital."),
        ]
    )
    assert _stories(store) == [(2, 2)]


def test_two_meetings_a_month_apart_stay_two(store: Store) -> None:
    store.add_extractions(
        [
            simple("aa", "CONSULT", "TUR", "SYR", "2025-10-12", "Fidan met al-Shaibani in Ankara."),
            simple("bb", "CONSULT", "TUR", "SYR", "2025-11-12", "Fidan met al-Shaibani in Ankara."),
        ]
    )
    assert _stories(store) == [(1, 1), (1, 1)]


def test_direction_matters_for_asymmetric_types(store: Store) -> None:
    store.add_extractions(
        [
            simple("aa", "ACCUSE", "TUR", "SYR", "2025-10-12", "Ankara accused Damascus of shelling."),
            simple("bb", "ACCUSE", "SYR", "TUR", "2025-10-12", "Damascus accused Ankara of shelling."),
        ]
    )
    assert len(_stories(store)) == 2


def test_two_meetings_in_one_document_stay_two(store: Store) -> None:
    from detente_factories import actor, event, extraction

    doc = extraction(
        "d",
        ["Akar met Bagheri in Tehran.", "Akar also met Shamkhani, the security council secretary."],
        [
            event("d", 0, "CONSULT", actor("TUR"), actor("IRN", start=9), when="2017-10-02",
                  evidence="Akar met Bagheri in Tehran."),
            event("d", 1, "CONSULT", actor("TUR"), actor("IRN", start=9), when="2017-10-02",
                  evidence="Akar also met Shamkhani, the security council secretary."),
        ],
    )
    store.add_extractions([doc])
    assert len(_stories(store)) == 2


def test_different_places_do_not_link(store: Store) -> None:
    store.add_extractions(
        [
            simple("aa", "CONSULT", "TUR", "SYR", "2025-10-12", "Fidan met al-Shaibani.", place="Ankara"),
            simple("bb", "CONSULT", "TUR", "SYR", "2025-10-12", "Fidan met al-Shaibani.", place="Doha"),
        ]
    )
    assert len(_stories(store)) == 2


def _report(day: date, precision: str = "day", end: date | None = None) -> Report:
    return Report(event_id="x", doc_id="d", type="CONSULT", source="A", target="B",
                  day=day, day_end=end or day, precision=precision, evidence="")


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (_report(date(2025, 10, 12)), _report(date(2025, 10, 15)), True),
        (_report(date(2025, 10, 12)), _report(date(2025, 10, 16)), False),
        (_report(date(2025, 10, 1), "month", date(2025, 10, 31)), _report(date(2025, 10, 20)), True),
        (_report(date(2025, 10, 1), "month", date(2025, 10, 31)), _report(date(2025, 11, 2)), False),
        (_report(date(2025, 1, 1), "year", date(2025, 12, 31)), _report(date(2025, 10, 20)), False),
    ],
)
def test_overlaps(a: Report, b: Report, expected: bool) -> None:
    assert overlaps(a, b) is expected


def test_similarity_ignores_stop_words_and_plurals() -> None:
    a = tokens("The ministers met in Ankara")
    b = tokens("A minister met with them in Ankara")
    assert a == b
    assert similar(a, tokens("completely unrelated words here")) == 0.0
