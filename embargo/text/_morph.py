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

from embargo.names import detect_script

__all__ = ["base_form", "base_name", "is_common_word"]

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
def base_form(word: str, lang: str | None) -> str:
    """The nominative singular of one word of a name (the word itself when unknown or not Cyrillic)."""
    if detect_script(word) != "Cyrillic":
        return word
    if lang == "be":
        return _belarusian(word)
    parses = _analyzer("uk" if lang == "uk" else "ru").parse(word)
    named = [p for p in parses if any(t in p.tag for t in _NAME_TAGS)]
    for parse in named or parses[:1]:
        if "nomn" in parse.tag and "sing" in parse.tag:
            return word
        form = parse.inflect({"nomn", "sing"}) or parse.inflect({"nomn"})
        if form is not None and named:
            return _keep_case(word, form.word)
    return word


def base_name(words: list[str], lang: str | None) -> str:
    """A name's words in their dictionary forms, joined by spaces."""
    return " ".join(base_form(w, lang) for w in words)


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


_BE_TO_RU = str.maketrans({"і": "и", "І": "И", "ў": "в", "Ў": "В"})
