"""Name-part helpers for the EU FSF and UK FCDO readers.

Both lists give a person's name in parts. Their middle parts are often
patronymics (``Ryhoravich``, ``Grigoryevich``, ``Valereuna``), which
FollowTheMoney keeps apart from middle names as ``fatherName``. The language
of a name (the EU writes ``BE``, the UK ``Belarusian``) is read by
:func:`embargo.model.clean_language`, shared by every parser.
"""

from __future__ import annotations

import re

from embargo.names import looks_patronymic

__all__ = ["is_patronymic", "split_enumeration"]

# "(a) Mullah, (b) Maulavi": the EU and UN enumerate several titles or
# functions in one field this way.
_ENUMERATION = re.compile(r"\(\s*[a-z]\s*\)", re.IGNORECASE)


def is_patronymic(text: str | None) -> bool:
    """True if ``text`` is one word that looks like a patronymic (see :func:`embargo.names.looks_patronymic`)."""
    return looks_patronymic(text)


def split_enumeration(text: str | None) -> list[str]:
    """Split ``"(a) Mullah, (b) Maulavi"`` into ``["Mullah", "Maulavi"]``.

    Text without enumeration markers comes back as one item; empty parts
    are dropped.
    """
    if not text:
        return []
    parts = [p.strip(" ,;") for p in _ENUMERATION.split(text)]
    return [p for p in parts if p]
