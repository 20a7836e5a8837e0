"""Dictionary forms of Cyrillic names: pymorphy3 for Russian and Ukrainian, suffix rules for Belarusian.

An article writes Петровым, Лукашэнкі, Тихановской; lists write the nominative.
pymorphy3 (with its Russian and Ukrainian OpenCorpora dictionaries) gives each
word's parses; a parse tagged as a given name, surname or patronymic is put in
the nominative, keeping its gender. pymorphy3 has no Belarusian dictionary, so
Belarusian surnames and names are brought back by the regular endings of their
declension (:mod:`._belarusian`). A man's and a woman's surnames decline apart
(Качанава: her nominative, his genitive of Качанаў; a woman's Тертель does not
decline), so the given name's gender picks the table: pymorphy3's for Russian and
Ukrainian, for Belarusian the given name's own endings. An ending that could also be
a nominative (Аляксандра) is left alone, and the screening, which is fuzzy, compares
the surface form too.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from embargo.budget import hold_within_budget
from embargo.names import detect_script
from embargo.text._belarusian import belarusian_given_name, belarusian_surname
from embargo.text._ner import MODEL_LOCK

__all__ = [
    "analyzer",
    "base_form",
    "base_name",
    "dictionary_forms",
    "form_gender",
    "given_name_gender",
    "is_animate_noun",
    "is_common_abbreviation",
    "is_common_word",
    "is_given_name_form",
    "is_not_a_name",
    "is_surname_not_place",
    "is_verb",
    "keep_case",
    "phrase_nominative",
    "singular_nominative",
    "surname_bases",
]

_NAME_TAGS = ("Name", "Surn", "Patr")


@lru_cache(maxsize=2)
def analyzer(lang: str) -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang=lang)


def keep_case(word: str, base: str) -> str:
    if word.isupper() and len(word) > 1:
        return base.upper()
    if word[:1].isupper():
        return base[:1].upper() + base[1:]
    return base


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
        return belarusian_surname(word, gender)
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
            for parse in analyzer(name).parse(word)[:4]:
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
    parses = analyzer(lang).parse(word)
    named = [p for p in parses if any(t in p.tag for t in _NAME_TAGS)]
    if gender is not None:
        # Вахіді after Ахмад is not the dative of the woman's name Вахіда: only the given name's gender counts
        named = [p for p in named if gender in p.tag]
    if any(singular_nominative(p) for p in named):
        return word  # Мария is a nominative, whatever else it could be
    for parse in named or parses[:1]:
        if singular_nominative(parse):
            return word
        form = parse.inflect({"nomn", "sing"}) or parse.inflect({"nomn"})
        # a surname the dictionary knows only as a common noun of the name's gender (Тертелем after Иваном)
        noun = gender is not None and parse.tag.POS == "NOUN" and gender in parse.tag
        if form is not None and (named or noun):
            return keep_case(word, form.word)
    return word


def phrase_nominative(words: list[str], lang: str | None) -> str | None:
    """An organisation's name in the nominative when it stands in another case, its adjectives agreeing
    with its noun (Минском автомобильном заводе: Минский автомобильный завод; the words after the noun, a
    genitive, are kept); None when it is a nominative already or the dictionary cannot tell."""
    if lang not in ("ru", "uk") or len(words) < 2 or any(detect_script(w) != "Cyrillic" for w in words):
        return None
    morph = analyzer(lang)
    parsed = [morph.parse(w.lower()) for w in words]
    adjectives = 0
    while adjectives < len(words) - 1 and any("ADJF" in p.tag for p in parsed[adjectives]):
        adjectives += 1
    for head in range(adjectives, 0, -1):
        for noun in (p for p in parsed[head] if "NOUN" in p.tag and p.tag.case not in (None, "nomn")):
            plural = "plur" in noun.tag
            chosen = [
                next(
                    (
                        p
                        for p in parses
                        if "ADJF" in p.tag
                        and p.tag.case == noun.tag.case
                        and (("plur" in p.tag) if plural else p.tag.gender == noun.tag.gender)
                    ),
                    None,
                )
                for parses in parsed[:head]
            ]
            if any(c is None for c in chosen):
                continue
            forms = []
            for parse in [*chosen, noun]:
                assert parse is not None
                form = _nominative_form(parse, noun.tag.gender, plural)
                if form is None:
                    break
                forms.append(form)
            else:
                written = [f[:1].upper() + f[1:] if w[:1].isupper() else f for f, w in zip(forms, words, strict=False)]
                return " ".join(written + list(words[head + 1 :]))
    return None


def _nominative_form(parse: Any, gender: str | None, plural: bool) -> str | None:
    """The nominative of a parsed word in the gender and number of its noun (the Ukrainian tag set
    writes no ``sing``: a singular is a form that is not ``plur``)."""
    for form in parse.lexeme:
        tag = form.tag
        if "nomn" not in tag or ("plur" in tag) != plural:
            continue
        if plural or tag.gender in (None, gender) or "NOUN" in tag:
            return str(form.word)
    return None


def singular_nominative(parse: Any) -> bool:
    """A nominative parse that is not a plural: the Ukrainian tag set leaves ``sing`` off many
    surnames (Хренін is ``NOUN,Surn,anim masc,nomn``), which must not make them plurals' forms."""
    return "nomn" in parse.tag and "plur" not in parse.tag


def _gender(words: list[str], lang: str | None) -> str | None:
    """The gender the given name and patronymic agree on (see :func:`_name_gender`)."""
    return _name_gender(tuple(words), lang)


@lru_cache(maxsize=20_000)
def _name_gender(words: tuple[str, ...], lang: str | None) -> str | None:
    """The gender the given name and patronymic agree on (Russian and Ukrainian), if they tell one.

    Александра alone could be a man's genitive or a woman's nominative; Александра Григорьевича is a man.
    """
    if any(detect_script(w) != "Cyrillic" for w in words):
        return None
    if lang == "be":
        given = belarusian_given_name(words[0]) if len(words) > 1 else None
        return given[1] if given is not None else None
    left = {"masc", "femn"}
    # the last word is the surname, which pymorphy may misread as a name (Вахіді as the dative of Вахіда)
    for word in words[:-1] if len(words) > 1 else words:
        parses = [p for p in analyzer("uk" if lang == "uk" else "ru").parse(word) if "Name" in p.tag or "Patr" in p.tag]
        genders = {g for p in parses for g in ("masc", "femn") if g in p.tag}
        if genders:  # a parse with no gender (Хренін as a plural of Хреніна) tells nothing
            left &= genders
    if len(left) > 1 and len(words) > 1:
        # Олександра is a woman's nominative or a man's genitive; Лукашенка, a surname only a man's
        # declension gives (a woman's Лукашенко does not decline), says which
        surname = [p for p in analyzer("uk" if lang == "uk" else "ru").parse(words[-1]) if "Surn" in p.tag]
        genders = {g for p in surname for g in ("masc", "femn") if g in p.tag}
        if len(genders) == 1:
            left &= genders
    return left.pop() if len(left) == 1 else None


def given_name_gender(words: list[str], lang: str | None) -> str | None:
    """``masc`` or ``femn`` when a Cyrillic name's given name (and patronymic) tells it: Ирина Тертель is
    a woman, whose surname in a consonant does not decline; Мікалаем Лукашэнкам a man."""
    return _gender(words, lang)


def base_name(words: list[str], lang: str | None) -> str:
    """A name's words in their dictionary forms, joined by spaces (surnames agree with the given name's gender)."""
    gender = _gender(words, lang)
    if lang == "be" and len(words) > 1 and (given := belarusian_given_name(words[0])) is not None:
        if given[0] == words[0]:
            return " ".join(words)  # a given name in the nominative: so is the surname (Сяргей Скрыба)
        return " ".join([given[0], *(base_form(w, lang, gender) for w in words[1:])])
    return " ".join(base_form(w, lang, gender) for w in words)


def surname_bases(word: str, lang: str | None) -> list[str]:
    """The nominatives an inflected Cyrillic surname may have, for either gender (Тихановскую:
    Тихановская; Шэйманам: Шэйман; Ярмошыну: Ярмошына or Ярмошын), the word itself first.

    Back-references compare surnames by key; a key cuts the usual endings but not every case's
    (Belarusian -ам, the accusative -скую), so the keys of these forms are compared too.
    """
    if detect_script(word) != "Cyrillic":
        return [word]
    return list(dict.fromkeys([word, *(base_form(word, lang, g) for g in (None, "masc", "femn"))]))


#: Endings of an inflected Cyrillic surname that only a woman's takes (the accusative -ую, the oblique
#: -ой/-ай of -ова, -ина, -ская, the Ukrainian -ської) or only a man's (the instrumental -ым, -ом,
#: -ем, Belarusian -ам; the adjectival -ого, -ому; the Ukrainian dative -ові). A woman's surname in a
#: consonant does not decline, so Тертелем is a man.
_FEMININE_FORMS = (
    *("ую", "юю", "ской", "цкой", "скою", "скай", "скаю", "цкай", "ської", "ській", "ською", "ську"),
    *(s + e for s in ("ов", "ев", "ин", "ын", "ав", "ін") for e in ("ой", "ою", "ай", "аю", "ої", "ій")),
)
_MASCULINE_FORMS = ("ым", "им", "ім", "ом", "ем", "ём", "ам", "ого", "ому", "ага", "аму", "ові", "еві")


def form_gender(word: str) -> str | None:
    """``femn`` or ``masc`` when an inflected Cyrillic surname's case ending shows a gender, else None.

    The caller compares a word with a person's surname only where they differ: a nominative that
    ends as a case form (Хаддам, Толстой) says nothing of itself.
    """
    lower = word.lower()
    if detect_script(word) != "Cyrillic" or len(lower) < 5:
        return None
    if lower.endswith(_FEMININE_FORMS):
        return "femn"
    if lower.endswith(_MASCULINE_FORMS):
        return "masc"
    return None


def _cyrillic_parses(word: str, lang: str | None) -> list[Any] | None:
    """pymorphy3's parses of a Cyrillic word, or None when it does not know the word."""
    if detect_script(word) != "Cyrillic":
        return None
    if lang == "be":
        word, lang = word.translate(_BE_TO_RU), "ru"
    parses = analyzer("uk" if lang == "uk" else "ru").parse(word)
    return parses if parses and parses[0].is_known else None


@lru_cache(maxsize=100_000)
def is_given_name_form(word: str, lang: str | None) -> bool:
    """True when pymorphy3 reads a Cyrillic word as a given name in some case (Сергієм, Николаем, Натальей)."""
    if lang == "be" and belarusian_given_name(word) is not None:
        return True  # Лідзію, Мікалаем: pymorphy3 has no Belarusian, the ending tables do
    parses = _cyrillic_parses(word, lang)
    return parses is not None and any("Name" in p.tag for p in parses)


@lru_cache(maxsize=100_000)
def is_not_a_name(word: str, lang: str | None) -> bool:
    """True when pymorphy3 knows a Cyrillic word and no parse of it is a name (Росії, Евросоюз, ПЕРЕСТАВЛЯЕТ)."""
    parses = _cyrillic_parses(word, lang)
    return parses is not None and not any(t in p.tag for p in parses for t in _NAME_TAGS)


def is_animate_noun(word: str, lang: str | None) -> bool:
    """True when some parse of a Cyrillic word is an animate noun: the Ukrainian dictionary knows
    Володимир as a town (inanimate) and as a person (animate) without a name tag."""
    return any("NOUN" in p.tag and "anim" in str(p.tag).replace("inan", "") for p in _cyrillic_parses(word, lang) or [])


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
    parses = analyzer("uk" if lang == "uk" else "ru").parse(word)
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
    if lang in ("uk", "be") and any("Orgn" in str(p.tag) for p in _cyrillic_parses(word, "ru") or []):
        return False  # the Ukrainian dictionary tags no organisations: ФСБ is the Russian one's Orgn
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
