"""The DuckDB store: documents, sentences, mentions, actors, events and story events.

```python
from detente.store import Store, EventFilter, find_events

with Store.open("detente.duckdb") as store:
    store.add_extractions(extractions)
    page = find_events(store.con, EventFilter(actor="TUR"), limit=20)
```
"""

from .db import IngestCounts, Store, text_hash
from .feeds import FeedState, feed_states, save_feed_state
from .migrations import migrate, schema_version
from .names import actor_names, actor_states
from .queries import (
    EventFilter,
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
