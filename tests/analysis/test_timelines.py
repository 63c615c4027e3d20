from __future__ import annotations

import json

from detente_factories import simple

from detente.analysis import dyad_series
from detente.store import Store


def test_monthly_series_in_both_directions(store: Store) -> None:
    store.add_extractions(
        [
            simple("a", "CONSULT", "TUR", "SYR", "2025-08-03", "Fidan met Shaibani in Ankara."),
            simple(
                "b", "ACCUSE", "SYR", "TUR", "2025-10-12", "Damascus accused Ankara of shelling."
            ),
            simple(
                "c",
                "COOPERATE",
                "TUR",
                "SYR",
                "2025-10-20",
                "Ankara and Damascus launched joint patrols.",
            ),
        ]
    )
    series = dyad_series(store.con, "TUR", "SYR")
    assert series["periods"] == ["2025-08", "2025-09", "2025-10"]
    tur_syr, syr_tur, both = (series["directions"][k] for k in ("TUR>SYR", "SYR>TUR", "both"))
    assert tur_syr[0]["types"] == {"CONSULT": 1} and tur_syr[1]["types"] == {}
    assert syr_tur[2]["quads"]["verbal_conflict"] == 1
    assert both[2]["cooperative"] == 1 and both[2]["conflictual"] == 1 and both[2]["balance"] == 0.0
    assert both[1]["balance"] is None
    assert series["totals"]["both"]["balance"] == round(1 / 3, 3)
    json.dumps(series)


def test_weekly_and_report_counts(filled: Store) -> None:
    by_story = dyad_series(filled.con, "TUR", "IRN", period="week")
    by_report = dyad_series(filled.con, "IRN", "TUR", period="week", count="report")
    assert by_story["periods"] == ["2017-W40"]
    assert by_story["totals"]["both"]["types"] == {"CONSULT": 1}
    assert by_report["totals"]["both"]["types"] == {"CONSULT": 2}


def test_month_series_equals_week_series_totals(filled: Store) -> None:
    month = dyad_series(filled.con, "SYR", "ISIS")
    week = dyad_series(filled.con, "SYR", "ISIS", period="week")
    assert month["totals"] == week["totals"]


def test_since_until_window(filled: Store) -> None:
    assert dyad_series(filled.con, "TUR", "IRN", since="2018")["periods"] == []
