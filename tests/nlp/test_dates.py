from __future__ import annotations

from datetime import date

import pytest

from detente.nlp.dates import PRECISIONS, DateMatch, find_dates

SUNDAY = date(2025, 10, 12)  # a Sunday
WEDNESDAY = date(2024, 3, 6)
JANUARY = date(2025, 1, 15)


def _first(text: str, base: date | None) -> DateMatch:
    matches = find_dates(text, base)
    assert matches, text
    return matches[0]


@pytest.mark.parametrize(
    ("text", "base", "value", "precision", "date_text"),
    [
        (
            "Officials convened in Ankara on Sunday for talks.",
            SUNDAY,
            "2025-10-12",
            "day",
            "on Sunday",
        ),
        ("The ministers met on Sunday.", WEDNESDAY, "2024-03-03", "day", "on Sunday"),
        ("They spoke on Monday.", SUNDAY, "2025-10-06", "day", "on Monday"),
        ("Shelling resumed late Saturday.", SUNDAY, "2025-10-11", "day", "late Saturday"),
        ("He left last Sunday.", SUNDAY, "2025-10-05", "day", "last Sunday"),
        ("They will meet next Friday.", WEDNESDAY, "2024-03-08", "day", "next Friday"),
        ("It was signed on October 7.", SUNDAY, "2025-10-07", "day", "on October 7"),
        ("Talks are set for October 15.", SUNDAY, "2025-10-15", "day", "October 15"),
        ("The raid on December 28 killed two.", JANUARY, "2024-12-28", "day", "on December 28"),
        ("It began October 5.", SUNDAY, "2025-10-05", "day", "October 5"),
        ("It ended on October 12, 2025.", None, "2025-10-12", "day", "on October 12, 2025"),
        ("It ended on 14 February 2024.", None, "2024-02-14", "day", "on 14 February 2024"),
        ("It ended on Sept. 11, 2001.", None, "2001-09-11", "day", "on Sept. 11, 2001"),
        ("The file is dated 2024-02-29.", None, "2024-02-29", "day", "2024-02-29"),
        ("It started in February 2025.", SUNDAY, "2025-02", "month", "in February 2025"),
        ("It started in December 2024.", None, "2024-12", "month", "in December 2024"),
        ("The troops leave by January 2025.", None, "2025-01", "month", "by January 2025"),
        ("They met in early January.", SUNDAY, "2025-01", "month", "in early January"),
        ("They met in early November.", SUNDAY, "2024-11", "month", "in early November"),
        ("They met in mid-October.", SUNDAY, "2025-10", "month", "in mid-October"),
        ("It happened in 2019.", SUNDAY, "2019", "year", "in 2019"),
        ("Elections are due by 2027.", None, "2027", "year", "by 2027"),
        ("Violence grew in mid-2024.", None, "2024", "year", "in mid-2024"),
        ("They met last week.", SUNDAY, "2025-09-29", "week", "last week"),
        ("They met earlier this week.", WEDNESDAY, "2024-03-04", "week", "earlier this week"),
        ("They met over the weekend.", WEDNESDAY, "2024-02-26", "week", "over the weekend"),
        ("Prices rose last month.", SUNDAY, "2025-09", "month", "last month"),
        ("Prices rose last month.", JANUARY, "2024-12", "month", "last month"),
        ("Prices rose earlier this month.", SUNDAY, "2025-10", "month", "earlier this month"),
        ("Prices rose last year.", SUNDAY, "2024", "year", "last year"),
        ("He arrived earlier today.", SUNDAY, "2025-10-12", "day", "earlier today"),
        ("He arrived today.", SUNDAY, "2025-10-12", "day", "today"),
        ("He arrived this morning.", SUNDAY, "2025-10-12", "day", "this morning"),
        ("He arrived yesterday.", SUNDAY, "2025-10-11", "day", "yesterday"),
        ("He arrived last night.", WEDNESDAY, "2024-03-05", "day", "last night"),
        ("He arrives tomorrow.", SUNDAY, "2025-10-13", "day", "tomorrow"),
        ("He arrived two days ago.", SUNDAY, "2025-10-10", "day", "two days ago"),
        ("He arrived 3 weeks ago.", SUNDAY, "2025-09-15", "week", "3 weeks ago"),
        ("He arrived six months ago.", SUNDAY, "2025-04", "month", "six months ago"),
        (
            "The vote came just days before the summit.",
            SUNDAY,
            None,
            "unresolved",
            "just days before",
        ),
        ("He left a few weeks ago.", SUNDAY, None, "unresolved", "a few weeks ago"),
    ],
)
def test_find_dates(
    text: str, base: date | None, value: str | None, precision: str, date_text: str
) -> None:
    match = _first(text, base)
    assert (match.value, match.precision, match.text) == (value, precision, date_text)
    assert text[match.start : match.end] == match.text
    assert match.precision in PRECISIONS


@pytest.mark.parametrize(
    "text",
    [
        "Officials met on Sunday.",
        "It happened earlier today.",
        "They met last week.",
        "Prices rose earlier this month.",
        "It was signed on October 7.",
        "They met in early January.",
        "He arrived two days ago.",
    ],
)
def test_relative_dates_without_base_are_unresolved(text: str) -> None:
    match = _first(text, None)
    assert (match.value, match.precision) == (None, "unresolved")


def test_several_dates_in_order_longest_first() -> None:
    text = "Just five days prior, on October 7, the ministers met; in 2019 they had not."
    matches = find_dates(text, SUNDAY)
    assert [(m.text, m.value) for m in matches] == [
        ("Just five days prior", None),
        ("on October 7", "2025-10-07"),
        ("in 2019", "2019"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The two countries will expand cooperation on counterterrorism.",
        "Officials may travel to the region.",
        "Protesters march through the capital.",
        "Some 2000 troops were deployed.",
        "The 1500 soldiers were deployed.",
        "",
    ],
)
def test_no_date(text: str) -> None:
    assert find_dates(text, SUNDAY) == []


def test_invalid_day_is_not_a_date() -> None:
    assert find_dates("It ended on February 30, 2025.", None) == []
