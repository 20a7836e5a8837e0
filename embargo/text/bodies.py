"""State bodies as the press names them: by what they are (Interior Ministry, Міністерство оборони
Білорусі, Comisión Electoral Central de Rusia, Innenministerium) or by an acronym (KGB, КДБ, ЦВК, MAZ).

A list holds such a body under a long official name (State Security Committee of the Republic of
Belarus; MINISTRY OF DEFENSE AND ARMED FORCES LOGISTICS), often in English only, and the name
screener cannot pair Міністерство оборони with it. Here both sides are read as *concepts*:
each word naming a kind of body or what it does (ministry, defence, armed, forces, election,
commission...) maps, in English, French, Spanish, German, Russian, Belarusian and Ukrainian and
the lists' romanizations of the last three, to one concept; words such as ``of``, ``the``,
``Republic`` are left out and country words are kept apart. A listed organisation name made of
concepts only (a body named by what it is) is indexed by its set of concepts and by its
initials (``KOMITET GOSUDARSTVENNOI BEZOPASNOSTI`` gives KGB, ``Цэнтральная выбарчая камісія``
gives ЦВК); the acronyms a list writes itself (``(MAZ)``, ``MODAFL``, ``BELARUSIAN KGB``) are
indexed too.

Such a name is the name of a body in many countries: the text screener calls a mention of it
listed only when the listed body's country is the one the text speaks of (see
:mod:`.countries`), unless its concepts name one body anywhere (Islamic Revolutionary Guard Corps).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from embargo.names import detect_script
from embargo.text._keys import TextWord, in_capitals_line, split_text, word_keys
from embargo.text._morph import is_common_abbreviation

__all__ = [
    "HEAD_STEMS",
    "BodyIndex",
    "BodyMatch",
    "BodySpan",
    "acronym_word",
    "country_after",
    "find_bodies",
    "word_concepts",
]

#: Concepts and the beginnings of the words that name them (lower case, accents kept as written
#: and also stripped). The first group are *heads*: nouns that name a kind of body.
_HEADS: dict[str, tuple[str, ...]] = {
    "ministry": (
        "ministerstw",
        "ministry",
        "ministries",
        "ministère",
        "ministerio",
        "ministerium",
        "ministero",
        "ministerstv",
        "министерств",
        "міністэрств",
        "міністерств",
    ),
    "committee": (
        "comitato",
        "committee",
        "comité",
        "comite",
        "komitee",
        "komitet",
        "kamitet",
        "комитет",
        "камітэт",
        "комітет",
    ),
    "commission": (
        "komisj",
        "commission",
        "comisión",
        "comision",
        "kommission",
        "komissi",
        "kamisi",
        "комисси",
        "камісі",
        "комісі",
    ),
    "service": ("służb", "sluzb", "servizi", "service", "servicio", "dienst", "sluzhb", "служб"),
    "council": (
        "consiglio",
        "rada",
        "rady",
        "radzie",
        "council",
        "conseil",
        "consejo",
        "совет",
        "савет",
        "рада",
        "ради",
        "раді",
        "раду",
    ),
    "agency": ("agency", "agence", "agencia", "behörde", "агентств", "агенцтв", "агенці"),
    "police": (
        "policj",
        "polizia",
        "police",
        "policía",
        "policia",
        "polizei",
        "полици",
        "паліцы",
        "поліці",
        "милици",
        "міліцы",
        "міліці",
    ),
    "guard": ("страж", "straż", "guardi", "guard", "garde", "guardia", "гварди", "гвардз", "вартов"),
    "army": ("armi", "esercito", "army", "armée", "ejército", "ejercito", "armee", "арми", "армі"),
    "forces": (
        "siły",
        "sił",
        "forze",
        "forces",
        "fuerzas",
        "streitkr",
        "kräfte",
        "krafte",
        "sily",
        "силы",
        "сил",
        "сілы",
        "сіл",
        "сили",
    ),
    "corps": ("corpo", "corps", "cuerpo", "korps", "корпус"),
    "troops": ("wojsk", "troops", "troupes", "tropas", "truppen", "vojsk", "войск", "войскі", "войськ", "військ"),
    "court": ("sąd", "corte", "court", "tribunal", "gericht", "суд"),
    "directorate": (
        "dyrekcj",
        "zarząd",
        "direzione",
        "directorate",
        "direction",
        "dirección",
        "direccion",
        "direktion",
        "управлени",
        "упраўлен",
        "управлінн",
    ),
    "prosecutor": ("prosecutor", "procurat", "fiscalía", "staatsanwalt", "прокуратур", "пракуратур"),
    "bank": ("banca", "bank", "banque", "banco", "банк"),
}
#: Concepts that qualify a head.
_QUALIFIERS: dict[str, tuple[str, ...]] = {
    "interior": (
        "wewnętrzn",
        "wewnetrzn",
        "interno",
        "interni",
        "interior",
        "intérieur",
        "interieur",
        "innen",
        "internal",
        "vnutrenn",
        "unutran",
        "внутренн",
        "унутран",
        "внутрішн",
    ),
    "foreign": (
        "zagraniczn",
        "esteri",
        "foreign",
        "étrangères",
        "etrangeres",
        "exteriores",
        "auswärtig",
        "außen",
        "aussen",
        "иностранн",
        "замежн",
        "закордонн",
    ),
    "defence": (
        "obron",
        "difesa",
        "defence",
        "defense",
        "défense",
        "defensa",
        "verteidigung",
        "oborony",
        "abarony",
        "оборон",
        "абарон",
    ),
    "justice": ("sprawiedliwo", "giustizia", "justice", "justicia", "justiz", "юстици", "юстыцы", "юстиці"),
    "information": ("information", "información", "informacion", "информаци", "інфармацы", "інформаці"),
    "emergency": ("emergenc", "чрезвычайн", "надзвычайн"),
    "state": (
        "państw",
        "panstw",
        "stato",
        "statal",
        "state",
        "état",
        "etat",
        "estado",
        "staats",
        "gosudarstv",
        "dzyarzhau",
        "государствен",
        "дзяржаўн",
        "державн",
    ),
    "security": (
        "bezpieczeństw",
        "bezpieczenstw",
        "sicurezza",
        "security",
        "sécurité",
        "securite",
        "seguridad",
        "sicherheit",
        "bezopasnost",
        "biaspek",
        "безопасност",
        "бяспек",
        "безпек",
    ),
    "election": (
        "wyborcz",
        "elettoral",
        "election",
        "électoral",
        "electoral",
        "élection",
        "wahl",
        "izbiratel",
        "vybarch",
        "избирательн",
        "выбарч",
        "виборч",
    ),
    "central": ("centraln", "centrale", "central", "zentral", "tsentraln", "центральн", "цэнтральн"),
    "armed": (
        "zbrojn",
        "armate",
        "armed",
        "armées",
        "armees",
        "armadas",
        "vooruzhenn",
        "вооружен",
        "вооружён",
        "узброен",
        "збройн",
    ),
    "logistics": ("logistic", "logistique", "logística", "logistica", "логистик", "лагістык", "логістик"),
    "federal": ("federal", "fédéral", "bundes", "federaln", "федеральн", "фэдэральн"),
    "national": ("narodow", "nazional", "national", "nacional", "natsionaln", "национальн", "нацыянальн", "національн"),
    "border": (
        "graniczn",
        "frontier",
        "border",
        "frontière",
        "frontera",
        "grenz",
        "pogranichn",
        "пограничн",
        "памежн",
        "прикордонн",
    ),
    "customs": ("celn", "dogan", "customs", "douane", "aduana", "zoll", "таможен", "мытн"),
    "intelligence": (
        "wywiad",
        "intelligence",
        "renseignement",
        "inteligencia",
        "nachrichtendienst",
        "разведк",
        "выведк",
        "розвідк",
    ),
    "main": ("główn", "glown", "generale", "main", "general", "général", "главн", "галоўн", "головн"),
    "supreme": ("supreme", "suprême", "supremo", "oberst", "верховн", "вярхоўн"),
    "investigative": ("investigat", "investigación", "следствен", "следч", "слідч"),
    "military": ("wojskow", "military", "militaire", "militar", "военн", "ваенн", "військов"),
    "counterintelligence": (
        "counterintelligence",
        "contre-espionnage",
        "contrainteligencia",
        "контрразведк",
        "контрвыведк",
        "контррозвідк",
    ),
    "revolution": (
        "rewolucj",
        "rivoluzion",
        "revolution",
        "révolution",
        "revolución",
        "revolucion",
        "революц",
        "рэвалюц",
    ),
    "islamic": ("islamsk", "islamic", "islamique", "islámic", "islamic", "исламск", "ісламск", "ісламськ"),
    "broadcasting": (
        "broadcast",
        "television",
        "télévision",
        "televisión",
        "fernseh",
        "телевиден",
        "тэлебачан",
        "телебачен",
    ),
}
#: Concepts that name one body wherever it is (no country needs to fit).
_DISTINCTIVE = frozenset({"revolution", "islamic"})
#: Words allowed inside a body's name that add no concept (of the Republic, internal *affairs*).
_FILLERS = (
    "republic",
    "république",
    "república",
    "republik",
    "respubl",
    "республик",
    "рэспублік",
    "республік",
    "federation",
    "fédération",
    "federación",
    "föderation",
    "федерац",
    "фэдэрац",
    "affairs",
    "spraw",
    "affari",
    "affaires",
    "asuntos",
    "angelegenheit",
    "дел",
    "спраў",
    "справ",
    "support",
    "and",
)
#: Short linking words inside a body's name.
_LINKS = frozenset(
    {
        "of",
        "the",
        "for",
        "on",
        "and",
        "de",
        "del",
        "la",
        "le",
        "les",
        "des",
        "du",
        "d",
        "l",
        "et",
        "y",
        "für",
        "der",
        "die",
        "das",
        "und",
        "и",
        "і",
        "ў",
        "та",
        "по",
        "па",
        "для",
        "з",
        "с",
        # Italian, Portuguese, Polish
        "di",
        "della",
        "dello",
        "delle",
        "degli",
        "dei",
        "e",
        "da",
        "do",
        "dos",
        "i",
    }
)
#: "And": it joins two names, never a body's name to its country (на «Белшине» и Минском заводе).
_CONJUNCTIONS = frozenset({"and", "et", "y", "und", "e", "i", "и", "і", "ў", "та"})
#: "Of" in the lists' languages: the main noun of a Latin-script body's name stands before it.
_OF_WORDS = frozenset(
    {"of", "de", "del", "des", "du", "der", "von", "di", "della", "dello", "delle", "degli", "da", "do"}
)
#: Press short forms of a body's name: one word standing for several concepts.
_SHORT_FORMS: dict[str, tuple[str, ...]] = {
    "центризбирком": ("central", "election", "commission"),
    "цэнтрвыбаркам": ("central", "election", "commission"),
    "минобороны": ("ministry", "defence"),
    "мінабароны": ("ministry", "defence"),
    "міноборони": ("ministry", "defence"),
    "минюст": ("ministry", "justice"),
    "мінюст": ("ministry", "justice"),
    "мининформ": ("ministry", "information"),
    "мінінфарм": ("ministry", "information"),
}
#: Press acronyms of common bodies, in the languages of the press (not the lists' own).
_PRESS_ACRONYMS: dict[str, tuple[str, ...]] = {
    "мвд": ("ministry", "interior"),
    "мус": ("ministry", "interior"),
    "мвс": ("ministry", "interior"),
    "мид": ("ministry", "foreign"),
    "мзс": ("ministry", "foreign"),
    "мчс": ("ministry", "emergency"),
    "мнс": ("ministry", "emergency"),
    "дснс": ("state", "emergency", "service"),
    "цик": ("central", "election", "commission"),
    "цвк": ("central", "election", "commission"),
    "кгб": ("state", "security", "committee"),
    "кдб": ("state", "security", "committee"),
    # Корпус стражей исламской революции; Корпус вартових ісламської революції
    "ксир": ("corps", "guard", "islamic", "revolution"),
    "квір": ("corps", "guard", "islamic", "revolution"),
    "квир": ("corps", "guard", "islamic", "revolution"),
    "сгрк": ("corps", "guard", "islamic", "revolution"),  # Сепах-е пасдаран, seldom
}
#: Heads a German compound ends with (Innenministerium, Verteidigungsministerium, Wahlkommission).
_COMPOUND_HEADS = (
    "ministerium",
    "kommission",
    "komitee",
    "dienst",
    "behörde",
    "gericht",
    "streitkräfte",
    "polizei",
    "bank",
)
_ELISION = re.compile(r"^(?:l|d|dell|dall|nell|sull|all|coll)['’]", re.IGNORECASE)


def _plain(word: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _table(groups: dict[str, tuple[str, ...]]) -> list[tuple[str, str]]:
    """(stem, concept) pairs, accents stripped too, longest stem first."""
    pairs = {(s, c) for c, stems in groups.items() for stem in stems for s in (stem, _plain(stem))}
    return sorted(pairs, key=lambda p: -len(p[0]))


_STEMS = _table({**_HEADS, **_QUALIFIERS})
#: Every beginning of a noun naming a kind of body (see :data:`_HEADS`), for :func:`.countries.is_body_word`.
HEAD_STEMS = tuple(sorted({stem for stems in _HEADS.values() for stem in stems}))
_HEAD_NAMES = frozenset(_HEADS)
_FILLER_STEMS = tuple(sorted({_plain(s) for s in _FILLERS} | set(_FILLERS), key=len, reverse=True))


def _normal(word: str) -> str:
    return _ELISION.sub("", word.lower().replace("’", "'"))


def _by_first_letter(pairs: list[tuple[str, str]]) -> dict[str, list[tuple[str, str]]]:
    """The (stem, concept) pairs by the stem's first letter, each group longest stem first as in ``pairs``."""
    groups: dict[str, list[tuple[str, str]]] = {}
    for stem, concept in pairs:
        groups.setdefault(stem[:1], []).append((stem, concept))
    return groups


_STEMS_BY_LETTER = _by_first_letter(_STEMS)


def _stem_concept(word: str) -> str | None:
    # only a stem of the word's first letter can begin it (the words of a remittance line are mostly new)
    for stem, concept in _STEMS_BY_LETTER.get(word[:1], ()):
        if word.startswith(stem):
            # a short Cyrillic stem (сил, суд, рада) must be most of the word: not сильный, судьба, радасць
            if len(stem) <= 4 and len(word) > len(stem) + 3:
                continue
            return concept
    return None


@lru_cache(maxsize=50_000)
def word_concepts(word: str) -> tuple[str, ...]:
    """The concepts a word names: ``("ministry",)`` for Міністэрства, ``("interior", "ministry")``
    for Innenministerium, ``("central", "election", "commission")`` for Центризбиркома; ``()``
    for any other word."""
    lower = _normal(word)
    if len(lower) < 3:
        return ()
    for form, concepts in _SHORT_FORMS.items():
        if lower.startswith(form) and len(lower) <= len(form) + 3:
            return concepts
    if (len(lower) >= 10 and lower.isascii()) or "ä" in lower or "ü" in lower or "ö" in lower or "ß" in lower:
        compound = _compound(lower)
        if compound:
            return compound
    # "Minister" and "ministre" are people, not the ministry: the stems above never match them
    found = _stem_concept(lower) or _stem_concept(_plain(lower))
    return (found,) if found is not None else ()


def _compound(word: str) -> tuple[str, ...]:
    """A German compound's two concepts (Innenministerium, Staatssicherheit, Wahlkommission), or ``()``."""
    for stem, concept in _STEMS:
        if len(stem) < 4 or (not stem.isascii() and not any(c in stem for c in "äöüß")):
            continue
        at = word.find(stem, 3)
        if at <= 0:
            continue
        head = word[:at]
        first = next(
            (c for h in (head, head.removesuffix("s")) if (c := _stem_concept(h) or _stem_concept(_plain(h)))), None
        )
        if first is not None and first != concept:
            return (first, concept)
    return ()


def _filler(word: str) -> bool:
    lower = _normal(word)
    return lower in _LINKS or (len(lower) >= 3 and _plain(lower).startswith(_FILLER_STEMS))


def acronym_word(word: str) -> bool:
    """True for a word written as an acronym: two to seven capitals (KGB, КДБ, MODAFL), none lower-case."""
    letters = [c for c in word if c.isalpha()]
    return 2 <= len(letters) <= 7 and all(c.isupper() for c in letters) and len(letters) == len(word)


def _acronym_keys(word: str) -> set[str]:
    return set(word_keys(word)) | {word.lower()}


@dataclass(frozen=True, slots=True)
class BodyMatch:
    """Listed bodies a body mention may be: their entity ids and how they were found."""

    #: listed under this acronym, or under a name of exactly these concepts
    entities: tuple[str, ...]
    #: ``acronym`` or ``concepts``
    how: str
    concepts: tuple[str, ...] = ()
    #: listed under a name holding every concept of the mention and more (the press shortens names)
    partial: tuple[str, ...] = ()
    #: True when the concepts name one body anywhere (no country needs to fit)
    distinctive: bool = False


@dataclass(frozen=True, slots=True)
class BodySpan:
    """A body named in a text: words ``first`` to ``last`` (with a country word after it, if any)."""

    first: int
    last: int
    concepts: tuple[str, ...]
    acronym: str = ""


def _name_words(name: str) -> list[str]:
    return [w.text for w in split_text(re.sub(r"[()‘’'“”\"«»]", " ", name))]


def _is_country(word: str) -> bool:
    from embargo.text.countries import word_country

    return word_country(word) is not None or word_country(word[:1].upper() + word[1:].lower()) is not None


def _name_concepts(name: str, legal_forms: frozenset[str]) -> tuple[list[str], list[str], str] | None:
    """The concepts of a listed name in order, their initials and its main head, when it is made of
    concepts only.

    The main head is the noun the name is of: in a Latin-script name the last head before its first
    "of" (INTERNAL TROOPS of the Ministry: troops; Islamic Revolutionary Guard CORPS: corps), in a
    Cyrillic one the first (ВНУТРЕННИЕ ВОЙСКА Министерства: войска).
    """
    concepts: list[str] = []
    initials: list[str] = []
    heads: list[str] = []
    before_of: list[str] = []
    seen_of = False
    for word in _name_words(name):
        lower = word.lower()
        if lower in legal_forms:
            continue
        found = word_concepts(word)
        if found:
            concepts.extend(found)
            initials.append(word[:1])
            named = [c for c in found if c in _HEAD_NAMES]
            heads.extend(named)
            if not seen_of:
                before_of.extend(named)
            continue
        if lower in _OF_WORDS:
            seen_of = True
        if _filler(word) or _is_country(word):
            continue
        return None
    if not heads:
        return None
    main = heads[0] if detect_script(name) == "Cyrillic" else (before_of or heads)[-1]
    return concepts, initials, main


def _explicit_acronyms(name: str, legal_forms: frozenset[str]) -> set[str]:
    """Acronyms a list writes in a name: in brackets (CEC), as the whole name (MODAFL), beside
    country words only (BELARUSIAN KGB, CEC BELARUS), or in capitals in a name that is not (OJSC ‘MAZ’)."""
    out = set(re.findall(r"\(([^\W\d_]{2,7})\)", name))
    words = _name_words(name)
    rest = [w for w in words if w.lower() not in legal_forms]
    if len(rest) == 1 and 2 <= len(rest[0]) <= 7 and rest[0].isupper():
        out.add(rest[0])
    short = [w for w in rest if acronym_word(w) and not _is_country(w) and not word_concepts(w)]
    if len(short) == 1 and all(w in short or _is_country(w) for w in rest):
        out.add(short[0])
    if not name.isupper():
        # one word in capitals in a name written otherwise (OJSC ‘MAZ’; not ‘MINSK ELECTROTECHNICAL PLANT’)
        caps = [w for w in rest if acronym_word(w) and len(w) >= 3]
        if len(caps) == 1:
            out.add(caps[0])
    return {a for a in out if acronym_word(a) and not _is_country(a)}


@dataclass(slots=True)
class BodyIndex:
    """Listed organisations named by what they are, by their concepts and acronyms."""

    #: concepts of a name to its main head (see :func:`_name_concepts`) to entity ids
    by_concepts: dict[frozenset[str], dict[str, set[str]]] = field(default_factory=dict)
    by_acronym: dict[str, set[str]] = field(default_factory=dict)

    def add(self, entity_id: str, names: Iterable[str], legal_forms: frozenset[str]) -> None:
        """Index one listed organisation's names."""
        for name in names:
            for acronym in _explicit_acronyms(name, legal_forms):
                for key in _acronym_keys(acronym):
                    self.by_acronym.setdefault(key, set()).add(entity_id)
            read = _name_concepts(name, legal_forms)
            if read is None:
                continue
            concepts, initials, main = read
            self.by_concepts.setdefault(frozenset(concepts), {}).setdefault(main, set()).add(entity_id)
            if 3 <= len(initials) <= 6:
                for key in _acronym_keys("".join(initials).upper()):
                    self.by_acronym.setdefault(key, set()).add(entity_id)

    def match(self, span: BodySpan, words: Sequence[TextWord]) -> BodyMatch | None:
        """The listed bodies a span names, or None."""
        if span.acronym:
            found = set().union(*(self.by_acronym.get(k, set()) for k in _acronym_keys(span.acronym)))
            if span.concepts:
                # a press acronym (ЦИК) is also every listed body of its concepts (Russia's Central Election
                # Commission, listed in English only)
                found |= {e for ids in self.by_concepts.get(frozenset(span.concepts), {}).values() for e in ids}
            if found:
                distinctive = bool(frozenset(span.concepts) & _DISTINCTIVE)
                return BodyMatch(tuple(sorted(found)), "acronym", span.concepts, (), distinctive)
            if len(span.acronym) < 3 and not span.concepts:
                return None
        if not span.concepts:
            return None
        wanted = frozenset(span.concepts)
        distinctive = bool(wanted & _DISTINCTIVE)
        exact = {e for ids in self.by_concepts.get(wanted, {}).values() for e in ids}
        part: set[str] = set()
        if len(wanted) >= 2 and wanted & _HEAD_NAMES:
            # the press shortens a body's name (Iran's Ministry of Defence for its Ministry of Defence and
            # Armed Forces Logistics): a listed name holding every concept of the mention and more, whose
            # main noun the mention has (not the Internal Troops of the Ministry of Interior for it)
            part = {
                e
                for key, mains in self.by_concepts.items()
                if wanted < key
                for main, ids in mains.items()
                if main in wanted
                for e in ids
            } - exact
        if not exact and not part:
            return None
        return BodyMatch(tuple(sorted(exact)), "concepts", span.concepts, tuple(sorted(part)), distinctive)


def country_after(words: Sequence[TextWord], text: str, last: int, lang: str | None) -> int:
    """The index of a country word right after a body's name (КДБ Білорусі, Comisión Electoral Central
    de Rusia, Ministry of Defence of the Republic of Belarus), or ``last`` when there is none."""
    from embargo.text.countries import word_country

    at = last + 1
    while (
        at < len(words)
        and at <= last + 4
        and words[at].text.lower() not in _CONJUNCTIONS
        and (words[at].text.lower() in _LINKS or _filler(words[at].text))
    ):
        at += 1
    if at >= len(words) or any(c in text[words[last].end : words[at].start] for c in '\n.,;«»“”"()'):
        return last
    linked = (
        at > last + 1
        or lang in ("ru", "uk", "be", "pl")
        or acronym_word(words[last].text)
        or (lang == "de" and words[at].text.endswith("s"))  # a German genitive: Zentralbank Russlands
    )
    if at == last + 1 and lang in ("fr", "es", "it", "pt") and words[at].text[:1].islower():
        # a Romance adjective after the name: ministère de l'Intérieur cubain, Ministero della Difesa russo
        from embargo.text.countries import adjective_country

        return at if adjective_country(words[at].text) is not None else last
    if linked and word_country(words[at].text, lang) is not None:
        # "the Russian Federation", "Российской Федерации": the country's second word belongs to it
        if at + 1 < len(words) and _filler(words[at + 1].text) and words[at + 1].text[:1].isupper():
            return at + 1
        return at
    return last


def _inside_other_name(text: str, words: Sequence[TextWord], i: int, lang: str | None) -> bool:
    """True when the word before, in the same phrase, is a capitalised word of another kind: the
    concept word is then part of another name (United *States* Army, Shahed *Aviation*)."""
    from embargo.text.countries import word_country

    if i == 0 or not words[i - 1].text[:1].isupper():
        return False
    gap = text[words[i - 1].end : words[i].start]
    if gap.strip(" '’s") or "\n" in gap:
        return False
    before = words[i - 1].text
    if word_concepts(before) or word_country(before, lang) is not None or acronym_word(before):
        return False
    # the first word of a sentence or a paragraph is capitalised anyway
    before = text[: words[i - 1].start]
    tail = before.rstrip(" \t")
    return not (tail == "" or tail.endswith(("\n", ".", "!", "?", "«", '"', "“", "—", "-", ":")))


#: An acronym with a Slavic case ending in lower case (МАЗа, МАЗом, БелАЗу is no acronym: a capital inside).
_INFLECTED_ACRONYM = re.compile(r"^([А-ЯЁІЎЄЇ]{3,6})(а|у|ом|ам|ем|е|ы|і|ові|ы)$")


def find_bodies(text: str, words: Sequence[TextWord], lang: str | None, index: BodyIndex | None) -> list[BodySpan]:
    """Bodies named by what they are or by an acronym, with a country word right after them.

    A name by concepts is a run of concept words (and linking words and fillers between them),
    with at least two concepts of which one is a head (Interior Ministry, Міністэрства абароны,
    not Defence alone nor "Minister of Defence"). An acronym is one the lists write or one the
    press uses for a kind of body (МВД, ЦИК).
    """
    out: list[BodySpan] = []
    i = 0
    while i < len(words):
        word = words[i].text
        if lang in ("ru", "uk", "be") and (bare := _INFLECTED_ACRONYM.match(word)):
            word = bare.group(1)  # a Slavic case ending on an acronym: МАЗа, МАЗу, КГБ-шник no
        if acronym_word(word):
            lower = word.lower()
            press = _PRESS_ACRONYMS.get(lower, ())
            known = len(word) >= 3 and index is not None and any(k in index.by_acronym for k in _acronym_keys(word))
            # in a line written in capitals (a headline, a payment's remittance line) every word looks like an
            # acronym: there only the kinds of body the press shortens (МВД, KGB) are read as one
            known = known and not in_capitals_line(text, words[i].start, words[i].end)
            if (press or (known and not is_common_abbreviation(word, lang))) and not _is_country(word):
                out.append(BodySpan(i, country_after(words, text, i, lang), press, word))
            i += 1
            continue
        if not word_concepts(word) or _inside_other_name(text, words, i, lang):
            i += 1
            continue
        j, last = i, i
        concepts: list[str] = list(word_concepts(word))
        while j + 1 < len(words) and "\n" not in text[words[j].end : words[j + 1].start]:
            gap = text[words[j].end : words[j + 1].start]
            if any(c in gap for c in '.;:!?()«»"“”'):
                break
            nxt = words[j + 1].text
            found = word_concepts(nxt)
            if found:
                concepts.extend(found)
                j = last = j + 1
            elif _filler(nxt):
                j += 1
            else:
                break
        # a body's name has a capital somewhere (Interior Ministry, ministère de l'Intérieur, Міністэрства
        # абароны); "local council elections", "state defence committee" are words, not a name
        capital = any(_ELISION.sub("", w.text)[:1].isupper() for w in words[i : last + 1])
        if capital and len(concepts) >= 2 and any(c in _HEAD_NAMES for c in concepts):
            out.append(BodySpan(i, country_after(words, text, last, lang), tuple(dict.fromkeys(concepts))))
        i = last + 1
    return out
