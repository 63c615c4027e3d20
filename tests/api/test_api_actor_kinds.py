"""An actor's kind says what its code stands for, not how it was first mentioned (#10).

Israel seen first through Mossad (an "org" mention coded to the state) was listed as kind
"org"; the knowledge base now answers, and the kind stored at ingest fills in for codes it
does not know.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sample_reports import build_extractions

from detente.settings import Settings

REPORTS = [
    (
        "mossad",
        date(2024, 2, 13),
        (
            "Mossad met Egyptian officials in Cairo. Israel accused Egypt of delays. "
            "The Night Watch accused the United Nations of bias."
        ),
        [
            (
                "CONSULT",
                "verbal_cooperation",
                ("ISR", "Mossad", "Israel", "org"),
                ("EGY", "Egyptian officials", "Egypt", "person"),
                "met",
                {"date": "2024-02-13"},
            ),
            (
                "ACCUSE",
                "verbal_conflict",
                ("ISR", "Israel", "Israel", "state"),
                ("EGY", "Egypt", "Egypt", "state"),
                "accused",
                {"date": "2024-02-13"},
            ),
            (
                "ACCUSE",
                "verbal_conflict",
                ("NIGHT_WATCH", "The Night Watch", "Night Watch", "org"),
                ("UN", "the United Nations", "United Nations", "org"),
                "accused the",
                {"date": "2024-02-13"},
            ),
        ],
    )
]


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    from detente.api import create_app
    from detente.store import Store

    path = tmp_path / "kinds.duckdb"
    with Store.open(path) as store:
        store.add_extractions(build_extractions(REPORTS))
        assert store.con.execute("SELECT kind FROM actors WHERE code = 'ISR'").fetchone() == (
            "org",
        )  # what ingest remembers from the first mention
        with TestClient(create_app(Settings(db_path=path), store=store)) as test_client:
            yield test_client


def test_actor_kind_is_what_the_code_stands_for(client: TestClient) -> None:
    listed = {a["code"]: a["kind"] for a in client.get("/api/actors").json()["actors"]}
    # EGY was only ever mentioned through its officials; NIGHT_WATCH is unknown to the KB
    assert listed == {"ISR": "state", "EGY": "state", "UN": "org", "NIGHT_WATCH": "org"}
    assert client.get("/api/actors/ISR").json()["kind"] == "state"
    assert client.get("/api/actors/isr").json()["kind"] == "state"
    found = client.get("/api/search", params={"q": "Israel"}).json()["actors"]
    assert [(a["code"], a["kind"]) for a in found] == [("ISR", "state")]
