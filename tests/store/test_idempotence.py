from __future__ import annotations

from detente_factories import corpus, simple

from detente.store import Store, store_stats


def _counts(store: Store) -> dict[str, int]:
    stats = store_stats(store.con)
    dyads = store.con.execute("SELECT sum(reports), sum(stories) FROM dyad_month").fetchone()
    return {**{k: v for k, v in stats.items() if isinstance(v, int)}, "dyad": dyads}  # type: ignore[dict-item]


def test_ingesting_twice_gives_identical_counts(store: Store) -> None:
    first = store.add_extractions(corpus())
    before = _counts(store)
    second = store.add_extractions(corpus())
    assert first.documents == 3 and first.events == 9
    assert second.documents == 0 and second.unchanged == 3 and second.events == 0
    assert _counts(store) == before
    assert set(store.integrity().values()) == {0}


def test_the_same_document_twice_in_one_batch_is_stored_once(store: Store) -> None:
    doc = simple("a", "CONSULT", "TUR", "IRN", "2017-10-02", "Akar met Bagheri in Tehran.")
    counts = store.add_extractions([doc, doc])
    assert counts.documents == 1
    assert store.con.execute("SELECT count(*) FROM events").fetchone() == (1,)


def test_a_changed_document_replaces_its_old_events(store: Store) -> None:
    store.add_extractions(
        [simple("a", "CONSULT", "TUR", "IRN", "2017-10-02", "Akar met Bagheri in Tehran.")]
    )
    counts = store.add_extractions(
        [
            simple(
                "a",
                "ASSAULT",
                "ISIS",
                "SYR",
                "2025-10-10",
                "ISIS attacked a checkpoint in Hasakah.",
            )
        ]
    )
    assert counts.replaced == 1
    rows = store.con.execute("SELECT type FROM events").fetchall()
    assert rows == [("ASSAULT",)]
    assert store.con.execute(
        "SELECT count(*) FROM dyad_month WHERE type = 'CONSULT'"
    ).fetchone() == (0,)
    assert store.con.execute("SELECT count(*) FROM stories").fetchone() == (1,)
    assert set(store.integrity().values()) == {0}


def test_replacing_one_report_keeps_the_other_report_of_the_story(store: Store) -> None:
    a = simple(
        "a", "CONSULT", "TUR", "SYR", "2025-10-12", "Fidan met Shaibani in Ankara on Sunday."
    )
    b = simple(
        "b", "CONSULT", "SYR", "TUR", "2025-10-12", "Shaibani held talks with Fidan in Ankara."
    )
    store.add_extractions([a, b])
    assert store.con.execute("SELECT n_reports, n_sources FROM stories").fetchall() == [(2, 2)]
    store.add_extractions(
        [simple("a", "CONSULT", "TUR", "SYR", "2025-10-12", "Something else entirely, later.")]
    )
    assert set(store.integrity().values()) == {0}
    assert store.con.execute("SELECT sum(n_reports) FROM stories").fetchone() == (2,)


def test_delete_documents_leaves_no_orphans(filled: Store) -> None:
    assert filled.delete_documents(["d2017a", "nope"]) == 1
    assert set(filled.integrity().values()) == {0}
    assert filled.con.execute("SELECT count(*) FROM events WHERE doc_id = 'd2017a'").fetchone() == (
        0,
    )


def test_rebuild_summaries_matches_incremental_maintenance(filled: Store) -> None:
    sql = "SELECT * FROM dyad_month ORDER BY ALL"
    before = filled.con.execute(sql).fetchall()
    stories = filled.con.execute("SELECT * FROM stories ORDER BY id").fetchall()
    filled.rebuild_summaries()
    assert filled.con.execute(sql).fetchall() == before
    assert filled.con.execute("SELECT * FROM stories ORDER BY id").fetchall() == stories


def test_unresolved_and_negated_events_are_kept_but_not_counted(store: Store) -> None:
    store.add_extractions(
        [
            simple("a", "REQUEST", "RUS", None, "2025-10-12", "Russia called for restraint."),
            simple(
                "b",
                "CONSULT",
                "TUR",
                "SYR",
                "2025-10-12",
                "Fidan did not meet Shaibani.",
                modality="negated",
            ),
        ]
    )
    assert store.con.execute(
        "SELECT count(*), count(*) FILTER (WHERE counted) FROM events"
    ).fetchone() == (2, 0)
    assert store.con.execute("SELECT count(*) FROM dyad_month").fetchone() == (0,)
