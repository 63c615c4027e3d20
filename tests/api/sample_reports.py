"""Three short reports with hand-coded events whose spans point into their text.

Shared by the API tests and the browser tests (which load this file by path), so neither
needs the spaCy model. The third report is full of HTML and script tags.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from detente.models import Actor, Article, Event, Extraction, Mention, Place, Sentence, Trigger

TOKEN = "s3cret-token"

# (doc id, published, text, events); an event is (type, quad, source, target, trigger, extra)
# where source/target are (code, text, name, kind) and the texts are found in the sentence.
REPORTS: list[tuple[str, date, str, list[tuple[Any, ...]]]] = [
    (
        "ankara-talks",
        date(2025, 10, 12),
        "Ankara, October 12, 2025 – Turkish Foreign Minister Hakan Fidan met Iranian Foreign "
        "Minister Abbas Araghchi in Ankara on Sunday. The two ministers agreed to expand border "
        "security cooperation. Turkey accused Syria of shelling villages near the border.",
        [
            (
                "CONSULT",
                "verbal_cooperation",
                ("TUR", "Turkish Foreign Minister Hakan Fidan", "Hakan Fidan", "person"),
                ("IRN", "Iranian Foreign Minister Abbas Araghchi", "Abbas Araghchi", "person"),
                "met",
                {
                    "date": "2025-10-12",
                    "date_precision": "day",
                    "date_text": "on Sunday",
                    "place": Place(name="Ankara", country="TUR", lat=39.92, lon=32.85),
                    "confidence": 0.9,
                    "rule": "consult.verb.meet",
                    "mode": "visit",
                },
            ),
            (
                "AGREE",
                "verbal_cooperation",
                ("TUR", "The two ministers", "Türkiye", "state"),
                ("IRN", "The two ministers", "Iran", "state"),
                "agreed",
                {"date": "2025-10-12", "confidence": 0.7},
            ),
            (
                "ACCUSE",
                "verbal_conflict",
                ("TUR", "Turkey", "Türkiye", "state"),
                ("SYR", "Syria", "Syria", "state"),
                "accused",
                {"date": "2025-10-12", "confidence": 0.8},
            ),
        ],
    ),
    (
        "tehran-visit",
        date(2025, 11, 3),
        "Tehran, November 3, 2025 – Iran and Turkey signed a trade agreement in Tehran. "
        "Iranian forces shelled Kurdish positions in Iraq, Iraqi officials said.",
        [
            (
                "AGREE",
                "verbal_cooperation",
                ("IRN", "Iran", "Iran", "state"),
                ("TUR", "Turkey", "Türkiye", "state"),
                "signed",
                {
                    "date": "2025-11-03",
                    "place": Place(name="Tehran", country="IRN"),
                    "confidence": 0.85,
                },
            ),
            (
                "ASSAULT",
                "material_conflict",
                ("IRN", "Iranian forces", "Iran", "state"),
                ("IRQ", "Kurdish positions in Iraq", "Iraq", "state"),
                "shelled",
                {"date": "2025-11-03", "confidence": 0.6, "modality": "reported"},
            ),
        ],
    ),
    (
        "xss-report",
        date(2025, 12, 1),
        "Damascus, December 1, 2025 – Syria <script>window.__pwned = 1</script> accused Turkey "
        '<img src=x onerror="window.__pwned = 2"> of <b>aggression</b>.',
        [
            (
                "ACCUSE",
                "verbal_conflict",
                ("SYR", "Syria", "Syria", "state"),
                ("TUR", 'Turkey <img src=x onerror="window.__pwned = 2">', "Türkiye", "state"),
                "accused",
                {"date": "2025-12-01", "confidence": 0.75},
            ),
        ],
    ),
]


def _sentences(doc_id: str, text: str) -> list[Sentence]:
    sentences, start = [], 0
    for i, piece in enumerate(text.split(". ")):
        end = start + len(piece) + (1 if start + len(piece) < len(text) else 0)
        sentences.append(
            Sentence(doc_id=doc_id, index=i, start=start, end=end, text=text[start:end])
        )
        start = end + 1
    return sentences


def _actor(sentence: Sentence, text: str, spec: tuple[str, str, str, str]) -> Actor:
    code, phrase, name, kind = spec
    at = text.index(phrase, sentence.start)
    return Actor(code=code, text=phrase, span=(at, at + len(phrase)), name=name, kind=kind)


def build_extractions(
    reports: list[tuple[str, date, str, list[tuple[Any, ...]]]] = REPORTS,
) -> list[Extraction]:
    """Extractions whose spans point at the phrases in each report's text."""
    extractions = []
    for doc_id, published, text, specs in reports:
        sentences = _sentences(doc_id, text)
        events, mentions = [], []
        for etype, quad, source_spec, target_spec, trigger_text, extra in specs:
            trigger_at = text.index(trigger_text)
            sentence = next(s for s in sentences if s.start <= trigger_at < s.end + 1)
            source = _actor(sentence, text, source_spec)
            target = _actor(sentence, text, target_spec)  # "the two ministers" fills both roles
            trigger = Trigger(text=trigger_text, span=(trigger_at, trigger_at + len(trigger_text)))
            events.append(
                Event(
                    doc_id=doc_id,
                    sentence=sentence.index,
                    type=etype,
                    quad=quad,
                    source=source,
                    target=target,
                    trigger=trigger,
                    evidence=sentence.text,
                    **extra,
                )
            )
            mentions += [
                Mention(doc_id=doc_id, sentence=sentence.index, actor=a) for a in (source, target)
            ]
        article = Article(
            id=doc_id,
            text=text,
            title=f"Report {doc_id}",
            source=f"{doc_id}.txt",
            published=published,
        )
        extractions.append(
            Extraction(
                article=article,
                sentences=tuple(sentences),
                mentions=tuple(mentions),
                events=tuple(events),
            )
        )
    return extractions


def fake_extract(articles: Iterable[Article]) -> Iterator[Extraction]:
    """Stands in for the spaCy pipeline: one ACCUSE where Syria accused Turkey."""
    for article in articles:
        reports = [(article.id, article.published or date(2025, 12, 2), article.text, [])]
        extraction = build_extractions(reports)[0]
        text = article.text
        if "accused" in text and "Syria" in text and "Turkey" in text:
            extraction = build_extractions(
                [
                    (
                        article.id,
                        article.published or date(2025, 12, 2),
                        text,
                        [
                            (
                                "ACCUSE",
                                "verbal_conflict",
                                ("SYR", "Syria", "Syria", "state"),
                                ("TUR", "Turkey", "Türkiye", "state"),
                                "accused",
                                {"confidence": 0.7},
                            ),
                        ],
                    )
                ]
            )[0]
        yield Extraction(
            article=article,
            sentences=extraction.sentences,
            mentions=extraction.mentions,
            events=extraction.events,
        )
