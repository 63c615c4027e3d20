"""detente: political event data from news reports.

Read reports, find who did what to whom (PLOVER events), keep them in a DuckDB store,
and analyse the system of actors they describe.
"""

from .models import Actor, Article, Event, Extraction, Mention, Place, Sentence, Skipped, Trigger
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
    "Trigger",
    "load_settings",
    "__version__",
]
