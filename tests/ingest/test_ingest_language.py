from __future__ import annotations

import pytest

from detente.ingest.language import guess_language, non_english_reason

ENGLISH = (
    "The government said on Monday that it would send more troops to the border after "
    "clashes with armed groups, and the opposition called for talks with the rebels."
)


GERMAN = (
    "Der Außenminister sagte am Montag, dass die Regierung mehr Soldaten an die "
    "Grenze schicken wird, und die Opposition forderte Gespräche mit den Rebellen."
)
SPANISH = (
    "El gobierno dijo el lunes que enviará más tropas a la frontera después de los "
    "enfrentamientos con grupos armados, y la oposición pidió negociaciones."
)
TURKISH = (
    "Hükümet pazartesi günü yaptığı açıklamada sınıra daha çok asker gönderileceğini "
    "ve bu kararın ancak sonra değil şimdi alınması gerektiğini ve bu konuda bir "
    "uzlaşma olduğunu bildirdi."
)


@pytest.mark.parametrize(
    ("text", "language"),
    [
        (ENGLISH, "English"),
        (GERMAN, "German"),
        (SPANISH, "Spanish"),
        (TURKISH, "Turkish"),
        ("قالت الحكومة يوم الاثنين إنها سترسل المزيد من القوات إلى الحدود", "Arabic script"),
        ("Правительство заявило в понедельник, что отправит войска к границе", "Cyrillic script"),
        ("Too short to tell.", None),
    ],
)
def test_guess_language(text: str, language: str | None) -> None:
    assert guess_language(text) == language


def test_english_report_with_a_foreign_quote_is_english() -> None:
    quote = ' He quoted the slogan "liberté, égalité, fraternité" in French.'
    assert non_english_reason(ENGLISH + quote) is None


def test_non_english_reason_names_the_language() -> None:
    text = (
        "Le gouvernement a déclaré lundi qu'il enverrait plus de troupes à la frontière "
        "après des affrontements avec des groupes armés, et l'opposition a demandé des "
        "négociations avec les rebelles."
    )
    assert non_english_reason(text) == "not English (looks like French)"


def test_a_short_english_report_full_of_names_is_english() -> None:
    text = (
        "Kenyan President William Ruto met Somali President Hassan Sheikh Mohamud in Nairobi "
        "on Monday to discuss the African Union mission in Somalia."
    )
    assert non_english_reason(text) is None
