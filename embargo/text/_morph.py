"""Dictionary forms of Cyrillic names: pymorphy3 for Russian and Ukrainian, suffix rules for Belarusian.

An article writes Петровым, Лукашэнкі, Тихановской; lists write the nominative.
pymorphy3 (with its Russian and Ukrainian OpenCorpora dictionaries) gives each
word's parses; a parse tagged as a given name, surname or patronymic is put in
the nominative, keeping its gender. pymorphy3 has no Belarusian dictionary, so
Belarusian surnames and names are brought back by the regular endings of their
declension (-енка/-энка, -скі/-ская, -ка/-га, feminine -а); an ending that
could also be a nominative (Аляксандра) is left alone, and the screening,
which is fuzzy, compares the surface form too.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from embargo.budget import hold_within_budget
from embargo.names import detect_script
from embargo.text._ner import MODEL_LOCK

__all__ = [
    "base_form",
    "base_name",
    "dictionary_forms",
    "is_common_abbreviation",
    "is_common_word",
    "is_given_name_form",
    "is_not_a_name",
    "is_surname_not_place",
    "is_verb",
]

_NAME_TAGS = ("Name", "Surn", "Patr")

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


@lru_cache(maxsize=2)
def _analyzer(lang: str) -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def _keep_case(word: str, base: str) -> str:
    if word.isupper() and len(word) > 1:
        return base.upper()
    if word[:1].isupper():
        return base[:1].upper() + base[1:]
    return base


def _belarusian(word: str) -> str:
    lower = word.lower()
    for ending, nominative in _BE_ENDINGS:
        if lower.endswith(ending) and len(lower) - len(ending) >= 3:
            return _keep_case(word, lower[: -len(ending)] + nominative)
    return word


@lru_cache(maxsize=100_000)
def base_form(word: str, lang: str | None, gender: str | None = None) -> str:
    """The nominative singular of one word of a name (the word itself when unknown or not Cyrillic).

    Args:
        word: the word as written.
        lang: the text's language.
        gender: ``masc`` or ``femn`` when the name's given name tells it: Карпенкова after
            Николая is the genitive of Карпенков, after Анна a nominative.
    """
    if detect_script(word) != "Cyrillic":
        return word
    if lang == "be":
        return _belarusian(word)
    with hold_within_budget(MODEL_LOCK):  # pymorphy's analyzer, as the NER models, for one text at a time
        return _nominative(word, "uk" if lang == "uk" else "ru", gender)


#: Endings of a place name's oblique cases and their nominative (Расіі, Беларусі, Кубы, Кубе, Кубу).
_PLACE_ENDINGS = (("іі", "ія"), ("ии", "ия"), ("і", "ь"), ("и", "ь"), ("ы", "а"), ("і", "а"), ("е", "а"), ("у", "а"))


def dictionary_forms(word: str, lang: str | None) -> list[str]:
    """The dictionary forms a Cyrillic word may have (any part of speech), most likely first.

    pymorphy3's normal forms for Russian and Ukrainian (both for Belarusian, which it lacks),
    then the nominatives the regular endings of place names give: for words such as country
    names in the genitive (России, Білорусі, Беларусі), whose caller checks each form.
    """
    if detect_script(word) != "Cyrillic":
        return []
    forms: list[str] = []
    analyzers = ("uk", "ru") if lang in ("uk", "be") else ("ru", "uk")
    with hold_within_budget(MODEL_LOCK):
        for name in analyzers:
            for parse in _analyzer(name).parse(word)[:4]:
                if parse.normal_form not in forms:
                    forms.append(parse.normal_form)
    lower = word.lower()
    for ending, nominative in _PLACE_ENDINGS:
        if lower.endswith(ending) and len(lower) > len(ending) + 2:
            form = lower[: -len(ending)] + nominative
            if form not in forms:
                forms.append(form)
    return forms


def _nominative(word: str, lang: str, gender: str | None) -> str:
    parses = _analyzer(lang).parse(word)
    named = [p for p in parses if any(t in p.tag for t in _NAME_TAGS)]
    if gender is not None and any(gender in p.tag for p in named):
        named = [p for p in named if gender in p.tag]
    if any("nomn" in p.tag and "sing" in p.tag for p in named):
        return word  # Мария is a nominative, whatever else it could be
    for parse in named or parses[:1]:
        if "nomn" in parse.tag and "sing" in parse.tag:
            return word
        form = parse.inflect({"nomn", "sing"}) or parse.inflect({"nomn"})
        if form is not None and named:
            return _keep_case(word, form.word)
    return word


def _gender(words: list[str], lang: str | None) -> str | None:
    """The gender the given name and patronymic agree on (Russian and Ukrainian), if they tell one.

    Александра alone could be a man's genitive or a woman's nominative; Александра Григорьевича is a man.
    """
    if lang == "be" or any(detect_script(w) != "Cyrillic" for w in words):
        return None
    left = {"masc", "femn"}
    for word in words:
        parses = [
            p for p in _analyzer("uk" if lang == "uk" else "ru").parse(word) if "Name" in p.tag or "Patr" in p.tag
        ]
        if parses:
            left &= {g for p in parses for g in ("masc", "femn") if g in p.tag}
    return left.pop() if len(left) == 1 else None


def base_name(words: list[str], lang: str | None) -> str:
    """A name's words in their dictionary forms, joined by spaces (surnames agree with the given name's gender)."""
    gender = _gender(words, lang)
    return " ".join(base_form(w, lang, gender) for w in words)


def _cyrillic_parses(word: str, lang: str | None) -> list[Any] | None:
    """pymorphy3's parses of a Cyrillic word, or None when it does not know the word."""
    if detect_script(word) != "Cyrillic":
        return None
    if lang == "be":
        word, lang = word.translate(_BE_TO_RU), "ru"
    parses = _analyzer("uk" if lang == "uk" else "ru").parse(word)
    return parses if parses and parses[0].is_known else None


@lru_cache(maxsize=100_000)
def is_given_name_form(word: str, lang: str | None) -> bool:
    """True when pymorphy3 reads a Cyrillic word as a given name in some case (Сергієм, Николаем, Натальей)."""
    parses = _cyrillic_parses(word, lang)
    return parses is not None and any("Name" in p.tag for p in parses)


@lru_cache(maxsize=100_000)
def is_not_a_name(word: str, lang: str | None) -> bool:
    """True when pymorphy3 knows a Cyrillic word and no parse of it is a name (Росії, Евросоюз, ПЕРЕСТАВЛЯЕТ)."""
    parses = _cyrillic_parses(word, lang)
    return parses is not None and not any(t in p.tag for p in parses for t in _NAME_TAGS)


def is_common_word(word: str, lang: str | None) -> bool:
    """True when a Cyrillic word is an ordinary word or a place, not a person's name.

    pymorphy3 must know the word and give no parse as a given name, surname or
    patronymic. A Belarusian word is looked up in the Russian dictionary with
    its letters mapped (і to и, ў to в), which finds places such as Мінску.
    """
    if detect_script(word) != "Cyrillic":
        return False
    if lang == "be":
        word, lang = word.translate(_BE_TO_RU), "ru"
    parses = _analyzer("uk" if lang == "uk" else "ru").parse(word)
    if not parses or not parses[0].is_known:
        return False
    return not any(t in str(p.tag) for p in parses for t in (*_NAME_TAGS, "Orgn", "Abbr"))


@lru_cache(maxsize=10_000)
def is_common_abbreviation(word: str, lang: str | None) -> bool:
    """True when the dictionary knows a Cyrillic acronym as the abbreviation of common words, never of a
    body or a place (СМИ, mass media; not ФСБ, КГБ, МВД, ООН, which it tags as organisations)."""
    parses = _cyrillic_parses(word, lang)
    if not parses or not any("Abbr" in p.tag for p in parses):
        return False
    return not any(t in str(p.tag) for p in parses for t in (*_NAME_TAGS, "Orgn", "Geox"))


_BE_TO_RU = str.maketrans({"і": "и", "І": "И", "ў": "в", "Ў": "В"})


@lru_cache(maxsize=100_000)
def is_verb(word: str, lang: str | None) -> bool:
    """True when every parse of a known Cyrillic word is a verb form (ПЕРЕСТАВЛЯЕТ): never part of a name."""
    parses = _cyrillic_parses(word, lang)
    return parses is not None and all(p.tag.POS in ("VERB", "INFN", "GRND") for p in parses)


@lru_cache(maxsize=100_000)
def is_surname_not_place(word: str, lang: str | None) -> bool:
    """True when pymorphy3 reads a Cyrillic word as a surname and never as a place (ЛУКАШЕНКО, not Гродно)."""
    parses = _cyrillic_parses(word, lang)
    # str(tag): the Ukrainian tag set has no Geox, and asking a tag for an unknown grammeme raises
    return parses is not None and any("Surn" in p.tag for p in parses) and not any("Geox" in str(p.tag) for p in parses)
