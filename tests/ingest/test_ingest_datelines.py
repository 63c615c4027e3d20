from __future__ import annotations

from datetime import date

import pytest

from detente.ingest.datelines import find_dateline


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ankara, October 12, 2025 – Officials met.", date(2025, 10, 12)),
        ("BRUSSELS, June 5, 2023 (Reuters) - The bloc agreed.", date(2023, 6, 5)),
        ("Nairobi, 14 February 2024 — Talks resumed.", date(2024, 2, 14)),
        ("March 3, 2024 — Talks resumed.", date(2024, 3, 3)),
        ("KYIV, Ukraine, Feb. 24, 2024 (AP) — Sirens sounded.", date(2024, 2, 24)),
        ("Tuesday, March 5, 2024 - Talks resumed.", date(2024, 3, 5)),
        ("WASHINGTON (AP) — The president spoke.", None),
        ("Officials said on October 12, 2025 - that talks resumed.", None),
        ("Ankara, February 30, 2025 – Officials met.", None),
        ("", None),
    ],
)
def test_find_dateline(text: str, expected: date | None) -> None:
    assert find_dateline(text) == expected


@pytest.mark.parametrize(
    ("text", "dateline"),
    [
        ("WASHINGTON (AP) — The president spoke.", "WASHINGTON (AP) — "),
        ("MINSK, Feb 12 — Leaders met.", "MINSK, Feb 12 — "),
        ("RIMBO, Sweden, Dec 13 — Police said.", "RIMBO, Sweden, Dec 13 — "),
        ("LIMA/QUITO, Jan 4 — Envoys met.", "LIMA/QUITO, Jan 4 — "),
        ("Turkey, Iran and Iraq - the three neighbours - met.", ""),
    ],
)
def test_dateline_end(text: str, dateline: str) -> None:
    from detente.ingest.datelines import dateline_end

    assert text[: dateline_end(text)] == dateline
