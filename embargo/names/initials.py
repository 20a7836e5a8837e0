"""Initials of given names written together as one word: "JC Juncker", "VV Putin", "AG Lukashenko".

People write the initials of their given names (and, in Russian usage, of the patronymic) without dots
or spaces. Read as one word, "JC" is an unknown family name. A word looks like such initials when it has
two or three Latin letters and either has no vowel ("JC", "VV": no name is spelled so) or is in capitals
in a name that is not all capitals ("AG Lukashenko": a word in capitals among words that are not is an
abbreviation).

Two readers use this: scoring reads the word as initials when the other name bears them out
(:mod:`embargo.matching._initials`), and screening's retrieval also looks the name up with the word read
as initials (:func:`initials_reading`), so that a letter pair's sound-alikes ("ag": Agha, Yagi) do not
crowd the person out of the candidates before scoring sees him.
"""

from __future__ import annotations

from dataclasses import replace

from embargo.names.name import AnalyzedName, Token
from embargo.names.phonetic import phonetic_key

__all__ = ["initials_reading", "looks_like_initials", "split_initials"]

_VOWELS = frozenset("aeiouy")


def looks_like_initials(token: Token, tokens: tuple[Token, ...]) -> bool:
    """True when ``token``, a word of the name ``tokens``, may be initials written together."""
    text, original = token.text, token.original
    if not 2 <= len(text) <= 3 or not text.isalpha() or not text.isascii() or token.tag == "initial":
        return False
    if not _VOWELS.intersection(text):
        return True
    return original.isupper() and any(not t.original.isupper() for t in tokens if t is not token)


def split_initials(token: Token) -> tuple[Token, ...]:
    """One initial token per letter, as "J. C." would be read."""
    return tuple(Token(letter, letter.upper(), "initial", phonetic_key(letter), frozenset()) for letter in token.text)


def initials_reading(name: AnalyzedName) -> AnalyzedName | None:
    """A person's name with its first word that looks like initials read as initials, or None.

    Only for retrieval: the name keeps at least one full word (a name of initials alone says too little).
    """
    if name.kind != "person":
        return None
    tokens = name.tokens
    for i, token in enumerate(tokens):
        if looks_like_initials(token, tokens):
            read = tokens[:i] + split_initials(token) + tokens[i + 1 :]
            if all(t.tag == "initial" for t in read):
                return None
            return replace(name, tokens=read, variants=(read,))
    return None
