"""Name-part and language helpers for the EU FSF and UK FCDO readers.

Both lists give a person's name in parts. Their middle parts are often
patronymics (``Ryhoravich``, ``Grigoryevich``, ``Valereuna``), which
FollowTheMoney keeps apart from middle names as ``fatherName``; and both give
the language of a name, the EU as an ISO 639-1 code (``BE``), the UK as an
English language name (``Belarusian``). These helpers turn both into what the
model expects. They could move to ``embargo.names`` once that package exists.
"""

from __future__ import annotations

import re

from rigour.langs import iso_639_alpha2, iso_639_alpha3

from embargo.names import looks_patronymic

__all__ = ["is_patronymic", "language_code", "split_enumeration"]

# "(a) Mullah, (b) Maulavi": the EU and UN enumerate several titles or
# functions in one field this way.
_ENUMERATION = re.compile(r"\(\s*[a-z]\s*\)", re.IGNORECASE)


def is_patronymic(text: str | None) -> bool:
    """True if ``text`` is one word that looks like a patronymic (see :func:`embargo.names.looks_patronymic`)."""
    return looks_patronymic(text)


def language_code(value: str | None) -> str | None:
    """ISO 639-1 code (``be``) of a language code or English language name.

    Falls back to the ISO 639-2 code for languages without a two-letter code
    (Dari gives ``prs``). Returns ``None`` for empty or unknown values.
    """
    if value is None:
        return None
    text = value.strip()
    if not text:
        return None
    try:
        code = iso_639_alpha2(text) or iso_639_alpha3(text)
    except (ValueError, TypeError, KeyError):
        return None
    return str(code) if code else None


def split_enumeration(text: str | None) -> list[str]:
    """Split ``"(a) Mullah, (b) Maulavi"`` into ``["Mullah", "Maulavi"]``.

    Text without enumeration markers comes back as one item; empty parts
    are dropped.
    """
    if not text:
        return []
    parts = [p.strip(" ,;") for p in _ENUMERATION.split(text)]
    return [p for p in parts if p]
