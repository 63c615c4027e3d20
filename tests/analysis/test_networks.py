from __future__ import annotations

import json
import xml.etree.ElementTree as ET

from detente.analysis import actor_network, to_gexf, to_graphml
from detente.store import Store


def _edges(network: dict) -> dict[tuple[str, str], dict]:
    return {(e["source"], e["target"]): e for e in network["edges"]}


def test_network_signs_and_nodes(filled: Store) -> None:
    network = actor_network(filled.con)
    nodes = {n["id"] for n in network["nodes"]}
    # RUS's one event has an unresolved target: a node, but no tie
    assert nodes == {"TUR", "IRN", "IRQ", "SYR", "KRG", "SDF", "ISIS", "RUS"}
    assert not [e for e in network["edges"] if "RUS" in (e["source"], e["target"])]
    edges = _edges(network)
    assert edges[("IRN", "TUR")]["sign"] == 1 and edges[("IRN", "TUR")]["cooperative"] == 1
    assert edges[("ISIS", "SYR")]["sign"] == -1
    assert edges[("IRN", "KRG")]["sign"] == -1 and edges[("KRG", "TUR")]["sign"] == -1
    community = {n["id"]: n["community"] for n in network["nodes"]}
    assert community["TUR"] == community["IRN"]
    assert community["ISIS"] != community["SYR"]
    json.dumps(network)


def test_report_count_weighs_every_report(filled: Store) -> None:
    edges = _edges(actor_network(filled.con, count="report"))
    assert edges[("IRN", "TUR")]["cooperative"] == 2


def test_window_by_day_uses_events(filled: Store) -> None:
    network = actor_network(filled.con, since="2025-10-09", until="2025-10-11")
    assert {n["id"] for n in network["nodes"]} == {"ISIS", "SYR"}


def test_graphml_and_gexf_parse(filled: Store) -> None:
    network = actor_network(filled.con)
    for text in (to_graphml(network), to_gexf(network)):
        root = ET.fromstring(text)
        assert "TUR" in ET.tostring(root, encoding="unicode")


def test_empty_store_gives_an_empty_network(store: Store) -> None:
    assert actor_network(store.con) == {"count": "story", "since": None, "until": None,
                                       "nodes": [], "edges": [], "communities": []}


def test_undated_events_count_in_the_all_time_network(store: Store) -> None:
    from detente_factories import extraction, event, actor

    doc = extraction("u", ["Iran and Iraq agreed to cooperate."],
                     [event("u", 0, "AGREE", actor("IRN"), actor("IRQ", start=9), evidence="Iran and Iraq agreed to cooperate.")],
                     published=None)
    store.add_extractions([doc])
    edges = _edges(actor_network(store.con))
    assert edges[("IRN", "IRQ")]["cooperative"] == 1
    assert actor_network(store.con, since="2017")["edges"] == []
