"""store/duplicates.py: a text stored again under another id is one report, counted once (#10)."""

from __future__ import annotations

import dataclasses
import logging
from datetime import date
from pathlib import Path

import pytest
from detente_factories import actor, corpus, event, extraction, simple

from detente.analysis import actor_network, brief
from detente.models import Extraction
from detente.store import SCHEMA_VERSION, Store, list_actors, schema_version, store_stats

LONG = " ".join(
    f"Paragraph {n} says the IAEA inspectors and Iranian officials discussed access to the sites."
    for n in range(30)
)


def _renamed(found: Extraction, doc_id: str, *, published: date | None = None) -> Extraction:
    """The same document under another id (and publication date)."""
    article = dataclasses.replace(
        found.article, id=doc_id, published=published or found.article.published
    )
    return Extraction(
        article=article,
        sentences=tuple(dataclasses.replace(s, doc_id=doc_id) for s in found.sentences),
        mentions=tuple(dataclasses.replace(m, doc_id=doc_id) for m in found.mentions),
        events=tuple(dataclasses.replace(e, doc_id=doc_id, id="") for e in found.events),
    )


def _iaea(doc_id: str, text: str = LONG, *, published: date = date(2023, 6, 1)) -> Extraction:
    accused = event(
        doc_id,
        0,
        "ACCUSE",
        actor("IAEA", kind="org"),
        actor("IRN", start=30),
        when="2023",
        precision="year",
        evidence=text.split(". ")[0],
    )
    return extraction(doc_id, [text], [accused], published=published)


def _counts(store: Store) -> dict[str, object]:
    """Everything a user counts from: the totals, stories, dyads, actors, network, brief."""
    counted: dict[str, object] = {
        "stats": {k: v for k, v in store_stats(store.con).items() if k != "documents"},
        "stories": store.con.execute("SELECT * FROM stories ORDER BY id").fetchall(),
        "dyads": store.con.execute("SELECT * FROM dyad_month ORDER BY ALL").fetchall(),
        "totals": store.con.execute("SELECT * FROM dyad_total ORDER BY ALL").fetchall(),
    }
    for count in ("story", "report"):
        actors = list_actors(store.con, limit=100, count=count).items  # type: ignore[arg-type]
        network = actor_network(store.con, count=count)  # type: ignore[arg-type]
        counted[f"actors by {count}"] = [
            (a["code"], a["n_events"], a["n_mentions"]) for a in actors
        ]
        counted[f"edges by {count}"] = sorted(
            (e["source"], e["target"], e["weight"]) for e in network["edges"]
        )
        totals = brief(store.con, count=count).to_dict()["totals"]  # type: ignore[arg-type]
        counted[f"brief by {count}"] = totals
    return counted


def test_a_corpus_stored_again_under_new_ids_counts_once(filled: Store) -> None:
    before = _counts(filled)
    counts = filled.add_extractions([_renamed(e, f"again-{e.article.id}") for e in corpus()])
    assert (counts.documents, counts.duplicates, counts.events, counts.sentences) == (3, 3, 0, 0)
    assert _counts(filled) == before
    assert filled.con.execute(
        "SELECT id, duplicate_of, n_events FROM documents "
        "WHERE duplicate_of IS NOT NULL ORDER BY id"
    ).fetchall() == [
        ("again-d2017a", "d2017a", 0),
        ("again-d2017b", "d2017b", 0),
        ("again-d2025", "d2025", 0),
    ]
    assert set(filled.integrity().values()) == {0}


def test_storing_the_duplicates_again_changes_nothing(filled: Store) -> None:
    copies = [_renamed(e, f"again-{e.article.id}") for e in corpus()]
    filled.add_extractions(copies)
    counts = filled.add_extractions(copies)
    assert (counts.documents, counts.unchanged, counts.duplicates) == (0, 3, 0)


def test_a_near_identical_text_is_a_duplicate(store: Store) -> None:
    store.add_extractions([_iaea("wire")])
    edited = LONG.replace("Paragraph 29 says", "Paragraph 29 reports")
    counts = store.add_extractions([_iaea("outlet", edited)])
    assert counts.duplicates == 1
    assert store.con.execute(
        "SELECT duplicate_of FROM documents WHERE id = 'outlet'"
    ).fetchone() == ("wire",)
    assert store.con.execute("SELECT count(*) FROM events").fetchone() == (1,)


def test_a_different_text_is_a_report_of_its_own(store: Store) -> None:
    store.add_extractions([_iaea("wire")])
    half = " ".join(LONG.split()[: len(LONG.split()) // 2])
    counts = store.add_extractions([_iaea("other", half)])
    assert (counts.duplicates, counts.events) == (0, 1)


def test_copies_in_one_batch_are_one_report(store: Store) -> None:
    counts = store.add_extractions([_iaea(f"copy{n}") for n in range(5)])
    assert (counts.documents, counts.duplicates, counts.events) == (5, 4, 1)
    # 801 conflictual IAEA–Iran events against 1 cooperative came from copies like these
    assert store.con.execute("SELECT sum(reports), sum(stories) FROM dyad_total").fetchone() == (
        1,
        1,
    )


def test_the_same_text_published_weeks_apart_is_a_new_report(store: Store) -> None:
    # a recurring bulletin: "on Monday" is another Monday each time
    bulletin = simple(
        "mon1", "ACCUSE", "LBN", "ISR", "2025-10-06", "Lebanon accused Israel on Monday."
    )
    later = _renamed(bulletin, "mon4", published=date(2025, 11, 2))
    counts = store.add_extractions([bulletin, later])
    assert (counts.duplicates, counts.events) == (0, 2)


def test_a_failed_document_is_nobodys_original(store: Store) -> None:
    failed = Extraction(article=_iaea("failed").article, error="ValueError: boom")
    store.add_extractions([failed])
    counts = store.add_extractions([_iaea("coded")])
    assert (counts.duplicates, counts.events) == (0, 1)


@pytest.mark.parametrize("change", ["replace", "delete"])
def test_a_duplicate_of_a_changed_document_is_coded_when_ingested_again(
    store: Store, change: str, caplog: pytest.LogCaptureFixture
) -> None:
    store.add_extractions([_iaea("wire"), _iaea("copy")])
    with caplog.at_level(logging.WARNING, logger="detente.store.writes"):
        if change == "replace":
            store.add_extractions([_iaea("wire", "A corrected report on another matter entirely.")])
        else:
            store.delete_documents(["wire"])
    assert "ingest them again" in caplog.text and "copy" in caplog.text
    assert set(store.integrity().values()) == {0}
    assert store.document_hashes(["copy"]) == {"copy": ""}  # no longer held: coded again
    counts = store.add_extractions([_iaea("copy")])
    assert (counts.replaced, counts.duplicates, counts.events) == (1, 0, 1)
    assert set(store.integrity().values()) == {0}


def test_a_version_2_store_finds_repeats_of_the_documents_it_held(tmp_path: Path) -> None:
    path = tmp_path / "v2.duckdb"
    with Store.open(path) as store:
        store.add_extractions(corpus())
        # the store as detente wrote it at schema version 2
        store.con.execute("DROP TABLE text_bands")
        store.con.execute("ALTER TABLE documents DROP COLUMN duplicate_of")
        store.con.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with Store.open(path) as store:
        assert schema_version(store.con) == SCHEMA_VERSION
        counts = store.add_extractions([_renamed(e, f"again-{e.article.id}") for e in corpus()])
        assert counts.duplicates == 3
        assert set(store.integrity().values()) == {0}
