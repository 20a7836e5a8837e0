"""Which country a text, or one mention in it, is about; which country a listed organisation is of.

A generic body name (``Interior Ministry``, ``ЦВК``, ``ministère de l'Intérieur``) is the name
of a body in many countries; the lists hold some of them (Cuba's interior ministry, Belarus's
election commission). Such a mention is the listed body only when the country the text
speaks of is the body's country. The country of a mention is a country word inside it or
right beside it (``Iran's Ministry of Defence``, ``МВД России``, ``Comisión Electoral Central
de Rusia``), else the country named last before it in its paragraph, else the countries the
whole text names most. Country words are read with rigour's territory names (many languages
and demonyms: Belarus, Belarusian, Беларусь, Weißrussland, Cuban) and, for Russian and
Ukrainian inflected forms (России, Білорусі), with the dictionary form pymorphy3 gives.

The country of a listed organisation is its ``country``/``jurisdiction``/``mainCountry``,
else the country its addresses end with, else a country word in its names (``Central
Election Commission of the Russian Federation``).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from functools import lru_cache
from itertools import pairwise

from rigour.territories import lookup_territory

from embargo.model import Entity
from embargo.names import detect_script
from embargo.text._keys import TextWord, split_text, word_keys
from embargo.text.bodies import HEAD_STEMS

__all__ = [
    "adjective_country",
    "context_country",
    "country_at",
    "entity_countries",
    "is_body_word",
    "is_civil_word",
    "paragraph_countries",
    "text_countries",
    "word_country",
]

#: Beginnings of the nouns that name a kind of public body, in the languages the text screener reads
#: and those of the press it meets: the heads of :mod:`.bodies`' concept table (ministry, committee,
#: commission, service, council, agency, police, guard, army, forces, court, directorate...) and these
#: (authority, department, office, security, intelligence, parliament...). A body named by such words
#: and no name of its own is a body many countries have.
_BODY_STEMS = (
    *HEAD_STEMS,
    *("ministr", "minist", "comit", "comisi", "authority", "autorité", "autoridad", "inspector", "inspection"),
    *("rat", "polic", "department", "departamento", "bureau", "office", "security", "sécurité", "seguridad"),
    *("sicherheit", "intelligence", "inteligencia", "renseignement", "geheimdienst", "fiscal", "parliament"),
    *("parlement", "parlamento", "рад", "вооружен", "узброен", "збройн", "департамент", "инспекц", "інспекц"),
    *("кіраванн", "бюро", "безопасност", "бяспек", "безпек", "разведк", "выведк", "розвідк", "парламент"),
)


#: Beginnings of the words with which the press describes a civil-society organisation (a rights group,
#: an opposition movement, an independent outlet), never a listed state body or a company.
_CIVIL_STEMS = (
    "rights",
    "human-rights",
    "ngo",
    "nonprofit",
    "non-profit",
    "charity",
    "watchdog",
    "opposition",
    "dissident",
    "droits",
    "derechos",
    "menschenrecht",
    "oppositi",
    "oposici",
    "правозащит",
    "праваабарон",
    "правозахис",
    "оппозиц",
    "апазіц",
    "опозиц",
)


def is_civil_word(word: str) -> bool:
    """True for a word describing a civil-society organisation (rights group, правозащитный, Menschenrechtszentrum)."""
    lower = word.lower()
    return lower.startswith(_CIVIL_STEMS) or "menschenrecht" in lower or "правозащит" in lower


def is_body_word(word: str) -> bool:
    """True for a noun naming a kind of public body (Ministry, комиссии, Servicio, Streitkräfte)."""
    lower = word.lower()
    return len(lower) >= 3 and lower.startswith(_BODY_STEMS)


#: Entity properties that name the country a listed entity is of (an organisation's, a person's nationality).
_PROPS = ("country", "jurisdiction", "mainCountry", "nationality", "citizenship")
#: Words a country may stand after and still qualify the body before it (Ministry of Defence of Iran).
_LINKS = frozenset({"of", "de", "du", "des", "del", "la", "le", "der", "von", "the", "d"})
#: Two-letter words rigour reads as countries that are everyday words in the texts' languages.
_NOT_COUNTRIES = frozenset({"us", "in", "it", "is", "as", "at", "be", "by", "no", "to", "me", "ma", "la", "de"})
#: Countries the press writes by their initials (in capitals, as written).
_INITIALS = {
    "РФ": "ru",
    "RF": "ru",
    "РБ": "by",
    "США": "us",
    "USA": "us",
    "US": "us",
    "UK": "gb",
    "UAE": "ae",
    "ОАЭ": "ae",
}
#: Polish case endings of country names and their nominative (Białorusi, Rosji, Ukrainy, Iranie).
_POLISH_CASES = (("ji", "ja"), ("ii", "ia"), ("si", "ś"), ("zi", "ź"), ("ie", ""), ("y", "a"), ("i", "a"), ("u", ""))
_APOSTROPHE = re.compile(r"['’]s$")


@lru_cache(maxsize=20_000)
def _lookup(word: str) -> str | None:
    if len(word) < 3 or word.lower() in _NOT_COUNTRIES:
        return None
    found = lookup_territory(word)
    if found is None or not found.is_country:
        return None
    return str(found.code)


@lru_cache(maxsize=20_000)
def word_country(word: str, lang: str | None = None) -> str | None:
    """The country a word names (``Belarus``, ``Belarusian``, ``России``, ``Iran's``), or None.

    Only words written with a capital count: ``cuban cigars`` in a list of goods is no context.
    """
    word = _APOSTROPHE.sub("", word)
    if word in _INITIALS:
        return _INITIALS[word]
    if not word[:1].isupper():
        return None
    found = _lookup(word)
    if found is None and word.endswith("s") and len(word) > 5 and detect_script(word) == "Latin":
        found = _lookup(word[:-1])  # a German genitive: Weißrusslands, Irans
    if found is None and lang == "pl":
        # a Polish case form: Białorusi, Rosji, Ukrainy are Białoruś, Rosja, Ukraina
        for ending, nominative in _POLISH_CASES:
            if word.endswith(ending) and (found := _lookup(word[: len(word) - len(ending)] + nominative)):
                return found
    if found is not None or detect_script(word) != "Cyrillic":
        return found
    from embargo.text._morph import dictionary_forms, is_given_name_form

    if is_given_name_form(word, lang):
        return None  # Германа is Herman's genitive, not Germany
    for form in dictionary_forms(word, lang):
        found = _lookup(form[:1].upper() + form[1:])
        if found is not None:
            return found
    return None


#: "North" before Korea(n) in the screener's languages (beginnings, for the Slavic cases: Северной Кореи).
_NORTH = ("north", "nord", "norte", "północ", "северн", "північн", "паўночн")
_SOUTH = ("south", "süd", "sud", "sur", "południow", "южн", "півд", "паўдн")
#: Korea's name written alone, not in a compound that says which (Südkorea, Nordkorea).
_KOREA = ("kore", "corée", "coreé", "corea", "korea", "коре", "карэ")


def country_at(words: Sequence[TextWord], i: int, lang: str | None) -> str | None:
    """:func:`word_country` of word ``i``, reading the words beside it: Korea(n) after North (North Korean,
    Corée du Nord) is North Korea, after South the Republic of Korea, and alone neither (the Korea of
    Korea Mining Development Trading Corporation)."""
    found = word_country(words[i].text, lang)
    if found != "kr" or not words[i].text.lower().startswith(_KOREA):
        return found
    if i > 0 and words[i - 1].text.lower().startswith(_NORTH):
        return "kp"
    if i + 2 < len(words) and words[i + 2].text.lower().startswith(_NORTH):
        return "kp"  # Corée du Nord, Corea del Norte
    if (i > 0 and words[i - 1].text.lower().startswith(_SOUTH)) or (
        i + 2 < len(words) and words[i + 2].text.lower().startswith(_SOUTH)
    ):
        return "kr"
    return None  # Korea alone (Korea Mining Development Trading Corporation) says neither


#: Endings of a country's adjective in French and Spanish (lower-case: cubain, biélorusse, iraní, ruso) and
#: what the country's name ends with instead (Cuba, Biélorussie, Irán, Rusia), tried in turn.
_ADJECTIVE_ENDINGS = (
    ("çaise", "ce"),
    ("çais", "ce"),
    ("aine", "a"),
    ("ain", "a"),
    ("ienne", "ie"),
    ("ien", "ie"),
    ("ienne", ""),
    ("ien", ""),
    ("aise", ""),
    ("ais", ""),
    ("oise", "e"),
    ("ois", "e"),
    ("sse", "ssie"),
    ("ano", "a"),
    ("ana", "a"),
    ("ano", ""),
    ("í", ""),
    ("o", "ia"),
    ("a", "ia"),
    ("e", "ie"),
)


#: Languages that write a country's adjective in lower case.
_ROMANCE = frozenset({"fr", "es", "it", "pt"})


@lru_cache(maxsize=20_000)
def adjective_country(word: str) -> str | None:
    """The country a French or Spanish adjective names, written in lower case as those languages do
    (``cubain``, ``biélorusses``, ``iraní``, ``rusa``), read back to the country's name (Cuba,
    Biélorussie, Irán, Rusia) that rigour knows; None for any other word."""
    lower = word.lower()
    for plural in ("es", "s", ""):
        if plural and not lower.endswith(plural):
            continue
        stem = lower[: len(lower) - len(plural)] if plural else lower
        for ending, country in _ADJECTIVE_ENDINGS:
            if stem.endswith(ending) and len(stem) - len(ending) >= 3:
                name = stem[: len(stem) - len(ending)] + country
                if (found := _lookup(name[:1].upper() + name[1:])) is not None:
                    return found
    if len(lower) > 4 and lower[-1] == "í" and (found := _lookup(lower[:1].upper() + lower[1:-1])) is not None:
        return found
    return None


#: Capitals of the countries sanctions programmes are about, as the press of the screener's languages
#: writes them (nominative; inflected forms share a key): a capital named beside a body says its
#: country (das Verteidigungsministerium in Moskau), as the country's name would.
_CAPITALS = {
    "ru": ("Moscow", "Moskau", "Moscou", "Mosca", "Moscú", "Moskwa", "Москва"),
    "by": ("Minsk", "Mińsk", "Минск", "Мінск"),
    "ir": ("Tehran", "Teheran", "Téhéran", "Teherán", "Teheranie", "Тегеран", "Тэгеран"),
    "sy": ("Damascus", "Damaskus", "Damas", "Damasco", "Damaszek", "Дамаск"),
    "kp": ("Pyongyang", "Pjöngjang", "Pjongjang", "Phenian", "Пхеньян"),
    "cu": ("Havana", "Havanna", "Havane", "Habana", "Hawana", "Гавана"),
    "ve": ("Caracas", "Каракас"),
    "ni": ("Managua", "Манагуа"),
    "mm": ("Naypyidaw", "Naypyitaw", "Нейпьидо"),
    "ua": ("Kyiv", "Kiev", "Kiew", "Kijów", "Киев", "Київ", "Кіеў"),
}


@lru_cache(maxsize=1)
def _capital_keys() -> dict[str, str]:
    return {k: code for code, names in _CAPITALS.items() for name in names for k in word_keys(name)}


#: "In" before a place, in the screener's languages.
_IN = frozenset({"in", "à", "a", "en", "w", "we", "в", "во", "у", "ў"})


def capital_country(word: str) -> str | None:
    """The country whose capital a capitalised word names (Moskau, Москве, Téhéran), or None."""
    if not word[:1].isupper() or len(word) < 4:
        return None
    keys = _capital_keys()
    return next((keys[k] for k in word_keys(word) if k in keys), None)


def text_countries(words: Sequence[TextWord], lang: str | None) -> Counter[str]:
    """How often the text names each country (in French and Spanish also by a lower-case adjective: cubain)."""
    found = Counter(c for i in range(len(words)) if (c := country_at(words, i, lang)) is not None)
    if lang in _ROMANCE:
        found.update(c for w in words if w.text[:1].islower() and (c := adjective_country(w.text)) is not None)
    return found


def _paragraph_start(text: str, offset: int) -> int:
    return text.rfind("\n\n", 0, offset) + 1


def context_country(
    text: str, words: Sequence[TextWord], first: int, last: int, lang: str | None, capitals: bool = False
) -> tuple[str | None, str]:
    """The country a mention (words ``first`` to ``last``) speaks of, and how it was found.

    Args:
        capitals: a state body's: its country's capital counts as the country, right after it (das
            Verteidigungsministerium in Moskau) or before it in its paragraph; a company "in Moscow"
            may be anyone's.

    Returns:
        (code, how): ``how`` is ``"named in the mention"`` (a country word inside it, the word
        before it, or after it past a linking word), ``"named before it in its paragraph"``,
        or ``""`` (code None) when its paragraph names none before it.
    """
    inside = [c for i in range(first, last + 1) if (c := country_at(words, i, lang)) is not None]
    if not inside and lang in _ROMANCE and last > first and words[last].text[:1].islower():
        # the mention ends on an adjective of its country (Ministero della Difesa russo)
        inside = [c] if (c := adjective_country(words[last].text)) is not None else []
    if inside:
        return inside[-1], "named in the mention"
    if first > 0 and (c := country_at(words, first - 1, lang)) is not None:
        return c, "named in the mention"
    # after it: past a linking word (Ministry of Defence of Iran, Comisión Electoral de Rusia), or at
    # once in the Slavic languages, where the country is a genitive (МВД России, КДБ Білорусі)
    nxt = last + 1
    while nxt < len(words) and nxt <= last + 2 and words[nxt].text.lower() in _LINKS:
        nxt += 1
    if nxt < len(words) and "\n" not in text[words[last].end : words[nxt].start]:
        linked = nxt > last + 1 or lang in ("ru", "uk", "be", "pl") or (lang == "de" and words[nxt].text.endswith("s"))
        if linked and (c := country_at(words, nxt, lang)) is not None:
            return c, "named in the mention"
        if (
            capitals
            and nxt + 1 < len(words)
            and words[nxt].text.lower() in _IN
            and (c := capital_country(words[nxt + 1].text))
        ):
            return c, "where it sits, the capital, is named beside it"
        # a French or Spanish adjective after the name (ministère de l'Intérieur cubain, Ministerio del Interior ruso)
        gap = text[words[last].end : words[last + 1].start] if last + 1 < len(words) else ","
        if nxt == last + 1 and not gap.strip() and (c := adjective_country(words[nxt].text)) is not None:
            return c, "named in the mention"
    start = _paragraph_start(text, words[first].start)
    for i in range(first - 1, -1, -1):
        w = words[i]
        if w.start < start:
            break
        if (c := country_at(words, i, lang) or (capital_country(w.text) if capitals else None)) is not None:
            return c, "named before it in its paragraph"
    return None, ""


def paragraph_countries(text: str, words: Sequence[TextWord], first: int, lang: str | None) -> set[str]:
    """Every country the paragraph of word ``first`` names before it."""
    start = _paragraph_start(text, words[first].start)
    return {c for i in range(first) if words[i].start >= start and (c := country_at(words, i, lang)) is not None}


def _address_country(address: str) -> str | None:
    parts = [p.strip() for p in address.split(",") if p.strip()]
    for part in reversed(parts[-2:]):
        found = _lookup(part)
        if found is not None:
            return found
    return None


def entity_countries(entity: Entity) -> frozenset[str]:
    """The countries a listed organisation is of (empty when its record says none)."""
    found = {v for p in _PROPS for v in entity.get(p)}
    if found:
        return frozenset(found)
    found = {c for a in entity.get("address") if (c := _address_country(a)) is not None}
    if found:
        return frozenset(found)
    return frozenset(_name_countries(entity.get("name") + entity.get("alias")))


def _name_countries(names: Iterable[str]) -> set[str]:
    out: set[str] = set()
    for name in names:
        words = [w.text for w in split_text(name)]
        out.update(c for w in words if (c := _lookup(w)) is not None)
        # "the Russian Federation", "Republic of Belarus": two words together
        out.update(c for a, b in pairwise(words) if (c := _lookup(f"{a} {b}")) is not None)
    return out
