"""Spreadsheet cells that stay text: OWASP's defence against CSV injection, shared by every CSV writer.

A cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is a formula to a
spreadsheet; one starting with an apostrophe gets one more, so that a reader removes exactly one
leading apostrophe from any cell that has one (the audit export's hashes are recomputed so).
"""

from __future__ import annotations

__all__ = ["safe_cell"]

#: First characters that make a spreadsheet read a cell as a formula, and the apostrophe that escapes them.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "'")


def safe_cell(value: object) -> object:
    """A CSV cell no spreadsheet reads as a formula: text starting with ``= + - @``, a tab, a carriage
    return or an apostrophe gets one leading apostrophe; other values are left as they are."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value
