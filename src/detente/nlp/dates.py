"""Date expressions in a sentence, resolved against the document's date.

`find_dates` finds absolute dates ("October 12, 2025", "14 February 2024", "in February
2025", "in 2019") and relative ones ("on Sunday", "earlier today", "last week", "two days
ago", "earlier this month") and resolves them against `base`, the publication date of the
report. Each match carries a precision: "day", "week" (value is the Monday of that week),
"month", "year", or "unresolved" (value None: "just days before", or any relative
expression when the document has no date).

The rules are regexes, not dateparser: dateparser reads bare years as the base date's day
and month and misses "earlier this month", and importing it costs about a second. A
sentence with no date word at all is rejected by a few substring tests, so most
sentences cost a few microseconds.

News conventions the rules follow:

- a weekday ("on Sunday", "late Saturday") is the most recent such day on or before the
  report's date; "last Sunday" is strictly before it, "next Sunday" strictly after;
- a day and month without a year ("on October 7") take the year that puts the date
  nearest the report's date;
- a month without a year ("in early January") is in the report's year unless that month
  is still to come, in which case it is last year's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["PRECISIONS", "DateMatch", "find_dates"]

PRECISIONS = ("day", "week", "month", "year", "unresolved")


@dataclass(frozen=True)
class DateMatch:
    """One date expression: its resolved value, precision and character span."""

    value: str | None  # "YYYY-MM-DD" (day, week), "YYYY-MM" (month), "YYYY" (year) or None
    precision: str  # one of PRECISIONS
    text: str
    start: int
    end: int


_MONTH_NUMBERS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6,
    "july": 7, "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3,
    "friday": 4, "saturday": 5, "sunday": 6,
}  # fmt: skip
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_FULL_MONTH = (
    r"January|February|March|April|May|June|July|August|September|October|November|December"
)
_ABBR_MONTH = (
    r"Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept\.?|Sep\.?|Oct\.?|Nov\.?|Dec\.?"
)
_MONTH = rf"(?P<month>{_FULL_MONTH}|{_ABBR_MONTH})"
_PREP = (
    r"(?:(?P<prep>(?i:on|in|by|since|until|till|from|during|before|after|through|"
    r"throughout|around|as of|as early as|no later than))\s+)?"
)
_QUAL = (
    r"(?:(?P<qual>(?i:early|mid|late|the end of|the beginning of|the start of|"
    r"the middle of|the first half of|the second half of|the middle|end|start))(?:-|\s+))?"
)
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_NUMBER = r"\d{1,2}|" + "|".join(_NUMBER_WORDS)

_MONTH_DAY = re.compile(rf"\b{_PREP}{_MONTH}\s+{_DAY}\b(?:,?\s+{_YEAR}\b)?")
_DAY_MONTH = re.compile(
    rf"\b{_PREP}(?:(?i:the)\s+)?{_DAY}(?:\s+of)?\s+{_MONTH}(?![a-z])(?:,?\s+{_YEAR}\b)?"
)
_ISO = re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<month>[01]\d)-(?P<day>[0-3]\d)\b")
_MONTH_YEAR = re.compile(
    rf"\b{_PREP}{_QUAL}(?P<month>{_FULL_MONTH}|{_ABBR_MONTH})(?:\s+of)?,?\s+{_YEAR}\b"
)
_MONTH_ONLY = re.compile(
    rf"\b{_PREP}{_QUAL}(?:(?P<rel>(?i:last|this|next|this past|this coming))\s+)?"
    rf"(?P<month>{_FULL_MONTH})\b(?!\s+[0-3]?\d\b)"
)
_YEAR_ONLY = re.compile(
    r"\b(?:(?P<prep>(?i:in|since|by|until|till|during|from|through|throughout|before|after|"
    r"of|as of|around))\s+)?(?:(?P<qual>(?i:early|late|mid|end of|the end of|the start of|"
    r"the beginning of|the first half of|the second half of|the middle of))(?:\s+|-))?"
    rf"{_YEAR}\b(?![-–/]\d|,\d|\.\d| ?%)"
)
_WEEKDAY = re.compile(
    rf"\b{_PREP}(?:(?P<rel>(?i:last|this|next|this past|this coming|late|early))\s+)?"
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?:\s+(?P<tod>morning|afternoon|evening|night))?\b"
)
_RELATIVE_DAY = re.compile(
    r"\b(?i:(?P<expr>(?:earlier|later)\s+today|today|tonight|this\s+(?:morning|afternoon|evening)|"
    r"the\s+day\s+before\s+yesterday|yesterday(?:\s+(?:morning|afternoon|evening))?|"
    r"last\s+night|tomorrow))\b"
)
_AGO = re.compile(
    rf"\b(?i:(?:(?:just|only|barely)\s+)?(?P<n>{_NUMBER})\s+(?P<unit>day|week|month|year)s?\s+ago)\b"
)
_PERIOD = re.compile(
    r"\b(?i:(?P<mod>earlier\s+this|later\s+this|early\s+this|late\s+last|early\s+last|"
    r"earlier\s+last|last|this|next|over\s+the|at\s+the|this\s+past)\s+"
    r"(?P<unit>week|month|year|weekend))\b"
)
_VAGUE = re.compile(
    r"\b(?i:(?:(?:just|only|barely)\s+)?(?:(?:some|a\s+few|several|a\s+couple\s+of|"
    rf"{_NUMBER})\s+)?(?:days?|weeks?|months?|years?)\s+(?:before|earlier|later|after|prior|"
    r"beforehand)|(?:(?:just|only|barely)\s+)?(?:(?:some|a\s+few|several|a\s+couple\s+of)\s+)?"
    r"(?:days|weeks|months|years)\s+ago|in\s+recent\s+(?:days|weeks|months)|"
    r"the\s+(?:previous|following|next)\s+(?:day|week|month|morning|evening))\b"
)

# Cheap substring gates, tested on the lower-cased sentence before any regex runs: most
# sentences have none of these, and a rule runs only when its own gate passes.
_GATE_KEYS = (
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    "day", "night", "tomorrow", "morning", "afternoon", "evening", "week", "month", "year",
)  # fmt: skip
_MONTH_KEYS = _GATE_KEYS[:12]  # every month name and abbreviation starts with one of these
_WEEKDAY_KEYS = tuple(_WEEKDAYS)
_RELATIVE_DAY_KEYS = (
    "today",
    "tonight",
    "yesterday",
    "tomorrow",
    "morning",
    "afternoon",
    "evening",
    "last night",
)
_PERIOD_KEYS = ("week", "month", "year")
_VAGUE_KEYS = ("day", "week", "month", "year")


def find_dates(text: str, base: date | None) -> list[DateMatch]:
    """Return the date expressions in text, in order, resolved against base.

    Overlapping candidates are settled in favour of the longest ("on October 7, 2025"
    over "October 7"). With base None, relative expressions are "unresolved" and so is a
    month or day without a year; absolute dates still resolve.
    """
    lower = text.lower()
    has_digits = "19" in text or "20" in text  # every year we read is 19xx or 20xx
    if not has_digits and not any(key in lower for key in _GATE_KEYS):
        return []
    has_month = any(key in lower for key in _MONTH_KEYS)
    gates = (
        has_digits,  # ISO
        has_month,  # month day
        has_month,  # day month
        has_month and has_digits,  # month year
        has_month,  # month only
        has_digits,  # year
        any(key in lower for key in _WEEKDAY_KEYS),
        any(key in lower for key in _RELATIVE_DAY_KEYS),
        "ago" in lower,
        any(key in lower for key in _PERIOD_KEYS),
        any(key in lower for key in _VAGUE_KEYS),
    )
    candidates: list[DateMatch] = []
    for (pattern, resolve), gate in zip(_RULES, gates, strict=True):
        if not gate:
            continue
        for match in pattern.finditer(text):
            resolved = resolve(match, base)
            if resolved is None:
                continue
            value, precision = resolved
            start, end = match.span()
            candidates.append(DateMatch(value, precision, text[start:end], start, end))
    candidates.sort(key=lambda m: (m.start, -(m.end - m.start), m.value is None))
    found: list[DateMatch] = []
    for candidate in candidates:
        if found and candidate.start < found[-1].end:
            continue
        found.append(candidate)
    return found


_Resolved = tuple[str | None, str] | None
_UNRESOLVED: tuple[None, str] = (None, "unresolved")


def _month_number(name: str) -> int:
    return _MONTH_NUMBERS[name.lower().rstrip(".")]


def _day_value(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _resolve_month_day(match: re.Match[str], base: date | None) -> _Resolved:
    month, day = _month_number(match["month"]), int(match["day"])
    if not 1 <= day <= 31:
        return None
    if match["year"]:
        value = _day_value(int(match["year"]), month, day)
        return (value, "day") if value else None
    if _day_value(2000, month, day) is None:  # 2000 is a leap year: Feb 29 passes
        return None
    if base is None:
        return _UNRESOLVED
    options = []
    for year in (base.year - 1, base.year, base.year + 1):
        value = _day_value(year, month, day)
        if value:
            options.append((abs((date.fromisoformat(value) - base).days), year, value))
    # nearest to the report's date; on a tie, the earlier one (min over year breaks it)
    return min(options)[2], "day"


def _resolve_iso(match: re.Match[str], base: date | None) -> _Resolved:
    value = _day_value(int(match["year"]), int(match["month"]), int(match["day"]))
    return (value, "day") if value else None


def _resolve_month_year(match: re.Match[str], base: date | None) -> _Resolved:
    return f"{int(match['year']):04d}-{_month_number(match['month']):02d}", "month"


def _resolve_month_only(match: re.Match[str], base: date | None) -> _Resolved:
    if match["month"] in ("May", "March") and not (match["prep"] or match["qual"] or match["rel"]):
        return None  # "May" the modal verb, "March" the noun
    if base is None:
        return _UNRESOLVED
    month = _month_number(match["month"])
    rel = (match["rel"] or "").lower()
    if rel in ("next", "this coming"):
        year = base.year if month > base.month else base.year + 1
    elif rel in ("last", "this past"):
        year = base.year if month < base.month else base.year - 1
    elif rel == "this":
        year = base.year
    else:
        year = base.year if month <= base.month else base.year - 1
    return f"{year:04d}-{month:02d}", "month"


def _resolve_year(match: re.Match[str], base: date | None) -> _Resolved:
    if not (match["prep"] or match["qual"]):
        return None  # a bare number: "2000 troops", "the 2017 referendum"
    return match["year"], "year"


def _resolve_weekday(match: re.Match[str], base: date | None) -> _Resolved:
    if base is None:
        return _UNRESOLVED
    weekday = _WEEKDAYS[match["weekday"].lower()]
    rel = (match["rel"] or "").lower()
    back = (base.weekday() - weekday) % 7
    if rel in ("next", "this coming", "this"):
        ahead = (weekday - base.weekday()) % 7
        if rel != "this" and ahead == 0:
            ahead = 7
        return (base + timedelta(days=ahead)).isoformat(), "day"
    if rel in ("last", "this past") and back == 0:
        back = 7
    return (base - timedelta(days=back)).isoformat(), "day"


def _resolve_relative_day(match: re.Match[str], base: date | None) -> _Resolved:
    if base is None:
        return _UNRESOLVED
    expr = " ".join(match["expr"].lower().split())
    if expr.startswith("the day before"):
        offset = -2
    elif expr.startswith("yesterday") or expr == "last night":
        offset = -1
    elif expr == "tomorrow":
        offset = 1
    else:
        offset = 0
    return (base + timedelta(days=offset)).isoformat(), "day"


def _resolve_ago(match: re.Match[str], base: date | None) -> _Resolved:
    if base is None:
        return _UNRESOLVED
    n_text = match["n"].lower()
    n = int(n_text) if n_text.isdigit() else _NUMBER_WORDS[n_text]
    unit = match["unit"].lower()
    if unit == "day":
        return (base - timedelta(days=n)).isoformat(), "day"
    if unit == "week":
        return _monday(base - timedelta(weeks=n)).isoformat(), "week"
    if unit == "month":
        return _shift_month(base, -n), "month"
    return f"{base.year - n:04d}", "year"


def _resolve_period(match: re.Match[str], base: date | None) -> _Resolved:
    mod = " ".join(match["mod"].lower().split())
    unit = match["unit"].lower()
    if mod in ("over the", "at the") and unit != "weekend":
        return None  # "over the year" is a span, not a date
    if base is None:
        return _UNRESOLVED
    step = -1 if mod.endswith("last") else 1 if mod == "next" else 0
    if unit == "weekend":
        # the weekend just past (or under way); "last weekend" on a weekend is the one before
        saturday = base - timedelta(days=(base.weekday() - 5) % 7)
        if step < 0 and base.weekday() >= 5:
            saturday -= timedelta(weeks=1)
        if step > 0:
            saturday = base + timedelta(days=(5 - base.weekday()) % 7 or 7)
        return _monday(saturday).isoformat(), "week"
    if unit == "week":
        return (_monday(base) + timedelta(weeks=step)).isoformat(), "week"
    if unit == "month":
        return _shift_month(base, step), "month"
    return f"{base.year + step:04d}", "year"


def _resolve_vague(match: re.Match[str], base: date | None) -> _Resolved:
    return _UNRESOLVED


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _shift_month(day: date, months: int) -> str:
    index = day.year * 12 + day.month - 1 + months
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


_RULES: tuple[tuple[re.Pattern[str], Callable[[re.Match[str], date | None], _Resolved]], ...] = (
    (_ISO, _resolve_iso),
    (_MONTH_DAY, _resolve_month_day),
    (_DAY_MONTH, _resolve_month_day),
    (_MONTH_YEAR, _resolve_month_year),
    (_MONTH_ONLY, _resolve_month_only),
    (_YEAR_ONLY, _resolve_year),
    (_WEEKDAY, _resolve_weekday),
    (_RELATIVE_DAY, _resolve_relative_day),
    (_AGO, _resolve_ago),
    (_PERIOD, _resolve_period),
    (_VAGUE, _resolve_vague),
)
