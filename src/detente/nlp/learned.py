"""Events from the learned pair coder's answers, and the rule coder's events it confirms.

`PairCoder` (coder.py) gives, for every candidate pair of a sentence (pairs.py), the
probability of each PLOVER type and of NONE. Those answers become `Draft`s in two ways:

- the model's own events: the most probable type when its probability reaches the
  threshold (NONE need not lose outright) and both sides resolve to a code; a symmetric
  type once per pair, the first-mentioned side as source; a source-only event only for a
  mention that is not already the source of a pair event; never a cooperative event with
  what it is aimed against, nor a meeting or a deal with the place where it happens;
- the rule coder's events that the model does not rule out: its probability for the
  rule's type between the same two actors reaches a low floor. Two coders that fail in
  different ways are better together: the rules are precise about triggers and arguments
  they know, the model knows phrasings no lexicon lists and vetoes the rules' mistakes.

The trigger, mode and modality come from the rule coder's event for the same pair when it
found one, else from the parse: the word that joins the two mentions (their lowest common
head), and the modality read off it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import numpy as np
from spacy.tokens import Doc, Token

from ..models import Actor
from ..ontology import COOPERATIVE_QUADS, QUAD_OF, SYMMETRIC
from .anaphora import points_back
from .coder import NONE, Item, Span
from .events import INTERCEPTED, Draft
from .lexicon import Lexicon
from .modality import modality_of
from .pairs import Candidate, named
from .sides import covered, no_partner, scene, where, wider, widest

# rules whose reading the conventions hold against the model's: it learned "X said Moscow
# would face sanctions if ..." or "would respond if NATO deployed ..." as a hypothetical,
# where a warning is a threat made
_OVERRULED = frozenset({"threaten.speech.face", "threaten.speech.respond"})
# what the members of one phrase ("both sides") can only do to each other when each does it
_MUTUAL = frozenset({"CONSULT", "AGREE", "COOPERATE", "RETREAT", "ASSAULT"})


def learned_drafts(
    doc: Doc,
    mentions: Sequence[Candidate],
    pairs: Sequence[tuple[int, int]],
    probs: np.ndarray,
    labels: Sequence[str],
    rule_drafts: Sequence[Draft],
    lexicon: Lexicon,
    *,
    offset: int,
    threshold: float,
    rule_floor: float,
    model: str,
) -> list[Draft]:
    """The sentence's events by the coder; `offset` is where `doc` starts in the document."""
    none = labels.index(NONE)
    rule_drafts = [_as_mentioned(d, mentions, offset) for d in rule_drafts]
    chosen: dict[tuple[str | None, str, str | None], tuple[float, int, int, str]] = {}
    sources_with_pairs: set[int] = set()
    nested = covered(mentions)
    for (s, t), row in sorted(zip(pairs, probs, strict=True), key=lambda pr: pr[0][1] < 0):
        if s in nested or t in nested:
            continue  # "Ahmed Salem" inside "Egypt's foreign minister Ahmed Salem": one side
        events = row.copy()
        events[none] = 0.0
        best = int(np.argmax(events))
        label = labels[best]
        if events[best] < threshold or not named(mentions[s].actor):
            continue
        if label != "COERCE" and where(doc[mentions[s].head], lexicon):
            # "killed in Afghanistan", "a strike near Baghdad airport": where, not who (but
            # whoever is arrested in Rwanda is arrested by Rwanda)
            continue
        if t >= 0 and scene(doc[mentions[t].head], lexicon):
            continue  # "In Beirut, the information minister resigned": where, not to whom
        if t >= 0 and not named(mentions[t].actor):
            # "police detained two journalists": a target no one can name stays a phrase,
            # the widest one standing for its appositions ("Roman P., a former editor")
            t = widest(mentions, t)
        source = mentions[s].actor
        target = mentions[t].actor if t >= 0 else None
        if _internal(label, source, target) or (
            t >= 0
            and QUAD_OF[label] in COOPERATIVE_QUADS
            and any(no_partner(doc[mentions[i].head], label) for i in (s, t))
        ):
            continue
        if t < 0 and s in sources_with_pairs:
            continue
        if label in SYMMETRIC and target is not None and named(target) and t < s:
            s, t = t, s  # one event, the first-mentioned side as source
            source, target = target, source
        key = _key(source, label, target)
        if key not in chosen:
            chosen[key] = (float(events[best]), s, t, label)
        else:
            # one event, the surest answer; told by the widest mentions of its sides ("Abbas
            # Kamel, the head of Egypt's intelligence service" over "the head of ...")
            sure, s0, t0, _ = chosen[key]
            holds = wider(mentions, (s, t), (s0, t0))
            s, t = (s, t) if holds or (holds is None and events[best] > sure) else (s0, t0)
            chosen[key] = (max(sure, float(events[best])), s, t, label)
        if t >= 0:
            sources_with_pairs.add(s)
    # "air defences shot down Ukrainian drones": the attack is Ukraine's, not the defenders'
    stopped = {
        (d.target.code, d.source.code)
        for d in rule_drafts
        if d.rule.endswith(INTERCEPTED) and d.target is not None
    }
    drafts = []
    for confidence, s, t, label in chosen.values():
        if label == "ASSAULT" and t >= 0 and _codes(mentions[s], mentions[t]) in stopped:
            continue
        drafts.append(
            _draft(doc, mentions, s, t, label, confidence, rule_drafts, lexicon, offset, model)
        )
    confirmed = _confirmed(
        rule_drafts, mentions, pairs, probs, labels, set(chosen), model, rule_floor, offset
    )
    confirmed.extend(_pointing_back(doc, rule_drafts, confirmed, drafts, lexicon, offset, model))
    drafts.extend(confirmed)
    # "Germany deployed troops to Lithuania": once the pair is an event, Germany's
    # deployment on its own (or aimed at a phrase no one can name) is the same event
    paired = {_key(d.source, d.type, None) for d in drafts if d.target and d.target.code}
    drafts = [
        d
        for d in drafts
        if (d.target and d.target.code) or _key(d.source, d.type, None) not in paired
    ]
    drafts.extend(_agreed_pullbacks(rule_drafts, drafts, model))
    return sorted(_mutual(drafts), key=lambda d: (d.source.span, d.trigger_span))


def as_listed(
    item: Item, spans: Sequence[Span], probs: np.ndarray, listed: np.ndarray
) -> np.ndarray:
    """A sentence's answers where each listed member's pairs take the answer for the noun that
    lists them (`pairs.without_lists`), except the noun's pairs with its own members."""
    merged = probs.copy()
    for row, (s, t) in enumerate(item.pairs):
        moved = spans[s] != item.spans[s] or (t >= 0 and spans[t] != item.spans[t])
        if moved and (t < 0 or spans[s] != spans[t]):
            merged[row] = listed[row]
    return merged


def _mutual(drafts: list[Draft]) -> list[Draft]:
    """'Troops from both sides are to pull back': the members of one phrase that each do the
    same thing on their own do it to each other."""
    alone = [
        d
        for d in drafts
        if d.target is None and d.type in _MUTUAL and d.source.kind != "person" and d.source.code
    ]
    pairs = [
        (a, b)
        for a in alone
        for b in alone
        if a.type == b.type
        and a.source.code != b.source.code
        and a.source.span[0] < b.source.span[1]
        and b.source.span[0] < a.source.span[1]
    ]
    if not pairs:
        return drafts
    joined = {id(d) for pair in pairs for d in pair}
    each_other = {_key(a.source, a.type, b.source): replace(a, target=b.source) for a, b in pairs}
    kept = [d for d in drafts if id(d) not in joined]
    coded = {_key(d.source, d.type, d.target) for d in kept}
    return kept + [d for key, d in each_other.items() if key not in coded]


def _agreed_pullbacks(
    rule_drafts: Sequence[Draft], drafts: Sequence[Draft], model: str
) -> list[Draft]:
    """The pullbacks a deal provides for: the rules' withdrawal by one party, with no side
    coded, is a withdrawal from the other party when the model codes the two as agreeing in
    the same sentence ("the government and the rebels agreed to a truce and to withdraw their
    forces"). The model gives a pair one type; a truce is both an agreement and a pullback."""
    deals = [
        (d.source, d.target, d.confidence)
        for d in drafts
        if d.type == "AGREE" and d.target is not None and d.source.code and d.target.code
    ]
    seen = {_key(d.source, d.type, d.target) for d in drafts}
    found = []
    for rule in rule_drafts:
        # only a pullback whose other side is unnamed or a mere phrase ("their forces")
        if rule.type != "RETREAT" or (rule.target and rule.target.code) or not rule.source.code:
            continue
        for a, b, confidence in deals:
            other = b if rule.source.code == a.code else a if rule.source.code == b.code else None
            if other is None or _key(rule.source, rule.type, other) in seen:
                continue
            seen.add(_key(rule.source, rule.type, other))
            found.append(
                replace(rule, target=other, confidence=confidence, rule=f"{model}+{rule.rule}")
            )
    return found


def _internal(label: str, source: Actor, target: Actor | None) -> bool:
    """Compatriots meeting or agreeing: a state's own business, not an event between actors."""
    return label in SYMMETRIC and target is not None and source.code == target.code


def _pointing_back(
    doc: Doc,
    rule_drafts: Sequence[Draft],
    confirmed: Sequence[Draft],
    drafts: Sequence[Draft],
    lexicon: Lexicon,
    offset: int,
    model: str,
) -> list[Draft]:
    """The rules' one-sided reactions and joined attacks that point back ("condemned the raid",
    "took part in the strikes"), pending until an earlier event tells their missing side: the
    model sees one sentence and cannot judge a pair whose other side is outside it."""
    coded = {(d.source.code, d.type) for d in [*confirmed, *drafts]}
    return [
        replace(draft, rule=f"{model}+{draft.rule}", pending=True)
        for draft in rule_drafts
        if (draft.target is None or not named(draft.target))
        and named(draft.source)
        and (draft.source.code, draft.type) not in coded
        and points_back(draft, doc, offset, lexicon)
    ]


def _confirmed(
    rule_drafts: Sequence[Draft],
    mentions: Sequence[Candidate],
    pairs: Sequence[tuple[int, int]],
    probs: np.ndarray,
    labels: Sequence[str],
    taken: set[tuple[str | None, str, str | None]],
    model: str,
    floor: float,
    offset: int,
) -> list[Draft]:
    """The rule coder's events that the model does not rule out: its probability for the rule's
    type, between mentions that stand for the same two actors, reaches `floor`."""
    kept = []
    for draft in rule_drafts:
        if draft.target is not None and not named(draft.target):
            # "condemned the attack": aimed at no one named here, it is kept one-sided (and
            # anaphora.py may find whose attack it was)
            draft = replace(draft, target=None)
        key = _key(draft.source, draft.type, draft.target)
        if _internal(draft.type, draft.source, draft.target):
            continue
        if (
            draft.type in SYMMETRIC
            and draft.target is not None
            and _key(draft.target, draft.type, draft.source) in taken
        ):
            continue  # the same meeting or deal, named from the other side
        if (
            not named(draft.source)
            or (draft.target is not None and not named(draft.target))
            or key in taken
        ):
            continue
        column = labels.index(draft.type)
        asked: list[tuple[Actor | None, Actor | None]] = [(draft.source, draft.target)]
        if draft.type in SYMMETRIC:
            asked.append((draft.target, draft.source))
        if (
            draft.target is not None
            and draft.target.kind == "place"
            and not any(_overlap(m, draft.target.span, offset) for m in mentions)
        ):
            # "left Ain al-Asad airbase": a target the rules read off a place is no mention the
            # model saw; what it says of the source alone counts
            asked.append((draft.source, None))
        if draft.target is not None and draft.target.span == draft.source.span:
            # "their governments reached an agreement": the members of one phrase, which the
            # model is asked about alone, never as a pair
            asked.append((draft.source, None))
        support = 0.0
        for (s, t), row in zip(pairs, probs, strict=True):
            sides = (mentions[s], mentions[t] if t >= 0 else None)
            if any(_stand_for(sides, actors, offset) for actors in asked):
                support = max(support, float(row[column]))
        if support >= floor or draft.rule in _OVERRULED:
            taken.add(key)
            kept.append(replace(draft, confidence=round(support, 3), rule=f"{model}+{draft.rule}"))
    return kept


def _as_mentioned(draft: Draft, mentions: Sequence[Candidate], offset: int) -> Draft:
    """A rule event with a side it could not code given the code of the mention at the same
    place, which knows more (a state from a place or the document: `pairs.localize`)."""

    def coded(actor: Actor | None) -> Actor | None:
        if actor is None or actor.code:
            return actor
        for m in mentions:
            if m.actor.code and m.start + offset < actor.span[1] and actor.span[0] < m.end + offset:
                return m.actor
        return actor

    return replace(draft, source=coded(draft.source) or draft.source, target=coded(draft.target))


def _codes(a: Candidate, b: Candidate) -> tuple[str | None, str | None]:
    return a.actor.code, b.actor.code


def _key(source: Actor, label: str, target: Actor | None) -> tuple[str | None, str, str | None]:
    """What makes two events of a sentence the same: their sides (by code, else by text) and
    type."""
    return (source.code or source.text, label, (target.code or target.text) if target else None)


def _stand_for(
    mentions: tuple[Candidate, Candidate | None],
    actors: tuple[Actor | None, Actor | None],
    offset: int,
) -> bool:
    """Whether the mentions name these actors: the same code, or for an actor with no code, an
    overlapping span (`offset`: where the sentence starts in the document)."""
    for mention, actor in zip(mentions, actors, strict=True):
        if mention is None or actor is None:
            if (mention is None) != (actor is None):
                return False
        elif actor.code:
            if mention.actor.code != actor.code:
                return False
        elif not _overlap(mention, actor.span, offset):
            return False
    return True


def _overlap(mention: Candidate, span: tuple[int, int], offset: int) -> bool:
    """Whether a mention overlaps a document span (`offset`: where the sentence starts)."""
    return mention.start + offset < span[1] and span[0] < mention.end + offset


def _draft(
    doc: Doc,
    mentions: Sequence[Candidate],
    s: int,
    t: int,
    label: str,
    confidence: float,
    rule_drafts: Sequence[Draft],
    lexicon: Lexicon,
    offset: int,
    model: str,
) -> Draft:
    source = mentions[s].actor
    target = mentions[t].actor if t >= 0 else None
    ruled = _same_pair(rule_drafts, source.code, target.code if target else None, label)
    if ruled is not None:
        # the rule's trigger and modality; its mode only where it names the same type
        return replace(
            ruled,
            type=label,
            mode=ruled.mode if ruled.type == label else None,
            source=source,
            target=target,
            confidence=round(confidence, 3),
            rule=f"{model}+{ruled.rule}",
        )
    trigger = _joining_word(doc[mentions[s].head], doc[mentions[t].head] if t >= 0 else None)
    modality = modality_of(trigger, lexicon)
    span = (trigger.idx + offset, trigger.idx + len(trigger.text) + offset)
    return Draft(
        type=label,
        mode=None,
        source=source,
        target=target,
        trigger_text=trigger.text,
        trigger_span=span,
        trigger_index=trigger.i,
        modality=modality,
        confidence=round(confidence, 3),
        rule=model,
    )


def _same_pair(
    drafts: Sequence[Draft], source: str | None, target: str | None, label: str
) -> Draft | None:
    """The rule coder's event between the same two actors, preferring one of the same type."""
    same = [
        d
        for d in drafts
        if d.source.code == source and (d.target.code if d.target else None) == target
    ]
    if label in SYMMETRIC:
        same += [
            d
            for d in drafts
            if d.target is not None and d.source.code == target and d.target.code == source
        ]
    same.sort(key=lambda d: d.type != label)
    return same[0] if same else None


def _joining_word(a: Token, b: Token | None) -> Token:
    """The lowest word that governs both mentions (for one mention, the verb it depends on)."""
    path = [a, *a.ancestors]
    if b is not None:
        above_b = {b.i, *(t.i for t in b.ancestors)}
        common = next((t for t in path if t.i in above_b), path[-1])
    else:
        common = a.head
    while common.pos_ not in {"VERB", "NOUN", "AUX"} and common.head != common:
        common = common.head
    if common in (a, b) and common.head != common:
        common = common.head
    return common
