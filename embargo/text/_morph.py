"""Dictionary forms of Cyrillic names: pymorphy3 for Russian and Ukrainian, suffix rules for Belarusian.

An article writes Петровым, Лукашэнкі, Тихановской; lists write the nominative.
pymorphy3 (with its Russian and Ukrainian OpenCorpora dictionaries) gives each
word's parses; a parse tagged as a given name, surname or patronymic is put in
the nominative, keeping its gender. pymorphy3 has no Belarusian dictionary, so
Belarusian surnames and names are brought back by the regular endings of their
declension (-енка/-энка, -скі/-ская, -ка/-га, feminine -а). A man's and a
woman's surnames decline apart (Качанава: her nominative, his genitive of
Качанаў; a woman's Тертель does not decline), so the given name's gender picks
the table: pymorphy3's for Russian and Ukrainian, for Belarusian the given name
brought back by its own endings to a nominative that name data knows (Лідзію:
Лідзія; Мікалаем: Мікалай). An ending that could also be a nominative
(Аляксандра) is left alone, and the screening, which is fuzzy, compares the
surface form too.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from embargo.budget import hold_within_budget
from embargo.names import analyze_name, detect_script
from embargo.text._ner import MODEL_LOCK

__all__ = [
    "base_form",
    "base_name",
    "belarusian_given_name",
    "dictionary_forms",
    "form_gender",
    "given_name_gender",
    "is_common_abbreviation",
    "is_common_word",
    "is_given_name_form",
    "is_not_a_name",
    "is_surname_not_place",
    "is_verb",
    "surname_bases",
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


def _belarusian(word: str, gender: str | None = None) -> str:
    """A Belarusian surname's nominative by its endings: a man's and a woman's differ (Качанава is a
    woman's nominative and a man's genitive of Качанаў), so the given name's gender picks the table."""
    lower = word.lower()
    table = _BE_ENDINGS if gender is None else _BE_MASCULINE if gender == "masc" else _BE_FEMININE
    for ending, nominative in table:
        stem = lower[: -len(ending)]
        if not lower.endswith(ending) or len(stem) < 3:
            continue
        if nominative in ("", "ь") and stem[-1] in _BE_VOWELS:
            continue  # only a stem in a consonant takes these endings bare (Шэйман-а, Тэртэл-я; not Лукашэнк-а)
        return _keep_case(word, stem + nominative)
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
    tokens = analyze_name(nominative, "Person").tokens
    # a given name has an item per language and spelling
    items = sum(s.startswith("name:") for s in tokens[0].symbols) if len(tokens) == 1 else 0
    spelled = items if len(nominative) >= 4 and items >= 3 else 0
    respelled = nominative.lower()
    for be, ru in _BE_NAME_TO_RU:
        respelled = respelled.replace(be, ru)
    for lang, form in (("ru", respelled), ("uk", nominative.lower())):
        parses = [p for p in _analyzer(lang).parse(form) if p.is_known and "Name" in p.tag and _singular_nominative(p)]
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
            candidate = _keep_case(word, stem + nominative)
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
        return _belarusian(word, gender)
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
    if gender is not None:
        # Вахіді after Ахмад is not the dative of the woman's name Вахіда: only the given name's gender counts
        named = [p for p in named if gender in p.tag]
    if any(_singular_nominative(p) for p in named):
        return word  # Мария is a nominative, whatever else it could be
    for parse in named or parses[:1]:
        if _singular_nominative(parse):
            return word
        form = parse.inflect({"nomn", "sing"}) or parse.inflect({"nomn"})
        # a surname the dictionary knows only as a common noun of the name's gender (Тертелем after Иваном)
        noun = gender is not None and parse.tag.POS == "NOUN" and gender in parse.tag
        if form is not None and (named or noun):
            return _keep_case(word, form.word)
    return word


def _singular_nominative(parse: Any) -> bool:
    """A nominative parse that is not a plural: the Ukrainian tag set leaves ``sing`` off many
    surnames (Хренін is ``NOUN,Surn,anim masc,nomn``), which must not make them plurals' forms."""
    return "nomn" in parse.tag and "plur" not in parse.tag


def _gender(words: list[str], lang: str | None) -> str | None:
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
        parses = [
            p for p in _analyzer("uk" if lang == "uk" else "ru").parse(word) if "Name" in p.tag or "Patr" in p.tag
        ]
        genders = {g for p in parses for g in ("masc", "femn") if g in p.tag}
        if genders:  # a parse with no gender (Хренін as a plural of Хреніна) tells nothing
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
    parses = _analyzer("uk" if lang == "uk" else "ru").parse(word)
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
