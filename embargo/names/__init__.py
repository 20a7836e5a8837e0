"""Names: normalization, transliteration, tokens, name parts, phonetic keys.

Pure, cached functions that candidate retrieval (:mod:`embargo.index`) and
scoring (:mod:`embargo.matching`) build on. :func:`analyze_name` is the
entry point; the others are its building blocks, public because the index
and the scorer use them on their own too.
"""

from __future__ import annotations

from embargo.names.analyze import analyze_name, repeated_spellings, romanize
from embargo.names.bridges import bridge_keys, token_bridge_keys
from embargo.names.language import guess_language
from embargo.names.name import TAGS, WEAK_TAGS, AnalyzedName, Tag, Token, name_kind
from embargo.names.parts import looks_patronymic
from embargo.names.phonetic import phonetic_key
from embargo.names.symbols import load_symbol_table, symbol_table
from embargo.names.text import detect_script, fold

__all__ = [
    "TAGS",
    "WEAK_TAGS",
    "AnalyzedName",
    "Tag",
    "Token",
    "analyze_name",
    "bridge_keys",
    "detect_script",
    "fold",
    "guess_language",
    "load_symbol_table",
    "looks_patronymic",
    "name_kind",
    "phonetic_key",
    "repeated_spellings",
    "romanize",
    "symbol_table",
    "token_bridge_keys",
]
