"""The actor network: who cooperates with whom, who opposes whom.

Nodes are resolved actors (including those seen only in events whose other side is
unresolved, such as an attack on unnamed victims); an edge joins two actors that took part in counted events
together, in either direction, weighted by cooperative and conflictual events. Its sign is
+1 when cooperation outweighs conflict, -1 when conflict does, 0 on a tie. Communities are
found on the cooperative part of the graph (positive edges, weight = net cooperation)
with networkx's Louvain (seeded, so the same store gives the same communities) or greedy
modularity; centrality is eigenvector centrality on total activity, plus degree and
strength. Self-loops (an actor acting on itself, e.g. a government arresting its own
citizens) are counted in the node's activity but drawn as no edge.
"""

from __future__ import annotations

import io
from typing import Any, Literal

import duckdb
import networkx as nx
import numpy as np

from ..store.queries import Count, _bound, actor_names
from ..store.schema import (
    CONFLICTUAL_QUADS,
    COOPERATIVE_QUADS,
    QUAD_OF_TYPE,
    UNCOUNTED_MODALITIES,
)

_TYPES = tuple(QUAD_OF_TYPE)

Method = Literal["louvain", "greedy"]


def actor_network(
    con: duckdb.DuckDBPyConnection,
    *,
    since: str | None = None,
    until: str | None = None,
    count: Count = "story",
    min_events: int = 1,
    communities: Method = "louvain",
) -> dict[str, Any]:
    """The network of actors between `since` and `until` (ISO dates, inclusive).

    Returns {"count", "since", "until", "nodes": [{id, name, events, cooperative,
    conflictual, degree, strength, centrality, community}], "edges": [{source, target,
    cooperative, conflictual, events, weight, sign, types: {TYPE: n}}], "communities":
    [[codes]]}. `weight` is cooperative - conflictual; edges with fewer than `min_events`
    events are left out. Nodes and edges are sorted, so output is stable.
    """
    rows = _pair_counts(con, since=since, until=until, count=count)
    edges: dict[tuple[str, str], dict[str, Any]] = {}
    activity: dict[str, dict[str, int]] = {}
    for a, b, coop, conf, n, *per_type in rows:
        if not n:
            continue
        for code in {a, b}:
            node = activity.setdefault(code, {"events": 0, "cooperative": 0, "conflictual": 0})
            node["events"] += n
            node["cooperative"] += coop
            node["conflictual"] += conf
        if a == b:
            continue
        edges[(a, b)] = {
            "source": a, "target": b, "cooperative": coop, "conflictual": conf, "events": n,
            "types": {t: k for t, k in zip(_TYPES, per_type, strict=True) if k},
        }
    for code, n in _solo_counts(con, since=since, until=until):
        node = activity.setdefault(code, {"events": 0, "cooperative": 0, "conflictual": 0})
        node["events"] += int(n)
    kept = [e for e in edges.values() if e["events"] >= min_events]
    for edge in kept:
        edge["weight"] = edge["cooperative"] - edge["conflictual"]
        edge["sign"] = (edge["weight"] > 0) - (edge["weight"] < 0)
        edge["types"] = dict(sorted(edge["types"].items()))
    kept.sort(key=lambda e: (e["source"], e["target"]))

    graph = nx.Graph()
    graph.add_nodes_from(sorted(activity))
    for edge in kept:
        graph.add_edge(edge["source"], edge["target"], events=edge["events"], net=edge["weight"])
    centrality = _centrality(graph)
    groups = _communities(graph, method=communities)
    community_of = {code: i for i, group in enumerate(groups) for code in group}
    names = actor_names(con, activity)
    nodes = [
        {
            "id": code,
            "name": names.get(code, code),
            **activity[code],
            "degree": graph.degree(code),
            "strength": int(graph.degree(code, weight="events")),
            "centrality": round(centrality.get(code, 0.0), 4),
            "community": community_of.get(code),
        }
        for code in sorted(activity)
    ]
    return {
        "count": count,
        "since": since,
        "until": until,
        "nodes": nodes,
        "edges": kept,
        "communities": groups,
    }


def _pair_counts(
    con: duckdb.DuckDBPyConnection, *, since: str | None, until: str | None, count: Count
) -> list[tuple[Any, ...]]:
    """(a, b, cooperative, conflictual, events, n_TYPE1, n_TYPE2, ...) per unordered pair
    a <= b, the types in _TYPES order."""
    lo = _bound(since, end=False) if since else None
    hi = _bound(until, end=True) if until else None
    summary = _summary_table(since, until)
    measure = "stories" if count == "story" else "reports"
    where, params = ["TRUE"], []
    if summary is None:
        # a story counts once, in its representative report's direction
        table, measure = ("stories" if count == "story" else "events"), "1"
        where.append("counted")
        if lo:
            where.append("day_end >= ?")
            params.append(lo)
        if hi:
            where.append("day <= ?")
            params.append(hi)
    elif lo is None and hi is None:
        table = "dyad_total"
    else:
        # the summaries answer year- or month-aligned windows without touching events
        table = summary
        period = "year" if summary == "dyad_year" else "month"
        if lo:
            where.append(f"{period} >= date_trunc('{period}', ?::DATE)")
            params.append(lo)
        if hi:
            where.append(f"{period} <= ?")
            params.append(hi)
    # one integer column per PLOVER type: no strings to build or parse per edge
    # ::INTEGER: a bare sum is a HUGEINT, and those are slow to hand to Python
    per_type = ", ".join(f"(sum({measure}) FILTER (WHERE type = '{t}'))::INTEGER" for t in _TYPES)
    coop = ", ".join(f"'{q}'" for q in COOPERATIVE_QUADS)
    conf = ", ".join(f"'{q}'" for q in CONFLICTUAL_QUADS)
    sql = (
        "SELECT least(source_code, target_code) AS a, greatest(source_code, target_code) AS b, "
        f"coalesce((sum({measure}) FILTER (WHERE quad IN ({coop})))::INTEGER, 0), "
        f"coalesce((sum({measure}) FILTER (WHERE quad IN ({conf})))::INTEGER, 0), "
        f"coalesce(sum({measure})::INTEGER, 0), "
        f"{per_type} FROM {table} WHERE {' AND '.join(where)} GROUP BY ALL"
    )
    return con.execute(sql, params).fetchall()


def _solo_counts(
    con: duckdb.DuckDBPyConnection, *, since: str | None, until: str | None
) -> list[tuple[str, int]]:
    """Events with one resolved side (an attack on unnamed victims): they put their actor
    in the network, as activity without a tie."""
    where, params = ["(source_code IS NULL) <> (target_code IS NULL)",
                     f"modality NOT IN ({', '.join(repr(m) for m in UNCOUNTED_MODALITIES)})"], []
    if since:
        where.append("day_end >= ?")
        params.append(_bound(since, end=False))
    if until:
        where.append("day <= ?")
        params.append(_bound(until, end=True))
    sql = (
        "SELECT coalesce(source_code, target_code), count(*)::INTEGER FROM events "
        f"WHERE {' AND '.join(where)} GROUP BY 1"
    )
    return con.execute(sql, params).fetchall()


def _summary_table(since: str | None, until: str | None) -> str | None:
    """The coarsest summary table whose periods tile the window exactly, or None."""
    def month_end(value: str) -> bool:
        return len(value) <= 7 or _bound(value[:7], end=True) == _bound(value, end=True)

    if (since is None or since[4:] in ("", "-01", "-01-01")) and (
        until is None or until[4:] in ("", "-12", "-12-31")
    ):
        return "dyad_year"
    if (since is None or len(since) <= 7 or since.endswith("-01")) and (
        until is None or month_end(until)
    ):
        return "dyad_month"
    return None


def _centrality(graph: nx.Graph) -> dict[str, float]:
    """Eigenvector centrality weighted by events, by power iteration on A + I (as networkx
    does, so it converges on bipartite graphs), in numpy: 200 actors take a millisecond."""
    if graph.number_of_edges() == 0:
        return {node: 0.0 for node in graph}
    nodes = list(graph)
    matrix = nx.to_numpy_array(graph, nodelist=nodes, weight="events")
    matrix += np.eye(len(nodes))
    x = np.full(len(nodes), 1.0 / len(nodes))
    for _ in range(1000):
        nxt = matrix @ x
        nxt /= np.linalg.norm(nxt) or 1.0
        if np.abs(nxt - x).sum() < len(nodes) * 1e-9:
            x = nxt
            break
        x = nxt
    return {node: float(value) for node, value in zip(nodes, x, strict=True)}


def _communities(graph: nx.Graph, *, method: Method) -> list[list[str]]:
    positive = nx.Graph()
    positive.add_nodes_from(graph)
    positive.add_edges_from(
        (u, v, {"weight": d["net"]}) for u, v, d in graph.edges(data=True) if d["net"] > 0
    )
    if positive.number_of_edges() == 0:
        groups = [{node} for node in positive]
    elif method == "greedy":
        groups = list(nx.community.greedy_modularity_communities(positive, weight="weight"))
    else:
        groups = list(nx.community.louvain_communities(positive, weight="weight", seed=0))
    ordered = [sorted(group) for group in groups]
    ordered.sort(key=lambda g: (-len(g), g[0]))
    return ordered


def to_networkx(network: dict[str, Any]) -> nx.Graph:
    """The network as a networkx Graph, with node and edge attributes (types flattened)."""
    graph = nx.Graph()
    for node in network["nodes"]:
        attrs = {k: v for k, v in node.items() if k != "id" and v is not None}
        graph.add_node(node["id"], **attrs)
    for edge in network["edges"]:
        attrs = {k: v for k, v in edge.items() if k not in ("source", "target", "types")}
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
