"""The date in a report's dateline: "Ankara, October 12, 2025 –", "BRUSSELS, June 5, 2023
(Reuters) -", "Nairobi, 14 February 2024 —", "March 3, 2024 —".

Only the opening of the text is read, and only a full date (day, month and year) before a
dash counts; "WASHINGTON (AP) —" has no date and gives None. Nothing is guessed.
"""

from __future__ import annotations

import re
from datetime import date

__all__ = ["dateline_end", "find_dateline"]

_MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_MONTH = (
    r"(?P<{}>(?i:january|february|march|april|may|june|july|august|september|october|"
    r"november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec))\.?"
)
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PLACE = r"(?:[A-Z][\w.'’/-]*(?:[ ,]+[A-Z][\w.'’/-]*){0,3},?\s+)?"  # "Ankara, ", "PARIS/TEHRAN, "
_AGENCY = r"(?:\((?:[^()\n]{1,40})\)\s*)?"  # "(Reuters) "
_DASH = r"[-–—:]"
_DATELINE = re.compile(
    rf"\A\s*{_PLACE}(?:(?i:[a-z]+day),?\s+)?"
    rf"(?:{_MONTH.format('month')}\s+{_DAY.format('day')}|{_DAY.format('day2')}\s+{_MONTH.format('month2')}),?\s+{_YEAR}"
    rf"\s*(?:[,/]\s*[^\n]{{0,30}}?)?{_AGENCY}{_DASH}"
)


def find_dateline(text: str) -> date | None:
    """The date of the dateline that opens text, or None when it has none."""
    match = _DATELINE.match(text[:200])
    if match is None:
        return None
    try:
        month = _MONTHS[(match["month"] or match["month2"]).lower()]
        return date(int(match["year"]), month, int(match["day"] or match["day2"]))
    except ValueError:  # "February 30"
        return None


# "WASHINGTON (AP) —", "MINSK, Feb 12 —", "RIMBO, Sweden, Dec 13 —", "PARIS/TEHRAN, May 9 —":
# places in capitals, then up to two comma-separated parts (a country, a date without its year)
_BARE_DATELINE = re.compile(
    r"\A\s*[A-Z][A-Z.'’/ -]{2,40}(?:,\s*[A-Z][\w.'’ -]{1,30}){0,2}"
    r"\s*(?:\([^()\n]{1,40}\)\s*)?[-–—:]+\s"
)


def dateline_end(text: str) -> int:
    """Where the dateline that opens text ends (0 when there is none): 'WASHINGTON (AP) — ' too."""
    match = _DATELINE.match(text[:200]) or _BARE_DATELINE.match(text[:200])
    return match.end() if match else 0
