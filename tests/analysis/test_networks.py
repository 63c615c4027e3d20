from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from detente.analysis import actor_network, brief, to_gexf, to_graphml, to_networkx
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
    assert actor_network(store.con) == {
        "count": "story",
        "since": None,
        "until": None,
        "directed": False,
        "nodes": [],
        "edges": [],
        "communities": [],
    }


def test_undated_events_count_in_the_all_time_network(store: Store) -> None:
    from detente_factories import actor, event, extraction

    doc = extraction(
        "u",
        ["Iran and Iraq agreed to cooperate."],
        [
            event(
                "u",
                0,
                "AGREE",
                actor("IRN"),
                actor("IRQ", start=9),
                evidence="Iran and Iraq agreed to cooperate.",
            )
        ],
        published=None,
    )
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
    theirs = sorted(
        sorted(c) for c in nx.community.louvain_communities(graph, weight="weight", seed=0)
    )
    assert ours == theirs


@pytest.mark.parametrize("count", ["story", "report"])
@pytest.mark.parametrize(
    ("since", "until"),
    [("2017-09-20", "2025-10-10"), ("2017-10-02", None), (None, "2025-10-10")],
)
def test_part_month_window_adds_whole_months_and_partial_ones(
    filled: Store, count: str, since: str | None, until: str | None
) -> None:
    # whole months come from dyad_month, the partial ones at the ends from the rows: the
    # network must be the one counted from the rows alone
    table = "stories" if count == "story" else "events"
    where = ["counted"]
    params: list = []
    if since:
        where.append("day_end >= ?::DATE")
        params.append(since)
    if until:
        where.append("day <= ?::DATE")
        params.append(until)
    rows = filled.con.execute(
        "SELECT least(source_code, target_code), greatest(source_code, target_code), type, "
        f"count(*) FROM {table} WHERE {' AND '.join(where)} GROUP BY ALL",
        params,
    ).fetchall()
    events: dict[str, int] = {}
    for a, b, _, n in rows:
        for code in {a, b}:
            events[code] = events.get(code, 0) + n

    network = actor_network(filled.con, since=since, until=until, count=count)
    ties = {
        (e["source"], e["target"], t, n) for e in network["edges"] for t, n in e["types"].items()
    }
    assert ties == {row for row in rows if row[0] != row[1]}
    assert {n["id"]: n["events"] for n in network["nodes"] if n["events"]} == events


def test_edge_weights_are_counts_and_balance_an_attribute(filled: Store) -> None:
    # #10: a negative weight for conflict broke most graph algorithms
    network = actor_network(filled.con)
    for edge in network["edges"]:
        assert edge["weight"] == edge["events"] == edge["cooperative"] + edge["conflictual"] > 0
        assert -1.0 <= edge["balance"] <= 1.0
        assert edge["sign"] == (edge["balance"] > 0) - (edge["balance"] < 0)
    conflict = _edges(network)[("ISIS", "SYR")]
    assert (conflict["weight"], conflict["conflictual"], conflict["balance"]) == (1, 1, -1.0)
    graph = to_networkx(network)
    assert min(weight for _, _, weight in graph.edges(data="weight")) > 0
    assert nx.single_source_dijkstra_path_length(graph, "ISIS")["TUR"] > 0
    assert 'attr.name="balance"' in to_graphml(network)


def test_directed_network_runs_from_the_actor_that_acted(filled: Store) -> None:
    undirected = actor_network(filled.con)
    directed = actor_network(filled.con, directed=True)
    assert directed["directed"] is True
    arcs = _edges(directed)
    assert ("TUR", "KRG") in arcs and ("KRG", "TUR") not in arcs
    for (a, b), edge in _edges(undirected).items():
        both = [arcs[pair]["events"] for pair in ((a, b), (b, a)) if pair in arcs]
        assert sum(both) == edge["events"]
    assert directed["nodes"] == undirected["nodes"]
    assert directed["communities"] == undirected["communities"]
    assert isinstance(to_networkx(directed), nx.DiGraph)
    assert 'defaultedgetype="directed"' in to_gexf(directed)


def test_centrality_gives_every_component_its_share(store: Store) -> None:
    # #10: eigenvector centrality was 0 for a node of degree 4 outside the largest component
    from itertools import combinations

    from detente_factories import simple

    docs = [
        simple(f"star{i}", "CONSULT", "KEN", other, "2025-01-10", f"Kenya met {other}.")
        for i, other in enumerate(("SOM", "ETH", "UGA", "TZA"))
    ]
    clique = ("USA", "RUS", "CHN", "GBR", "FRA")
    for a, b in combinations(clique, 2):
        for month in ("01", "04", "07"):
            docs.append(
                simple(f"{a}{b}{month}", "ACCUSE", a, b, f"2025-{month}-15", f"{a} accused {b}.")
            )
    store.add_extractions(docs)
    network = actor_network(store.con)
    centrality = {node["id"]: node["centrality"] for node in network["nodes"]}
    degree = {node["id"]: node["degree"] for node in network["nodes"]}
    assert degree["KEN"] == 4
    assert centrality["KEN"] > centrality["SOM"] > 0
    expected = nx.pagerank(to_networkx(network), weight="weight")
    assert centrality == pytest.approx(expected, abs=1e-5)
    assert sum(centrality.values()) == pytest.approx(1.0, abs=1e-4)


def test_a_year_dated_event_counts_in_every_window_it_overlaps(store: Store) -> None:
    from datetime import date

    from detente_factories import actor, event, extraction

    store.add_extractions(
        [
            extraction(
                "y",
                ["Iran and Iraq agreed on border security this year."],
                [
                    event(
                        "y",
                        0,
                        "AGREE",
                        actor("IRN", "Iran"),
                        actor("IRQ", "Iraq", start=9),
                        when="2024",
                        precision="year",
                    )
                ],
                published=date(2025, 3, 1),
            ),
        ]
    )
    for since, until in (
        ("2024-06", "2024-12"),
        ("2024-06-15", None),
        ("2024", None),
        ("2024-06", None),
    ):
        edges = _edges(actor_network(store.con, since=since, until=until))
        dyads = brief(store.con, since=since, until=until).cooperative_dyads
        assert edges[("IRN", "IRQ")]["events"] == 1, (since, until)
        assert [(d["a"], d["b"], d["cooperative"]) for d in dyads] == [("IRN", "IRQ", 1)]
