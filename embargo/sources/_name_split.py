"""Splitting a published list of names into single names.

The UN and the EU Official Journal write several names in one field,
separated by ``;``. Parentheses complicate it: a semicolon inside
parentheses does not end a name when the parenthesis is a remark
(``MP3303172 (issued on 10.6.2013; might have expired)``), while a name
followed by its variants in parentheses is a list
(``حسن غول (Hassan Ghul; Hassan Gul; Hasan Gul)``), and so is a name
followed by its form in another script (``Sergei AKSENOV (Сергей
АКСЁНОВ)``); a remark in the same script (``(born ТЮТИНА)``) is left in
place. The UN also letters
its lists (``... Sabet b) M. Javad Kareemi Sabet``) and marks original-script
names with ``(original script)``; a leading ``née``/``born``/``a.k.a.`` is
dropped from a name.
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["split_list", "split_names"]

_OPEN = "(["
_CLOSE = ")]"
_LETTERED = re.compile(r"(?:^|\s+)[a-h]\)\s+")
_MARKER = re.compile(r"\s*\(original script\)\s*$", re.IGNORECASE)
_LEAD = re.compile(r"^(?:(?:née|born|a\.k\.a\.|f\.k\.a\.)[:\s]+|original script:\s*)", re.IGNORECASE)
#: A field split into more pieces than this is not a list of names.
MAX_PIECES = 200
#: Name lists nested deeper than this are left as written.
MAX_LEVEL = 3


def split_list(text: str, sep: str = ";") -> list[str]:
    """Split at ``sep`` outside parentheses (naively if they do not balance).

    Args:
        text: the field as published.
        sep: the separator character.

    Returns:
        The stripped, non-empty pieces.
    """
    pieces: list[str] = []
    depth = 0
    start = 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth -= 1
            if depth < 0:
                break
        elif ch == sep and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
    else:
        if depth == 0:
            pieces.append(text[start:])
            return [p.strip() for p in pieces if p.strip()]
    return [p.strip() for p in text.split(sep) if p.strip()]


def _latin(text: str) -> bool | None:
    """Whether the letters of ``text`` are Latin (None when there are none)."""
    letters = [ch for ch in text if ch.isalpha()]
    if not letters:
        return None
    latin = sum(1 for ch in letters if ch.isascii() or "LATIN" in unicodedata.name(ch, ""))
    return latin * 2 > len(letters)


def _unwrap(piece: str, level: int) -> list[str]:
    """``Head (a; b)`` -> ``[Head, a, b]``; other pieces are left whole."""
    if not piece.endswith(")") or level >= MAX_LEVEL:
        return [piece]
    depth = 0
    for i in range(len(piece) - 1, -1, -1):
        ch = piece[i]
        if ch == ")":
            depth += 1
        elif ch == "(":
            depth -= 1
            if depth == 0:
                head, inner = piece[:i].strip(), _LEAD.sub("", piece[i + 1 : -1].strip())
                if not head:
                    return [piece]
                if ";" in inner:
                    return [head, *_split(inner, level + 1)]
                if _latin(head) != _latin(inner) and _latin(head) is not None and _latin(inner) is not None:
                    # "Sergei AKSENOV (Сергей АКСЁНОВ)": a name and its original-script form.
                    return [head, inner.strip()]
                return [piece]
    return [piece]


def split_names(text: str) -> list[str]:
    """Every single name in a published list of names, in order, once.

    Args:
        text: the field as published.

    Returns:
        The names, stripped, without empty ones or repeats.
    """
    return _split(text, 0)


def _split(text: str, level: int) -> list[str]:
    names: list[str] = []
    for piece in split_list(text):
        for lettered in _LETTERED.split(piece):
            for name in _unwrap(_MARKER.sub("", lettered).strip(), level):
                name = _LEAD.sub("", name).strip()
                if name and name not in names:
                    names.append(name)
                if len(names) >= MAX_PIECES:
                    return names
    return names
