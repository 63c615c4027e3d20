"""detente: political event data from news reports.

Read reports, find who did what to whom (PLOVER events), keep them in a DuckDB store,
and analyse the system of actors they describe.

In a notebook: `detente.extract(texts_or_paths)` returns events, and `detente.Store(path)`
queries a store (docs/python.md).
"""

from .models import Actor, Article, Event, Extraction, Mention, Place, Sentence, Skipped, Trigger
from .notebook import Store, extract, to_frame
from .settings import Settings, load_settings

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "Event",
    "Extraction",
    "Mention",
    "Place",
    "Sentence",
    "Settings",
    "Skipped",
    "Store",
    "Trigger",
    "extract",
    "load_settings",
    "to_frame",
    "__version__",
]
