"""Helpers that more than one reader needs."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any


def too_large(size: int, max_bytes: int) -> str:
    """The reason a document over the size limit is skipped."""
    return f"{size_text(size)} is over the {size_text(max_bytes)} limit"


def size_text(count: int) -> str:
    """'12.3 MB', '40.0 KB', '512 bytes': readable at every scale."""
    if count >= 1_000_000:
        return f"{count / 1e6:.1f} MB"
    if count >= 1_000:
        return f"{count / 1e3:.1f} KB"
    return f"{count} bytes"


def parse_published(value: Any) -> date | None:
    """A date from "YYYY-MM-DD" or an ISO datetime ("2025-10-12T08:30:00Z"); None otherwise."""
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        return None
