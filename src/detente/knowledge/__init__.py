"""The actor knowledge base: states, organisations, titles, sector nouns and persons."""

from detente.knowledge.kb import (
    SECTORS,
    Alias,
    Entity,
    KnowledgeBase,
    Person,
    Role,
    Title,
    load_kb,
    normalize,
    plain,
    strip_diacritics,
)

__all__ = [
    "SECTORS",
    "Alias",
    "Entity",
    "KnowledgeBase",
    "Person",
    "Role",
    "Title",
    "load_kb",
    "normalize",
    "plain",
    "strip_diacritics",
]
