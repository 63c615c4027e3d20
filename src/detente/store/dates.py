"""Date rules: the days a stored event's date covers, and the days a filter's date means.

An event's date is ISO text at a precision: a day, a week (its Monday), a month ("2025-10")
or a year ("2025"). `event_days` gives the days it is filed under (`day` and `day_end` in
the events table), `link_dates` the days it links at (stories.py), and `date_bound` the
first or last day of a filter's `since` or `until`.
"""

from __future__ import annotations

from datetime import date, timedelta


def event_days(
    value: str | None, precision: str, published: date | None
) -> tuple[date | None, date | None]:
    """The first and last day an event's date covers. Undated events take the document's
    date; a year-precision date takes the document's date when that falls in the year; a
    week is its Monday to Sunday."""
    parsed = _parse_date(value) if value else None
    if parsed is None or precision == "unresolved":
        return published, published
    year, month, day = parsed
    if precision == "day" and day:
        when = date(year, month or 1, day)
        return when, when
    if precision == "week" and month and day:
        # the value is the week's Monday; it was filed under the document's date (#10)
        monday = date(year, month, day)
        return monday, monday + timedelta(days=6)
    if precision == "month" or (month and not day):
        first = date(year, month or 1, 1)
        nxt = date(year + (first.month == 12), first.month % 12 + 1, 1)
        return first, nxt - timedelta(days=1)
    if published is not None and published.year == year:
        return published, published
    return date(year, 1, 1), date(year, 12, 31)


def link_dates(
    value: str | None, precision: str, day: date | None, day_end: date | None
) -> tuple[str, date | None, date | None]:
    """The precision and the first and last day a stored event links at (stories.py): its
    date at the precision it was given, so that a year covers January to December even
    where `event_days` filed it under its document's date (#10), and a week its Monday to
    Sunday; otherwise its stored days (an undated event: its document's date, as a day)."""
    if day is None:
        return "unresolved", None, None
    parsed = _parse_date(value) if value else None
    if parsed is not None:
        year, month, dom = parsed
        if precision == "year":
            return "year", date(year, 1, 1), date(year, 12, 31)
        if precision == "week" and month and dom:
            monday = date(year, month, dom)
            return "week", monday, monday + timedelta(days=6)
    end = day_end or day
    if end == day:
        return "day", day, day
    if day.day == 1 and (end.year, end.month) == (day.year, day.month):
        return "month", day, end
    return "year", day, end


def date_bound(value: str, *, end: bool) -> date:
    """The first (or last) day of an ISO date, month or year."""
    parts = [int(p) for p in value.strip().split("-")]
    if len(parts) == 1:
        return date(parts[0], 12, 31) if end else date(parts[0], 1, 1)
    if len(parts) == 2:
        if not end:
            return date(parts[0], parts[1], 1)
        nxt = date(parts[0] + (parts[1] == 12), parts[1] % 12 + 1, 1)
        return date.fromordinal(nxt.toordinal() - 1)
    return date(parts[0], parts[1], parts[2])


def _parse_date(value: str) -> tuple[int, int | None, int | None] | None:
    try:
        parts = [int(p) for p in value.strip()[:10].split("-")]
        if len(parts) == 3:
            date(*parts)
            return parts[0], parts[1], parts[2]
        if len(parts) == 2:
            date(parts[0], parts[1], 1)
            return parts[0], parts[1], None
        return parts[0], None, None
    except ValueError:
        return None
