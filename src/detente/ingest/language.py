"""A light check that a document is in English: the share of common function words.

No model: English prose is about a third function words ("the", "of", "and" ...), and
other languages have their own. The check reads the first 2,000 words, looks at the
script first (Arabic, Cyrillic, CJK ... cannot be English), then compares stopword ratios.
Short texts (under 12 words) pass: too few words to tell.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["guess_language", "non_english_reason"]

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_MAX_WORDS = 2000
_MIN_WORDS = 12

_STOPWORDS = {
    "English": "the of and to in a is that for on with as was by at from it his he said "
    "be are has have had were not but this which its an they their will been or who after "
    "would also than more over into about",
    "French": "le la les de des du et en un une est que qui dans pour par sur au aux pas "
    "avec ce cette il elle ont été sont ne se son sa ses plus mais",
    "German": "der die das und ist nicht ein eine zu den von mit sich des auf für im dem "
    "sie es auch als an nach wird bei einer um am sind noch wie einem über aus hat",
    "Spanish": "el la los las de del y en un una es que por para con no se su sus al lo "
    "como más pero fue ha este esta son entre también",
    "Portuguese": "o a os as de do da dos das e em um uma é que para com não se por mais "
    "na no ao foi como mas seu sua também pelo pela",
    "Italian": "il lo la i gli le di del della e è che per con non un una in sono si al "
    "dei delle nel nella anche come più ma ha",
    "Dutch": "de het een en van in is dat op te zijn met voor niet die aan er ook als bij "
    "door naar om maar werd wordt heeft",
    "Turkish": "ve bir bu da de ile için olarak olan gibi daha çok ama en ancak sonra "
    "kadar her değil ise şu tarafından",
    "Indonesian": "yang dan di ini itu dengan untuk dari dalam tidak akan pada juga ke "
    "karena oleh ada adalah bahwa atau",
    "Swedish": "och att det som en på är av för med till den har inte om ett var jag men från",
}
_STOPSETS = {language: frozenset(words.split()) for language, words in _STOPWORDS.items()}
# a word English shares ("in", "is", "a", "de" in names) is no evidence for another language:
# a short English report full of names must not look Dutch
_STOPSETS = {
    language: words if language == "English" else words - _STOPSETS["English"]
    for language, words in _STOPSETS.items()
}

_SCRIPTS = (
    ("ARABIC", "Arabic script"),
    ("CYRILLIC", "Cyrillic script"),
    ("CJK", "Chinese or Japanese script"),
    ("HIRAGANA", "Japanese script"),
    ("KATAKANA", "Japanese script"),
    ("HANGUL", "Korean script"),
    ("HEBREW", "Hebrew script"),
    ("GREEK", "Greek script"),
    ("DEVANAGARI", "Devanagari script"),
    ("THAI", "Thai script"),
    ("ARMENIAN", "Armenian script"),
    ("GEORGIAN", "Georgian script"),
    ("ETHIOPIC", "Ethiopic script"),
)


def guess_language(text: str) -> str | None:
    """The language or script text looks like ("English", "French", "Arabic script"), or None.

    None means too short or no clear winner.
    """
    sample = text[:20000]
    letters = [char for char in sample if char.isalpha()]
    if not letters:
        return None
    non_latin = _dominant_script(letters)
    if non_latin:
        return non_latin
    words = [word.lower() for word in _WORD.findall(sample)[:_MAX_WORDS]]
    if len(words) < _MIN_WORDS:
        return None
    ratios = {
        language: sum(word in stopset for word in words) / len(words)
        for language, stopset in _STOPSETS.items()
    }
    best = max(ratios, key=lambda language: ratios[language])
    if ratios[best] < 0.08:
        return None
    return best


def non_english_reason(text: str) -> str | None:
    """Why text is not English ("not English (looks like French)"), or None if it may be."""
    sample = text[:20000]
    language = guess_language(sample)
    if language is None or language == "English":
        if language is None and _english_ratio(sample) < 0.03 and _word_count(sample) >= 40:
            return "not English"
        return None
    if _english_ratio(sample) >= 0.12:  # a quoted foreign passage in an English report
        return None
    return f"not English (looks like {language})"


def _english_ratio(text: str) -> float:
    words = [word.lower() for word in _WORD.findall(text)[:_MAX_WORDS]]
    if not words:
        return 0.0
    return sum(word in _STOPSETS["English"] for word in words) / len(words)


def _word_count(text: str) -> int:
    return len(_WORD.findall(text[:20000]))


def _dominant_script(letters: list[str]) -> str | None:
    """The non-Latin script of most letters, if most letters are in one."""
    counts: dict[str, int] = {}
    for char in letters[:5000]:
        if char.isascii():
            continue
        name = unicodedata.name(char, "")
        for prefix, label in _SCRIPTS:
            if name.startswith(prefix):
                counts[label] = counts.get(label, 0) + 1
                break
    if not counts:
        return None
    label = max(counts, key=lambda key: counts[key])
    return label if counts[label] > 0.5 * min(len(letters), 5000) else None
