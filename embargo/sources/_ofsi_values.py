"""Reading OFSI ConList.csv cell values: enumerations, numbers, references.

OFSI writes several values into one cell as an enumeration (``(1) Iraqi
(2) Syrian``, ``1) Saudi Arabia 2) Qatar``, ``a) General, b) Minister``), puts
remarks in parentheses, and in the 2020 layout mixes document numbers with
their description (``Passport No: 592667 (Qatari passport issued on 3 May
2007).``). ``Other Information`` carries labelled parts in the 2022 layout
(``(UK Sanctions List Ref):SYR0306 (UK Statement of Reasons):...``).
"""

from __future__ import annotations

import re

from embargo.model import clean_country, clean_text
from embargo.sources._csv_table import Row

__all__ = [
    "address",
    "countries",
    "enumerated",
    "imo_numbers",
    "numbers",
    "references",
    "statement_of_reasons",
]

_ENUM = re.compile(r"(?:^|(?<=[\s,;.]))\(?(?:\d{1,2}|[a-h])\)(?:\s*-\s*\(?(?:\d{1,2}|[a-h])\))?\s*")
_PARENS = re.compile(r"\([^()]*\)")
_STOP = re.compile(r",|;|\b(?:issued|expir\w*|valid\w*|under|from)\b", re.IGNORECASE)
_UN_REF = re.compile(r"UN\s*Ref(?:erence)?(?:\s*No)?\.?\s*[:.]?\s*([A-Za-z]{1,4}(?:\.[A-Za-z0-9]{1,5}){1,4})", re.I)
_UK_REF = re.compile(r"\(UK Sanctions List Ref\)\s*:\s*([A-Z]{2,4}\d{3,5})")
_REASONS = re.compile(r"\(UK Statement of Reasons\)\s*:\s*(.+?)(?=\s*\([A-Z][A-Za-z /]{2,40}\)\s*:|$)", re.S)
_IMO = re.compile(r"\bIMO(?:\s*(?:number|no\.?))?\)?\s*[:.]?\s*(\d{7})\b", re.IGNORECASE)
_PREFIX = re.compile(r"^[A-Z]{1,3}$")


def enumerated(text: str) -> list[str]:
    """The items of an OFSI enumeration (or the whole text if it is none)."""
    items = []
    for piece in _ENUM.split(text):
        item = clean_text(piece.strip(" ,;"))
        if item:
            items.append(item)
    return items


def countries(text: str) -> list[str]:
    """Country codes named in a cell; names that are not countries are left out."""
    codes: list[str] = []
    for item in enumerated(text):
        code = clean_country(item) or clean_country(_PARENS.sub("", item))
        if code is not None and code not in codes:
            codes.append(code)
    return codes


def numbers(text: str) -> list[str]:
    """Document numbers from a number or description cell.

    The number is the run of words holding digits, after parenthesized
    remarks and everything from ``issued``/``expires``/a comma on are cut
    off; a one-to-three-letter prefix word (``BPA 1336597587``) is kept.
    """
    found: list[str] = []
    for item in enumerated(text):
        head = _STOP.split(_PARENS.sub(" ", item), maxsplit=1)[0]
        words = [w.strip(".:#") for w in head.split()]
        run: list[str] = []
        prefix: str | None = None
        for word in words:
            if any(ch.isdigit() for ch in word):
                if not run and prefix:
                    run.append(prefix)
                run.append(word)
            elif run:
                break
            else:
                prefix = word if _PREFIX.match(word) else None
        number = " ".join(run)
        if any(ch.isdigit() for ch in number) and len(number) <= 40 and number not in found:
            found.append(number)
    return found


def address(row: Row) -> str | None:
    """The address columns joined into one line."""
    parts = [row.get(f"Address {i}") for i in range(1, 7)]
    parts += [row.get("Post/Zip Code"), row.get("Country")]
    return clean_text(", ".join(p for p in parts if p))


def references(notes: str) -> list[str]:
    """UN and UK list references quoted in ``Other Information``."""
    refs = [m.group(1) for m in _UK_REF.finditer(notes)]
    refs += [m.group(1) for m in _UN_REF.finditer(notes)]
    return list(dict.fromkeys(refs))


def statement_of_reasons(notes: str) -> str | None:
    """The ``(UK Statement of Reasons):`` part of ``Other Information``."""
    m = _REASONS.search(notes)
    return clean_text(m.group(1)) if m else None


def imo_numbers(notes: str) -> list[str]:
    """IMO numbers of a ship quoted in ``Other Information``."""
    return list(dict.fromkeys(f"IMO{m.group(1)}" for m in _IMO.finditer(notes)))
