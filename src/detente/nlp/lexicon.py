"""The trigger lexicon: which verbs and nouns signal which PLOVER event, kept as data.

`patterns/triggers.jsonl` holds one rule a line: a type, a mode, verbs or nouns (lemmas;
nouns may be multi-word), an optional condition (`when`: a preposition the verb must
govern, a class its object must belong to, or the sector its subject must have) and a
weight, the rule's prior confidence. `patterns/classes.json` holds the word classes
the conditions and the argument finder use (light verbs, speech verbs, object classes).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..errors import ConfigError


@dataclass(frozen=True)
class Rule:
    id: str
    type: str
    mode: str | None
    weight: float
    prep: frozenset[str] = frozenset()
    object_class: str | None = None
    subject_sectors: frozenset[str] = frozenset()
    subject_words: frozenset[str] = frozenset()

    @property
    def conditional(self) -> bool:
        return bool(self.prep or self.object_class or self.subject_sectors or self.subject_words)


@dataclass(frozen=True)
class Lexicon:
    verbs: dict[str, tuple[Rule, ...]]  # lemma -> rules, conditional ones first
    nouns: dict[str, tuple[Rule, ...]]  # lemma or phrase -> rules
    classes: dict[str, frozenset[str]]  # named word classes (light_verbs, speech_verbs, ...)
    object_classes: dict[str, frozenset[str]]
    surface: frozenset[str]  # lower-case forms that may be triggers: the cheap pre-filter

    def word_class(self, name: str) -> frozenset[str]:
        return self.classes.get(name, frozenset())


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Read the packaged trigger rules and word classes (once per process)."""
    folder = resources.files(__package__).joinpath("patterns")
    classes_raw: dict[str, Any] = json.loads(folder.joinpath("classes.json").read_text("utf-8"))
    object_classes = {k: frozenset(v) for k, v in classes_raw.pop("object_classes").items()}
    classes = {k: frozenset(v) for k, v in classes_raw.items()}
    verbs: dict[str, list[Rule]] = {}
    nouns: dict[str, list[Rule]] = {}
    lines = folder.joinpath("triggers.jsonl").read_text("utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            when = record.get("when", {})
            for pos, table in (("verb", verbs), ("noun", nouns)):
                for lemma in record.get(f"{pos}s", []):
                    rule = Rule(
                        id=f"{record['type'].lower()}.{pos}.{lemma.replace(' ', '_')}",
                        type=record["type"],
                        mode=record.get("mode"),
                        weight=float(record.get("weight", 0.7)),
                        prep=frozenset(when.get("prep", ())),
                        object_class=when.get("object"),
                        subject_sectors=frozenset(when.get("subject_sector", ())),
                        subject_words=frozenset(when.get("subject_words", ())),
                    )
                    table.setdefault(lemma, []).append(rule)
        except (KeyError, ValueError, TypeError) as err:
            raise ConfigError(f"triggers.jsonl line {number}: {err}") from err
    for name in {r.object_class for rules in verbs.values() for r in rules} - {None, "actor"}:
        if name in classes:  # a word class serves as one: "the attack" is an `event_nouns_attack`
            object_classes.setdefault(name, classes[name])
        if name not in object_classes:
            raise ConfigError(f"triggers.jsonl names an unknown object class {name!r}")

    def ordered(table: dict[str, list[Rule]]) -> dict[str, tuple[Rule, ...]]:
        return {
            k: tuple(sorted(v, key=lambda r: (not r.conditional, -r.weight)))
            for k, v in table.items()
        }

    surface = set()
    # light verbs need a trigger noun, which is in the set already; a speech verb's clause
    # needs one of its own ("said Japan would pay a heavy price")
    for lemma in [*verbs, *nouns, *classes["consequence_verbs"]]:
        surface.update(_forms(lemma.split()[-1]))
    return Lexicon(ordered(verbs), ordered(nouns), classes, object_classes, frozenset(surface))


def _forms(word: str) -> set[str]:
    """Rough inflections of a lemma, for the pre-filter only (false positives are cheap)."""
    forms = {word, word + "s", word + "es", word + "ed", word + "d", word + "ing", word + "ies"}
    if word.endswith("e"):
        forms.add(word[:-1] + "ing")
    if word.endswith("y"):
        forms.update({word[:-1] + "ies", word[:-1] + "ied"})
    if len(word) > 2 and word[-1] not in "aeiouwxy" and word[-2] in "aeiou":
        forms.update({word + word[-1] + "ed", word + word[-1] + "ing"})
    return forms | _IRREGULAR.get(word, set())


_IRREGULAR = {
    "meet": {"met"},
    "hold": {"held"},
    "give": {"gave", "given"},
    "take": {"took", "taken"},
    "make": {"made"},
    "send": {"sent"},
    "go": {"went", "gone"},
    "come": {"came"},
    "strike": {"struck", "stricken"},
    "shoot": {"shot"},
    "fight": {"fought"},
    "seek": {"sought"},
    "tell": {"told"},
    "say": {"said"},
    "win": {"won"},
    "lead": {"led"},
    "fly": {"flew", "flown"},
    "keep": {"kept"},
    "put": {"put"},
    "beat": {"beaten"},
    "sit": {"sat"},
    "lend": {"lent"},
    "forbid": {"forbade", "forbidden"},
    "begin": {"began", "begun"},
    "leave": {"left"},
    "bring": {"brought"},
    "stand": {"stood"},
    "withdraw": {"withdrew", "withdrawn"},
    "undertake": {"undertook", "undertaken"},
    "shut": {"shut"},
    "bar": {"barred"},
    "slay": {"slew", "slain"},
    "blow": {"blew", "blown"},
    "hit": {"hit"},
    "cut": {"cut"},
    "down": {"downed"},
    "think": {"thought"},
    "write": {"wrote", "written"},
    "sell": {"sold"},
    "overthrow": {"overthrew", "overthrown"},
    "undergo": {"underwent"},
    "lay": {"laid"},
}
