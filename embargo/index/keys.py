"""The keys under which a name token is found, and the vocabulary-level neighbourhood of a query token.

The index is two-level. Listed tokens form a vocabulary; each vocabulary
word lists the names it occurs in. Lookup keys point at vocabulary words:

- ``p:<phonetic key>``: the same name in another romanization; an adjective
  of place in an organisation's name also stands under its place's key
  (:mod:`embargo.names.places`);
- ``l:<phonetic key>``: an adjective of place or a demonym, under its place's
  key (``krymskiye`` and ``crimean`` meet there, their letters do not);
- ``s:<symbol>``: an equivalent given name or legal form (rigour's classes);
- ``d:<word with one letter deleted>``: a typo (the symmetric-delete trick:
  two words within one edit share a deletion, so typos are found without
  comparing the query with every word).

A query token gathers the vocabulary words reachable through its own keys,
checks each with the real token similarity, and only then touches postings.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator

from embargo.names import AnalyzedName, Token, detect_script, token_bridge_keys
from embargo.names.org_structure import ABBREVIATIONS
from embargo.names.orgs import (
    ACRONYM_LONGEST,
    ACRONYM_SCRIPTS,
    compound_spelling,
    spelled_initials,
    trade_initials,
)
from embargo.names.places import place_keys
from embargo.names.symbols import word_symbols

__all__ = [
    "ACRONYM_SHORTEST",
    "INDUSTRY_MARK",
    "JOINED_WORDS",
    "MIN_DELETE_LENGTH",
    "acronym_keys",
    "deletions",
    "exact_name_keys",
    "industry_keys",
    "industry_word",
    "key_hash",
    "lookup_keys",
    "word_keys",
]

#: Words shorter than this get no typo keys (one edit in a short word is another word).
MIN_DELETE_LENGTH = 4


#: Marks the vocabulary entry of an industry word posted apart (``#ports``): no name word's keys reach it.
INDUSTRY_MARK = "#"


def industry_word(token: Token) -> bool:
    """A generic word of an organisation's name with a class (Bank, Ports, Railway, Group; not "of").

    In a name with words of its own, such a word is posted apart (``#ports``,
    under :func:`industry_keys` only) and looked up only by the query's
    industry words, where it weighs little (:data:`embargo.index.search.GENERIC_SLOT`):
    among the many names a rare word reaches, those that also share the kind of
    business rank first, and no name word reaches the thousands of names holding "Bank".
    """
    return token.tag == "generic" and any(s.startswith(("domain:", "sym:")) for s in token.symbols)


def industry_keys(token: Token) -> Iterator[str]:
    """Keys of an industry word, in the index and in a query alike: its letters and its classes."""
    yield "g:" + token.text
    for symbol in sorted(token.symbols):
        if symbol.startswith(("domain:", "sym:")):
            yield "g:" + symbol


def key_hash(key: str) -> int:
    """A key as a 64-bit number, the same in every process (the index file stores numbers, not key strings).

    Two keys of one index share a number with odds of about one in 10^7 for a
    million-name index; a query key meeting the number of another, about one
    in 10^13 per lookup. Typo keys are checked with the real edit distance
    afterwards anyway.
    """
    return int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest(), "little")


def deletions(text: str) -> Iterator[str]:
    """Every string made by deleting one letter of ``text`` (none for short words)."""
    if len(text) < MIN_DELETE_LENGTH:
        return
    seen: set[str] = set()
    for i in range(len(text)):
        d = text[:i] + text[i + 1 :]
        if d not in seen:
            seen.add(d)
            yield d


def word_keys(token: Token) -> Iterator[str]:
    """Keys that lead to this vocabulary word.

    The vocabulary holds a word once, with the keys of its first occurrence,
    while rigour's symbols depend on whether the word stands in a person's or
    an organization's name: "Vladimir" first met in "Vladimir Production
    Association" has no given-name group, and a person query "Uladzimir"
    would never reach it. So a word gets the symbols of both readings.
    """
    if token.phonetic:
        yield "p:" + token.phonetic
    for key in place_keys(word_symbols(token.text, True)):
        # an adjective of place is found by its place's sound: from the place's name (Syzran ->
        # syzranskiy, through the phonetic key) and from another language's adjective (Crimean -> krymskiye)
        yield "p:" + key
        yield "l:" + key
    for symbol in sorted(token.symbols | word_symbols(token.text, False) | word_symbols(token.text, True)):
        yield "s:" + symbol
    for d in deletions(token.text):
        yield "d:" + d
    if len(token.text) >= MIN_DELETE_LENGTH - 1:
        # a query word one letter longer reaches this word through its deletions
        yield "d:" + token.text


def lookup_keys(token: Token) -> Iterator[str]:
    """Keys a query token looks up.

    Besides the listed words' own keys, the phonetic keys of the query word
    read as Spanish, German or French spell kh, zh and x (``Jruschov``,
    ``Chruschtschow``, ``Prigojine``: :func:`embargo.names.token_bridge_keys`): lists
    romanize for English readers, the press a user copies from may not. Only
    the query side reads so, so the index holds the same keys as before.
    """
    if token.phonetic:
        yield "p:" + token.phonetic
    for key in token_bridge_keys(token):
        yield "p:" + key
    for key in place_keys(token.symbols):
        yield "p:" + key
        yield "l:" + key
    for symbol in token.symbols:
        yield "s:" + symbol
    if len(token.text) >= MIN_DELETE_LENGTH:
        yield "d:" + token.text
        for d in deletions(token.text):
            yield "d:" + d


#: Most words of an organisation's name that are also keyed written as one (:func:`exact_name_keys`).
JOINED_WORDS = 3


def exact_name_keys(name: AnalyzedName) -> tuple[str, ...]:
    """Keys under which a name is found written exactly as listed: each romanization's words, legal forms left out.

    Retrieval ranks candidates by their words' rarity, and generic words (Machines, Bank,
    Shipyard) rank nothing: a name whose one other word is common (``RUSSIAN MACHINES``)
    could lose its place among the candidates to the many names holding that word, even
    when queried exactly as listed. These keys find it whatever its words weigh. They
    share the identifier lookup table, kept apart by their ``name:`` prefix. An organisation's
    name of two or three words is also keyed with its words written as one, so that
    ``INVESTCAPITALBANK`` and ``Invest Capital Bank`` meet whichever side writes which.
    """
    keys: dict[str, None] = {}
    for variant in name.variants or (name.tokens,):
        words = [t.text for t in variant if t.tag != "legal_form"]
        if words:
            keys["name:" + " ".join(words)] = None
            if name.kind == "org" and 2 <= len(words) <= JOINED_WORDS:
                # written as one word on one side (INVESTCAPITALBANK, TSMRBANK), apart on the other
                keys["name:" + "".join(words)] = None
    return tuple(keys)


#: Shortest acronym looked up: two letters name too many bodies. The longest is the scorer's
#: (:data:`embargo.names.orgs.ACRONYM_LONGEST`): a key it could not confirm would retrieve for nothing.
ACRONYM_SHORTEST = 3


def acronym_keys(name: AnalyzedName, *, query: bool) -> tuple[str, ...]:
    """Keys that meet an organisation's acronym and the words it abbreviates, whichever side holds which.

    A name of one word besides its legal form (``AST, AO``, ``JSC DNPP``) is posted under ``acro:`` and
    looked up under ``init:``; a name of several words under ``init:`` with the initials the scorer
    reads (:func:`embargo.names.orgs.spelled_initials`: ``Advanced Systems Technologies`` -> ``ast``,
    ``Dolgoprudnenskoye NPP`` -> ``dn`` and ``dnpp``; a Russian compound name with its parts'
    initials, one word or several: ``Stroygazmontazh`` -> ``sgm``, :func:`embargo.names.orgs.compound_spelling`) and
    looked up under ``acro:``: an acronym meets the words it stands for, never another name's initials.
    They share the identifier lookup table with :func:`exact_name_keys`, where a key that more
    than a few dozen bodies hold is not followed (:data:`embargo.index.search._ID_ENTITIES_MAX`);
    scoring then decides (the letters must agree exactly, :mod:`embargo.matching._joins`).
    """
    if name.kind != "org":
        return ()
    keys: dict[str, None] = {}
    for variant in name.variants or (name.tokens,):
        kept = [t for t in variant if t.tag != "legal_form" and t.tag != "number"]
        if any(t.tag == "initial" or detect_script(t.original) not in ACRONYM_SCRIPTS for t in kept):
            continue  # only an alphabet's words are acronyms or give initials (embargo.matching._joins)
        words = [t.text for t in kept]
        if len(words) == 1:
            found, side = [words[0]], "init:" if query else "acro:"
        else:
            found = [
                spelled_initials(words),
                spelled_initials(words, ABBREVIATIONS),
                trade_initials(words, ABBREVIATIONS),
            ]
            side = "acro:" if query else "init:"
        for key in found:
            if ACRONYM_SHORTEST <= len(key) <= ACRONYM_LONGEST and key.isascii() and key.isalpha():
                keys[side + key] = None
        # a Russian compound name is abbreviated by its parts' initials (Stroygazmontazh: SGM), alone too
        compound = compound_spelling(words)
        if ACRONYM_SHORTEST <= len(compound) <= ACRONYM_LONGEST and compound.isascii() and compound.isalpha():
            keys[("acro:" if query else "init:") + compound] = None
    return tuple(keys)
