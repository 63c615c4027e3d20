"""Fixtures for the nlp tests: the knowledge base, the lexicon, and hand-built parses.

`make_doc` builds a parsed `Doc` over the blank session vocab, so the unit tests of
actors, events and modality need no model. A row is `(word, pos, dep, head)` or
`(word, pos, dep, head, lemma)`; `head` is the absolute index of the head token (the
root points at itself), and the lemma defaults to the word (lower-cased unless PROPN).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from spacy.tokens import Doc
from spacy.vocab import Vocab

from detente.knowledge import KnowledgeBase, load_kb
from detente.nlp.actors import ActorFinder
from detente.nlp.lexicon import Lexicon, load_lexicon

Row = tuple[str, str, str, int] | tuple[str, str, str, int, str]
MakeDoc = Callable[..., Doc]

_NO_SPACE_BEFORE = {".", ",", "'s", ":", ";", "?", "!"}


@pytest.fixture(scope="session")
def nlp():  # type: ignore[no-untyped-def]
    """The pipeline with the rule coder: the tests in this tree pin the rules' behaviour
    (`--coder rules`, which also gives the learned coder its triggers, modes and modality).
    The learned coder's own tests use `learned_nlp`."""
    from detente.nlp.pipeline import build_nlp
    from detente.settings import Settings

    return build_nlp(Settings(coder="rules"))


@pytest.fixture(scope="session")
def learned_nlp():  # type: ignore[no-untyped-def]
    """The default pipeline: the learned pair coder."""
    from detente.nlp.pipeline import build_nlp
    from detente.settings import Settings

    return build_nlp(Settings())


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return load_kb()


@pytest.fixture(scope="session")
def finder(vocab: Vocab, kb: KnowledgeBase) -> ActorFinder:
    return ActorFinder(vocab, kb)


@pytest.fixture(scope="session")
def lexicon() -> Lexicon:
    return load_lexicon()


def _lemma(word: str, pos: str) -> str:
    return word if pos == "PROPN" else word.lower()


@pytest.fixture(scope="session")
def make_doc(vocab: Vocab) -> MakeDoc:
    def make(rows: Sequence[Row], *, ents: Sequence[tuple[int, int, str]] = ()) -> Doc:
        words = [row[0] for row in rows]
        spaces = [
            i + 1 < len(words) and words[i + 1] not in _NO_SPACE_BEFORE for i in range(len(words))
        ]
        lemmas = [row[4] if len(row) == 5 else _lemma(row[0], row[1]) for row in rows]  # type: ignore[misc]
        iob = ["O"] * len(words)
        for start, end, label in ents:
            iob[start] = f"B-{label}"
            for i in range(start + 1, end):
                iob[i] = f"I-{label}"
        return Doc(
            vocab,
            words=words,
            spaces=spaces,
            pos=[row[1] for row in rows],
            deps=[row[2] for row in rows],
            heads=[row[3] for row in rows],
            lemmas=lemmas,
            ents=iob,
        )

    return make
