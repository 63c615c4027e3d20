"""The exception tree. Every error detente raises on purpose is one of these.

```
DetenteError
├── ClusterError        a Dask cluster lost a partition, or its files cannot be reached
├── ConfigError
├── InputError          a document or corpus that cannot be read
├── FetchError          a URL or feed that cannot be fetched (url, reason)
├── ModelNotInstalled
└── StoreError
    └── SchemaTooNew
```

Expected outcomes (an empty or binary file, a non-English document) are not errors:
the reader returns `models.Skipped` with the reason.
"""

from __future__ import annotations


class DetenteError(Exception):
    """Base class: interfaces catch this once, at their edge."""


class ClusterError(DetenteError):
    """A partition could not be coded on the Dask cluster, or its Parquet file not read."""


class ConfigError(DetenteError):
    """A setting has a value detente cannot use."""


class InputError(DetenteError):
    """An input path or corpus cannot be read at all."""


class FetchError(DetenteError):
    """A URL or feed could not be fetched: `url` and `reason` are kept apart, so that a
    reader can turn the error into `Skipped(source=url, reason=reason)`."""

    def __init__(self, url: str, reason: str) -> None:
        super().__init__(f"cannot fetch {url}: {reason}")
        self.url = url
        self.reason = reason

    def __reduce__(self) -> tuple[type[FetchError], tuple[str, str]]:
        return (type(self), (self.url, self.reason))  # picklable, e.g. across Dask workers


class ModelNotInstalled(DetenteError):
    """No spaCy English model is installed."""


class StoreError(DetenteError):
    """The DuckDB store cannot be opened, migrated or written."""


class SchemaTooNew(StoreError):
    """The store was written by a newer detente than this one."""
