"""Commands over the analyses of the store: dyad, network, brief, export.

Each command opens the store, calls one library function and formats what comes back.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..store import EventFilter
from ._common import EVENT_TYPE, POSITIVE, db_option, guarded
from ._store import count_option, emit, open_store, show_table, since_option, until_option

if TYPE_CHECKING:
    from ..analysis.export import Format, Table
    from ..analysis.networks import Method
    from ..analysis.timelines import Period
    from ..store.queries import Count


@click.command()
@click.argument("a")
@click.argument("b")
@db_option
@click.option(
    "--period",
    type=click.Choice(["week", "month", "year"]),
    default="month",
    show_default=True,
    help="length of a period",
)
@since_option
@until_option
@count_option
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "csv"]),
    default="table",
    show_default=True,
    help="output format",
)
@guarded
def dyad(
    a: str,
    b: str,
    db_path: str | None,
    period: Period,
    since: str | None,
    until: str | None,
    count: Count,
    fmt: str,
) -> None:
    """Events between A and B per period, by type and quad class, both directions."""
    from ..analysis import dyad_series

    with open_store(db_path) as store:
        series = dyad_series(
            store.con,
            a.upper(),
            b.upper(),
            period=period,
            count=count,
            since=since,
            until=until,
        )
    if fmt == "json":
        click.echo(json.dumps(series, indent=2, ensure_ascii=False))
        return
    rows = []
    for direction, periods in series["directions"].items():
        for row in periods:
            if not row["types"]:
                continue
            rows.append(
                {
                    "period": row["period"],
                    "direction": direction,
                    **{q: row["quads"][q] for q in row["quads"]},
                    "balance": "" if row["balance"] is None else row["balance"],
                    "types": " ".join(f"{t}:{n}" for t, n in row["types"].items()),
                }
            )
    rows.sort(key=lambda r: (r["period"], r["direction"] == "both", r["direction"]))
    if fmt == "csv":
        emit(rows, "csv")
        return
    total = series["totals"]["both"]
    show_table(
        rows,
        title=(
            f"{a.upper()}–{b.upper()} by {period} ({count}): {total['cooperative']} cooperative, "
            f"{total['conflictual']} conflictual, balance {total['balance']}"
        ),
    )


@click.command()
@db_option
@since_option
@until_option
@count_option
@click.option(
    "--min-events", type=POSITIVE, default=1, show_default=True, help="drop lighter edges"
)
@click.option(
    "--communities",
    type=click.Choice(["louvain", "greedy"]),
    default="louvain",
    show_default=True,
    help="how communities are found: Louvain or greedy modularity",
)
@click.option(
    "--directed",
    is_flag=True,
    help="ties run from the actor that acted to the one it acted on (default: undirected)",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json", "graphml", "gexf"]),
    default="table",
    show_default=True,
    help="output format",
)
@click.option("--out", type=click.Path(dir_okay=False), default=None, help="write to this file")
@guarded
def network(
    db_path: str | None,
    since: str | None,
    until: str | None,
    count: Count,
    min_events: int,
    communities: Method,
    directed: bool,
    fmt: str,
    out: str | None,
) -> None:
    """The actor network: cooperative and conflictual ties, communities, centrality.

    Tie weights are event counts, never negative: cooperative, conflictual and weight (all
    events), with their balance (-1 to 1) as an attribute. Centrality is PageRank.
    """
    from ..analysis import actor_network, to_gexf, to_graphml

    with open_store(db_path) as store:
        graph = actor_network(
            store.con,
            since=since,
            until=until,
            count=count,
            min_events=min_events,
            communities=communities,
            directed=directed,
        )
    if fmt == "table" and out is None:
        unit = "story events" if count == "story" else "reports"
        nodes = sorted(graph["nodes"], key=lambda n: (-n["centrality"], n["id"]))
        show_table(
            [
                {
                    k: n[k]
                    for k in (
                        "id",
                        "name",
                        "events",
                        "cooperative",
                        "conflictual",
                        "one_sided",
                        "degree",
                        "centrality",
                        "community",
                    )
                }
                for n in nodes
            ],
            title=f"{len(nodes)} actors (events: counted {unit}; one_sided: the other side "
            "unresolved; centrality: PageRank)",
        )
        edges = sorted(graph["edges"], key=lambda e: (-e["events"], e["source"], e["target"]))
        a, b = ("source", "target") if directed else ("a", "b")
        show_table(
            [
                {
                    a: e["source"],
                    b: e["target"],
                    "sign": {1: "+", -1: "-", 0: "0"}[e["sign"]],
                    "balance": e["balance"],
                    "cooperative": e["cooperative"],
                    "conflictual": e["conflictual"],
                    "types": " ".join(f"{t}:{n}" for t, n in e["types"].items()),
                }
                for e in edges
            ],
            title=f"{len(edges)} {'directed ' if directed else ''}ties",
        )
        return
    if fmt == "graphml":
        text = to_graphml(graph)
    elif fmt == "gexf":
        text = to_gexf(graph)
    else:
        text = json.dumps(graph, indent=2, ensure_ascii=False)
    if out:
        Path(out).write_text(text, encoding="utf-8")
        click.echo(f"{len(graph['nodes'])} actors, {len(graph['edges'])} ties -> {out}")
    else:
        click.echo(text)


@click.command()
@db_option
@since_option
@until_option
@count_option
@click.option("--top", type=POSITIVE, default=8, show_default=True, help="actors and dyads to name")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="output format",
)
@guarded
def brief(
    db_path: str | None, since: str | None, until: str | None, count: Count, top: int, fmt: str
) -> None:
    """A plain-language summary of the corpus."""
    from ..analysis import brief as make_brief

    with open_store(db_path) as store:
        result = make_brief(store.con, since=since, until=until, count=count, top=top)
    if fmt == "json":
        click.echo(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        click.echo(result.to_text())


@click.command()
@click.argument("path", type=click.Path(dir_okay=False))
@db_option
@click.option(
    "--table",
    type=click.Choice(["events", "polecat", "stories", "documents", "actors", "dyad_month"]),
    default="events",
    show_default=True,
    help="what to export; polecat: POLECAT-style columns with CAMEO root codes",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["parquet", "csv", "jsonl"]),
    default=None,
    help="file format (default: from the suffix of PATH)",
)
@click.option("--actor", default=None, help="only events with this actor")
@click.option("--type", "types", type=EVENT_TYPE, multiple=True, help="only these PLOVER types")
@since_option
@until_option
@guarded
def export(
    path: str,
    db_path: str | None,
    table: Table,
    fmt: Format | None,
    actor: str | None,
    types: tuple[str, ...],
    since: str | None,
    until: str | None,
) -> None:
    """Export a table of the store as Parquet, CSV or JSONL."""
    from ..analysis import export as write_export

    filters = EventFilter(actor=actor, types=types, since=since, until=until)
    with open_store(db_path) as store:
        n = write_export(store.con, path, table=table, format=fmt, filters=filters)
    click.echo(f"{n} rows ({table}) -> {path}")


COMMANDS: list[click.Command] = [dyad, network, brief, export]
