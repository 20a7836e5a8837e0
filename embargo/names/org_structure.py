"""Organisation names as structure: legal form, descriptor, core name, named-after clause, qualifiers.

Official lists write a state-owned or Soviet-style organisation with its
whole legal description around the name people use:

    Federal State Unitary Enterprise of the Republic of Crimea 'Crimean Ports'
    ^legal/descriptor^                  ^qualifier (owner)^    ^core name^

    JSC Design Bureau of Instrument-Making named after Academician A.G. Shipunov
    ^legal form^ ^descriptor^              ^named-after clause^

while another list writes ``Crimean Ports`` or ``SUE RK 'Crimean Ports'``.
Token alignment reads the description as words the other name lacks, so
the names fall apart. :func:`parse_org_name` splits a name into its parts;
the core is what a quote holds (any quote style, nested: the innermost quote
that still names something), or, without quotes, what is left once legal
forms, descriptor words at either end, a named-after clause, a parenthesised
short name and an owner or place qualifier (``of the Republic of Crimea``)
are taken away. Screening indexes and queries the core as one more reading
of the name (:func:`core_reading`), scored a little below a full-name match.

Where the tables come from:

* :data:`DESCRIPTOR_STEMS`: generic words of organisation descriptions in
  English, Russian, Belarusian and Ukrainian (Cyrillic and the BGN/PCGN,
  GOST 7.79 and passport romanizations lists use), from common dictionary
  translations of the Russian classifier of organisational-legal forms
  (OKOPF) and of the types of institution it names (enterprise, institution,
  association, plant, design bureau, research institute...). Each stem maps
  to the class symbol rigour already uses for the English word where it has
  one (``domain:factory`` for plant / завод / zavod, ``sym:enterprise``),
  so that the words share symbols with rigour's own (:mod:`.symbols`).
* :data:`ABBREVIATIONS`: the standard Russian abbreviations of those forms
  (OKOPF; GOST 7.12 abbreviations of words in Russian names: НИИ, КБ, ОКБ,
  НПО, НПП, ФГУП...), each with the descriptor classes of its expansion.
* :data:`NAMED_AFTER`: ``named after`` / ``имени`` / ``им.`` / ``імя`` /
  ``імені`` and their romanizations.
* Qualifier heads (:data:`QUALIFIER_HEADS`): owners and places an official
  description names (republic, administration, academy of sciences,
  ministry, region...), the same four languages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import pairwise

from embargo.names.analyze import analyze_name
from embargo.names.name import AnalyzedName, name_kind
from embargo.names.orgs import join_acronyms, legal_forms
from embargo.names.symbols import STOPWORDS, word_symbols
from embargo.names.text import fold

__all__ = [
    "ABBREVIATIONS",
    "CORE_MARK",
    "DESCRIPTOR_STEMS",
    "NAMED_AFTER",
    "NAMED_AFTER_MARK",
    "QUALIFIER_HEADS",
    "OrgStructure",
    "core_names",
    "core_reading",
    "descriptor_symbols",
    "has_named_after",
    "is_core_reading",
    "listed_cores",
    "parse_org_name",
    "place_words",
    "slash_alternates",
    "with_cores",
    "without_named_after",
    "word_kinds",
]

#: Marks a reading that is a name's core alone (first entry of ``AnalyzedName.removed``).
CORE_MARK = "org:core"
#: Marks a query's reading without its named-after clause (second entry of ``AnalyzedName.removed``).
NAMED_AFTER_MARK = "org:named-after-dropped"

#: Stem of a folded descriptor word -> its class symbol. A word is a descriptor when it starts
#: with a stem (Russian inflects: завод, завода; научно-, научный, научного). Stems are long
#: enough not to start ordinary names; short words are listed whole in :data:`_WHOLE`.
DESCRIPTOR_STEMS: dict[str, str] = {
    # state, federal, municipal, unitary, budget(ary), public
    "state": "sym:gov",
    "gosudarstv": "sym:gov",
    "gosudarstven": "sym:gov",
    "государствен": "sym:gov",
    "derzhavn": "sym:gov",
    "державн": "sym:gov",
    "dziarzhaun": "sym:gov",
    "дзяржаўн": "sym:gov",
    "federal": "sym:fed",
    "федеральн": "sym:fed",
    "federaln": "sym:fed",
    "municipal": "sym:municipal",
    "муниципальн": "sym:municipal",
    "munitsipaln": "sym:municipal",
    "unitary": "sym:unitary",
    "unitarn": "sym:unitary",
    "унитарн": "sym:unitary",
    "унітарн": "sym:unitary",
    "autonomous": "sym:autonomous",
    "avtonomn": "sym:autonomous",
    "автономн": "sym:autonomous",
    "foreign-economic": "domain:foreign-trade",
    "vneshneekonomichesk": "domain:foreign-trade",
    "внешнеэкономическ": "domain:foreign-trade",
    "zovnishnoekonomichn": "domain:foreign-trade",
    "зовнішньоекономічн": "domain:foreign-trade",
    "budget": "domain:budget",
    "budgetary": "domain:budget",
    "byudzhetn": "domain:budget",
    "бюджетн": "domain:budget",
    # enterprise, institution, association, organisation, company kinds
    "enterprise": "sym:enterprise",
    "predpriyat": "sym:enterprise",
    "predpriiat": "sym:enterprise",
    "предприят": "sym:enterprise",
    "pidpryiemstv": "sym:enterprise",
    "pidpryemstv": "sym:enterprise",
    "підприємств": "sym:enterprise",
    "pradpryemstv": "sym:enterprise",
    "pradpryiemstv": "sym:enterprise",
    "прадпрыемств": "sym:enterprise",
    "institution": "sym:institution",
    "uchrezhden": "sym:institution",
    "учрежден": "sym:institution",
    "ustanov": "sym:institution",
    "установ": "sym:institution",
    "association": "sym:assoc",
    "obedinen": "sym:assoc",
    "obyedinen": "sym:assoc",
    "obieedinen": "sym:assoc",
    "obyed": "sym:assoc",
    "объединен": "sym:assoc",
    "obiednann": "sym:assoc",
    "obednann": "sym:assoc",
    "об'єднан": "sym:assoc",
    "обєднан": "sym:assoc",
    "abiadnann": "sym:assoc",
    "abyadnann": "sym:assoc",
    "аб'яднан": "sym:assoc",
    "абяднан": "sym:assoc",
    "concern": "sym:concern",
    "kontsern": "sym:concern",
    "koncern": "sym:concern",
    "концерн": "sym:concern",
    "corporation": "sym:corp",
    "korporats": "sym:corp",
    "корпорац": "sym:corp",
    "holding": "sym:holding",
    "kholding": "sym:holding",
    "холдинг": "sym:holding",
    "agrofirm": "domain:agriculture",
    "агрофирм": "domain:agriculture",
    "агрофірм": "domain:agriculture",
    "directorate": "sym:directorate",
    "direktsi": "sym:directorate",
    "дирекци": "sym:directorate",
    # plant, works, factory, shipyard, bureau, institute, centre, agency
    "plant": "domain:factory",
    "works": "domain:factory",
    "factory": "domain:factory",
    "factories": "domain:factory",
    "zavod": "domain:factory",
    "завод": "domain:factory",
    "fabrik": "domain:factory",
    "фабрик": "domain:factory",
    "kombinat": "domain:factory",
    "комбинат": "domain:factory",
    "morsk": "domain:maritime",
    "морск": "domain:maritime",
    "shipyard": "domain:shipbuilding",
    "shipbuilding": "domain:shipbuilding",
    "sudostroit": "domain:shipbuilding",
    "судостроит": "domain:shipbuilding",
    "sudnobud": "domain:shipbuilding",
    "суднобуд": "domain:shipbuilding",
    "bureau": "sym:bureau",
    "byuro": "sym:bureau",
    "biuro": "sym:bureau",
    "бюро": "sym:bureau",
    "design": "domain:design",
    "konstruktor": "domain:design",
    "конструктор": "domain:design",
    "kanstruktar": "domain:design",
    "канструктар": "domain:design",
    "institute": "sym:institute",
    "institut": "sym:institute",
    "instytut": "sym:institute",
    "инстит": "sym:institute",
    "інстит": "sym:institute",
    "research": "domain:research",
    "issledovat": "domain:research",
    "исследоват": "domain:research",
    "doslidn": "domain:research",
    "дослідн": "domain:research",
    "scientific": "domain:scientific",
    "science": "domain:scientific",
    "sciences": "domain:scientific",
    "nauchn": "domain:scientific",
    "научн": "domain:scientific",
    "naukov": "domain:scientific",
    "науков": "domain:scientific",
    "navukov": "domain:scientific",
    "навуков": "domain:scientific",
    "production": "domain:production",
    "industrial": "domain:production",
    "proizvodstv": "domain:production",
    "производств": "domain:production",
    "vyrobnych": "domain:production",
    "виробнич": "domain:production",
    "vytvorch": "domain:production",
    "вытворч": "domain:production",
    "mechanical": "domain:mechanical",
    "mekhanichesk": "domain:mechanical",
    "mechanichesk": "domain:mechanical",
    "механическ": "domain:mechanical",
    "mekhanichn": "domain:mechanical",
    "механічн": "domain:mechanical",
    "machinebuilding": "domain:machine",
    "mashinostroit": "domain:machine",
    "машиностроит": "domain:machine",
    "mashynobud": "domain:machine",
    "машинобуд": "domain:machine",
    # military, defence, industrial, innovation (военно-промышленная корпорация: military-industrial
    # corporation; оборонно-промышленный: defence-industrial; инновационный: innovative)
    "military": "domain:military",
    "military-industrial": "domain:military",
    "voenn": "domain:military",
    "военн": "domain:military",
    "viiskov": "domain:military",
    "viyskov": "domain:military",
    "військов": "domain:military",
    "vaienn": "domain:military",
    "vayenn": "domain:military",
    "ваенн": "domain:military",
    "defence": "domain:defence",
    "defense": "domain:defence",
    "oboronn": "domain:defence",
    "оборонн": "domain:defence",
    "abaronn": "domain:defence",
    "абаронн": "domain:defence",
    "promyshlenn": "domain:production",
    "промышленн": "domain:production",
    "promyslov": "domain:production",
    "промислов": "domain:production",
    "pramyslov": "domain:production",
    "прамысл": "domain:production",
    "innovative": "domain:innovation",
    "innovation": "domain:innovation",
    "innovats": "domain:innovation",
    "инновац": "domain:innovation",
    "innovatsi": "domain:innovation",
    "інноваці": "domain:innovation",
    "іннавац": "domain:innovation",
    "agency": "sym:agency",
    "agentstv": "sym:agency",
    "агентств": "sym:agency",
    "informats": "domain:information",
    "информац": "domain:information",
}
#: Stems that are English words: they match only the word itself or its plural ("plant", not
#: "Plantronics"); transliterated and Cyrillic stems match any ending (Russian inflects).
_ENGLISH = frozenset(
    {
        "state",
        "federal",
        "municipal",
        "unitary",
        "budget",
        "budgetary",
        "enterprise",
        "institution",
        "association",
        "concern",
        "corporation",
        "holding",
        "directorate",
        "plant",
        "works",
        "factory",
        "shipyard",
        "shipbuilding",
        "bureau",
        "design",
        "institute",
        "research",
        "scientific",
        "science",
        "production",
        "industrial",
        "mechanical",
        "machinebuilding",
        "military",
        "military-industrial",
        "defence",
        "defense",
        "innovative",
        "innovation",
        "agency",
    }
)
#: Whole words (too short for a stem) that are descriptor words.
_WHOLE: dict[str, str] = {
    "of": "",
    "the": "",
    "for": "",
    "and": "",
    "i": "",
    "и": "",
    "і": "",
    "та": "",
    "po": "",
    "по": "",
    "na": "",
    "на": "",
    "science": "domain:scientific",
    "sea": "domain:maritime",
    "nauki": "domain:scientific",
    "науки": "domain:scientific",
    "making": "domain:production",
    "joint": "",
    "stock": "",
    "company": "sym:co",
    "open": "",
    "closed": "",
    "public": "",
    "limited": "",
    "liability": "",
    "all": "",
    "all-russia": "",
    "all-russian": "",
    "vserossiysk": "",
    "small": "",
}

#: Russian standard abbreviations of organisational forms (OKOPF, GOST 7.12) -> the descriptor
#: classes of their expansion ("нпо": научно-производственное объединение, research and
#: production association). Folded, Cyrillic and romanized.
ABBREVIATIONS: dict[str, tuple[str, ...]] = {
    "npo": ("domain:scientific", "domain:production", "sym:assoc"),  # научно-производственное объединение
    "нпо": ("domain:scientific", "domain:production", "sym:assoc"),
    "npp": ("domain:scientific", "domain:production", "sym:enterprise"),  # научно-производственное предприятие
    "нпп": ("domain:scientific", "domain:production", "sym:enterprise"),
    "npk": ("domain:scientific", "domain:production", "sym:corp"),  # научно-производственная корпорация/комплекс
    "нпк": ("domain:scientific", "domain:production", "sym:corp"),
    "nic": ("domain:scientific", "domain:production", "sym:concern"),
    "ric": ("domain:research", "domain:production", "sym:concern"),  # research and industrial concern
    "spc": ("domain:scientific", "domain:production", "sym:corp"),
    "po": ("domain:production", "sym:assoc"),  # производственное объединение
    "по": ("domain:production", "sym:assoc"),
    "nii": ("domain:scientific", "domain:research", "sym:institute"),  # научно-исследовательский институт
    "нии": ("domain:scientific", "domain:research", "sym:institute"),
    "tsnii": ("domain:scientific", "domain:research", "sym:institute"),  # центральный НИИ
    "цнии": ("domain:scientific", "domain:research", "sym:institute"),
    "kb": ("domain:design", "sym:bureau"),  # конструкторское бюро
    "кб": ("domain:design", "sym:bureau"),
    "okb": ("domain:design", "sym:bureau"),  # опытно-конструкторское бюро
    "окб": ("domain:design", "sym:bureau"),
    "skb": ("domain:design", "sym:bureau"),  # специальное конструкторское бюро
    "скб": ("domain:design", "sym:bureau"),
    "gup": ("sym:gov", "sym:unitary", "sym:enterprise"),  # государственное унитарное предприятие
    "гуп": ("sym:gov", "sym:unitary", "sym:enterprise"),
    "fgup": ("sym:fed", "sym:gov", "sym:unitary", "sym:enterprise"),
    "фгуп": ("sym:fed", "sym:gov", "sym:unitary", "sym:enterprise"),
    "mup": ("sym:municipal", "sym:unitary", "sym:enterprise"),
    "муп": ("sym:municipal", "sym:unitary", "sym:enterprise"),
    "sue": ("sym:gov", "sym:unitary", "sym:enterprise"),  # state unitary enterprise
    "fsue": ("sym:fed", "sym:gov", "sym:unitary", "sym:enterprise"),
    "fgbu": ("sym:fed", "sym:gov", "domain:budget", "sym:institution"),  # ФГ бюджетное учреждение
    "фгбу": ("sym:fed", "sym:gov", "domain:budget", "sym:institution"),
    "fgbun": ("sym:fed", "sym:gov", "domain:budget", "sym:institution", "domain:scientific"),
    "фгбун": ("sym:fed", "sym:gov", "domain:budget", "sym:institution", "domain:scientific"),
    # учреждения (institutions) of OKOPF: federal state / state / municipal, autonomous / budgetary / treasury
    "fgau": ("sym:fed", "sym:gov", "sym:autonomous", "sym:institution"),  # ФГ автономное учреждение
    "фгау": ("sym:fed", "sym:gov", "sym:autonomous", "sym:institution"),
    "fsai": ("sym:fed", "sym:gov", "sym:autonomous", "sym:institution"),  # federal state autonomous institution
    "fsbi": ("sym:fed", "sym:gov", "domain:budget", "sym:institution"),  # federal state budgetary institution
    "fgbou": ("sym:fed", "sym:gov", "domain:budget", "domain:education", "sym:institution"),
    "фгбоу": ("sym:fed", "sym:gov", "domain:budget", "domain:education", "sym:institution"),
    "fsbei": ("sym:fed", "sym:gov", "domain:budget", "domain:education", "sym:institution"),
    "fgku": ("sym:fed", "sym:gov", "sym:institution"),  # ФГ казённое учреждение
    "фгку": ("sym:fed", "sym:gov", "sym:institution"),
    "fkp": ("sym:fed", "sym:enterprise"),  # федеральное казённое предприятие
    "фкп": ("sym:fed", "sym:enterprise"),
    "gau": ("sym:gov", "sym:autonomous", "sym:institution"),  # государственное автономное учреждение
    "гау": ("sym:gov", "sym:autonomous", "sym:institution"),
    "gbu": ("sym:gov", "domain:budget", "sym:institution"),  # государственное бюджетное учреждение
    "гбу": ("sym:gov", "domain:budget", "sym:institution"),
    "gku": ("sym:gov", "sym:institution"),  # государственное казённое учреждение
    "гку": ("sym:gov", "sym:institution"),
    "mbu": ("sym:municipal", "domain:budget", "sym:institution"),
    "мбу": ("sym:municipal", "domain:budget", "sym:institution"),
    "mau": ("sym:municipal", "sym:autonomous", "sym:institution"),
    "мау": ("sym:municipal", "sym:autonomous", "sym:institution"),
    "vo": ("domain:foreign-trade", "sym:assoc"),  # внешнеэкономическое объединение
    "во": ("domain:foreign-trade", "sym:assoc"),
    "dp": ("sym:gov", "sym:enterprise"),  # державне підприємство
    "дп": ("sym:gov", "sym:enterprise"),
    "ia": ("sym:agency", "domain:information"),  # информационное агентство
    "иа": ("sym:agency", "domain:information"),
    "zd": ("domain:factory",),
    "sz": ("domain:shipbuilding", "domain:factory"),  # судостроительный завод
    "сз": ("domain:shipbuilding", "domain:factory"),
    "srpe": (
        "sym:gov",
        "domain:research",
        "domain:production",
        "sym:enterprise",
    ),  # state research and production enterprise
    "rpe": ("domain:research", "domain:production", "sym:enterprise"),
    "rpa": ("domain:research", "domain:production", "sym:assoc"),
    "rpc": ("domain:research", "domain:production", "sym:corp"),
    # военно-промышленная корпорация / комплекс: military-industrial corporation (MIC)
    "vpk": ("domain:military", "domain:production", "sym:corp"),
    "впк": ("domain:military", "domain:production", "sym:corp"),
    "mic": ("domain:military", "domain:production", "sym:corp"),
}

#: Words that open a named-after clause, which runs to the end of the name or of its quote.
NAMED_AFTER = (
    ("named", "after"),
    ("named", "for"),
    ("imeni",),
    ("имени",),
    ("им",),
    ("imia",),
    ("імя",),
    ("imeni",),
    ("імені",),
)

#: Heads of an owner or place qualifier (``of the Republic of Crimea``, ``Russian Academy of Sciences``).
QUALIFIER_HEADS = frozenset(
    {
        "republic",
        "respubliki",
        "республики",
        "respubliky",
        "республіки",
        "administration",
        "administratsii",
        "администрации",
        "president",
        "prezidenta",
        "президента",
        "academy",
        "akademii",
        "академии",
        "ран",
        "ras",
        "нан",
        "ministry",
        "ministerstva",
        "министерства",
        "міністерства",
        "government",
        "pravitelstva",
        "правительства",
        "region",
        "oblast",
        "oblasti",
        "области",
        "krai",
        "kraya",
        "края",
        "city",
        "goroda",
        "города",
        "federation",
        "federatsii",
        "федерации",
        "national",
        "natsionalnogo",
        "nacionalnogo",
        "национального",
    }
)

#: Words that end a name's description (``formerly known as ...``, ``also known as ...``).
_CUT = (("formerly",), ("also", "known"), ("fka",), ("aka",), ("ранее",), ("бывш",))
_CUT_WORDS = frozenset(w for cut in _CUT for w in cut)

_OPEN = "‘“«„‹‚「『"
_CLOSE = "’”»›」』"
_EITHER = "'\"`´"
_QUOTES = _OPEN + _CLOSE + _EITHER


@dataclass(frozen=True, slots=True)
class OrgStructure:
    """The parts of an organisation's name.

    Attributes:
        original: the name as given.
        legal_forms: legal forms found, as written (``JSC``, ``Акционерное общество``).
        descriptor: descriptor words and abbreviations taken away, folded (``state``, ``unitary``, ``нпо``).
        core: the name people use, as written (``Crimean Ports``); ``""`` when none could be told.
        named_after: the named-after clause, as written (``named after Academician A.G. Shipunov``).
        qualifiers: owner and place qualifiers, folded (``republic of crimea``).
        short_name: a parenthesised short name (``KRET`` in ``... (KRET)``, ``OAO 'VO TPE'``), as written.
    """

    original: str
    legal_forms: tuple[str, ...]
    descriptor: tuple[str, ...]
    core: str
    named_after: str
    qualifiers: tuple[str, ...]
    short_name: str = ""

    @property
    def distinct(self) -> bool:
        """The core differs from the name less its legal forms (a reading worth adding)."""
        if not self.core:
            return False
        core = fold(self.core).split()
        whole = fold(join_acronyms(_PAREN.sub(" ", _unquoted(self.original)))).split()
        rest = [w for w in whole if w not in _legal_words(self.original)]
        return core != rest


def descriptor_symbols(word: str, abbreviations: bool = True) -> frozenset[str]:
    """The class symbols of a folded descriptor word or abbreviation; empty for any other word.

    Args:
        word: one folded word (``zavod``, ``завода``, ``нпо``).
        abbreviations: read :data:`ABBREVIATIONS` too (``нпо`` stands for three classes: as a
            word's symbols it would make ``NPO`` equivalent to ``production`` alone).
    """
    if not abbreviations and word in ABBREVIATIONS:
        return frozenset()
    return _descriptor_symbols(word)


@lru_cache(maxsize=65536)
def _descriptor_symbols(word: str) -> frozenset[str]:
    if word in ABBREVIATIONS:
        return frozenset(ABBREVIATIONS[word])
    if word in _WHOLE:
        return frozenset({_WHOLE[word]} - {""})
    for size in range(min(len(word), 16), 3, -1):
        stem = word[:size]
        found = DESCRIPTOR_STEMS.get(stem)
        if found is not None and (stem not in _ENGLISH or word in (stem, f"{stem}s", f"{stem}es")):
            return frozenset({found})
    return frozenset()


def word_kinds(word: str) -> frozenset[str]:
    """The classes a descriptor word gives: :func:`descriptor_symbols` and rigour's line-of-business
    classes (``domain:bank`` for "bank")."""
    found = {s for s in word_symbols(word, True) if s.startswith("domain:")}
    return descriptor_symbols(word) | found


def place_words(found: OrgStructure) -> frozenset[str]:
    """The place words of a parsed name's qualifiers (``crimea`` in ``of the Republic of Crimea``)."""
    return frozenset(w for q in found.qualifiers for w in q.split() if _is_place(w))


def _is_place(word: str) -> bool:
    """A place word (a country, region or city rigour knows: ``loc:`` symbols)."""
    return any(s.startswith("loc:") for s in word_symbols(word, True))


def _is_descriptor(word: str) -> bool:
    return word in ABBREVIATIONS or word in _WHOLE or bool(_descriptor_symbols(word))


def _unquoted(text: str) -> str:
    return "".join(" " if ch in _QUOTES and not _apostrophe(text, i) else ch for i, ch in enumerate(text))


def _apostrophe(text: str, i: int) -> bool:
    """A quote mark between two letters is an apostrophe (O'Brien, об'єднання), not a quote."""
    return 0 < i < len(text) - 1 and text[i - 1].isalpha() and text[i + 1].isalpha() and text[i] in "'’`´"


@lru_cache(maxsize=16384)
def _legal_words(text: str) -> frozenset[str]:
    words = fold(join_acronyms(_unquoted(text))).split()
    return frozenset(w for s, e, _, _ in legal_forms(words) for w in words[s:e])


def _quoted(text: str) -> list[tuple[int, int, int]]:
    """Quoted spans ``(start, end, depth)`` of ``text`` (content only), any quote style, nested."""
    marks: list[tuple[int, str]] = []
    for i, ch in enumerate(text):
        if ch not in _QUOTES or _apostrophe(text, i):
            continue
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        opens = after.isalnum() or after in _QUOTES
        closes = before.isalnum() or before in _QUOTES or before in ".)"
        if ch in _OPEN:
            kind = "open" if opens or not closes else "close"
            if ch in "‘“" and closes and not opens:
                kind = "close"  # English closing marks written as openers
        elif ch in _CLOSE:
            kind = "close" if closes or not opens else "open"
            if ch in "’”" and opens and not closes:
                kind = "open"
        else:
            kind = "open" if opens and not closes else "close" if closes and not opens else "?"
        marks.append((i, kind))
    spans: list[tuple[int, int, int]] = []
    stack: list[int] = []
    for i, kind in marks:
        if kind == "open" or (kind == "?" and not stack):
            stack.append(i)
        elif stack:
            start = stack.pop()
            spans.append((start + 1, i, len(stack)))
    return spans


def _strip_named_after(words: list[str]) -> tuple[list[str], list[str]]:
    for i in range(len(words)):
        for opener in NAMED_AFTER:
            if tuple(words[i : i + len(opener)]) == opener and i > 0:
                return words[:i], words[i:]
    return words, []


def _strip_qualifiers(words: list[str]) -> tuple[list[str], list[str]]:
    """A trailing ``of (the) <owner/place>`` clause, or trailing genitive owner words (``... Republic of Crimea``)."""
    for i in range(1, len(words)):
        if words[i] not in ("of", "при"):
            continue
        after = words[i + 1 :]
        # "X of the Institute of Hops" names its owner; "Institute of Instrument Design" is one descriptor
        owned = not _is_descriptor(words[i - 1]) and any(descriptor_symbols(w) for w in after)
        if owned or any(w in QUALIFIER_HEADS for w in after):
            return words[:i], words[i:]
    for i in range(1, len(words)):
        if words[i] in QUALIFIER_HEADS:
            return words[:i], words[i:]
    return words, []


def _strip_descriptors(words: list[str], legal: frozenset[str]) -> tuple[list[str], list[str]]:
    """Descriptor words and legal forms at either end of the words (what is left is the core)."""
    taken: list[str] = []
    start, end = 0, len(words)
    while start < end and (words[start] in legal or _is_descriptor(words[start])):
        taken.append(words[start])
        start += 1
    while end > start and (words[end - 1] in legal or _is_descriptor(words[end - 1])):
        taken.append(words[end - 1])
        end -= 1
    while start < end and words[start] in STOPWORDS:
        start += 1
    return words[start:end], taken


_PAREN = re.compile(r"\(([^()]*)\)")
#: Most words, less legal forms, of a parenthesised short name (``(SGM-Most OOO)``, ``(OAO 'VO TPE')``).
SHORT_NAME_WORDS = 3


def _short_name(inner: str) -> bool:
    """A parenthesis that holds another, short name of the organisation (``KRET``, ``OAO 'VO TPE'``).

    One to :data:`SHORT_NAME_WORDS` words once legal forms are set aside, none of them a linking
    word (``(in liquidation)``, ``(formerly X)`` say something else), not all of them descriptors,
    and one word at least three letters long when it is alone.
    """
    every = fold(_unquoted(inner)).split()
    if any(w in STOPWORDS or w in _CUT_WORDS for w in every):
        return False
    words = [w for w in every if w not in _legal_words(inner)]
    if not 1 <= len(words) <= SHORT_NAME_WORDS:
        return False
    if len(words) == 1:
        return len(words[0]) >= 3
    return not all(_is_descriptor(w) for w in words)


@lru_cache(maxsize=16384)
def parse_org_name(name: str) -> OrgStructure:
    """Split an organisation's name into legal form, descriptor, core, named-after clause and qualifiers.

    Args:
        name: the name as written, any script.

    Returns:
        The parts; ``core`` is ``""`` when nothing but descriptor words is left.
    """
    text = join_acronyms(name)
    short = ""
    for m in _PAREN.finditer(text):
        if _short_name(m.group(1)):
            short = m.group(1).strip()
    text = _PAREN.sub(" ", text)
    folded_all = fold(_unquoted(text)).split()
    legal = _legal_words(text)
    forms = tuple(w for w in folded_all if w in legal)
    for cut in _CUT:
        for i in range(1, len(folded_all)):
            if tuple(folded_all[i : i + len(cut)]) == cut:
                text = _cut_at_word(text, i)
                break
    spans = _quoted(text)
    descriptor: list[str] = []
    qualifiers: list[str] = []
    named: list[str] = []
    core_words: list[str] = []
    outside: list[str] = []
    # the deepest quote that still names something; at equal depth the first that is not a qualifier
    for start, end, depth in sorted(spans, key=lambda s: (-s[2], s[0])):
        words = fold(text[start:end]).split()
        if _owner_quote(text, start, words, any(d == depth and b > end for b, _, d in spans)):
            continue
        words, after = _strip_named_after(words)
        rest, quals = _strip_qualifiers(words)
        kept, taken = _strip_descriptors(rest, legal)
        if kept and not all(w in QUALIFIER_HEADS or w in STOPWORDS for w in words):
            core_words, named, descriptor, qualifiers = kept, after, taken, quals
            outside = fold(_unquoted(f"{text[:start]} {text[end:]}")).split()
            break
    if not core_words:
        words = _cut_words(list(folded_all))
        words, named = _strip_named_after(words)
        rest, qualifiers = _strip_qualifiers(words)
        core_words, descriptor = _strip_descriptors(rest, legal)
        if not core_words:
            core_words, descriptor = _strip_descriptors(words, legal)
            qualifiers = []
    # an abbreviation of a description stays one even where rigour also reads it as a legal form
    # (НПО: научно-производственное объединение, and a non-profit organisation; ФГУП, КБ)
    described = [w for w in [*descriptor, *outside] if w in ABBREVIATIONS or (word_kinds(w) and w not in legal)]
    descriptor = list(dict.fromkeys(described))
    if outside and not named:
        _, named = _strip_named_after(outside)
    if outside and not qualifiers:
        _, qualifiers = _strip_qualifiers(outside)
    core = " ".join(core_words)
    if len(core_words) == 1 and len(core) <= 2:
        core = ""
    return OrgStructure(
        original=name,
        legal_forms=forms,
        descriptor=tuple(descriptor),
        core=core,
        named_after=" ".join(named),
        qualifiers=(" ".join(qualifiers),) if qualifiers else (),
        short_name=short,
    )


#: Words before a quote that make it the owner of what follows (``Enterprise of the 'Republic of Crimea' 'X'``).
_OWNED_BY = frozenset({"of", "при"})


def _owner_quote(text: str, start: int, words: list[str], later: bool) -> bool:
    """A quote that names the owner or place of the organisation, not the organisation.

    It is a qualifier phrase (``'Republic of Crimea'``: a qualifier head, then places and
    linking words), or, with another quote after it, it starts with a qualifier head
    (``'Республики Крым' 'X'``) or follows ``of (the)`` or ``при``.
    """
    if not words:
        return False
    if words[0] in QUALIFIER_HEADS and (
        later or all(w in QUALIFIER_HEADS or w in STOPWORDS or _is_place(w) for w in words[1:])
    ):
        return True
    before = [w for w in fold(_unquoted(text[: max(0, start - 1)])).split() if w not in ("the",)]
    return later and bool(before) and before[-1] in _OWNED_BY


def _cut_words(words: list[str]) -> list[str]:
    for cut in _CUT:
        for i in range(1, len(words)):
            if tuple(words[i : i + len(cut)]) == cut:
                return words[:i]
    return words


def _cut_at_word(text: str, index: int) -> str:
    """``text`` up to its ``index``-th folded word."""
    count = 0
    in_word = False
    for pos, ch in enumerate(text):
        alnum = ch.isalnum()
        if alnum and not in_word:
            if count == index:
                return text[:pos]
            count += 1
        in_word = alnum
    return text


_MARKS = frozenset(_QUOTES + "(/")
#: A slash between two names (``ВТБ/Внешторгбанк``, ``Rosoboronexport / ROE``); not one inside an
#: abbreviation (``A/S``, ``c/o``, ``M/V``), whose sides are a letter or two.
_SLASH = re.compile(r"\s*/\s*")
#: Letters a side of a slash needs to be a name of its own.
_SLASH_SIDE = 3


def slash_alternates(name: str) -> tuple[str, ...]:
    """The names a slash separates in an organisation's name, when it separates names.

    ``ВТБ/Внешторгбанк`` is two names of one bank. Each side needs three letters or more
    and a word that is not a legal form (``Co/Ltd`` separates no names), and the words the
    slash touches two letters or more (``Acme c/o Beta``, ``X A/S``); a name of more than four
    slashes is not a list of alternates (a path, a formula).

    Returns:
        The sides, stripped, or ``()``.
    """
    if "/" not in name:
        return ()
    sides = [side.strip() for side in _SLASH.split(name)]
    if not 2 <= len(sides) <= 5:
        return ()
    for left, right in pairwise(sides):
        if not (left.split() and right.split()) or len(left.split()[-1]) < 2 or len(right.split()[0]) < 2:
            return ()  # c/o, A/S inside a longer name
    for side in sides:
        if sum(ch.isalpha() for ch in side) < _SLASH_SIDE:
            return ()
        words = fold(join_acronyms(_unquoted(side))).split()
        if not [w for w in words if w not in _legal_words(side)]:
            return ()
    return tuple(sides)


_OPENERS = frozenset(w for opener in NAMED_AFTER for w in opener)


def _may_have_core(name: str) -> bool:
    """Cheap test before parsing: a quote, a parenthesis, or a descriptor, qualifier or named-after word.

    A name with none of them (most company names: ``Dawson Group Ltd``) has no core apart
    from its legal form, and is not parsed.
    """
    if not _MARKS.isdisjoint(name):
        return True
    words = fold(name).split()
    return any(w in ABBREVIATIONS or descriptor_symbols(w) or w in QUALIFIER_HEADS or w in _OPENERS for w in words)


def core_reading(name: str) -> tuple[str, tuple[str, ...]] | None:
    """The core of an organisation's name to screen as one more reading, with what marks it.

    Args:
        name: the name as written.

    Returns:
        ``(core, removed)``: the core text and the ``removed`` entries of its
        analysis (:data:`CORE_MARK`, then ``desc:<symbol>`` for each descriptor
        class and ``qual:<word>`` for each place word of its qualifiers), or None when the
        name has no core distinct from itself.
    """
    found = parse_org_name(name)
    if not found.distinct or not (found.descriptor or found.qualifiers or found.named_after or _repeated(found)):
        return None  # only words of unknown kind around a quote ("РАО «Калашников»"): no description to set aside
    # The named-after clause stays with the core: "Instrument-Making named after V.V. Tikhomirov" is one
    # institute, "Instrument-Making" alone the field of dozens.
    core = f"{found.core} {found.named_after}" if found.named_after else found.core
    symbols = sorted({s for w in found.descriptor for s in word_kinds(w)})
    quals = sorted(place_words(found))
    return core, (CORE_MARK, *(f"desc:{s}" for s in symbols), *(f"qual:{q}" for q in quals))


def _repeated(found: OrgStructure) -> bool:
    """The name says its core twice, in a long and a short form (``АО 'ШВАБЕ' Акционерное общество 'ШВАБЕ'``)."""
    whole = " ".join(fold(_unquoted(_PAREN.sub(" ", found.original))).split())
    core = " ".join(fold(found.core).split())
    return bool(core) and f" {whole} ".count(f" {core} ") >= 2  # whole words: "era" is not in "federal"


def is_core_reading(name: AnalyzedName) -> bool:
    """Whether ``name`` is the core of a longer name (:func:`core_names`), not a name as written."""
    return bool(name.removed) and name.removed[0] == CORE_MARK


@lru_cache(maxsize=16384)
def core_names(name: str, schema: str, lang: str | None = None) -> tuple[AnalyzedName, ...]:
    """The core of an organisation's name, and its parenthesised short name, analyzed as more readings.

    Each reading keeps the full name as its ``original`` (what an explanation
    shows) and is marked by its ``removed`` entries (:func:`core_reading`), so
    scoring can tell a match through the core alone from one of the whole name.

    Args:
        name: the name as written.
        schema: the entity's or query's schema; only organisations have cores.
        lang: the name's language, if known.

    Returns:
        No reading, or one or more (the core, a short name, the names a slash separates).
    """
    if name_kind(schema) != "org" or not _may_have_core(name):
        return ()
    found = parse_org_name(name)
    out: list[AnalyzedName] = []
    reading = core_reading(name)
    texts = [reading] if reading is not None else []
    texts.extend((side, (CORE_MARK,)) for side in slash_alternates(name))
    if found.short_name:
        texts.append((found.short_name, (CORE_MARK,)))
        # the name less its short name: "OAO 'VO Technopromexport' (OAO 'VO TPE')" holds two names
        long_name = " ".join(_PAREN.sub(" ", name).split())
        if reading is None or fold(long_name) != fold(reading[0]):
            texts.append((long_name, (CORE_MARK,)))
    for text, removed in texts:
        analyzed = analyze_name(text, schema, lang)
        if analyzed.tokens:
            out.append(replace(analyzed, original=name, removed=removed))
    return tuple(out)


def listed_cores(name: AnalyzedName) -> tuple[AnalyzedName, ...]:
    """The core readings scoring gives a listed name (:func:`core_names` of it as an organisation's)."""
    return core_names(name.original, "Organization", name.lang) if name.kind == "org" else ()


def with_cores(
    names: Sequence[AnalyzedName], cores: Sequence[tuple[AnalyzedName, ...]] | None = None
) -> list[AnalyzedName]:
    """``names`` and, after them, the core readings of the organisation names among them (each once).

    Args:
        cores: each name's :func:`listed_cores`, when known (an index stores them); else read here.
    """
    if cores is None:
        cores = [listed_cores(n) for n in names]
    extra = [c for found in cores for c in found]
    if not extra:
        return list(names)
    out = list(names)
    seen = {n.key() for n in names}
    for core in extra:
        if core.key() not in seen:
            seen.add(core.key())
            out.append(core)
    return out


@lru_cache(maxsize=16384)
def without_named_after(name: str, schema: str, lang: str | None = None) -> AnalyzedName | None:
    """A query's organisation name without the named-after clause that ends it, as one more reading.

    ``АО «Конструкторское бюро приборостроения им. академика А.Г. Шипунова»``
    is listed elsewhere as ``Konstruktorskoe Byuro Priborostroeniya``: lists
    drop the clause as often as they keep it. The reading is a core reading
    (:data:`CORE_MARK`, then :data:`NAMED_AFTER_MARK`) and is made for queries only: against a
    listed name with a named-after clause of its own it counts for nothing
    (another institute may bear the same description after another academician).

    Returns:
        The reading, or None when the name has no named-after clause after some words of its own.
    """
    if name_kind(schema) != "org" or not _may_have_core(name):
        return None
    words = fold(join_acronyms(_unquoted(name))).split()
    kept, clause = _strip_named_after(words)
    if not clause or not [w for w in kept if w not in _legal_words(name)]:
        return None
    analyzed = analyze_name(" ".join(kept), schema, lang)
    if not analyzed.tokens:
        return None
    return replace(analyzed, original=name, removed=(CORE_MARK, NAMED_AFTER_MARK))


def has_named_after(name: AnalyzedName) -> bool:
    """Whether an organisation's name, as written, has a named-after clause."""
    return bool(parse_org_name(name.original).named_after)
