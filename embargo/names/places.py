"""Place adjectives in organisation names: ``Крымские`` / ``Krymskiye`` / ``Crimean`` / ``Crimea``.

Russian, Ukrainian and Belarusian name an organisation after its place with
an adjective (``Сызранский нефтеперерабатывающий завод``, the Syzran
refinery; ``Крымская железная дорога``, the Crimean railway), English with
the place's name or its demonym. Read letter by letter, ``syzranskiy`` is
no spelling of ``Syzran`` and ``krymskaya`` none of ``Crimean``; read as
the place they name, they are one word.

:func:`place_stems` gives the place a word may name:

* an East Slavic adjective of place (in any of the romanizations lists use,
  so also the Cyrillic word once romanized): the letters before its ``-sk-``
  suffix and its case ending (``syzranskiy`` -> ``syzran``), with the
  suffix too for towns whose name ends in it (``novosibirskiy`` ->
  ``novosibirsk``, ``donetskiy`` -> ``donetsk``); against a place's name, a
  linking ``-en-`` or ``-in-`` may fall away (``kerchenskiy`` / ``Kerch``);
* an English demonym in ``-ean`` or ``-ian`` (``crimean`` -> ``crime``,
  ``crim``; ``siberian`` -> ``siberi``, ``siber``).

The endings are those of Russian, Ukrainian and Belarusian grammar (the
adjective's cases in the three genders and the plural) as romanized by
BGN/PCGN, GOST 7.79 and the passport (ICAO) schemes, and English's demonym
suffixes; no place is listed. The stems become ``place:<stem>`` symbols of
organisation words (:mod:`.symbols`), so a person's surname in ``-sky`` is
never read as a place. :func:`same_place` says whether two words name one
place: an adjective against a bare word needs the stem's letters (one typo
in a long stem), two adjectives of different languages the stem's sound.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import lru_cache

from rapidfuzz.distance import DamerauLevenshtein

from embargo.names.phonetic import phonetic_key

__all__ = ["PLACE_PREFIX", "PLACE_SIMILARITY", "place_keys", "place_stems", "same_place", "same_place_words"]

#: Prefix of a place symbol (``place:syzran``).
PLACE_PREFIX = "place:"
#: Similarity of an adjective of place and its place's name or demonym in an organisation's name
#: (``Syzranskiy`` / ``Syzran``, ``Krymskiye`` / ``Crimean``): another form of the word, not its spelling.
PLACE_SIMILARITY = 0.85
#: Shortest stem read as a place (``russkiye`` -> ``rus``; ``omskiy`` -> ``omsk``, not ``om``).
_MIN_STEM = 3

# Case endings of the adjective after its -sk- suffix: Russian -ий -ая -ое -ие -ого -ой -ую -им -их
# -ому -ыми, Ukrainian -ий -а -е -і -ого -ої, Belarusian -і -ая -ае -ія -ага, each as the schemes
# romanize й, я, е, ы (iy ii ij yi yy y; aya aia aja ya; oye oe; iye ie iie).
_ENDINGS = (
    *("iy", "ii", "ij", "yi", "yy", "yj", "y", "i", "iye", "ie", "iie", "ije", "iya", "iia", "ija"),
    *("aya", "aia", "aja", "ya", "a", "oye", "oe", "oie", "ye", "e", "ogo", "ovo", "oy", "oi", "oj"),
    *("oyi", "oyu", "uyu", "uiu", "im", "ym", "ikh", "ykh", "ih", "yh", "omu", "imi", "ymi", "ae", "aha", "oho"),
)
_ADJECTIVE = re.compile(r"^([a-z]{2,}?)sk(?:" + "|".join(sorted(_ENDINGS, key=len, reverse=True)) + r")$")
_DEMONYM = re.compile(r"^([a-z]{3,})([ei])an$")
#: A linking syllable between a town's name and the adjective suffix (Керчь -> керченский).
_LINKS = ("en", "in", "an", "yn")


@lru_cache(maxsize=65536)
def place_stems(word: str) -> tuple[str, ...]:
    """The place a romanized word may name, as stems; ``()`` for a word that is no adjective of place.

    Args:
        word: a lower-case ASCII word (a token's text).
    """
    if not word.isascii() or not word.isalpha():
        return ()
    found: list[str] = []
    m = _ADJECTIVE.match(word)
    if m is not None:
        base = m.group(1)
        # "syzranskiy": Syzran; "novosibirskiy": Novosibirsk; "donetskiy": Donetsk
        found = [base, base + "sk"]
    elif (m := _DEMONYM.match(word)) is not None:
        # "crimean": Crimea (crime, crim); "siberian": Siberia (siberi, siber)
        found = [m.group(1) + m.group(2), m.group(1)]
    return tuple(dict.fromkeys(s for s in found if len(s) >= _MIN_STEM))


def place_keys(symbols: Iterable[str]) -> tuple[str, ...]:
    """The phonetic keys of the place stems among ``symbols`` (retrieval reaches a place by its sound)."""
    stems = _stems(symbols)
    # the place's name before a linking syllable too (kerchen -> Kerch), which :func:`same_place` reads
    linked = [s[:-2] for s in stems if s[-2:] in _LINKS and len(s) - 2 > _MIN_STEM]
    keys = (phonetic_key(stem) for stem in (*stems, *linked))
    return tuple(dict.fromkeys(k for k in keys if k))


def _stems(symbols: Iterable[str]) -> list[str]:
    return [s[len(PLACE_PREFIX) :] for s in symbols if s.startswith(PLACE_PREFIX)]


def same_place(q_text: str, q_symbols: frozenset[str], c_text: str, c_symbols: frozenset[str]) -> bool:
    """Whether two organisation words name one place (an adjective against a name or a demonym).

    Args:
        q_text, c_text: the words' romanized texts.
        q_symbols, c_symbols: their symbols (the ``place:`` ones are read).
    """
    return _same_place(q_text, tuple(_stems(q_symbols)), c_text, tuple(_stems(c_symbols)))


def same_place_words(a: str, b: str) -> bool:
    """:func:`same_place` of two romanized words, their stems read from their letters (retrieval's check)."""
    return _same_place(a, place_stems(a), b, place_stems(b))


def _same_place(q_text: str, q_stems: Sequence[str], c_text: str, c_stems: Sequence[str]) -> bool:
    if not q_stems and not c_stems:
        return False
    if q_stems and c_stems:
        q_keys = {phonetic_key(s) for s in q_stems}
        return any(phonetic_key(s) in q_keys for s in c_stems) and _letters_agree(q_stems, c_stems)
    stems, bare = (q_stems, c_text) if q_stems else (c_stems, q_text)
    return any(_close(stem, bare) for stem in stems)


def _letters_agree(a: Sequence[str], b: Sequence[str]) -> bool:
    """Half the letters of some pair of stems agree (the key alone keeps consonant classes only)."""
    for x in a:
        for y in b:
            longest = max(len(x), len(y))
            if 1.0 - DamerauLevenshtein.distance(x, y) / longest >= 0.5:
                return True
    return False


def _close(stem: str, word: str) -> bool:
    """An adjective's stem against a place's name: the same letters, one typo in a long word, or
    the name before a linking syllable (``kerchen`` -> Kerch)."""
    if stem == word or (stem[-2:] in _LINKS and stem[:-2] == word and len(word) >= _MIN_STEM + 1):
        return True
    return len(stem) >= 5 and len(word) >= 5 and DamerauLevenshtein.distance(stem, word) <= 1
