"""Names in Canada's consolidated autonomous sanctions list (SEMA XML).

The list writes English and French in one field, separated by ``/``
(``Iranian Army/Armée iranienne``, ``Lt. General/lieutenant-général``) or,
for ship types, `` | ``; a ``/`` inside parentheses or after a single letter
(``Steel Mills (Hmaw Bi/Pyi/Ywama)``, ``M/V Maria``) is part of the name.

``Aliases`` packs several names in one string: separated by commas (or
``;``), English ones before a ``/`` and French ones after it, the French
list ending in ``X et Y``. A person's aliases are often not full names: a
spelling of the given name (``Andrei`` for Andrey Igorevich AKIMOV), of the
family name in capitals (``PASHENKO`` for PASHCHENKO) or a nickname
(``Motorola``). :func:`person_alias` completes the first two from the
listed name (``Andrei Igorevich AKIMOV``, ``Natalya Aleksandrovna
PASHENKO``) and keeps a one-word nickname as a weak alias, so that a bare
first name never stands as a name on the list.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from embargo.model import clean_text
from embargo.sources._name_split import split_list

__all__ = ["english_part", "person_alias", "split_aliases", "split_bilingual"]

_SLASH = re.compile(r"(?<!\b\w)/(?!\w\b)")
_BAR = re.compile(r"\s+\|\s+")
_LABEL = re.compile(r"^[A-Za-z]+\s*:\s+")
_ET = re.compile(r"\s+et\s+")
_UPPER_WORD = re.compile(r"^[^\W\d_]{2,}$")
#: Two spellings of one given name are at least this alike (``Andrey``/``Andrei`` 0.83, ``Vera``/``Arina`` 0.22).
_SIMILAR = 0.6


def split_bilingual(text: str) -> list[str]:
    """``English/French`` (or ``English | French``) as its parts; a ``/`` in parentheses stays."""
    parts: list[str] = []
    for piece in _BAR.split(text):
        parts.extend(p for p in (clean_text(s) for s in _split_outside(piece, _SLASH)) if p)
    return parts


def english_part(text: str | None) -> str | None:
    """The first (English) part of a bilingual value."""
    if text is None:
        return None
    parts = split_bilingual(text)
    return parts[0] if parts else None


def _split_outside(text: str, sep: re.Pattern[str]) -> list[str]:
    """Split at ``sep`` where it is outside parentheses."""
    out: list[str] = []
    depth = 0
    start = 0
    for m in sep.finditer(text):
        depth = text.count("(", 0, m.start()) - text.count(")", 0, m.start())
        if depth == 0:
            out.append(text[start : m.start()])
            start = m.end()
    out.append(text[start:])
    return out


def split_aliases(text: str | None) -> list[str]:
    """Every name in an ``Aliases`` field, in order, once each."""
    value = clean_text(text)
    if value is None:
        return []
    names: list[str] = []
    for chunk in split_list(value, ";") or [value]:
        for lang, part in enumerate(_split_outside(chunk, _SLASH)):
            items = split_list(part, ",") or [part]
            if lang > 0 and len(items) > 1:
                # French lists end "..., X et Y".
                items[-1:] = _ET.split(items[-1], maxsplit=1)
            for item in items:
                name = clean_text(_LABEL.sub("", item.strip()))
                if name and name not in names:
                    names.append(name)
    return names


def _alike(a: str, b: str) -> bool:
    return SequenceMatcher(None, a.casefold(), b.casefold()).ratio() >= _SIMILAR


def person_alias(alias: str, given: str | None, last: str | None) -> tuple[str, str]:
    """The property and full name for one alias of a person.

    Args:
        alias: one name from the ``Aliases`` field.
        given: the listed ``GivenName``.
        last: the listed ``LastName``.

    Returns:
        ``("alias", full name)`` or ``("weakAlias", nickname)``.
    """
    words = alias.split()
    given_words = (given or "").split()
    if len(words) == 1 and _UPPER_WORD.match(alias) and alias.isupper() and given:
        return "alias", f"{given} {alias}"
    has_family = any(len(w) > 1 and w.isupper() for w in words) or (
        last is not None and last.casefold() in alias.casefold()
    )
    if has_family or len(words) > len(given_words):
        return "alias", alias
    if last and all(_alike(w, g) for w, g in zip(words, given_words, strict=False)):
        return "alias", " ".join([*words, *given_words[len(words) :], last])
    if len(words) == 1:
        return "weakAlias", alias
    return "alias", alias
