"""Belarusian names back to the nominative, by the regular endings of their declension.

pymorphy3 has no Belarusian dictionary, so Belarusian surnames and given names
are brought back by ending tables (-енка/-энка, -скі/-ская, -ка/-га, feminine -а).
A man's and a woman's surnames decline apart (Качанава: her nominative, his
genitive of Качанаў; a woman's Тертель does not decline), so the given name's
gender picks the table: the given name is brought back by its own endings to a
nominative that name data knows (Лідзію: Лідзія; Мікалаем: Мікалай). An ending
that could also be a nominative (Аляксандра) is left alone.

:mod:`._morph` uses these for Belarusian text; its pymorphy3 helpers, which the given
names' gender needs, are imported inside the functions here, so that the two modules
do not import each other when loaded.
"""

from __future__ import annotations

from functools import lru_cache

from embargo.budget import hold_within_budget
from embargo.names import analyze_name, detect_script
from embargo.text._ner import MODEL_LOCK

__all__ = ["belarusian_given_name", "belarusian_surname"]


#: Belarusian oblique endings and their nominative, longest first (applied to lower-case words).
_BE_ENDINGS: tuple[tuple[str, str], ...] = tuple(
    sorted(
        [
            ("нкі", "нка"),
            ("нку", "нка"),
            ("нкам", "нка"),
            ("нкаю", "нка"),
            ("скага", "скі"),
            ("скаму", "скі"),
            ("скім", "скі"),
            ("цкага", "цкі"),
            ("цкаму", "цкі"),
            ("цкім", "цкі"),
            ("скай", "ская"),
            ("скую", "ская"),
            ("скаю", "ская"),
            ("цкай", "цкая"),
            ("цкую", "цкая"),
            ("скі", "скі"),
            ("цкі", "цкі"),
            ("кі", "ка"),
            ("гі", "га"),
            ("кам", "ка"),
            ("гам", "га"),
            ("вай", "ва"),
            ("най", "на"),
            ("лай", "ла"),
            ("рай", "ра"),
            ("вы", "ва"),
            ("ны", "на"),
            ("лы", "ла"),
            ("ры", "ра"),
            ("вым", "ў"),
            ("навым", "наў"),
            ("ава", "аў"),
            ("ева", "еў"),
            ("іча", "іч"),
            ("ічу", "іч"),
            ("ічам", "іч"),
        ],
        key=lambda pair: len(pair[0]),
        reverse=True,
    )
)


def _longest_first(pairs: list[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


#: A Belarusian man's surname: its oblique endings and their nominative. A nominative in -ка/-га
#: (Лукашэнка, Сапега) stays; a stem in a consonant loses its case ending (Шэймана, Шэйманам: Шэйман).
_BE_MASCULINE = _longest_first(
    [
        *[(e, "скі") for e in ("скага", "скаму", "скім", "скі")],
        *[(e, "цкі") for e in ("цкага", "цкаму", "цкім", "цкі")],
        *[(e, "нка") for e in ("нкі", "нку", "нкам", "нка")],
        *[(e, "ка") for e in ("кі", "ку", "кам", "ка")],
        *[(e, "га") for e in ("гі", "гу", "гам", "га")],
        *[(v + e, v + "ў") for v in ("а", "е", "о") for e in ("ва", "ву", "вым", "ве")],
        *[(v + e, v + "н") for v in ("і", "ы") for e in ("на", "ну", "ным", "не")],
        *[(e, "іч") for e in ("іча", "ічу", "ічам", "ічы")],
        *[(e, "") for e in ("а", "у", "ам", "е")],
        *[(e, "ь") for e in ("я", "ю", "ем")],
        *[(v + e, v + "й") for v in ("е", "э") for e in ("я", "ю", "ем")],
    ]
)
#: A Belarusian woman's surname: only one ending in a vowel declines (Ярмошыну, Качанавай: -а; Ціханоўскай:
#: -ая); one ending in a consonant (Тэртэль) does not.
_BE_FEMININE = _longest_first(
    [
        *[(s + e, s + "ая") for s in ("ск", "цк") for e in ("ай", "ую", "аю", "ой")],
        *[(e, "а") for e in ("ай", "аю", "у", "ы", "і", "е")],
        *[(e, "я") for e in ("яй", "яю", "ю")],
    ]
)
_BE_VOWELS = frozenset("аеёіоуыэюяьй'’")


def belarusian_surname(word: str, gender: str | None = None) -> str:
    """A Belarusian surname's nominative by its endings: a man's and a woman's differ (Качанава is a
    woman's nominative and a man's genitive of Качанаў), so the given name's gender picks the table."""
    from embargo.text._morph import keep_case

    lower = word.lower()
    table = _BE_ENDINGS if gender is None else _BE_MASCULINE if gender == "masc" else _BE_FEMININE
    for ending, nominative in table:
        stem = lower[: -len(ending)]
        if not lower.endswith(ending) or len(stem) < 3:
            continue
        if nominative in ("", "ь") and stem[-1] in _BE_VOWELS:
            continue  # only a stem in a consonant takes these endings bare (Шэйман-а, Тэртэл-я; not Лукашэнк-а)
        return keep_case(word, stem + nominative)
    return word


#: Belarusian given names' oblique endings and their nominative ending (Лідзію: Лідзія; Мікалаем: Мікалай;
#: Віктара: Віктар; Андрэя: Андрэй). A reading counts only when its nominative is a known name.
_BE_GIVEN = _longest_first(
    [
        *[(e, "ія") for e in ("іяй", "іяю", "ію", "іі")],
        *[(e, "ыя") for e in ("ыяй", "ыяю", "ыю", "ыі")],
        *[(e, "я") for e in ("яй", "яю", "ю", "і")],
        *[(e, "а") for e in ("ай", "аю", "у", "ы", "е", "і")],
        *[(e, "ай") for e in ("аем", "ая", "аю", "аі")],
        *[(v + e, v + "й") for v in ("е", "э", "ы", "і") for e in ("ем", "я", "ю", "і")],
        *[(e, "ь") for e in ("ем", "я", "ю")],
        *[(e, "") for e in ("ам", "а", "у", "е")],
    ]
)
#: Belarusian spelling to Russian, for pymorphy3's Russian dictionary of given names (Лідзія: Лидия).
_BE_NAME_TO_RU = (("дз", "д"), ("і", "и"), ("ў", "в"), ("э", "е"), ("’", ""), ("'", ""))


def _known_given(nominative: str) -> tuple[str, int] | None:
    """The gender of a Belarusian word read as a given name's nominative, and how many items rigour's
    name data has for it as written (0 when under three); None when no name data knows it.

    pymorphy3 (its Russian dictionary on the word respelled, its Ukrainian one as written) gives the gender
    when its dictionary has the name; rigour's name data knows Belarusian spellings (Мікалай, Наталля)
    but not their gender, which the ending then tells (-а, -я: a woman's), nor whether a word is a given
    name: one it has under three items for (a surname such as Шэйман, a word such as План) is not taken.
    """
    from embargo.text._morph import analyzer, singular_nominative

    tokens = analyze_name(nominative, "Person").tokens
    # a given name has an item per language and spelling
    items = sum(s.startswith("name:") for s in tokens[0].symbols) if len(tokens) == 1 else 0
    spelled = items if len(nominative) >= 4 and items >= 3 else 0
    respelled = nominative.lower()
    for be, ru in _BE_NAME_TO_RU:
        respelled = respelled.replace(be, ru)
    for lang, form in (("ru", respelled), ("uk", nominative.lower())):
        parses = [p for p in analyzer(lang).parse(form) if p.is_known and "Name" in p.tag and singular_nominative(p)]
        genders = {g for p in parses for g in ("masc", "femn") if g in p.tag}
        if len(genders) == 1:
            return genders.pop(), spelled
    if not spelled:
        return None
    return ("femn" if nominative.lower().endswith(("а", "я")) else "masc"), spelled


@lru_cache(maxsize=100_000)
def belarusian_given_name(word: str) -> tuple[str, str | None] | None:
    """A Belarusian given name's nominative and gender (None when its readings disagree), or None.

    The word itself when it is a known name's nominative (Наталля, Аляксандр), else the nominative its
    case ending points to (Лідзію: Лідзія, femn; Мікалаем: Мікалай, masc). Аляксандра is both a woman's
    nominative and a man's genitive: the word stays, and its gender is unknown.
    """
    from embargo.text._morph import keep_case

    if detect_script(word) != "Cyrillic" or not word[:1].isupper():
        return None
    lower = word.lower()
    readings: list[tuple[str, str, int]] = []
    with hold_within_budget(MODEL_LOCK):
        own = _known_given(word)
        if own is not None:
            readings.append((word, *own))
        for ending, nominative in _BE_GIVEN:
            stem = lower[: -len(ending)]
            if not lower.endswith(ending) or len(stem) < 2 or (nominative == "" and stem[-1] in _BE_VOWELS):
                continue
            candidate = keep_case(word, stem + nominative)
            # the name's own gender, not the ending's: Мікіту is the accusative of a man's name
            known = _known_given(candidate)
            if known is not None and all(r[0] != candidate for r in readings):
                readings.append((candidate, *known))
    if readings:
        # the reading the name data knows best: a Belarusian spelling it has (Лідзія) over a Russian one
        # pymorphy reads (Лидий), a common name (Ганна) over a rare one (Ганн); but a nominative the
        # name data has stays a reading (Аляксандра, a woman, or a man's genitive)
        most = max(r[2] for r in readings)
        readings = [r for r in readings if r[2] == most or (r[0] == word and r[2])]
    if not readings:
        return None
    genders = {g for _, g, _ in readings}
    return readings[0][0], genders.pop() if len(genders) == 1 else None
