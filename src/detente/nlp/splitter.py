"""Splitting a report into sentences without parsing it: the model's tokenizer, a rule-based
sentencizer, and two rules of our own. A paragraph break or a headline ends a sentence; a
sentence too long for the parser (a run-on list, a transcript) is cut into windows of
clauses. Sentence starts are set in one pass over the document, so a long report is split
in linear time.
"""

from __future__ import annotations

from typing import cast

import spacy
from spacy.language import Language
from spacy.tokens import Doc
from thinc.types import Ints2d

__all__ = ["MAX_SENTENCE_CHARS", "make_splitter"]

MAX_SENTENCE_CHARS = 2000  # a longer sentence is parsed in windows of clauses
_CLAUSE_BREAKS = frozenset({";", ":", ","})
_MAX_SPLIT_CHARS = 50_000_000


def make_splitter(nlp: Language) -> Language:
    """The model's tokenizer with a rule-based sentencizer: cheap enough to run on everything."""
    splitter = spacy.blank("en", vocab=nlp.vocab)
    # no parser here, so no quadratic memory: a long report is split whole, in linear time
    # and memory, and only its sentences go to the parser (the readers cap a report's size)
    splitter.max_length = _MAX_SPLIT_CHARS
    splitter.tokenizer = nlp.tokenizer
    splitter.add_pipe("sentencizer")
    splitter.add_pipe("detente_line_breaks")
    splitter.add_pipe("detente_long_sentences")
    return splitter


@Language.component("detente_line_breaks")
def split_line_breaks(doc: Doc) -> Doc:
    """End a sentence at a paragraph break, and after a headline: a short line with no
    final punctuation followed by a capitalised word ("Talks in Doha\nIndia and ...")."""
    line_start = 0
    starts: list[int] = []
    for token in doc:
        if not (token.is_space and "\n" in token.text) or token.i + 1 >= len(doc):
            continue
        following = doc[token.i + 1]
        line = [t for t in doc[line_start : token.i] if not t.is_space]
        headline = (
            line
            and len(line) < 16
            and not line[-1].is_punct
            and (following.is_title or following.is_upper)  # "Talks in Doha\nDOHA, May 3 -"
        )
        if "\n\n" in token.text or headline:
            starts.append(following.i)
        line_start = token.i + 1
    _start_sentences(doc, starts)
    return doc


@Language.component("detente_long_sentences")
def split_long_sentences(doc: Doc) -> Doc:
    """Cut a sentence longer than the parser is given (a run-on list, a transcript) into
    windows that it can read: each after the window's last ";", ":" or ",", else at a word."""
    starts: list[int] = []
    for sent in doc.sents:
        if len(sent.text) <= MAX_SENTENCE_CHARS:
            continue
        begin = sent.start_char  # where the current window starts
        cut: int | None = None  # the token after the window's last clause break
        for token in sent[1:]:
            if token.idx + len(token.text) - begin > MAX_SENTENCE_CHARS:
                at = token.i if cut is None else cut
                starts.append(at)
                begin, cut = doc[at].idx, None
            if token.text in _CLAUSE_BREAKS and token.i + 1 < sent.end:
                cut = token.i + 1
    _start_sentences(doc, starts)
    return doc


def _start_sentences(doc: Doc, starts: list[int]) -> None:
    """Make the tokens at `starts` open sentences, all at once: each `is_sent_start = True`
    scans the whole document (quadratic in a long report)."""
    if starts:
        marks = doc.to_array(["SENT_START"])
        marks[starts] = 1
        doc.from_array(["SENT_START"], cast(Ints2d, marks))
