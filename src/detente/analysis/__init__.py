"""Analyses over the store: dyad time series, the actor network, briefs and exports.

Every function takes a DuckDB connection (`store.con`) and returns JSON-serialisable
dicts (or a dataclass with `to_dict()`); `count="story"` (default) or `"report"`.
"""

from .brief import Brief, brief
from .export import CAMEO_ROOT, export
from .networks import actor_network, to_gexf, to_graphml, to_networkx
from .timelines import dyad_series

__all__ = [
    "CAMEO_ROOT",
    "Brief",
    "actor_network",
    "brief",
    "dyad_series",
    "export",
    "to_gexf",
    "to_graphml",
    "to_networkx",
]
