"""Event coding: triggers from the lexicon, arguments from the dependency parse.

For each verb the lexicon knows (or a light verb whose object is a trigger noun: "held
talks", "reached an agreement", "imposed sanctions"), the source is the subject (or the
agent of a passive, or the subject of the verb that controls it: "vowed to work with"),
and the target the object, a "with/against/on/to" phrase, or the object of the trigger
noun ("talks with Iraq"). Coordination gives one event per actor pair; a symmetric event
with a compound subject and no target pairs the subject's members ("Ankara, Tehran and
Moscow reached an agreement"). Speech verbs add two rules: "X said Y must ..." is a
REQUEST from X to Y, and "X said Y undermines ..." an ACCUSE. Nouns that head their own
phrase ("ISIS attacks", "Bagheri's visit to Ankara") are triggers too, at lower confidence.

One piece, over 500 lines: the trigger rules and the argument finder share one `_Coder`
state (the sentence's mentions, memory and places) and call one another (a light verb
hands its object noun back to the trigger search, a control verb its subject to the
argument search). Its word lists are data in `patterns/`.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace

from spacy.tokens import Doc, Token

from ..models import Actor, Place
from ..ontology import COOPERATIVE_QUADS, QUAD_OF, SYMMETRIC
from .actors import (
    ActorFinder,
    DocMemory,
    Match,
    among,
    conjuncts,
    entity_name,
    is_actor_like,
    phrase_tokens,
    quantified,
    resolve,
)
from .lexicon import Lexicon, Rule
from .modality import announced, modality_of

_SUBJ = {"nsubj", "csubj", "expl"}
_PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
_OBJ = {"dobj", "obj", "dative", "attr", "oprd"}
_COOPERATIVE = {name for name, quad in QUAD_OF.items() if quad in COOPERATIVE_QUADS}
_TRANSFER = {"AID", "RETREAT", "SANCTION", "MOBILIZE", "CONCEDE", "AGREE"}
_OWN = {"its", "their", "his", "her", "our", "my", "own"}
_PREDICATES = {"oprd", "ccomp", "xcomp"}
INTERCEPTED = ".intercepted"  # ends the rule of an attack read off its interception
EVENT_NOUNS = ("attack", "decision")  # the classes of nouns that point back to an event
_POINTING_CLASSES = frozenset(f"event_nouns_{k}" for k in EVENT_NOUNS)
# determiners of a noun that points back to something already said ("the raid", "its decision")
DEFINITE = frozenset({"the", "this", "that", "these", "those", "its", "their"})
_FRAMING = {"REQUEST", "THREATEN", "REJECT", "AGREE", "ACCUSE"}
# what one side alone can agree to do to another: its decision is the act
_DECIDED = {"SANCTION", "COERCE", "ASSAULT", "MOBILIZE"}
# PLOVER codes a promise or intent to act ("will release", "is scheduled to meet", CAMEO 03x
# "express intent to ...") as AGREE; the record keeps modality "planned" or "expected"
_PROMISABLE = {"RETREAT", "CONCEDE", "COOPERATE", "AID", "CONSULT"}
_LOCATIVE = {"in", "at", "inside", "near", "outside", "across", "throughout", "along"}
_TARGET_PREPS = {
    "CONSULT": ("with", "to", "between", "in", "at"),
    "AGREE": ("with", "between", "on", "to"),
    "COOPERATE": ("with", "between", "to", "for", "in"),
    "SUPPORT": ("to", "for", "behind", "with", "of", "in"),
    "AID": ("to", "for", "into", "in", "from"),
    "CONCEDE": ("to", "for", "with", "from"),
    "RETREAT": ("from", "to", "with", "in"),
    "REQUEST": ("on", "to", "for", "from", "upon"),
    "ACCUSE": ("against", "of", "for", "into", "on", "over", "with"),
    "REJECT": ("from", "of", "with", "to", "on", "against"),
    "THREATEN": ("against", "to", "with", "on", "for"),
    "PROTEST": ("against", "outside", "with", "at", "in", "on", "over"),
    "SANCTION": ("on", "against", "with", "to", "from", "for", "in"),
    "MOBILIZE": ("against", "to", "in", "along", "near", "on", "into", "at"),
    "COERCE": ("in", "from", "at", "on", "against"),
    "ASSAULT": ("on", "against", "in", "at", "into", "near", "inside", "across", "with"),
}


@dataclass(frozen=True)
class Draft:
    """An event before the pipeline adds date, place and contexts (offsets are in the document)."""

    type: str
    mode: str | None
    source: Actor
    target: Actor | None
    trigger_text: str
    trigger_span: tuple[int, int]
    trigger_index: int  # token index in the sentence doc, for dates and places nearby
    modality: str
    confidence: float
    rule: str
    # one-sided and pointing back ("took part in the raids"): an event only if an earlier one
    # tells its missing side (`anaphora.resolve_back` fills it in or drops the draft)
    pending: bool = False


def _definite(noun: Token) -> bool:
    """'the raid', 'this move', 'its decision': a noun that points back to something said."""
    return any(c.lower_ in DEFINITE for c in noun.children if c.i < noun.i)


def find_events(
    doc: Doc,
    matches: Sequence[Match],
    memory: DocMemory,
    finder: ActorFinder,
    lexicon: Lexicon,
    *,
    offset: int = 0,
    places: Sequence[tuple[int, int, Place]] = (),
) -> list[Draft]:
    """Every event the sentence `doc` states; spans are shifted by `offset` into the document.

    `places` are the gazetteer's hits in the sentence (character offsets in `doc`): a
    target that == only a place ("left Ain al-Asad airbase") stands for its country.
    """
    coder = _Coder(doc, matches, memory, finder, lexicon, offset, places)
    drafts: list[Draft] = []
    seen: set[tuple[object, ...]] = set()
    for draft in coder.run():
        key = (
            draft.type,
            draft.source.span,
            draft.target.span if draft.target else None,
            draft.trigger_span,
        )
        if key not in seen:
            seen.add(key)
            drafts.append(draft)
    return drafts


class _Coder:
    def __init__(
        self,
        doc: Doc,
        matches: Sequence[Match],
        memory: DocMemory,
        finder: ActorFinder,
        lexicon: Lexicon,
        offset: int,
        places: Sequence[tuple[int, int, Place]],
    ) -> None:
        self.doc, self.matches, self.memory = doc, matches, memory
        self.finder, self.lexicon, self.offset = finder, lexicon, offset
        self.light = lexicon.word_class("light_verbs")
        self.speech = lexicon.word_class("speech_verbs")
        self._cache: dict[int, list[Actor]] = {}
        self.consumed: set[int] = set()  # noun triggers already used by a light verb
        self.suppressed: set[int] = set()  # clauses that are the content of a request or accusation
        self.places = places

    # -- triggers ---------------------------------------------------------------------------

    def run(self) -> Iterator[Draft]:
        for token in self.doc:
            if token.pos_ == "VERB" and token.lemma_ in self.speech:
                yield from self._speech(token)
        for token in self.doc:
            if token.i in self.suppressed:
                continue
            if token.pos_ in {"VERB", "AUX"} or (token.pos_ == "ADJ" and token.dep_ == "acomp"):
                yield from self._verb(token)
        for token in self.doc:
            if token.pos_ in {"NOUN", "PROPN"} and token.i not in self.consumed:
                yield from self._noun(token)

    def _verb(self, verb: Token) -> Iterator[Draft]:
        lemma = verb.lemma_.lower()
        obj = self._object(verb)
        noun = self._noun_trigger(quantified(obj) or obj) if obj is not None else None
        if lemma in self.light:
            # "went on strike", "took to the streets", "put its troops on high alert"
            for prep in verb.children:
                if prep.dep_ == "prep" and prep.lower_ in {"on", "into", "in", "to"}:
                    pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                    found = self._noun_trigger(pobj) if pobj is not None else None
                    if found is not None and found[1].type in {"PROTEST", "MOBILIZE", "ASSAULT"}:
                        noun = found
        if noun is None and lemma in self.light and self._agent(verb) is not None:
            # "the attack was carried out by a veteran ELN member"
            done = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
            noun = self._noun_trigger(done) if done is not None else None
        claimed = self._claimed(verb, obj)
        if claimed is not None:
            # "ISIS claimed responsibility for the bombing": the claimant did it
            noun, lemma = claimed, "claim"
        called_off = (
            noun is not None
            and noun[1].type in SYMMETRIC
            and any(c.dep_ == "prt" and c.lower_ == "off" for c in verb.children)
        )
        rule = self._verb_rule(verb, lemma, obj)
        if (
            noun is not None
            and (lemma in self.light or claimed or called_off)
            and not self._judged(verb, noun[0])
        ):
            noun_token, noun_rule = noun
            if called_off:
                # "called off a visit to Turkey", "broke off talks with the ELN": a sanction
                kind = noun_rule.id.split(".", 1)[1]
                noun_rule = replace(
                    noun_rule, id=f"sanction.{kind}", type="SANCTION", mode="suspend"
                )
                lemma += ".off"
            self.consumed.add(noun_token.i)
            yield from self._events(
                verb,
                noun_rule,
                trigger=noun_token,
                frame=noun_token,
                rule_id=f"{noun_rule.id}.{lemma}",
                weight=noun_rule.weight,
            )
            return
        if (
            rule is not None
            and rule.type == "REQUEST"
            and lemma in self.lexicon.word_class("command_verbs")
        ):
            rule = self._commanded(verb) or rule
        if rule is not None:
            drafts = list(
                self._events(
                    verb, rule, trigger=verb, frame=verb, rule_id=rule.id, weight=rule.weight
                )
            )
            if rule.type == "ASSAULT" and obj is not None and self._intercepted(verb, obj):
                drafts = self._interceptions(drafts, obj)
            decided = self._decided(verb, drafts) if rule.type == "AGREE" else None
            if decided is not None:
                # "EU leaders agreed to ban Belarusian airlines": with no partner, agreeing is
                # deciding, and the measure decided is the event
                drafts = []
            elif rule.type in _FRAMING:
                # "urged the SDF to abandon ...", "agreed to strengthen ...": the clause is the
                # content of this event, not an event of its own
                for child in verb.children:
                    if child.dep_ in {"xcomp", "ccomp"}:
                        self.suppressed.update(
                            t.i for t in child.subtree if t.pos_ in {"VERB", "AUX"}
                        )
            yield from drafts

    def _verb_rule(self, verb: Token, lemma: str, obj: Token | None) -> Rule | None:
        rules = self.lexicon.verbs.get(lemma)
        if not rules:
            return None
        if lemma in self.lexicon.word_class("weak_governors") and any(
            c.dep_ == "xcomp" for c in verb.children
        ):
            return None  # "seeking to address", "plans to visit": the clause below is the event
        preps = {c.lower_ for c in verb.children if c.dep_ in {"prep", "prt", "advmod"}}
        if obj is not None and obj.dep_ == "pobj":
            preps.discard(obj.head.lower_)  # "flew in supplies" is no visit "in" a place
        grievances = self.lexicon.word_class("grievance_nouns")
        preps |= {p.lower_ for p in _nested_preps(verb, grievances)}
        obj_words = set()
        if obj is not None:
            # "the right to retaliate": what the object is for says what it is
            obj_words = {obj.lemma_.lower(), obj.lower_} | {
                c.lemma_.lower()
                for c in obj.children
                if c.dep_ in {"compound", "amod", "acl", "nmod"}
            }
            obj_words |= {t.lemma_.lower() for t in obj.subtree if t.dep_ == "pobj"}
            obj_words |= {c.lemma_.lower() for c in obj.conjuncts}  # "teams and supplies"
        for rule in rules:
            if rule.prep and not (preps & rule.prep):
                continue
            if rule.object_class == "actor":
                naming = any(c.dep_ in {"oprd", "xcomp", "ccomp"} for c in verb.children)
                if obj is None or naming or obj.lower_ == "it" or not self._is_actor_like(obj):
                    continue
            elif rule.object_class:
                words = set(obj_words)
                if rule.object_class not in _POINTING_CLASSES:
                    # "branded them terrorists": the judgement may name the class; an event
                    # noun must be the object itself ("called for an inquiry into the killings"
                    # judges nothing)
                    words |= {
                        t.lemma_.lower()
                        for t in verb.subtree
                        if t.dep_ in {"xcomp", "oprd", "pobj", "acomp"}
                    }
                if not words & self.lexicon.object_classes[rule.object_class]:
                    continue
            if rule.subject_words:
                subject = self._subject(verb)[0]
                words = {t.lower_ for t in subject.subtree} if subject is not None else set()
                if not words & rule.subject_words:
                    continue
            if rule.subject_sectors:
                sectors = (
                    {a.sector for a in self._actors(self._subject(verb)[0])}
                    if self._subject(verb)[0] is not None
                    else set()
                )
                if not sectors & rule.subject_sectors:
                    continue
            return rule
        return None

    def _points_back(self, verb: Token) -> bool:
        """The verb's object is a definite event noun ("the raid", "its decision")."""
        obj = self._object(verb)
        if obj is None or not _definite(obj):
            return False
        words = {obj.lemma_.lower(), obj.lower_}
        return any(words & self.lexicon.word_class(f"event_nouns_{k}") for k in EVENT_NOUNS)

    def _judged(self, verb: Token, noun: Token) -> bool:
        """'called the attack hideous', 'called the downing a stab in the back': what a naming
        verb says of a definite event is a judgement of it, not a light verb's event ('called
        a strike' is one)."""
        if verb.lemma_.lower() not in self.lexicon.word_class("naming_verbs"):
            return False
        if not _definite(noun):
            return False
        # the judgement: a second complement ("hideous", "a stab"), which the parser may hang
        # on the noun ("the killing an act of terrorism")
        predicate = any(c.dep_ in _PREDICATES for c in verb.children) or any(
            c.dep_ in {"dobj", "attr", *_PREDICATES} for c in noun.children
        )
        return predicate or noun.head.i != verb.i

    def _commanded(self, verb: Token) -> Rule | None:
        """'ordered the newspaper to suspend publication', 'ordered them jailed': the act
        ordered."""
        for child in verb.children:
            if child.dep_ in {"xcomp", "ccomp", "oprd"} and child.pos_ in {"VERB", "ADJ"}:
                for rule in self.lexicon.verbs.get(child.lemma_.lower(), ()):
                    if rule.type in {"COERCE", "ASSAULT", "SANCTION"} and not rule.conditional:
                        return replace(rule, id=f"{rule.id}.ordered")
        return None

    def _noun_trigger(self, token: Token) -> tuple[Token, Rule] | None:
        """The noun trigger a phrase is headed by ('talks', 'air strikes', 'a ceasefire')."""
        compound = " ".join(
            c.lemma_.lower() for c in token.children if c.dep_ == "compound" and c.i == token.i - 1
        )
        of = next((p for p in token.children if p.dep_ == "prep" and p.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        keys = [f"{token.lemma_.lower()} of {pobj.lower_}"] if pobj is not None else []
        keys += [
            f"{compound} {token.lemma_.lower()}".strip(),
            f"{compound} {token.lower_}".strip(),
            token.lemma_.lower(),
            token.lower_,
        ]
        for key in keys:
            for rule in self.lexicon.nouns.get(key, ()):
                if rule.subject_sectors and not self._subject_sectors(token) & rule.subject_sectors:
                    continue
                return token, rule
        return None

    def _subject_sectors(self, noun: Token) -> set[str | None]:
        """Sectors of the subject of the verb a noun depends on ('workers staged a strike')."""
        verb = noun.head.head if noun.dep_ == "pobj" else noun.head
        subject, _ = self._subject(verb) if verb.pos_ in {"VERB", "AUX"} else (None, False)
        owners = [c for c in noun.children if c.dep_ in {"poss", "compound", "amod"}]
        heads = ([subject] if subject is not None else []) + owners
        return {a.sector for h in heads for a in resolve(h, self.matches, self.memory, self.finder)}

    def _ended(self, noun: Token) -> bool:
        """Whether a trigger noun is what is lifted or ended ("would lift the sanctions", "the
        lifting of U.S. sanctions", "the sanctions were suspended")."""
        head = noun.head
        if noun.dep_ == "pobj" and head.lower_ == "of":
            head = head.head
        elif noun.dep_ not in {"dobj", "nsubjpass"}:
            return False
        return head.lemma_.lower() in self.lexicon.word_class("ending_verbs") or (
            head.lower_ in self.lexicon.word_class("ending_nouns")
        )

    def _noun(self, token: Token) -> Iterator[Draft]:
        """A trigger noun heading its own phrase: "ISIS attacks", "Bagheri's visit to Ankara"."""
        found = self._noun_trigger(token)
        if found is None or token.dep_ in {"compound", "amod"}:
            return
        _, rule = found
        if self._ended(token):
            if rule.type != "SANCTION":
                return  # "suspended the talks": no meeting
            # "the lifting of all U.S. sanctions on Syria": a concession, as the conventions code it
            rule = replace(rule, id="concede.noun.lifting", type="CONCEDE", mode="ease_sanctions")
        owners = [
            c
            for c in token.children
            if c.dep_ in {"poss", "compound", "amod"}
            and c.i < token.i
            and (c.pos_ != "PRON" or c.lower_ in {"his", "her"})
        ]
        sources = [a for c in owners for a in self._actors(c) if a.code]
        if not sources and token.dep_ == "pobj" and token.head.lower_ == "of":
            return
        if not sources:
            return
        targets = [a for a in self._prep_targets(token, rule.type) if a.code]
        if not targets and rule.type not in {"ASSAULT", "PROTEST", "MOBILIZE"}:
            return
        modality = modality_of(token, self.lexicon)
        yield from self._pairs(
            sources,
            targets,
            rule,
            token,
            modality,
            weight=rule.weight - 0.15,
            rule_id=f"{rule.id}.noun",
        )

    def _speech(self, verb: Token) -> Iterator[Draft]:
        """'X said Y must ...' -> REQUEST; 'X said Y undermines ...' -> ACCUSE."""
        clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if clause is None:
            return
        speaker, _ = self._subject(verb)
        subject, _ = self._subject(clause)
        if speaker is None or subject is None:
            return
        sources = self._actors(speaker)
        targets = self._actors(subject)
        aux = {c.lower_ for c in clause.children if c.dep_ in {"aux", "auxpass"}}
        if aux & {"must", "should"} or any(
            c.lemma_ == "need" for c in clause.children if c.dep_ == "aux"
        ):
            rule = Rule(id="request.speech.must", type="REQUEST", mode="urge", weight=0.65)
        elif clause.lemma_.lower() in self.lexicon.word_class("negative_evaluatives"):
            rule = Rule(id="accuse.speech.negative", type="ACCUSE", mode="allege", weight=0.65)
        elif self._consequence(clause):
            # "X said Moscow would face more sanctions if ...": a warning to Moscow
            rule = Rule(id="threaten.speech.face", type="THREATEN", mode="warn", weight=0.7)
        elif (provoker := self._provoker(clause)) is not None:
            # "Putin said Moscow would respond in kind if NATO deployed troops": a warning to
            # whoever the condition names
            rule = Rule(id="threaten.speech.respond", type="THREATEN", mode="warn", weight=0.7)
            targets = self._actors(provoker)
        else:
            return
        self.suppressed.add(clause.i)
        self.suppressed.update(c.i for c in conjuncts(clause))
        yield from self._pairs(
            sources,
            targets,
            rule,
            clause,
            "asserted",
            weight=rule.weight,
            rule_id=rule.id,
            trigger_token=verb,
        )

    def _provoker(self, clause: Token) -> Token | None:
        """The subject of the condition under which a side says it would hit back ("would
        respond in kind if NATO deployed troops", "will retaliate if attacked by Israel")."""
        if not _future(clause):
            return None
        verbs = [clause, *(c for c in clause.children if c.dep_ == "xcomp")]
        if not any(v.lemma_.lower() in self.lexicon.word_class("retaliation_verbs") for v in verbs):
            return None
        for verb in verbs:
            for condition in verb.children:
                if condition.dep_ == "advcl" and any(
                    c.dep_ == "mark" and c.lower_ in {"if", "unless"} for c in condition.children
                ):
                    subject, passive = self._subject(condition)
                    return self._agent(condition) if passive or subject is None else subject
        return None

    def _consequence(self, clause: Token) -> bool:
        """'would face sanctions', 'will pay a heavy price': harm the speaker says will come."""
        if clause.lemma_.lower() not in self.lexicon.word_class("consequence_verbs"):
            return False
        if not _future(clause):
            return False
        obj = self._object(clause)
        harms = self.lexicon.object_classes["threat"]
        return obj is not None and any(
            {t.lemma_.lower(), t.lower_} & harms for t in [obj, *conjuncts(obj)]
        )

    # -- arguments --------------------------------------------------------------------------

    def _events(
        self, verb: Token, rule: Rule, *, trigger: Token, frame: Token, rule_id: str, weight: float
    ) -> Iterator[Draft]:
        subject, passive = self._subject(verb)
        if subject is None:
            return
        if passive:
            agent = self._agent(verb)
            # "the attack on the school was carried out by ...": the noun's own phrases hold
            # its target
            targets = (
                self._struck(frame) if subject == frame and frame != verb else self._actors(subject)
            )
            sources = self._actors(agent) if agent is not None else []
            if not sources and rule.type == "COERCE":
                # "was arrested in Rwanda": the authorities of the place did it
                sources = [a for a in self._prep_targets(verb, rule.type, only=("in",)) if a.code]
            if not sources:
                return
        else:
            sources = [
                a
                for s in self._siblings(subject)
                for a in self._actors(s)
                if a.code or a.sector or a.kind == "person" or self._is_agent(s)
            ]
            sources = sources or self._instrument_agents(subject)
            if rule.mode == "mediate":
                targets = self._mediated(verb, frame)
            elif (rule.type in SYMMETRIC or rule.mode == "recognize") and len(
                [a for a in sources if a.code]
            ) > 1:
                # "Ankara, Tehran and Moscow reached an agreement": the subject's members are the
                # pairs
                targets = self._prep_targets(frame, rule.type, only=("with", "between"))
                if frame != verb:
                    targets = targets or self._prep_targets(
                        verb, rule.type, only=("with", "between")
                    )
            elif frame != verb and self._claimed(verb, self._object(verb)) is not None:
                targets = self._struck(frame)
            else:
                targets = self._targets(verb, rule.type, frame, prefer=rule.prep)
        modality = modality_of(trigger, self.lexicon, verb=verb if trigger != verb else None)
        event_rule = rule
        if rule.type == "MOBILIZE" and len({a.code for a in sources if a.code}) > 1 and not targets:
            # "the armies of Brazil and Argentina held war games": mobilizing together is
            # cooperation
            event_rule = rule = replace(rule, type="COOPERATE", mode="military")
        if (
            rule.type == "COERCE"
            and rule.mode == "ban"
            and targets
            and all(self.finder.kb.is_state(t.code) for t in targets)
            and not {t.code for t in targets} & {s.code for s in sources}
        ):
            # "banned Belarusian airlines": a ban on another state's people is a sanction
            event_rule = rule = replace(rule, type="SANCTION", mode="economic")
        if rule.mode == "ceasefire" and (
            len({a.code for a in sources if a.code}) > 1
            or verb.lemma_.lower() in self.lexicon.word_class("agreeing_verbs")
        ):
            # a ceasefire two sides announce or reach is an agreement; one side's is a retreat
            event_rule = rule = replace(rule, type="AGREE")
        if modality == "negated" and rule.type in _COOPERATIVE:
            event_rule = replace(rule, type="REJECT", mode="refuse")
            rule_id += ".negated"
            modality = "asserted"
        elif modality == "planned" and rule.type == "ASSAULT" and announced(verb, self.lexicon):
            # "Iran said it would strike Israel": an attack a side announces is its threat
            event_rule = replace(rule, type="THREATEN", mode="warn")
            rule_id += ".said"
            modality = "asserted"
        elif modality in {"planned", "expected"} and rule.type in _PROMISABLE:
            event_rule = replace(rule, type="AGREE", mode="agree")
            rule_id += ".promise"
        if self._inside_outer_trigger(verb):
            weight -= 0.2
        yield from self._pairs(
            sources, targets, event_rule, trigger, modality, weight=weight, rule_id=rule_id
        )

    def _pairs(
        self,
        sources: list[Actor],
        targets: list[Actor],
        rule: Rule,
        trigger: Token,
        modality: str,
        *,
        weight: float,
        rule_id: str,
        trigger_token: Token | None = None,
    ) -> Iterator[Draft]:
        anchor = trigger_token or trigger
        text = anchor.text
        span = (anchor.idx + self.offset, anchor.idx + len(anchor.text) + self.offset)
        sources = [s for s in sources if self._keep(s)]
        if not sources:
            return
        # "hailed the decision as a victory for Ukraine", said by Ukraine: no target of its own
        targets = [
            t
            for t in targets
            if self._keep(t) and not all(_same(s, t) or _home(s, t) for s in sources)
        ]
        settings = [p for p in self.memory.settings if all(p.code != s.code for s in sources)]
        if (
            rule.type == "AID"
            and len(settings) == 1
            and self._carried_in(anchor) is not None
            and not any(t.code for t in targets)
        ):
            # "China and India have flown in rescue teams", filed from Yangon: "in" is there
            targets = settings
        symmetric = (
            rule.type in SYMMETRIC
            or rule.id.split(".")[0].upper() in SYMMETRIC
            or rule.mode == "recognize"
        )
        reciprocal = _reciprocal(anchor, self.lexicon)
        pairs: Sequence[tuple[Actor, Actor | None]]
        if (
            # "was signed by Aliyev, Pashinyan and Putin": the signed text is no party
            (not any(t.code for t in targets) or reciprocal)
            and (symmetric or reciprocal)
            and len(sources) > 1
            and rule.mode != "mediate"
        ):
            sides = [(a, b) for i, a in enumerate(sources) for b in sources[i + 1 :]]
            if reciprocal and not symmetric:  # "traded fire": each side did it to the other
                sides += [(b, a) for a, b in sides]
            pairs = sides
        elif not targets:
            # "ISIS attacks ... in Hasakah": an attack, protest or deployment with no target
            # is aimed at the place it happens in, when the gazetteer knows it
            target = self._place_of(trigger)
            if rule.type in {"ASSAULT", "PROTEST", "MOBILIZE"}:
                pairs = [(s, target) for s in sources]
            elif self._points_back(trigger):
                # "called the killing an act of terrorism": the killer is named before, and
                # `anaphora.resolve_back` finds them
                pairs = [(s, None) for s in sources]
            else:
                pairs = []
        else:
            pairs = [(s, t) for s in sources for t in targets]
        for source, target in pairs:
            if target is not None and _same(source, target):
                continue
            confidence = (
                weight
                + (0.05 if source.code else -0.1)
                + (0.05 if target is not None and target.code else -0.05)
            )
            if modality != "asserted":
                confidence -= 0.05
            yield Draft(
                type=rule.type,
                mode=rule.mode,
                source=source,
                target=target,
                trigger_text=text,
                trigger_span=span,
                trigger_index=anchor.i,
                modality=modality,
                confidence=max(0.05, min(0.99, confidence)),
                rule=rule_id,
            )

    def _subject(self, verb: Token) -> tuple[Token | None, bool]:
        """The subject of verb (climbing control and coordination chains), and whether it is
        passive."""
        token = verb
        for _ in range(5):
            for child in token.children:
                if child.dep_ in _SUBJ and child.pos_ != "SCONJ":
                    return child, False
                if child.dep_ in _PASSIVE_SUBJ:
                    return child, token == verb
            if token.dep_ in {"xcomp", "conj", "acomp"} and token.head != token:
                # object control: "urged the SDF to abandon" -> the SDF is the subject
                if token.dep_ == "xcomp":
                    obj = next((c for c in token.head.children if c.dep_ in {"dobj", "obj"}), None)
                    if obj is not None and token.head.lemma_.lower() not in self.light:
                        return obj, False
                token = token.head
                continue
            if token.dep_ == "relcl" and token.head.pos_ in {"NOUN", "PROPN"}:
                return token.head, False
            if (
                token.dep_ in {"advcl", "pcomp"}
                and token.tag_ == "VBG"
                and token.head.pos_ == "VERB"
            ):
                # "..., signaling improved cooperation": the main clause's subject
                token = token.head
                continue
            break
        return self._participle_subject(verb), False

    @staticmethod
    def _participle_subject(verb: Token) -> Token | None:
        """'Kerry and Lavrov, meeting in New York, agreed ...', parsed with the subject on the
        participle clause before the verb: that subject is the verb's too."""
        for child in verb.children:
            if child.dep_ == "advcl" and child.tag_ == "VBG" and child.i < verb.i:
                subject = next((c for c in child.children if c.dep_ == "nsubj"), None)
                if subject is not None and subject.i < child.i:
                    return subject
        return None

    def _mediated(self, verb: Token, frame: Token) -> list[Actor]:
        """'mediated talks between Israel and Hamas': the mediator's targets are the two parties."""
        for head in (frame, verb, self._object(verb)):
            if head is None:
                continue
            for token in head.subtree:
                if token.dep_ == "prep" and token.lower_ in {"between", "with"}:
                    pobj = next((c for c in token.children if c.dep_ == "pobj"), None)
                    if pobj is not None:
                        return [a for a in self._actors(pobj, inner=True) if self._keep(a)]
        return self._targets(verb, "CONSULT", frame)

    def _siblings(self, subject: Token) -> list[Token]:
        """A subject and the others the parser hung beside it ('Ankara, Tehran and Moscow' as
        three nsubj)."""
        return [
            subject,
            *(
                c
                for c in subject.head.children
                if c.dep_ == subject.dep_ and c != subject and not c.is_punct
            ),
        ]

    def _destination(self, noun: Token) -> list[Actor]:
        """The coded actors of a 'to' phrase on a noun ('its ambassador to Israel')."""
        for prep in noun.children:
            if prep.dep_ == "prep" and prep.lower_ == "to":
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                return [a for a in self._actors(pobj) if a.code]
        return []

    def _agent(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ == "agent":
                return next((c for c in child.children if c.dep_ == "pobj"), None)
        return None

    def _object(self, verb: Token) -> Token | None:
        for child in verb.children:
            if child.dep_ in {"dobj", "obj"}:
                return child
        return self._carried_in(verb)

    def _decided(self, verb: Token, drafts: list[Draft]) -> Token | None:
        """The measure an actor agreed to on its own ("agreed to ban", "agreed to impose"):
        a hostile act in the clause of an agreement that has no partner."""
        if len({d.source.code for d in drafts}) > 1:
            return None
        for clause in verb.children:
            if clause.dep_ != "xcomp":
                continue
            obj = self._object(clause)
            rule = self._verb_rule(clause, clause.lemma_.lower(), obj)
            if rule is None and obj is not None and clause.lemma_.lower() in self.light:
                noun = self._noun_trigger(obj)  # "agreed to impose sanctions on Russia"
                rule = noun[1] if noun is not None else None
            if rule is None or rule.type not in _DECIDED:
                continue
            inside = (clause.left_edge.idx + self.offset, clause.right_edge.idx + self.offset)
            partners = [
                d.target
                for d in drafts
                if d.target is not None
                and d.target.code
                and not inside[0] <= d.target.span[0] <= inside[1]
            ]
            return None if partners else clause
        return None

    def _struck(self, attack: Token) -> list[Actor]:
        """Whom an attack noun says it hit: its own phrases ("the attack on the school") or the
        object of its relative clause ("a bombing that killed 40 police officers")."""
        found = self._prep_targets(attack, "ASSAULT", locative=False)
        for clause in attack.children:
            if clause.dep_ == "relcl":
                hit = self._object(clause)
                found = found or (self._actors(hit) if hit is not None else [])
        return found

    def _claimed(self, verb: Token, obj: Token | None) -> tuple[Token, Rule] | None:
        """The attack whose responsibility a verb claims ("claimed responsibility for the
        bombing", "took responsibility for the attack")."""
        if obj is None or obj.lemma_.lower() != "responsibility":
            return None
        if verb.lemma_.lower() not in {"claim", "take", "accept", "admit", "assume"}:
            return None
        for prep in obj.children:
            if prep.dep_ == "prep" and prep.lower_ == "for":
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                found = self._noun_trigger(pobj) if pobj is not None else None
                if found is not None and found[1].type == "ASSAULT":
                    return found
        return None

    def _carried_in(self, verb: Token) -> Token | None:
        """'flew in rescue teams', parsed as a preposition: what is carried in is the object."""
        if verb.lemma_.lower() not in self.lexicon.word_class("carry_in_verbs"):
            return None
        for prep in verb.children:
            if prep.dep_ == "prep" and prep.lower_ == "in":
                pobj = next((c for c in prep.children if c.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ == "NOUN" and not pobj.ent_type_:
                    return pobj
        return None

    def _targets(
        self, verb: Token, event_type: str, frame: Token, *, prefer: frozenset[str] = frozenset()
    ) -> list[Actor]:
        """The role that best holds the target: each candidate role is scored, the best wins.

        A direct object that names an actor comes first. For transfers (aid, withdrawals,
        sanctions, deployments, promises) the recipient or place ("lend $1 billion to
        Indonesia", "withdraw its troops from Syria") beats a theme object; a theme the
        source owns ("its troops") is never the target.
        """
        best: tuple[float, list[Actor]] = (0.0, [])
        if prefer:  # the rule named its preposition: "arrived in Tehran", "spoke with X"
            found = [
                a for a in self._prep_targets(verb, event_type, only=tuple(prefer)) if self._keep(a)
            ]
            if found:
                return found
        for score, found in self._target_candidates(verb, event_type, frame):
            kept = [a for a in found if self._keep(a)]
            if kept and score > best[0]:
                best = (score, kept)
        return best[1]

    def _target_candidates(
        self, verb: Token, event_type: str, frame: Token
    ) -> Iterator[tuple[float, list[Actor]]]:
        transfer = event_type in _TRANSFER
        if frame != verb:
            found = self._prep_targets(frame, event_type, locative=False)
            if found:
                yield 3.2, found
            found = self._prep_targets(frame, event_type, locative=True)
            if found:  # "talks in the Omani capital": a place is a weaker target than a party
                yield 1.9, found
        obj = self._object(verb)
        if obj is not None and obj != frame and quantified(obj) != frame:
            found = self._actors(obj, inner=True)
            if found:
                owned = any(
                    c.dep_ == "poss" and c.lower_ in _OWN for c in (quantified(obj) or obj).children
                )
                actor_like = self._is_actor_like(quantified(obj) or obj)
                destination = self._destination(quantified(obj) or obj) if owned else []
                if destination:
                    # "recalled its ambassador to Israel": where the source's own is accredited
                    # or sent is the target
                    yield 2.8, destination
                if owned:
                    score = 0.5
                elif actor_like:
                    score = 3.0 if not transfer else 2.4
                elif all(
                    a.code for a in found
                ):  # actors named inside it, or the sides of a meeting
                    score = 2.9 if not transfer else 2.3
                else:
                    score = 1.5 if not transfer else 1.0
                yield score + (0.1 if any(a.code for a in found) else 0.0), found
        for child in verb.children:
            if child.dep_ == "dative":
                pobj = (
                    next((c for c in child.children if c.dep_ == "pobj"), None)
                    if child.pos_ == "ADP"
                    else child
                )
                found = self._actors(pobj)
                if found:
                    yield 3.1, found
        # "banned Russian airlines from its airspace": what the source owns is no target
        found = [
            a
            for a in self._prep_targets(verb, event_type, locative=False)
            if a.code or a.text.split(" ", 1)[0].lower() not in _OWN
        ]
        if found:
            yield (2.6 if transfer else 2.2) + (0.1 if any(a.code for a in found) else 0.0), found
        # "In Beirut, the minister resigned": a place before the subject sets the scene
        subject, _ = self._subject(verb)
        before = subject.idx + self.offset if subject is not None else 0
        found = [
            a for a in self._prep_targets(verb, event_type, locative=True) if a.span[0] >= before
        ]
        if found:
            yield (2.5 if transfer else 1.8), found
        for prep in _nested_preps(verb, self.lexicon.word_class("grievance_nouns")):
            # "spoke at a press conference with X": the party hangs off the setting
            found = [
                a
                for a in self._actors(
                    next(c for c in prep.children if c.dep_ == "pobj"), inner=True
                )
            ]
            if found:
                yield 2.0, found
        for child in verb.children:
            if child.dep_ == "xcomp":
                found = self._prep_targets(child, event_type)
                if found:
                    yield 2.3, found
                inner = self._object(child)
                if inner is not None:
                    found = self._actors(inner, inner=True)
                    if found:
                        yield (
                            (2.25 if self._is_actor_like(quantified(inner) or inner) else 0.8),
                            found,
                        )
            if child.dep_ == "ccomp":
                subject, _ = self._subject(child)
                if subject is not None:
                    found = self._actors(subject)
                    if found:
                        yield 2.0, found
        if obj is None and frame == verb:
            for child in verb.children:
                if child.dep_ == "acomp":
                    found = self._prep_targets(child, event_type)
                    if found:
                        yield 2.0, found

    def _prep_targets(
        self,
        head: Token,
        event_type: str,
        *,
        only: Sequence[str] = (),
        locative: bool | None = None,
    ) -> list[Actor]:
        """Actors in head's prepositional phrases, in the order the event type prefers them.

        `locative` True keeps only place phrases ("in", "at", ...), False leaves them out.
        """
        order = _TARGET_PREPS.get(event_type, ("with", "to", "against", "on"))
        skip = self.lexicon.word_class("time_preps")
        preps = [c for c in head.children if c.dep_ == "prep" and c.lower_ not in skip]
        if only:
            preps = [p for p in preps if p.lower_ in only]
        if locative is not None:
            preps = [p for p in preps if (p.lower_ in _LOCATIVE) == locative]
        preps.sort(key=lambda p: order.index(p.lower_) if p.lower_ in order else len(order))
        for prep in preps:
            for pobj in prep.children:
                if (
                    pobj.dep_ != "pobj"
                    or pobj.ent_type_ in {"DATE", "TIME"}
                    or pobj.i in self.consumed
                ):
                    continue  # a date, or the trigger noun itself ("on high alert")
                found = [a for a in self._actors(pobj, inner=True) if self._keep(a)]
                if not found:
                    continue
                if prep.lower_ in _LOCATIVE and prep.lower_ not in order[:1]:
                    found = [replace(a, role=a.role) for a in found if a.code]
                    if not found:
                        continue
                return found
        return []

    def _actors(self, head: Token | None, *, inner: bool = False) -> list[Actor]:
        """The actors of a phrase and of its conjuncts; `inner`: look inside a non-actor phrase."""
        if head is None:
            return []
        if head.i in self._cache:
            return self._cache[head.i]
        heads = [head, *conjuncts(head)]
        actors: list[Actor] = []
        for token in heads:
            if token.lower_ in {"who", "which", "that"} and token.head.dep_ == "relcl":
                # "the Taliban, who attacked ...": the antecedent, when it names someone known;
                # "Jordan was among the governments that condemned ...": the one it counts in
                antecedent = token.head.head
                known = [a for a in self._actors(antecedent) if a.code]
                member = among(antecedent)
                if not known and member is not None:
                    known = [a for a in self._actors(member) if a.code]
                actors.extend(known)
                continue
            speaker = self._speaker_of(token)
            if speaker is not None:
                actors.extend(self._actors(speaker))
                continue
            if token.lower_ in {"he", "she", "his", "her"}:
                earlier = self._earlier_person(token)
                if earlier is not None:
                    actors.append(
                        replace(
                            earlier,
                            text=token.text,
                            span=(
                                token.idx + self.offset,
                                token.idx + len(token.text) + self.offset,
                            ),
                        )
                    )
                    continue
            resolved = resolve(token, self.matches, self.memory, self.finder, offset=self.offset)
            if inner and all(a.code is None for a in resolved):
                nested = [] if self._is_actor_like(token) else self._nested(token)
                nested = nested or self._place_country(token) or self._meeting_sides(token)
                if nested:
                    actors.extend(nested)
                    continue
            actors.extend(resolved)
        self._cache[head.i] = actors
        return actors

    def _speaker_of(self, pronoun: Token) -> Token | None:
        """'The ELN said it will release ...': 'it' is the ELN, the subject of the speech verb."""
        if (
            pronoun.pos_ != "PRON"
            or pronoun.dep_ not in {"nsubj", "nsubjpass"}
            or pronoun.lower_ in {"i", "you", "who", "which", "that"}
        ):
            return None
        clause = pronoun.head
        while clause.dep_ in {"xcomp", "conj"} and clause.head != clause:
            clause = clause.head
        if clause.dep_ != "ccomp" or clause.head.lemma_ not in self.speech:
            return None
        speaker, _ = self._subject(clause.head)
        if speaker is None or speaker.pos_ == "PRON" or speaker == pronoun:
            return None
        return speaker

    def _earlier_person(self, pronoun: Token) -> Actor | None:
        """'al-Shaibani traveled to Ankara, where he met Erdogan': he is the main clause's
        subject."""
        for token in self.doc[: pronoun.i]:
            if (
                token.dep_ in {"nsubj", "nsubjpass"}
                and token.head.dep_ == "ROOT"
                and token.pos_ == "PROPN"
            ):
                found = resolve(token, self.matches, self.memory, self.finder, offset=self.offset)
                if found and found[0].kind == "person" and found[0].code:
                    return found[0]
        return None

    def _nested(self, token: Token) -> list[Actor]:
        """Actors named inside a phrase that is not one: 'the expansion of ties between Tehran
        and Ankara'."""
        found: list[Actor] = []
        for child in token.subtree:
            if child == token or child.dep_ not in {
                "pobj",
                "poss",
                "compound",
                "amod",
                "nmod",
                "conj",
            }:
                continue
            if any(
                m.start <= child.i < m.end and m.kind != "title" for m in self.matches
            ) and _phrase_path(child, token):
                holder = child
                while holder.dep_ in {"compound", "amod"} and holder.head != token:
                    holder = holder.head  # "an Islamabad city magistrate": the magistrate
                found.extend(
                    a
                    for a in resolve(
                        holder, self.matches, self.memory, self.finder, offset=self.offset
                    )
                    if a.code
                )
        unique: dict[tuple[str | None, tuple[int, int]], Actor] = {}
        for actor in found:
            unique.setdefault((actor.code, actor.span), actor)
        return list(unique.values())

    def _place_of(self, trigger: Token) -> Actor | None:
        """The place named in the trigger's own phrase or clause, as the state it lies in."""
        for token in trigger.subtree:
            if token.dep_ == "pobj" and token.head.lower_ in {
                "in",
                "at",
                "near",
                "on",
                "across",
                "inside",
            }:
                found = self._place_country(token)
                if found:
                    return found[0]
        return None

    def _place_country(self, token: Token) -> list[Actor]:
        """A phrase that is a known place: the state it lies in ('Ain al-Asad airbase' -> IRQ)."""
        tokens = phrase_tokens(token)  # not the relative clauses hanging off it
        start = tokens[0].idx
        end = tokens[-1].idx + len(tokens[-1].text)
        for a, b, place in self.places:
            if start <= a and b <= end and place.country:
                return [
                    Actor(
                        code=place.country,
                        text=self.doc.text[a:b],
                        span=(a + self.offset, b + self.offset),
                        name=place.name,
                        kind="place",
                    )
                ]
        return []

    def _meeting_sides(self, token: Token) -> list[Actor]:
        """'welcomed the dialogue': a meeting or agreement stands for the two sides that held it."""
        rules = self.lexicon.nouns.get(token.lemma_.lower())
        if (
            not rules
            or rules[0].type not in {"CONSULT", "AGREE"}
            or not any(c.lower_ in {"the", "this", "these", "their"} for c in token.children)
        ):
            return []
        span = (token.idx + self.offset, token.idx + len(token.text) + self.offset)
        return [
            Actor(
                code=code,
                text=token.text,
                span=span,
                name=entity_name(self.finder.kb, code),
                kind="state",
            )
            for code in self.memory.main_meeting()
        ]

    def _is_actor_like(self, token: Token) -> bool:
        return is_actor_like(token, self.matches, self.finder.kb)

    def _instrument_agents(self, subject: Token) -> list[Actor]:
        """'The missiles fired by the Israeli military', 'a Saudi-led strike': who wields the
        instrument."""
        head = quantified(subject) or subject
        if head.lemma_.lower() not in self.lexicon.word_class("instrument_heads"):
            return []
        tokens = phrase_tokens(head)
        span = (tokens[0].idx + self.offset, tokens[-1].idx + len(tokens[-1].text) + self.offset)
        text = self.doc.text[tokens[0].idx : tokens[-1].idx + len(tokens[-1].text)]
        for token in head.subtree:
            if token.dep_ == "agent" or (
                token.dep_ in {"amod", "compound", "poss", "npadvmod"} and token.head == head
            ):
                inner = (
                    next((c for c in token.children if c.dep_ == "pobj"), token)
                    if token.dep_ == "agent"
                    else token
                )
                found = [
                    a
                    for a in resolve(
                        inner, self.matches, self.memory, self.finder, offset=self.offset
                    )
                    if a.code or self._is_actor_like(inner)
                ]
                if found:
                    return [replace(a, text=text, span=span) for a in found]
        return []

    def _intercepted(self, verb: Token, obj: Token) -> bool:
        """'shot down a missile', 'intercepted drones', 'air defences destroyed 337 drones': an
        attack stopped in flight, not one made."""
        head = quantified(obj) or obj
        if head.lemma_.lower() not in self.lexicon.word_class("projectile_heads"):
            return False
        lemma = verb.lemma_.lower()
        down = any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children)
        subject, _ = self._subject(verb)
        defending = subject is not None and (quantified(subject) or subject).lemma_.lower() in (
            self.lexicon.word_class("air_defence_heads")
        )
        return lemma in {"intercept", "down"} or (lemma == "shoot" and down) or defending

    def _interceptions(self, drafts: list[Draft], projectile: Token) -> list[Draft]:
        """The attack that was stopped: by whoever fired the projectiles ("drones launched by
        the Houthis", "Ukrainian drones"), on those who stopped them."""
        owners = [a for a in self._instrument_agents(projectile) if a.code]
        return [
            replace(
                draft,
                source=owner,
                target=draft.source,
                rule=f"{draft.rule}{INTERCEPTED}",
                mode="aerial",
            )
            for draft in drafts
            for owner in owners
            if owner.code != draft.source.code
        ]

    def _is_agent(self, token: Token) -> bool:
        """Whether an unresolved subject can act: 'protesters', 'a court', 'Thom' -- not 'a
        position'."""
        head = quantified(token) or token
        return self._is_actor_like(head) and head.lower_ not in self.lexicon.word_class(
            "abstract_heads"
        )

    def _keep(self, actor: Actor) -> bool:
        """Whether an actor can fill a role: anything resolved or named, or a phrase whose
        head is not an abstract noun ('the issue', 'ways', 'more')."""
        if actor.code or actor.sector or actor.kind == "person" or actor.name:
            return True
        words = actor.text.lower().split()
        return bool(words) and words[-1] not in self.lexicon.word_class("abstract_heads")

    def _inside_outer_trigger(self, verb: Token) -> bool:
        head = verb.head
        return (
            verb.dep_ in {"xcomp", "ccomp", "advcl"}
            and head != verb
            and (head.lemma_.lower() in self.lexicon.verbs)
        )


_GRIEVANCE_PREPS = {"at", "against", "to", "over", "with", "of"}


def _nested_preps(verb: Token, grievances: frozenset[str]) -> list[Token]:
    """Phrases hanging off the object of one of verb's prepositions: 'at a conference with X',
    'in protest at X', 'in response to X' (`grievances`: the nouns that take 'at', 'to' ...)."""
    found: list[Token] = []
    for prep in verb.children:
        if prep.dep_ != "prep":
            continue
        for pobj in prep.children:
            if pobj.dep_ == "pobj":
                wanted = _GRIEVANCE_PREPS if pobj.lemma_.lower() in grievances else {"with"}
                found.extend(
                    c
                    for c in pobj.children
                    if c.dep_ == "prep"
                    and c.lower_ in wanted
                    and any(g.dep_ == "pobj" for g in c.children)
                )
    return found


def _reciprocal(trigger: Token, lexicon: Lexicon) -> bool:
    """'Hezbollah and Israel traded fire', 'accused each other': both sides act on each other."""
    verb = trigger if trigger.pos_ in {"VERB", "AUX"} else trigger.head
    if verb.lemma_.lower() in lexicon.word_class("reciprocal_verbs"):
        return True
    text = " ".join(t.lower_ for t in verb.subtree)
    return "each other" in text or "one another" in text


def _phrase_path(token: Token, head: Token) -> bool:
    """Whether token hangs off head through noun-phrase links only (no verbs, no 'in' places)."""
    while token != head:
        if token.dep_ not in _PHRASE_DEPS or (
            token.dep_ == "prep" and token.lower_ not in _PHRASE_PREPS
        ):
            return False
        if token.head == token:
            return False
        token = token.head
    return True


_PHRASE_DEPS = {
    "pobj",
    "prep",
    "poss",
    "compound",
    "amod",
    "nmod",
    "conj",
    "appos",
    "cc",
    "det",
    "case",
}
_PHRASE_PREPS = {"of", "between", "among", "with", "to", "against", "for", "from", "by", "on"}


def _future(clause: Token) -> bool:
    """Whether a clause says what will or would come ("would face", "will respond")."""
    return bool({c.lower_ for c in clause.children if c.dep_ == "aux"} & {"would", "will", "'ll"})


def _home(actor: Actor, place: Actor) -> bool:
    """Whether place is actor's own country ("a win for Armenia", said by Armenia's leader)."""
    return place.kind == "place" and place.code is not None and place.code == actor.code


def _same(a: Actor, b: Actor) -> bool:
    """Whether two actors are one side.

    The same state or group is one side unless they are distinct organs or people of it:
    the police and a footballer of one country are two sides, a state and its capital one,
    a president and his own state one.
    """
    if a.code is None or b.code is None or "place" in {a.kind, b.kind}:
        return a.span == b.span
    if a.code != b.code:
        return False
    if a.kind == "person" and b.kind == "person":
        return (a.name or a.text) == (b.name or b.text)
    if "person" in {a.kind, b.kind}:
        other = b if a.kind == "person" else a
        return other.sector is None  # a president and his own state; not a minister and the police
    # a state and its capital or its president are one side; two organs or officials of
    # one state (a court and a magistrate, the police and a journalist) are two
    return a.sector is None or b.sector is None
