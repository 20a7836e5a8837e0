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
    return set(word_keys(m.words[-1])) if m.words else set()


def _full(m: Mention) -> bool:
    return m.kind == "Person" and len(m.words) >= 2


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
        if any(since.get(k, len(words)) <= i for k in word_keys(w.text)):
            added.append(Mention(w.start, w.end, text[w.start : w.end], "Person", ["coref"], i, i, words=[w.text]))
    return merge(mentions + added) if added else mentions


def resolve(text: str, words: list[TextWord], mentions: list[Mention], lang: str | None) -> list[Mention]:
    """Add missed back-references and set each mention's resolved name and antecedent.

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
    for i, m in enumerate(mentions):
        if len(m.words) != 1:
            continue
        before = sorted({j for k in word_keys(m.words[0]) for j in surnames.get(k, ()) if j < i}, reverse=True)
        if not before:
            continue
        m.kind, m.surname_only, m.antecedent = "Person", True, before[0]
        m.resolved = mentions[before[0]].resolved
        m.rivals = list(dict.fromkeys(mentions[j].resolved for j in before if mentions[j].resolved != m.resolved))
    return mentions
