from __future__ import annotations

import json

from detente.analysis import brief
from detente.store import Store, actor_names


def test_brief_names_cooperation_joint_actions_and_notable_events(filled: Store) -> None:
    result = brief(filled.con)
    text = result.to_text()
    names = actor_names(filled.con, ["TUR", "IRN", "IRQ", "SYR", "KRG", "SDF", "ISIS"])
    for a, b in (("TUR", "IRN"), ("IRN", "IRQ"), ("TUR", "SYR")):
        assert any({d["a"], d["b"]} == {a, b} for d in result.cooperative_dyads)
    assert f"{names['IRN']}–{names['TUR']}" in text or f"{names['TUR']}–{names['IRN']}" in text
    assert "2017" in text and "2025" in text
    joint = result.joint_actions[0]
    assert joint["sources"] == ["IRN", "TUR"] and joint["type"] == "REJECT" and "referendum" in joint["evidence"]
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
            simple("a", "ASSAULT", "ISIS", None, "2025-10-05", "ISIS claimed attacks in Hasakah.", place="Hasakah"),
            simple("b", "CONSULT", "TUR", "SYR", "2025-10-12", "Fidan met Shaibani in Ankara."),
        ]
    )
    result = brief(store.con)
    assert any(n["source"] == "ISIS" and n["place"] == "Hasakah" for n in result.notable)
    assert result.totals["events"] == 1  # listed, not counted
