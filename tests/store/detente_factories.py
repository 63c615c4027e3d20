"""Hand-built documents and events for store and analysis tests (no spaCy model needed)."""

from __future__ import annotations

from datetime import date

from detente.models import Actor, Article, Event, Extraction, Mention, Place, Sentence, Trigger
from detente.ontology import QUAD_OF


def actor(code: str | None, text: str | None = None, *, start: int = 0, **extra: object) -> Actor:
    text = text or code or "someone"
    return Actor(code=code, text=text, span=(start, start + len(text)), **extra)  # type: ignore[arg-type]


def event(
    doc_id: str,
    sentence: int,
    type_: str,
    source: Actor,
    target: Actor | None,
    *,
    when: str | None = None,
    precision: str = "day",
    evidence: str = "",
    place: str | None = None,
    modality: str = "asserted",
    confidence: float = 0.8,
    trigger: tuple[int, int] = (20, 25),
    mode: str | None = None,
) -> Event:
    return Event(
        doc_id=doc_id,
        sentence=sentence,
        type=type_,
        quad=QUAD_OF[type_],
        source=source,
        target=target,
        trigger=Trigger(text="met", span=trigger),
        evidence=evidence,
        date=when,
        date_precision=precision if when else "unresolved",
        place=Place(name=place) if place else None,
        modality=modality,
        confidence=confidence,
        mode=mode,
        rule="test",
    )


def extraction(
    doc_id: str,
    sentences: list[str],
    events: list[Event],
    *,
    published: date | None = date(2025, 10, 12),
    title: str | None = None,
    url: str | None = None,
) -> Extraction:
    text = " ".join(sentences)
    sents, start = [], 0
    for i, sent in enumerate(sentences):
        sents.append(
            Sentence(doc_id=doc_id, index=i, start=start, end=start + len(sent), text=sent)
        )
        start += len(sent) + 1
    mentions = []
    for e in events:
        for a in (e.source, e.target):
            if a is not None:
                mentions.append(Mention(doc_id=doc_id, sentence=e.sentence, actor=a))
    return Extraction(
        article=Article(id=doc_id, text=text, published=published, title=title or doc_id, url=url),
        sentences=tuple(sents),
        mentions=tuple(mentions),
        events=tuple(events),
    )


def simple(
    doc_id: str, type_: str, source: str, target: str | None, when: str, evidence: str, **kw: object
) -> Extraction:
    """A one-sentence document with one event."""
    e = event(
        doc_id,
        0,
        type_,
        actor(source, kind="state", name=source),
        actor(target, kind="state") if target else None,
        when=when,
        evidence=evidence,
        **kw,  # type: ignore[arg-type]
    )
    return extraction(doc_id, [evidence], [e])


def corpus() -> list[Extraction]:
    """A small corpus modelled on the seed reports: 2017 Türkiye–Iran, 2025 Türkiye–Syria."""
    tur_akar = actor(
        "TUR",
        "Turkey's Chief of General Staff Hulusi Akar",
        name="Hulusi Akar",
        sector="MIL",
        role="chief of general staff",
        kind="person",
    )
    irn = actor("IRN", "Iranian leaders", start=60, kind="state", name="Iran")
    d1 = extraction(
        "d2017a",
        [
            "Turkey's Chief of General Staff Hulusi Akar held talks with senior Iranian leaders "
            "in Tehran.",
            "The two countries rejected the referendum vote in Iraqi Kurdistan.",
            "Iran and Iraq agreed to cooperate on border security.",
        ],
        [
            event(
                "d2017a",
                0,
                "CONSULT",
                tur_akar,
                irn,
                when="2017-10-02",
                place="Tehran",
                evidence=(
                    "Turkey's Chief of General Staff Hulusi Akar held talks with senior Iranian "
                    "leaders in Tehran."
                ),
            ),
            event(
                "d2017a",
                1,
                "REJECT",
                actor("TUR", "Turkey", kind="state"),
                actor("KRG", "Iraqi Kurdistan", start=40, kind="group"),
                when="2017-10-02",
                evidence="The two countries rejected the referendum vote in Iraqi Kurdistan.",
                trigger=(30, 38),
            ),
            event(
                "d2017a",
                1,
                "REJECT",
                actor("IRN", "Iran", start=4, kind="state"),
                actor("KRG", "Iraqi Kurdistan", start=40, kind="group"),
                when="2017-10-02",
                evidence="The two countries rejected the referendum vote in Iraqi Kurdistan.",
                trigger=(30, 38),
            ),
            event(
                "d2017a",
                2,
                "COOPERATE",
                actor("IRN", "Iran", kind="state"),
                actor("IRQ", "Iraq", start=9, kind="state"),
                when="2017-10-02",
                evidence="Iran and Iraq agreed to cooperate on border security.",
            ),
        ],
        published=date(2017, 10, 2),
    )
    d2 = extraction(
        "d2017b",
        [
            "Iranian armed forces chief Mohammad Bagheri met Turkish army chief Akar in Tehran "
            "on Monday."
        ],
        [
            event(
                "d2017b",
                0,
                "CONSULT",
                actor(
                    "IRN",
                    "Mohammad Bagheri",
                    name="Mohammad Bagheri",
                    sector="MIL",
                    role="chief of staff",
                    kind="person",
                ),
                actor("TUR", "Akar", start=60, name="Hulusi Akar", kind="person"),
                when="2017-10-02",
                place="Tehran",
                evidence=(
                    "Iranian armed forces chief Mohammad Bagheri met Turkish army chief Akar in "
                    "Tehran on Monday."
                ),
            ),
        ],
        published=date(2017, 10, 3),
    )
    d3 = extraction(
        "d2025",
        [
            "Turkish Foreign Minister Hakan Fidan met Syrian Foreign Minister Asaad al-Shaibani "
            "in Ankara.",
            "The SDF agreed to a ceasefire with the Syrian government.",
            "ISIS militants attacked a checkpoint in Hasakah, killing four soldiers.",
            "Russia and the United States called for restraint.",
        ],
        [
            event(
                "d2025",
                0,
                "CONSULT",
                actor(
                    "TUR",
                    "Hakan Fidan",
                    name="Hakan Fidan",
                    sector="GOV",
                    role="foreign minister",
                    kind="person",
                ),
                actor(
                    "SYR", "Asaad al-Shaibani", start=40, kind="person", name="Asaad al-Shaibani"
                ),
                when="2025-10-12",
                place="Ankara",
                evidence=(
                    "Turkish Foreign Minister Hakan Fidan met Syrian Foreign Minister "
                    "Asaad al-Shaibani in Ankara."
                ),
            ),
            event(
                "d2025",
                1,
                "AGREE",
                actor("SDF", "The SDF", kind="group"),
                actor("SYR", "the Syrian government", start=40, kind="state"),
                when="2025-10-07",
                evidence="The SDF agreed to a ceasefire with the Syrian government.",
                mode="settle",
            ),
            event(
                "d2025",
                2,
                "ASSAULT",
                actor("ISIS", "ISIS militants", kind="group"),
                actor("SYR", "four soldiers", start=50, sector="MIL"),
                when="2025-10-10",
                place="Hasakah",
                evidence="ISIS militants attacked a checkpoint in Hasakah, killing four soldiers.",
            ),
            event(
                "d2025",
                3,
                "REQUEST",
                actor("RUS", "Russia", kind="state"),
                actor(None, "restraint", start=40),
                when="2025-10-12",
                evidence="Russia and the United States called for restraint.",
            ),
        ],
        published=date(2025, 10, 12),
    )
    return [d1, d2, d3]
