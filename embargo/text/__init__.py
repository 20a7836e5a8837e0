"""Screening free text: mentions of people and organizations, resolved and screened.

The pieces, each in its module: the main text of a page (:mod:`.extract`), the
mentions (:mod:`.mentions`: NER, the dictionary scan of :mod:`.dictionary`,
name analysis), surname back-references (:mod:`.coref`), verdicts
(:mod:`.screen`). :class:`TextScreener` puts them together for the CLI and the API.
"""

from embargo.text.coref import resolve
from embargo.text.dictionary import DictionaryHit, NameDictionary
from embargo.text.extract import extract_main_text, looks_like_html
from embargo.text.mentions import Mention, find_mentions, text_language
from embargo.text.screen import LISTED, MentionResult, TextReport, TextScreener

__all__ = [
    "LISTED",
    "DictionaryHit",
    "Mention",
    "MentionResult",
    "NameDictionary",
    "TextReport",
    "TextScreener",
    "extract_main_text",
    "find_mentions",
    "looks_like_html",
    "resolve",
    "text_language",
]
