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


def _add_missed(text: str, words: list[TextWord], mentions: list[Mention]) -> list[Mention]:
    taken = {i for m in mentions for i in range(m.first, m.last + 1)}
    fulls = [m for m in mentions if _full(m)]
    added: list[Mention] = []
    for m in fulls:
        keys = _surname_keys(m)
        for i in range(m.last + 1, len(words)):
            w = words[i]
            if i in taken or not w.text[:1].isupper() or not keys & set(word_keys(w.text)):
                continue
            taken.add(i)
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
    for i, m in enumerate(mentions):
        m.resolved = base_name(m.words, lang) if m.kind == "Person" else m.text
        if len(m.words) != 1:
            continue
        keys = set(word_keys(m.words[0]))
        earlier = [j for j in range(i - 1, -1, -1) if _full(mentions[j]) and keys & _surname_keys(mentions[j])]
        if not earlier:
            continue
        m.kind, m.surname_only, m.antecedent = "Person", True, earlier[0]
        m.resolved = mentions[earlier[0]].resolved
        m.rivals = list(dict.fromkeys(mentions[j].resolved for j in earlier if mentions[j].resolved != m.resolved))
    return mentions
