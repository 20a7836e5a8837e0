"""Other languages' spellings of the sounds English writes ``kh``, ``zh``, ``ts`` and ``x``.

The phonetic key (:mod:`.phonetic`) forgives the romanization schemes of
English-language lists. The press of other languages writes three sounds of
Slavic and Arabic names with letters that mean something else in English:

* Russian х, Arabic خ (English ``kh``): Spanish ``j`` (Jruschov, Jamenei,
  Mijaíl, Jalifa), German, Polish, Czech and Dutch ``ch`` (Chruschtschow,
  Chodorkowski, Michail);
* Russian ж (English ``zh``): French ``j`` (Prigojine, Jirinovski);
* Latin ``x`` of old Spanish spellings, still in given names: a ``j``
  between vowels (Alejandro = Alexandro, Mejía = Mexía);
* Russian ц (English ``ts``): ``c`` in ISO 9, Polish, Czech and the South
  Slavic Latin alphabets (Cvetkov, the EU's ``CMRBank`` for OFAC's
  ``TSMRBANK``), read so only before a consonant English never writes
  after ``c`` (``Clark`` and ``Craig`` keep their ``k``).

English reads ``j`` as a glide or as Arabic ج and ``ch`` as Russian ч, so these
readings cannot replace the key. They are extra keys: :func:`bridge_keys`
gives the phonetic keys of a word read each other way, and retrieval looks a
query word up under them too (``embargo.index.keys``); the scorer counts a
shared bridge key as another romanization, still asking for half the letters
to agree (``Jan`` is no spelling of ``Khan``).

The spellings are the standard correspondences of the languages' own
transcriptions of Russian (Spanish: х -> j; German Duden: х -> ch, ж -> sch;
French: ж -> j, х -> kh).
"""

from __future__ import annotations

import re
from functools import lru_cache

from embargo.names.name import Token
from embargo.names.phonetic import phonetic_key
from embargo.names.text import detect_script

__all__ = ["bridge_keys", "token_bridge_keys"]

# A ``j`` that stands alone: not the second letter of ``dj`` or ``sj`` (their own sounds).
_JOTA = re.compile(r"(?<![ds])j")
# A ``ch`` that stands alone: not part of ``sch``, ``tch``, ``cch`` or ``shch``.
_CH = re.compile(r"(?<![csth])ch")
# A ``c`` before a consonant other than h, k, z, s, l, r (no English spelling: Cvetkov, CMRBank): the
# ``c`` of ISO 9, Polish, Czech and the South Slavic Latin alphabets, English ``ts`` (ц). Not the Mc- of
# Scottish and Irish names (McDonald).
_TSE = re.compile(r"(?<!\bm)c(?=[bdfgjmnpqtvwx])")
_INNER_J = re.compile(r"(?<=[aeiou])j(?=[aeiou])")


@lru_cache(maxsize=262144)
def bridge_keys(word: str) -> tuple[str, ...]:
    """Phonetic keys of ``word`` read with the Spanish, German and French spellings of kh, zh and x.

    Args:
        word: a lower-case ASCII word.

    Returns:
        The keys that differ from the word's own :func:`~embargo.names.phonetic_key`,
        sorted; ``()`` when the word has no ``j`` and no ``c``.
    """
    if "j" not in word and "c" not in word:
        return ()
    spellings = {_CH.sub("kh", word), _JOTA.sub("kh", word), _JOTA.sub("zh", word), _INNER_J.sub("x", word)}
    spellings.add(_TSE.sub("ts", word))
    if "ch" in word:
        spellings.add(_JOTA.sub("kh", _CH.sub("kh", word)))
    own = phonetic_key(word)
    return tuple(sorted({phonetic_key(s) for s in spellings} - {own, ""}))


def token_bridge_keys(token: Token) -> tuple[str, ...]:
    """:func:`bridge_keys` of a token's romanized text, none for a word read from Han or Hangul.

    The ``j`` and ``ch`` of Pinyin and of Korean romanization are letters of
    those systems, not Spanish or German spellings (家豪 -> ``jiahao``).
    """
    if not token.original.isascii() and detect_script(token.original) in ("Han", "Hangul"):
        return ()
    return bridge_keys(token.text)
