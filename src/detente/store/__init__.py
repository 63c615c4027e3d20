"""The DuckDB store: documents, sentences, mentions, actors, events and story events.

```python
from detente.store import Store, EventFilter, find_events

with Store.open("detente.duckdb") as store:
    store.add_extractions(extractions)
    page = find_events(store.con, EventFilter(actor="TUR"), limit=20)
```
"""

from .db import Store
from .feeds import FeedState, feed_states, save_feed_state
from .filters import EventFilter
from .migrations import migrate, schema_version
from .names import actor_names, actor_states
from .queries import (
    EventPage,
    Page,
    actor_roles,
    find_events,
    get_actor,
    get_document,
    get_event,
    list_actors,
    list_documents,
    search,
    store_stats,
    stored_urls,
)
from .schema import SCHEMA_VERSION
from .writes import IngestCounts, text_hash

__all__ = [
    "SCHEMA_VERSION",
    "EventFilter",
    "EventPage",
    "FeedState",
    "IngestCounts",
    "Page",
    "Store",
    "actor_names",
    "actor_roles",
    "actor_states",
    "feed_states",
    "find_events",
    "get_actor",
    "get_document",
    "get_event",
    "list_actors",
    "list_documents",
    "migrate",
    "save_feed_state",
    "schema_version",
    "search",
    "store_stats",
    "stored_urls",
    "text_hash",
]
