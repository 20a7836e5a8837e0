"""How far apart two spellings of one word may be: the typo budget of a word's length, and the share
of letters two words of one phonetic key must keep to be one name.

Scoring (:mod:`embargo.matching.tokens`) and candidate retrieval (:mod:`embargo.index`) read a
word's near spellings alike, so both take these measures from here.
"""

from __future__ import annotations

__all__ = ["MIN_PHONETIC_LETTERS", "MIN_PHONETIC_LETTERS_SHORT", "phonetic_letters", "typo_budget"]

#: A phonetic key keeps consonant classes only, so short words collide
#: (fuad / vita); a phonetic match also needs this much letter similarity.
MIN_PHONETIC_LETTERS = 0.5
MIN_PHONETIC_LETTERS_SHORT = 0.75


def phonetic_letters(longest: int) -> float:
    """Share of letters two words of one phonetic key must have in common to count as one name.

    A phonetic key keeps only consonant classes, so it is shared by words
    that are not spellings of each other (``teodoro`` / ``dario`` / ``true``
    are all ``TR``); short words need more of their letters.

    Args:
        longest: length of the longer word.
    """
    return MIN_PHONETIC_LETTERS_SHORT if longest <= 4 else MIN_PHONETIC_LETTERS


def typo_budget(length: int) -> int:
    """Edits (insert, delete, substitute, swap) tolerated in a token of ``length`` letters."""
    if length <= 3:
        return 0
    if length <= 6:
        return 1
    if length <= 10:
        return 2
    return 3
