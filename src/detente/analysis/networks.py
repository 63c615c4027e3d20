"""The actor network: who cooperates with whom, who opposes whom.

Nodes are resolved actors (including those seen only in events whose other side is
unresolved, such as an attack on unnamed victims); an edge joins two actors that took part
in counted events together, undirected (either direction) or, with `directed=True`, from
the actor that acted to the one it acted on. Every weight is a count, never negative:
`cooperative` and `conflictual` events and `weight` (all events); their `balance`,
(cooperative - conflictual) / events in [-1, 1], is an attribute, not a weight, so that
graph algorithms (shortest paths, centralities, layouts) read the network as it is (#10).
Communities are found on the cooperative part of the graph (pairs whose cooperation
outweighs their conflict, weighted by the difference) with networkx's Louvain (seeded, so
the same store gives the same communities) or greedy modularity; centrality is PageRank on
the events between actors, which gives every component its share on a disconnected graph
(eigenvector centrality gives all but the largest nothing), plus degree and strength.
Self-loops (an actor acting on itself, e.g. a government arresting its own citizens) are
counted in the node's activity but drawn as no edge.
"""

from __future__ import annotations

import io
import random
from typing import Any, Literal

import networkx as nx
import numpy as np

from ..ontology import TYPES
from ..store.analysis_reads import one_sided_counts, pair_counts
from ..store.db import Connection
from ..store.filters import check_period
from ..store.names import actor_names
from ..store.queries import Count

_SORTED_TYPES = tuple(sorted(TYPES))  # the order of an edge's "types"

Method = Literal["louvain", "greedy"]


def actor_network(
    con: Connection,
    *,
    since: str | None = None,
    until: str | None = None,
    count: Count = "story",
    min_events: int = 1,
    communities: Method = "louvain",
    directed: bool = False,
) -> dict[str, Any]:
    """The network of actors between `since` and `until` (ISO dates, inclusive).

    Returns {"count", "since", "until", "directed", "nodes": [{id, name, events,
    cooperative, conflictual, one_sided, degree, strength, centrality, community}],
    "edges": [{source, target, cooperative, conflictual, events, types: {TYPE: n}, weight,
    balance, sign}], "communities": [[codes]]}.

    A node's `events` are the counted events it took part in, as `brief` and
    `list_actors` count them; `one_sided` are those whose other side is unresolved (of a
    counted modality), which put an actor in the network without a tie. `weight`
    is `events`; `sign` is the sign of `balance`. Undirected edges have source < target;
    directed ones run from source to target as the events do (a symmetric type, such as
    CONSULT, from its first-named side). Node figures, communities and centrality are the
    same either way. Edges with fewer than `min_events` events are left out. Nodes and
    edges are sorted, so output is stable.
    """
    check_period(since, until)
    rows = pair_counts(
        con, since=since, until=until, count=count, types=_SORTED_TYPES, directed=directed
    )
    kept: list[dict[str, Any]] = []
    activity: dict[str, dict[str, int]] = {}
    for a, b, coop, conf, n, *per_type in rows:  # sorted by (a, b)
        if not n:
            continue
        for code in (a,) if a == b else (a, b):
            node = activity.setdefault(code, _activity())
            node["events"] += n
            node["cooperative"] += coop
            node["conflictual"] += conf
        if a == b or n < min_events:
            continue
        balance = round((coop - conf) / (coop + conf), 3) if coop + conf else 0.0
        kept.append(
            {
                "source": a,
                "target": b,
                "cooperative": coop,
                "conflictual": conf,
                "events": n,
                "types": {t: k for t, k in zip(_SORTED_TYPES, per_type, strict=True) if k},
                "weight": n,
                "balance": balance,
                "sign": (balance > 0) - (balance < 0),
            }
        )
    for code, n in one_sided_counts(con, since=since, until=until, count=count):
        activity.setdefault(code, _activity())["one_sided"] += int(n)

    codes = sorted(activity)
    index = {code: i for i, code in enumerate(codes)}
    # dense matrices: a network has a few hundred actors, and numpy on a 200 x 200 matrix
    # is far cheaper than networkx's dicts of dicts (Louvain on those took most of the time)
    rows_i = [index[edge["source"]] for edge in kept]
    cols_i = [index[edge["target"]] for edge in kept]
    events = np.zeros((len(codes), len(codes)))
    net = np.zeros((len(codes), len(codes)))
    events[rows_i, cols_i] = [edge["events"] for edge in kept]
    net[rows_i, cols_i] = [edge["cooperative"] - edge["conflictual"] for edge in kept]
    # both directions of a pair add up: the undirected figures, whichever way edges run
    events += events.T
    net += net.T
    centrality = pagerank(events)
    groups = _communities(codes, np.where(net > 0, net, 0), method=communities)
    community_of = {code: i for i, group in enumerate(groups) for code in group}
    names = actor_names(con, activity)
    degree = np.count_nonzero(events, axis=1)
    strength = events.sum(axis=1)
    nodes = [
        {
            "id": code,
            "name": names.get(code, code),
            **activity[code],
            "degree": int(degree[i]),
            "strength": int(strength[i]),
            "centrality": round(float(centrality[i]), 6),
            "community": community_of.get(code),
        }
        for i, code in enumerate(codes)
    ]
    return {
        "count": count,
        "since": since,
        "until": until,
        "directed": directed,
        "nodes": nodes,
        "edges": kept,
        "communities": groups,
    }


def _activity() -> dict[str, int]:
    return {"events": 0, "cooperative": 0, "conflictual": 0, "one_sided": 0}


def pagerank(weights: np.ndarray, *, alpha: float = 0.85, tol: float = 1e-10) -> np.ndarray:
    """PageRank of a non-negative weight matrix (rows are sources), as networkx's
    `pagerank` computes it (a node with no out-weight spreads its rank evenly), by power
    iteration in numpy: 200 actors take a millisecond. The ranks sum to 1."""
    n = len(weights)
    if n == 0:
        return np.zeros(0)
    out = weights.sum(axis=1, keepdims=True)
    transition = np.divide(weights, out, out=np.zeros_like(weights, dtype=float), where=out > 0)
    dangling = out[:, 0] == 0
    x: np.ndarray = np.full(n, 1.0 / n)
    for _ in range(1000):
        nxt: np.ndarray = alpha * (x @ transition + x[dangling].sum() / n) + (1.0 - alpha) / n
        if np.abs(nxt - x).sum() < n * tol:
            return nxt
        x = nxt
    return x


def _communities(codes: list[str], weights: np.ndarray, *, method: Method) -> list[list[str]]:
    """Communities of the cooperative graph `weights` (symmetric, zero diagonal), largest
    first."""
    if not weights.any():
        groups = [[code] for code in codes]
    elif method == "greedy":
        positive: nx.Graph[str] = nx.Graph()
        positive.add_nodes_from(codes)
        rows, cols = np.nonzero(np.triu(weights))
        positive.add_weighted_edges_from(
            (codes[i], codes[j], float(weights[i, j])) for i, j in zip(rows, cols, strict=True)
        )
        groups = [
            sorted(g) for g in nx.community.greedy_modularity_communities(positive, weight="weight")
        ]
    else:
        labels = louvain(weights)
        members: dict[int, list[str]] = {}
        for code, label in zip(codes, labels, strict=True):
            members.setdefault(int(label), []).append(code)
        groups = list(members.values())
    ordered = [sorted(group) for group in groups]
    ordered.sort(key=lambda g: (-len(g), g[0]))
    return ordered


def louvain(weights: np.ndarray, *, seed: int = 0, threshold: float = 1e-7) -> np.ndarray:
    """Louvain communities (Blondel et al. 2008) of a symmetric weight matrix with a zero
    diagonal: one label per node.

    The algorithm of networkx's `louvain_communities` (resolution 1, the same seeded node
    order, levels until modularity gains at most `threshold`) on dense numpy matrices:
    on a few hundred nodes it runs in milliseconds where networkx takes a tenth of a
    second. Ties between equally good moves may go to another community than networkx's.
    """
    rng = random.Random(seed)
    adj = np.asarray(weights, dtype=float)
    labels = np.arange(len(adj))
    m = adj.sum() / 2
    if m == 0:
        return labels
    mod = _modularity(adj, labels, m)
    inner, _ = _louvain_level(adj, m, rng)
    labels = inner.copy()
    while True:
        new_mod = _modularity(adj, inner, m)
        if new_mod - mod <= threshold:
            return labels
        mod = new_mod
        onehot = np.zeros((len(adj), inner.max() + 1))
        onehot[np.arange(len(adj)), inner] = 1.0
        # the communities become nodes; intra-community weight becomes a self-loop, kept
        # (as twice its weight) on the diagonal
        adj = onehot.T @ adj @ onehot
        inner, improved = _louvain_level(adj, m, rng)
        if not improved:
            return labels
        labels = inner[labels]


def _louvain_level(adj: np.ndarray, m: float, rng: random.Random) -> tuple[np.ndarray, bool]:
    """One level of Louvain: move nodes to the neighbouring community that gains most
    modularity until none moves; return the communities numbered 0.. and whether any
    node moved."""
    n = len(adj)
    order = list(range(n))
    rng.shuffle(order)
    degree = adj.sum(axis=1)
    neighbours = adj.copy()
    np.fill_diagonal(neighbours, 0.0)
    community = np.arange(n)
    totals = degree.copy()
    to_community = neighbours.copy()  # [u, c]: weight from u to the members of c
    scale = 2 * m * m
    improved = False
    moves = 1
    while moves:
        moves = 0
        for u in order:
            own, d = community[u], degree[u]
            totals[own] -= d
            w = to_community[u]
            gains = (w - w[own]) / m - (totals - totals[own]) * d / scale
            gains[w <= 0] = 0.0  # only communities of neighbours are candidates
            best = int(np.argmax(gains))
            if gains[best] <= 0:
                best = own
            totals[best] += d
            if best != own:
                to_community[:, own] -= neighbours[:, u]
                to_community[:, best] += neighbours[:, u]
                community[u] = best
                moves += 1
                improved = True
    _, renumbered = np.unique(community, return_inverse=True)
    return renumbered, improved


def _modularity(adj: np.ndarray, community: np.ndarray, m: float) -> float:
    onehot = np.zeros((len(adj), community.max() + 1))
    onehot[np.arange(len(adj)), community] = 1.0
    inside = (onehot * (adj @ onehot)).sum(axis=0)
    degree = onehot.T @ adj.sum(axis=1)
    return float((inside / (2 * m)).sum() - ((degree / (2 * m)) ** 2).sum())


def to_networkx(network: dict[str, Any]) -> nx.Graph[str]:
    """The network as a networkx Graph (a DiGraph for a directed network), with node and
    edge attributes (types flattened to n_TYPE). `weight` is the number of events, never
    negative, so networkx's algorithms can use it as it is."""
    graph: nx.Graph[str] = nx.DiGraph() if network.get("directed") else nx.Graph()
    for node in network["nodes"]:
        attrs = {k: v for k, v in node.items() if k != "id" and v is not None}
        graph.add_node(node["id"], **attrs)
    for edge in network["edges"]:
        attrs = {
            k: v
            for k, v in edge.items()
            if k not in ("source", "target", "types") and v is not None
        }
        attrs.update({f"n_{t}": n for t, n in edge["types"].items()})
        graph.add_edge(edge["source"], edge["target"], **attrs)
    return graph


def to_graphml(network: dict[str, Any]) -> str:
    """The network as GraphML text (for Gephi, yEd, Cytoscape)."""
    return "\n".join(nx.generate_graphml(to_networkx(network)))


def to_gexf(network: dict[str, Any]) -> str:
    """The network as GEXF text (for Gephi)."""
    buffer = io.BytesIO()
    nx.write_gexf(to_networkx(network), buffer)
    return buffer.getvalue().decode("utf-8")
