"""Which part of a name each word is: given, family, patronymic, generic...

Tags are hints for scoring, decided per written word from what the name
itself shows, in this order:

1. Form: digits are ``number``; one letter is ``initial``; a particle
   (:data:`.parts.PARTICLES`) is ``particle``; a Turkic ``oglu``/``kyzy``
   and the father's name before it are ``patronymic``.
2. Family name, from the writing conventions of lists: the part before the
   comma in ``FAMILY, Given`` (OFAC, UN); the words in capitals when others
   are not (``Aliaksandr Ryhoravich LUKASHENKA``: EU, UN, ICAO); the first
   syllable of a Chinese or Korean name.
3. Patronymic: a word with a patronymic ending (:func:`.parts.is_patronymic`)
   right after a word without one, in a name of three words or more (or
   two after a comma): ``Roman Arkadyevich Abramovich`` tags
   ``arkadyevich``, not the family name ``abramovich``, and the two words
   of ``Aleksandr Lukashevich`` stay untagged. With no family name found
   yet, a patronymic fixes the order: the words after it are the family
   name (Given Patronymic Family); a patronymic at the end makes the word
   before it the given name and the words before that the family name
   (Russian official order, Family Given Patronymic). Between a given name
   and a family name known from capitals, a word of a family name's form made
   from a given name (``Ivanova``) is the patronymic too: Bulgarian writes
   patronymics so, and lists drop a letter of ``Ivanovna``.
4. Given: a word that rigour knows as a name (a ``name:`` symbol) where a
   given name can stand: after the comma, beside a known family name, or
   anywhere but last when the order is unknown. Everything else is
   ``unknown``.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

from embargo.names.name import Tag
from embargo.names.parts import PARTICLES, TURKIC_MARKERS, is_patronymic

__all__ = ["WordFacts", "person_tags"]


@dataclass(frozen=True, slots=True)
class WordFacts:
    """What the tagger needs to know about one word of a person's name.

    Attributes:
        text: best romanization (syllables joined for Chinese and Korean).
        folded: the word as written, folded.
        part: 0 before the first comma, 1 after it.
        upper: written in capitals.
        syllabic: a Chinese or Korean name word of several syllables.
        known_name: rigour knows the word as a given or family name.
    """

    text: str
    folded: str
    part: int
    upper: bool
    syllabic: bool
    known_name: bool


def _form_tags(words: Sequence[WordFacts]) -> list[str]:
    tags = [""] * len(words)
    for i, w in enumerate(words):
        if w.text.isdigit():
            tags[i] = "number"
        elif w.syllabic:
            tags[i] = "family"
        elif len(w.text) == 1 and len(w.folded) == 1:
            tags[i] = "initial"
        elif len(words) > 1 and w.text in PARTICLES:
            tags[i] = "particle"
        elif w.text in TURKIC_MARKERS or w.folded in TURKIC_MARKERS:
            tags[i] = "patronymic"
            if i > 0 and tags[i - 1] == "":
                tags[i - 1] = "patronymic"
    return tags


def _family(words: Sequence[WordFacts], tags: list[str], names: list[int], comma: bool) -> None:
    if comma:
        for i in names:
            if words[i].part == 0:
                tags[i] = "family"
        return
    upper = [i for i in names if words[i].upper]
    if upper and len(upper) < len(names):
        for i in upper:
            tags[i] = "family"


def _patronymics(words: Sequence[WordFacts], tags: list[str], names: list[int], comma: bool) -> None:
    rest = [i for i in names if tags[i] == ""]
    if not (len(names) >= 3 or (comma and len(rest) >= 2)):
        return
    candidates = {i for i in rest if is_patronymic(words[i].text, words[i].folded)}
    for n, i in enumerate(names):
        if i in candidates and n > 0:
            prev = names[n - 1]
            if prev not in candidates and words[prev].part == words[i].part:
                tags[i] = "patronymic"


#: A family name's form made from a given name (Ivanov, Ivanova, Petrov, Dmitriev, Alekseeva).
_NAME_SURNAME_FORM = re.compile(r"[a-z]{3}(?:ov|ova|ev|eva)$")


def _middle_patronymic(words: Sequence[WordFacts], tags: list[str], names: list[int]) -> None:
    """Given, a surname form, FAMILY: the middle word stands where the father's name stands.

    ``Valentina Ivanova MATVIYENKO``: with the family name known to be the last word, a word of
    a family name's form between it and the given name is the patronymic, written short
    (Bulgarian patronymics are ``Ivanov``/``Ivanova``) or with a letter lost (``Ivanova`` for
    ``Ivanovna``), not a second family name.
    """
    if len(names) != 3 or tags[names[2]] != "family" or tags[names[0]] or tags[names[1]]:
        return
    if _NAME_SURNAME_FORM.search(words[names[1]].text):
        tags[names[1]] = "patronymic"


def person_tags(words: Sequence[WordFacts]) -> list[Tag]:
    """The tag of each word of a person's name (see the module docstring).

    Args:
        words: the words of the name, titles removed.

    Returns:
        One tag per word; ``family`` for a syllabic word means its first
        syllable is the family name and the others the given name.
    """
    tags = _form_tags(words)
    names = [i for i, t in enumerate(tags) if t == ""]
    comma = any(w.part == 1 for w in words) and any(words[i].part == 0 for i in names)
    _family(words, tags, names, comma)
    _patronymics(words, tags, names, comma)
    if not comma:
        _middle_patronymic(words, tags, names)
    known_family = any(t == "family" for t in tags)
    patronymic = [i for i, t in enumerate(tags) if t == "patronymic"]
    if patronymic and not known_family and not comma:
        before = [i for i in names if i < patronymic[0] and tags[i] == ""]
        after = [i for i in names if i > patronymic[-1] and tags[i] == ""]
        if after:
            for i in after:
                tags[i] = "family"
        elif len(before) >= 2:
            tags[before[-1]] = "given"
            for i in before[:-1]:
                tags[i] = "family"
        known_family = True
    for i in names:
        if tags[i] == "":
            last = i == names[-1] and not known_family and not comma
            tags[i] = "given" if words[i].known_name and not last else "unknown"
    return cast("list[Tag]", tags)  # every "" (not yet known) is a tag by now
