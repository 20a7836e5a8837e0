"""Equivalence classes of words, from rigour's name data.

rigour (OpenSanctions' name library) tags words with *symbols*: a Wikidata
id shared by the spellings of one given or family name across languages
and scripts (``Alyaksandr``, ``Aliaksandr``, ``Александр`` share
``Q19412810``), nicknames (``ALEX``), organization words (``GRP`` for
"group", "grp"; ``BANK``; legal classes such as ``LLC``), places and
numbers (``first``, ``1st``, ``III`` -> 3). Two words that share a symbol
are the same name even when their letters differ.

Words are looked up one at a time and remembered in a table, so a word is
looked up once per process whatever the names it appears in. rigour's
person-name automaton takes about five seconds to build on first use (and
holds the GIL while it does), after which a lookup costs ~30 µs. A process
that must answer its first query fast (screening) therefore loads the table
that the index build saved (:func:`symbol_table` / :func:`load_symbol_table`):
words of listed names, and so most query words, are then answered without
rigour; only an unknown query word pays for the automaton, unless
:func:`use_person_lexicon` found rigour's person-name data (see
:mod:`._person_lexicon`): then no process that screens builds it at all.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

from rigour._core import analyze_names, stopwords_list
from rigour.names import NameTypeTag

from embargo.names._person_lexicon import PersonLexicon
from embargo.names.industry import compass_symbols, industry_symbols
from embargo.names.places import PLACE_PREFIX, place_stems
from embargo.names.text import fold
from embargo.names.translit import russian_from_bgn

__all__ = [
    "REGIONS",
    "STOPWORDS",
    "is_generic_symbol",
    "load_symbol_table",
    "make_person_lexicon",
    "person_lexicon_made",
    "symbol_table",
    "use_person_lexicon",
    "word_symbols",
]

#: Category of a rigour symbol -> our prefix; INITIAL and PHONETIC symbols
#: say nothing that the token text and phonetic key do not already say.
_PREFIXES = {
    "NAME": "name",
    "NICK": "nick",
    "NUM": "num",
    "ORGCLS": "orgtype",
    "SYMBOL": "sym",
    "DOMAIN": "domain",
    "LOC": "loc",
}
#: Function words in the languages of the lists (rigour's stop-word list:
#: articles, conjunctions, prepositions in English, French, German, Spanish,
#: Russian, Arabic, Chinese...), folded.
STOPWORDS = frozenset(fold(w) for w in stopwords_list()) - {""}
_EMPTY: frozenset[str] = frozenset()
#: Continents and regions, which rigour's territories (countries) leave out, as
#: ``loc:`` symbols with their UN M49 code (UN Statistics Division, "Standard
#: country or area codes for statistical use"): in a company's name "Europe" or
#: "Asian" says where a branch is, as "Deutschland" does ("Faberlic Europe").
#: The adjectives and "Europa" (German, Spanish, Italian...) are the same regions.
REGIONS = {
    "africa": "002",
    "african": "002",
    "americas": "019",
    "asia": "142",
    "asian": "142",
    "caribbean": "029",
    "europa": "150",
    "europe": "150",
    "european": "150",
    "melanesia": "054",
    "oceania": "009",
    "polynesia": "061",
}
#: (folded word, org?) -> symbols; bounded so that a long-running server fed
#: random text cannot grow it without end.
_TABLE: dict[tuple[str, bool], frozenset[str]] = {}
_TABLE_MAX = 2_000_000
#: rigour's person-name data read without its automaton, once :func:`use_person_lexicon` found it.
_LEXICON: PersonLexicon | None = None
_LEXICON_FAILED = False


def symbol_table() -> dict[tuple[str, bool], frozenset[str]]:
    """A copy of every lookup made so far, to persist beside an index."""
    return dict(_TABLE)


def load_symbol_table(table: Mapping[tuple[str, bool], Iterable[str]]) -> None:
    """Answer the words of ``table`` from it instead of asking rigour.

    Args:
        table: what :func:`symbol_table` returned in an earlier process.
    """
    for key, symbols in table.items():
        _TABLE[key] = frozenset(symbols) or _EMPTY


def make_person_lexicon(table: Mapping[tuple[str, bool], Iterable[str]]) -> bool:
    """Make rigour's person lexicon file now, if missing, without answering this process's lookups from it.

    For the end of an import (``embargo update``), so that no screening
    process pays for making it (about 5 s of CPU once per rigour build).

    Args:
        table: a symbol table rigour answered (the indexes' :func:`symbol_table`);
            a new lexicon is kept only if it agrees with every person word of it.

    Returns:
        Whether a lexicon that agrees with ``table`` is there now.
    """
    reference = [(w, frozenset(s)) for (w, org), s in table.items() if not org]
    return PersonLexicon.for_rigour(reference) is not None


def person_lexicon_made() -> bool:
    """Whether the installed rigour's lexicon file exists (made by an earlier process)."""
    return PersonLexicon.path_for_rigour().exists()


def use_person_lexicon(enable: bool = True) -> bool:
    """Answer person words the table lacks from rigour's name data, without rigour's automaton.

    The answers are rigour's (the lexicon is checked against the person words
    of the table loaded so far, which rigour answered when the index was
    built); words the lexicon cannot answer for sure still go to rigour.
    Call after :func:`load_symbol_table`.

    Args:
        enable: False goes back to asking rigour for every word.

    Returns:
        Whether person words are now answered from the lexicon.
    """
    global _LEXICON, _LEXICON_FAILED
    if not enable:
        _LEXICON = None
    elif _LEXICON is None and not _LEXICON_FAILED:
        reference = [(w, s) for (w, org), s in _TABLE.items() if not org]
        _LEXICON = PersonLexicon.for_rigour(reference)
        # a lexicon made and found to disagree with rigour is not made again in this process
        _LEXICON_FAILED = _LEXICON is None and len(reference) >= PersonLexicon.MIN_REFERENCE
    return _LEXICON is not None


def word_symbols(word: str, org: bool) -> frozenset[str]:
    """rigour's symbols for one folded word, as ``prefix:id`` strings.

    Args:
        word: a folded word, any script (``александр``, ``alexander``, ``grp``).
        org: look the word up as part of an organization's name (legal
            classes, industry words) rather than a person's (given names).

    Returns:
        The symbols of spans that cover exactly this word; ``name:`` ids keep
        rigour's case (``name:Q923``), the others are lower-case.
    """
    found = _TABLE.get((word, org))
    if found is None:
        found = _lookup(word, org)
        if len(_TABLE) < _TABLE_MAX:
            _TABLE[word, org] = found
    return found


def _lookup(word: str, org: bool) -> frozenset[str]:
    if not word:
        return _EMPTY
    if not org and _LEXICON is not None:
        known = _LEXICON.symbols(word)
        if known is not None:
            return known or _EMPTY
    tag = NameTypeTag.ORG if org else NameTypeTag.PER
    found: set[str] = set()
    for name in analyze_names(tag, [word], None, symbols=True, phonetics=False, consolidate=False, rewrite=False):
        for span in name.spans:
            prefix = _PREFIXES.get(span.symbol.category.value)
            if prefix is None or len(span.parts) != 1:
                continue
            ident = span.symbol.id
            found.add(f"{prefix}:{ident if prefix == 'name' else ident.lower()}")
    if org and word in REGIONS:
        found.add(f"loc:m49-{REGIONS[word]}")
    if org:
        # descriptor words rigour lacks or files differently in Russian, Belarusian and Ukrainian
        # (byuro, obedinenie, pradpryemstva): the table and its sources are in .org_structure
        from embargo.names.org_structure import descriptor_symbols

        found.update(descriptor_symbols(word, abbreviations=False))
        # an adjective of place or a demonym names its place (Крымские / Crimean): .places
        found.update(PLACE_PREFIX + stem for stem in place_stems(word))
        # industry words rigour lacks in East Slavic forms (порты, avtomobili): .industry
        found.update(industry_symbols(word))
        found.update(compass_symbols(word))
        if not any(s.startswith(_CLASS_PREFIXES) for s in found):
            found.update(_romanized_russian(word))
    return frozenset(found) if found else _EMPTY


#: Prefixes of the classes of organisation words (kinds of body and of business, legal classes).
_CLASS_PREFIXES = ("sym:", "domain:", "orgtype:")
#: Shortest romanized word read back into Cyrillic (shorter ones are too often other words).
_MIN_ROMANIZED = 4
#: Romanized endings of Russian adjectives (-ая, -ое, -ый, -ий, -ой, -ого, -ых, -ые): a word that
#: describes the body (страховая, нефтяная, финансовая). Nouns are left as written: a firm is often
#: named by one (Алмаз, Полёт, Союз), and its Latin name then stays a word of its own.
_ADJECTIVE = re.compile(r"(?:aya|aia|oye|oe|yy|yi|iy|ii|oy|ogo|ego|ykh|ikh|yye|iye|yie|iie)$")


def _romanized_russian(word: str) -> frozenset[str]:
    """The kind-of-body and kind-of-business classes of a romanized Russian word (``strakhovaya``).

    rigour knows the organisation words of Russian in Cyrillic (``страховая``: insurance,
    ``группа``: group) but not in the Latin letters most lists write them in, so
    ``KRYMSKAYA PERVAYA STRAKHOVAYA KOMPANIYA`` and ``Первая Крымская страховая компания``
    were read differently. A Latin adjective (:data:`_ADJECTIVE`) with no class of its own is
    read back into Cyrillic with ICU's BGN/PCGN Russian transliterator (the scheme of most
    lists) and takes the ``sym:`` and ``domain:`` classes of that word, never its name or
    legal classes.
    """
    if len(word) < _MIN_ROMANIZED or not (word.isascii() and word.isalpha()) or not _ADJECTIVE.search(word):
        return _EMPTY
    cyrillic = fold(russian_from_bgn(word))
    if cyrillic == word or cyrillic.isascii():
        return _EMPTY
    return frozenset(s for s in word_symbols(cyrillic, True) if s.startswith(("sym:", "domain:")))


#: rigour files a few single organizations under DOMAIN, beside kinds of
#: business ("bank", "oil"): their words are the organization's identity.
_NAMED_DOMAINS = frozenset({"domain:alqaeda", "domain:hezbollah", "domain:irgc"})


def is_generic_symbol(symbol: str) -> bool:
    """True for rigour's organization-word classes (``sym:grp``, ``domain:bank``)."""
    return symbol.startswith(("sym:", "domain:")) and symbol not in _NAMED_DOMAINS
