from __future__ import annotations

import json

import pytest

from detente.analysis import actor_network, brief
from detente.store import EventFilter, Store, actor_names, find_events, list_actors


def test_brief_names_cooperation_joint_actions_and_notable_events(filled: Store) -> None:
    result = brief(filled.con)
    text = result.to_text()
    names = actor_names(filled.con, ["TUR", "IRN", "IRQ", "SYR", "KRG", "SDF", "ISIS"])
    for a, b in (("TUR", "IRN"), ("IRN", "IRQ"), ("TUR", "SYR")):
        assert any({d["a"], d["b"]} == {a, b} for d in result.cooperative_dyads)
    assert f"{names['IRN']}–{names['TUR']}" in text or f"{names['TUR']}–{names['IRN']}" in text
    assert "2017" in text and "2025" in text
    joint = result.joint_actions[0]
    assert (
        joint["sources"] == ["IRN", "TUR"]
        and joint["type"] == "REJECT"
        and "referendum" in joint["evidence"]
    )
    notable = " ".join(n["evidence"] for n in result.notable)
    assert "ceasefire" in notable and "Hasakah" in notable
    assert "Hulusi Akar (chief of general staff, 2017)" in text
    assert "What changed" in text
    json.dumps(result.to_dict(), default=str)


def test_brief_of_an_empty_store(store: Store) -> None:
    assert "nothing to summarise" in brief(store.con).to_text()


def test_brief_lists_a_one_sided_attack_among_notable_events(store: Store) -> None:
    from detente_factories import simple

    store.add_extractions(
        [
            simple(
                "a",
                "ASSAULT",
                "ISIS",
                None,
                "2025-10-05",
                "ISIS claimed attacks in Hasakah.",
                place="Hasakah",
            ),
            simple("b", "CONSULT", "TUR", "SYR", "2025-10-12", "Fidan met Shaibani in Ankara."),
        ]
    )
    result = brief(store.con)
    assert any(n["source"] == "ISIS" and n["place"] == "Hasakah" for n in result.notable)
    assert result.totals["events"] == 1  # listed, not counted


@pytest.mark.parametrize("count", ["story", "report"])
def test_brief_actor_list_and_network_count_the_same_events(filled: Store, count: str) -> None:
    # #10: the brief said 10 events for an actor the actor table gave 18
    from detente_factories import actor, event, extraction

    text = "Turkey struck. Turkey did not threaten Iran. Turkey arrested its own officials."
    filled.add_extractions(
        [
            extraction(
                "x",
                text.split(". "),
                [
                    event("x", 0, "ASSAULT", actor("TUR", "Turkey"), None, when="2025-10-01"),
                    event(
                        "x",
                        1,
                        "THREATEN",
                        actor("TUR", "Turkey"),
                        actor("IRN", "Iran", start=30),
                        when="2025-10-01",
                        modality="negated",
                    ),
                    event(
                        "x",
                        2,
                        "COERCE",
                        actor("TUR", "Turkey"),
                        actor("TUR", "its own officials", start=20),
                        when="2025-10-01",
                    ),
                ],
            )
        ]
    )
    con = filled.con
    in_brief = {a["code"]: a["events"] for a in brief(con, count=count, top=100).actors}  # type: ignore[arg-type]
    in_table = {
        a["code"]: a["n_events"]
        for a in list_actors(con, count=count, limit=1000).items  # type: ignore[arg-type]
        if a["n_events"]
    }
    in_network = {
        n["id"]: n["events"]
        for n in actor_network(con, count=count)["nodes"]  # type: ignore[arg-type]
        if n["events"]
    }
    listed = {
        code: find_events(con, EventFilter(actor=code, counted_only=True), count=count).total  # type: ignore[arg-type]
        for code in in_table
    }
    assert in_brief == in_table == in_network == listed
    # the self-loop counts once; the negated threat and the one-sided strike do not count
    assert in_table["TUR"] == {"story": 4, "report": 5}[count]
    tur = next(n for n in actor_network(con)["nodes"] if n["id"] == "TUR")
    assert tur["one_sided"] == 1
