"""Industry words of organisation names across English, Russian, Ukrainian and Belarusian.

rigour tags the industry words of organisation names with ``domain:`` classes
(``bank``, ``railway``, ``automobiles``, ``нефть``), so that ``Sea Port`` and
``Морской порт`` share words and the words weigh as generic. Its tables miss
the inflected and romanized forms East Slavic names use (``порты``,
``avtomobili``, ``mashiny``) and a few English words (``port``,
``refinery``); the EU writes ``Крымская железная дорога`` where OFAC writes
``Crimean Railway``. This module fills those gaps, with rigour's class where
rigour has one for the English word (``domain:railway``, ``domain:auto``,
``domain:machine``) and a class of its own otherwise (``domain:port``,
``domain:refinery``). Only words that name a kind of business, as rigour's
own classes do, are listed: a word that tells firms of one trade apart
("instrument", "helicopter") stays a word of the name.

Where the words come from: the Russian, Ukrainian and Belarusian words are
the dictionary translations of the English ones (the usual terms of the
Russian classifier of economic activities, OKVED, for the industries), as
stems that take the languages' case endings. Their romanized stems are made
from the Cyrillic ones with the same BGN/PCGN, ICAO and ISO 9 transliterators
names are read with (:mod:`.translit`), so no romanization is typed by hand.

The usual Russian abbreviation of a trade's plant names the trade too (:data:`ABBREVIATED`: НПЗ,
нефтеперерабатывающий завод, is a refinery). A stem of seven letters or more names a compound's first part and takes any
ending (``нефтеперерабат``: нефтеперерабатывающий, нефтеперерабатывающая); a
shorter one takes only an inflection (``порт``: порты, порта, портов, not портфель).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache, lru_cache

from embargo.names.translit import render_word

__all__ = [
    "ABBREVIATED",
    "COMPASS_WORDS",
    "INDUSTRY_WORDS",
    "PHRASES",
    "compass_symbols",
    "industry_symbols",
    "phrase_symbols",
]

#: class -> (English words, Russian / Ukrainian / Belarusian stems).
INDUSTRY_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "domain:port": (("port", "ports", "seaport", "seaports", "harbour", "harbor"), ("порт", "морпорт")),
    "domain:railway": ((), ("железнодорож", "залізнич", "чыгуначн", "чыгунк")),
    "domain:refinery": (
        ("refinery", "refineries", "refining"),
        ("нефтеперерабат", "нефтепереработ", "нафтопереробн", "нафтаперапрацоўч"),
    ),
    "domain:auto": ((), ("автомобил", "автомобіл", "аўтамабіл")),
    "domain:machine": ((), ("машин", "машын")),
    "domain:shipbuilding": ((), ("верф",)),
}
#: The points of the compass as organisation names use them (Eastern Oil Company, Восточная нефтяная
#: компания, Severnaya Verf): class -> (English words, Russian / Ukrainian / Belarusian stems). These
#: classes (``dir:``) are not generic: a compass word tells firms apart (Northern Star / Southern Star),
#: it is only the same word in another language.
COMPASS_WORDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "dir:east": (("east", "eastern"), ("восточн", "східн", "усходн")),
    "dir:west": (("west", "western"), ("западн", "західн", "заходн")),
    "dir:north": (("north", "northern"), ("северн", "північн", "паўночн")),
    "dir:south": (("south", "southern"), ("южн", "південн", "паўднёв")),
}
#: Abbreviations of a trade's plant, Cyrillic and romanized -> its class (НПЗ: нефтеперерабатывающий завод).
ABBREVIATED: dict[str, str] = {"нпз": "domain:refinery", "npz": "domain:refinery"}
#: Two words that together name one industry word of English (железная дорога: railway).
PHRASES: tuple[tuple[tuple[str, str], str], ...] = (
    # нефтеперерабатывающий завод: a refinery, one word in English (and НПЗ)
    (("нефтеперерабат", "завод"), "domain:refinery"),
    (("нафтопереробн", "завод"), "domain:refinery"),
    (("железн", "дорог"), "domain:railway"),
    (("залізн", "дорог"), "domain:railway"),
    (("чыгун", "дарог"), "domain:railway"),
)
#: Letters an inflection adds to a short stem, Cyrillic and romanized (-ы, -ов, -ами, -ykh, -ogo...).
_INFLECTION = frozenset("аеёиоуыэюяйьіїєхмвгaeiouyjkhmvg")
_MAX_INFLECTION = 4
#: Stems this long name the first part of a compound and take any ending.
_OPEN_STEM = 7
_SCHEMES = (
    ("Russian-Latin/BGN", "word"),
    ("Ukrainian-Latin/BGN", "word"),
    ("Belarusian-Latin/BGN", "word"),
    ("Any-Latin", "word"),
)


@cache
def _stems(table: str = "industry") -> dict[str, str]:
    """Every stem (Cyrillic and each romanization) -> its class, of :data:`INDUSTRY_WORDS` or :data:`COMPASS_WORDS`."""
    out: dict[str, str] = {}
    for symbol, (_, stems) in (COMPASS_WORDS if table == "compass" else INDUSTRY_WORDS).items():
        for stem in stems:
            out.setdefault(stem, symbol)
            for scheme in _SCHEMES:
                for latin in render_word(stem, scheme):
                    out.setdefault(latin, symbol)
    return out


@cache
def _english() -> dict[str, str]:
    return {word: symbol for symbol, (words, _) in INDUSTRY_WORDS.items() for word in words}


@cache
def _phrases() -> tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...]:
    out = []
    for (first, second), symbol in PHRASES:
        firsts = {first, *(w for s in _SCHEMES for w in render_word(first, s))}
        seconds = {second, *(w for s in _SCHEMES for w in render_word(second, s))}
        out.append((tuple(sorted(firsts)), tuple(sorted(seconds)), symbol))
    return tuple(out)


def _inflected(word: str, stem: str) -> bool:
    rest = word[len(stem) :]
    return len(stem) >= _OPEN_STEM or (len(rest) <= _MAX_INFLECTION and _INFLECTION.issuperset(rest))


@lru_cache(maxsize=65536)
def industry_symbols(word: str) -> frozenset[str]:
    """The industry classes of one folded word of an organisation's name (``порты``, ``mashiny``); empty if none.

    Args:
        word: a folded word, Cyrillic or Latin.
    """
    english = _english().get(word) or ABBREVIATED.get(word)
    if english is not None:
        return frozenset({english})
    return _by_stem(word, _stems(), 4)


def _by_stem(word: str, stems: dict[str, str], shortest: int) -> frozenset[str]:
    """The class of the longest stem (of ``shortest`` letters or more) that ``word`` is an inflection of."""
    for size in range(min(len(word), 20), shortest - 1, -1):
        symbol = stems.get(word[:size])
        if symbol is not None and _inflected(word, word[:size]):
            return frozenset({symbol})
    return frozenset()


@lru_cache(maxsize=65536)
def compass_symbols(word: str) -> frozenset[str]:
    """The point of the compass one folded word of an organisation's name names (``vostochnoy``: ``dir:east``).

    Args:
        word: a folded word, Cyrillic or Latin.
    """
    for symbol, (english, _) in COMPASS_WORDS.items():
        if word in english:
            return frozenset({symbol})
    return _by_stem(word, _stems("compass"), 3)  # южн: three letters


def phrase_symbols(texts: Sequence[str]) -> dict[int, str]:
    """Positions of the words of ``texts`` that stand in a two-word industry phrase, with its class.

    Args:
        texts: the folded words of one organisation name, in order (Cyrillic or romanized).
    """
    out: dict[int, str] = {}
    for i in range(len(texts) - 1):
        if i in out:
            continue
        for firsts, seconds, symbol in _phrases():
            if any(texts[i].startswith(f) for f in firsts) and any(texts[i + 1].startswith(s) for s in seconds):
                out[i] = out[i + 1] = symbol
                break
    return out
