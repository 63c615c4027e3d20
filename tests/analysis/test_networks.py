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
    from detente_factories import actor, event, extraction

    doc = extraction("u", ["Iran and Iraq agreed to cooperate."],
                     [event("u", 0, "AGREE", actor("IRN"), actor("IRQ", start=9), evidence="Iran and Iraq agreed to cooperate.")],
                     published=None)
    store.add_extractions([doc])
    edges = _edges(actor_network(store.con))
    assert edges[("IRN", "IRQ")]["cooperative"] == 1
    assert actor_network(store.con, since="2017")["edges"] == []


def test_louvain_finds_networkx_communities() -> None:
    import networkx as nx
    import numpy as np

    from detente.analysis.networks import louvain

    graph = nx.karate_club_graph()
    weights = nx.to_numpy_array(graph, nodelist=sorted(graph), weight="weight")
    labels = louvain(weights)
    ours = sorted(sorted(int(n) for n in np.flatnonzero(labels == k)) for k in set(labels))
    theirs = sorted(sorted(c) for c in nx.community.louvain_communities(graph, weight="weight", seed=0))
    assert ours == theirs


def test_part_month_window_adds_whole_months_and_partial_ones(filled: Store) -> None:
    from detente.analysis.networks import _pair_source

    def pairs(source: str, params: list) -> set:
        return set(filled.con.execute(
            f"SELECT least(source_code, target_code), greatest(source_code, target_code), "
            f"type, sum(n) FROM ({source}) GROUP BY ALL HAVING sum(n) > 0", params).fetchall())

    for count, table in (("story", "stories"), ("report", "events")):
        for since, until in (("2017-09-20", "2025-10-10"), ("2017-10-02", None), (None, "2025-10-10")):
            where = ["counted"]
            params: list = []
            if since:
                where.append("day_end >= ?::DATE")
                params.append(since)
            if until:
                where.append("day <= ?::DATE")
                params.append(until)
            raw = (f"SELECT source_code, target_code, type, quad, 1 AS n FROM {table} "
                   f"WHERE {' AND '.join(where)}")
            assert pairs(*_pair_source(since, until, count)) == pairs(raw, params)
