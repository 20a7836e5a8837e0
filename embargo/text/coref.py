"""Surname back-references: 'Lukashenko' after 'President Alexander Lukashenko'.

A person mention of one word refers back to the nearest earlier full name (two
words or more) whose last word has a key in common with it (:mod:`._keys`, so
Лукашэнкі finds Аляксандр Лукашэнка and Тихановской finds Светлана
Тихановская). Such words are also found where no finder saw them: any later
capitalized word sharing a full name's surname key becomes a mention. When
earlier full names with that surname differ (a listed father and his son), the
reference keeps the nearest and lists the others as rivals, and the verdict
says it is ambiguous.

Every mention gets its resolved name: the dictionary form of its words
(:mod:`._morph`) or, for a back-reference, its antecedent's.
"""

from __future__ import annotations

from embargo.text._keys import TextWord, word_keys
from embargo.text._morph import base_name
from embargo.text.mentions import Mention, merge

__all__ = ["resolve"]


def _surname_keys(m: Mention) -> set[str]:
    if not m.words:
        return set()
    return _word_surname_keys(m.words[-1])


def _word_surname_keys(word: str) -> set[str]:
    """A surname's keys; for a Latin word ending in -s, also those without it (the German genitive
    Lukaschenkos; the press's plural, the Lukashenkos)."""
    keys = set(word_keys(word))
    if word.isascii() and word.endswith("s") and len(word) > 5:
        keys.update(word_keys(word[:-1]))
    return keys


def has_initials(words: list[str]) -> bool:
    """True for initials and a surname: A. Lukashenko, А. Г. Лукашенко (the dots are not words)."""
    return len(words) >= 2 and all(len(w) == 1 for w in words[:-1]) and len(words[-1]) > 1


def _full(m: Mention) -> bool:
    return m.kind == "Person" and len(m.words) >= 2 and not has_initials(m.words)


def _initial(word: str) -> str:
    keys = word_keys(word)
    return keys[0][:1] if keys else word[:1].lower()


def _by_surname(mentions: list[Mention]) -> dict[str, list[int]]:
    """Surname key to the indexes of full-name mentions with it, in text order."""
    found: dict[str, list[int]] = {}
    for i, m in enumerate(mentions):
        if _full(m):
            for key in _surname_keys(m):
                found.setdefault(key, []).append(i)
    return found


def _add_missed(text: str, words: list[TextWord], mentions: list[Mention]) -> list[Mention]:
    taken = {i for m in mentions for i in range(m.first, m.last + 1)}
    # The word index from which each surname key may be a back-reference (after its first full name).
    since: dict[str, int] = {}
    for m in mentions:
        if _full(m):
            for key in _surname_keys(m):
                since.setdefault(key, m.last + 1)
    added: list[Mention] = []
    for i, w in enumerate(words):
        if i in taken or not w.text[:1].isupper():
            continue
        if any(since.get(k, len(words)) <= i for k in _word_surname_keys(w.text)):
            added.append(Mention(w.start, w.end, text[w.start : w.end], "Person", ["coref"], i, i, words=[w.text]))
    return merge(mentions + added) if added else mentions


def _one_sentence(text: str, a: Mention, b: Mention) -> bool:
    """True when no sentence ends between two mentions."""
    left, right = (a, b) if a.start <= b.start else (b, a)
    between = text[left.end : right.start]
    return not any(
        between[k] in ".!?" and (k + 1 == len(between) or between[k + 1].isspace()) for k in range(len(between))
    )


#: Endings of a Slavic surname in the nominative, by the gender they show (Tsikhanouskaya and Tsikhanouski
#: share a stem; a woman's surname does not refer back to a man). In Cyrillic, -ова and -ина are also a
#: man's genitive (Кубракова, Хреніна): only the adjectival -ая shows a woman there; romanized text has
#: no cases, so Kachanava and Yermoshina do.
_FEMININE_LATIN = ("aya", "aja", "ova", "eva", "ina", "yna", "ava")
_FEMININE_CYRILLIC = ("ая",)
_MASCULINE = (
    *("sky", "ski", "skiy", "skii", "ov", "ev", "in", "yn", "au", "ou"),
    *("ий", "ый", "скі", "цкі", "оў", "аў"),
)


def surname_gender(word: str) -> str | None:
    """``femn`` or ``masc`` when a surname's nominative ending shows it (Tsikhanouskaya, Kachanava;
    Tsikhanouski, Kachanau), else None (an inflected or a foreign surname says nothing here)."""
    lower = word.lower()
    if len(lower) < 5:
        return None
    if lower.endswith(_FEMININE_LATIN if lower.isascii() else _FEMININE_CYRILLIC):
        return "femn"
    if lower.endswith(_MASCULINE):
        return "masc"
    return None


def _candidates(m: Mention, i: int, mentions: list[Mention], surnames: dict[str, list[int]]) -> list[int]:
    found = sorted({j for k in _surname_keys(m) for j in surnames.get(k, ())})
    gender = surname_gender(m.words[-1]) if m.words else None
    if gender is not None:
        # Tsikhanouskaya is not Siarhei Tsikhanouski, though their stems agree
        found = [j for j in found if surname_gender(mentions[j].words[-1]) in (gender, None)]
    if has_initials(m.words):
        # A. Lukashenko is only Alexander or Aliaksandr, not Viktar.
        found = [j for j in found if _initial(mentions[j].words[0]) == _initial(m.words[0])]
    return found


def resolve(text: str, words: list[TextWord], mentions: list[Mention], lang: str | None) -> list[Mention]:
    """Add missed back-references and set each mention's resolved name and antecedent.

    A surname alone (or initials and a surname) refers to the full name with that surname
    mentioned most recently before it; when another full name with it was mentioned in the
    same sentence as that one ("Viktar Lukashenko and Alexander Lukashenko arrived.
    Lukashenko spoke."), the other is a rival and the verdict says it is ambiguous. With no
    full name before it, it refers forward to the first full name after it: a headline
    names a person by surname before the article gives the full name.

    Args:
        text: the text the mentions are in.
        words: its words (:func:`embargo.text._keys.split_text`).
        mentions: from :func:`embargo.text.mentions.find_mentions`.
        lang: the text's language (``ru``, ``be``, ``uk``, ``en``).

    Returns:
        The mentions in text order, each with ``resolved`` set.
    """
    mentions = _add_missed(text, words, mentions)
    for m in mentions:
        m.resolved = base_name(m.words, lang) if m.kind == "Person" else m.text
    surnames = _by_surname(mentions)
    latest: dict[int, int] = {}  # full mention index -> index of its latest mention so far
    for i, m in enumerate(mentions):
        if _full(m):
            latest[i] = i
            continue
        if not (len(m.words) == 1 or (m.kind == "Person" and has_initials(m.words))):
            continue
        found = _candidates(m, i, mentions, surnames)
        before = sorted((j for j in found if j < i), key=lambda j: latest.get(j, j), reverse=True)
        after = [j for j in found if j > i]
        if not before and not after:
            continue
        target = before[0] if before else after[0]
        m.kind, m.surname_only, m.antecedent = "Person", True, target
        m.resolved = mentions[target].resolved
        if before:
            last = mentions[latest.get(target, target)]
            m.rivals = list(
                dict.fromkeys(
                    mentions[j].resolved
                    for j in before[1:]
                    if mentions[j].resolved != m.resolved and _one_sentence(text, mentions[latest.get(j, j)], last)
                )
            )
            latest[target] = i
    return mentions
