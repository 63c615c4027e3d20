"""The exception tree. Every error detente raises on purpose is one of these.

```
DetenteError
├── ConfigError
├── InputError          a document or corpus that cannot be read
├── FetchError
├── ModelNotInstalled
└── StoreError
    └── SchemaTooNew
```

Expected outcomes (an empty or binary file, a non-English document) are not errors:
the reader returns `models.Skipped` with the reason.
"""


class DetenteError(Exception):
    """Base class: interfaces catch this once, at their edge."""


class ConfigError(DetenteError):
    """A setting has a value detente cannot use."""


class InputError(DetenteError):
    """An input path or corpus cannot be read at all."""


class FetchError(DetenteError):
    """A URL or feed could not be fetched."""


class ModelNotInstalled(DetenteError):
    """No spaCy English model is installed."""


class StoreError(DetenteError):
    """The DuckDB store cannot be opened, migrated or written."""


class SchemaTooNew(StoreError):
    """The store was written by a newer detente than this one."""
