"""Parts of person names: titles, particles, patronymics, name order.

Tables (each small, each with its source):

* Titles removed from the start of a person's name: rigour's
  ``PERSON_NAME_PREFIXES`` (Mr, Mrs, Dr, Prof, President, General, Sir, His
  Excellency...) plus :data:`_TITLES`: military ranks as the UN and OFAC
  lists abbreviate them, and the religious titles that open names on the UN
  1267/1988 lists (Haji, Mullah, Maulavi, Qari, Sheikh). Names that are
  also common given names (Amir, Sayed, Imam: a given name from Turkey to
  Indonesia) are not titles here.
* :data:`PARTICLES`: Arabic nasab and kunya words (bin, ibn, bint, abu,
  umm, ould, al, el) and Romance/Germanic nobiliary and place particles
  (van, von, de, da, di, del, der, den, la, le, du, dos, das); rigour's
  stop-word list holds most of the second group too.
* Patronymics: East Slavic endings (Russian ``-ovich -evich -ovna -evna
  -ichna``, Ukrainian ``-ovych -ivna``, Belarusian ``-avich -auna``, each in
  its BGN, ICAO and English spellings) and Turkic markers (Azerbaijani
  ``oglu``/``qizi``, Kazakh ``uly``/``kyzy``, Uzbek ``ogli``, Kyrgyz
  ``uulu``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rigour._core import person_name_prefixes_list

from embargo.names.language import uncross_cyrillic
from embargo.names.text import Word, fold

__all__ = ["PARTICLES", "TURKIC_MARKERS", "is_patronymic", "looks_patronymic", "strip_titles"]

_TITLES = (
    *("gen", "lt gen", "maj gen", "brig gen", "general", "lieutenant general", "col", "colonel", "lt col", "lt"),
    *("lieutenant", "maj", "capt", "cpt", "adm", "brig", "brigadier", "cmdr", "commander", "sgt", "marshal"),
    *("field marshal", "haji", "hajji", "alhaji", "alhajj", "al haj", "al hajj", "mullah", "mulla", "mawlawi"),
    *("maulavi", "maulvi", "moulavi", "maulana", "mawlana", "qari", "mufti", "sheikh", "shaikh", "shaykh"),
    *("sheik", "ayatollah", "hojatoleslam", "president", "pres", "vice president", "prime minister", "minister"),
    *("senator", "sen", "governor", "gov", "judge", "ambassador"),
    # "President" as the press writes it before a name in other languages (German, Romance, Slavic,
    # Romanian, Indonesian/Malay); folded, so diacritics are gone.
    *("prasident", "presidente", "presidenta", "presiden", "prezydent", "prezident", "predsjednik", "predsednik"),
    *("presedinte", "presedintele", "президент", "прэзідэнт", "президентът"),
    *("herr", "frau", "monsieur", "mme", "senor", "senora", "signor", "signora", "господин", "г-н"),
)
#: Title word sequences (rigour's and ours), folded, by first word, longest first.
_PREFIXES: dict[str, list[tuple[str, ...]]] = {}
for _title in sorted({tuple(fold(p).split()) for p in (*person_name_prefixes_list(), *_TITLES)} - {()}, key=len):
    _PREFIXES.setdefault(_title[0], []).insert(0, _title)
#: Removed from the end: Jr/Sr, and Hungarian "elnök" (president), which follows the name.
_SUFFIXES = frozenset({"jr", "jnr", "sr", "snr", "elnok"})
PARTICLES = frozenset(
    {
        *("al", "el", "bin", "ibn", "bint", "binti", "abu", "abou", "umm", "ould"),
        *("van", "von", "fon", "de", "da", "di", "del", "della", "der", "den", "la", "le", "du", "dos", "das", "y"),
    }
)
#: Turkic "son of" / "daughter of", written as words after the father's name.
TURKIC_MARKERS = frozenset(
    {
        *("oglu", "ogly", "ogli", "ugli", "kyzy", "kizi", "qizi", "gizi", "uly", "uulu"),
        *("оглы", "оглу", "кызы", "қызы", "улы", "ұлы", "уулу", "угли", "ўғли", "қизи"),
    }
)
_ROMAN_PATRONYMIC = re.compile(
    r"(?:[oe]vich|[oe]vych|avich|yich|ovic|evic|ovna|evna|avna|ichna|ivna|awna|auna|ewna|euna|oglu|ogly|kyzy|qizi|uly)$"
    r"|^.{3,}[^r]ich$"
)
_CYRILLIC_PATRONYMIC = re.compile(r"(?:вич|віч|[^р]ич|[^р]іч|вна|ична|ўна|оглы|кызы|улы)$")


def is_patronymic(text: str, folded: str) -> bool:
    """True when a word has the ending of a patronymic.

    Args:
        text: the word's romanized comparison form.
        folded: the word as written, folded (Cyrillic endings are checked too).
    """
    if len(text) < 5 and folded not in TURKIC_MARKERS:
        return False
    return bool(_ROMAN_PATRONYMIC.search(text) or _CYRILLIC_PATRONYMIC.search(folded))


def looks_patronymic(word: str | None) -> bool:
    """True when one word, as a list writes it (any script), is a patronymic.

    The one test the parsers use to put a middle name into ``fatherName``
    and the name analysis uses to tag a token.
    """
    if not word:
        return False
    text = word.strip()
    if not text or " " in text:
        return False
    folded = fold(uncross_cyrillic(text))
    return is_patronymic(folded, folded)


def _match_prefix(folded: Sequence[str], start: int) -> int:
    for prefix in _PREFIXES.get(folded[start], ()) if start < len(folded) else ():
        if tuple(folded[start : start + len(prefix)]) == prefix:
            return len(prefix)
    return 0


def strip_titles(words: Sequence[Word]) -> tuple[list[Word], list[str]]:
    """Remove titles from the start of a person's name and Jr/Sr from its end.

    The start of the part after a comma (``SMITH, Dr John``) is a start too.
    A title is never removed when no word would be left.

    Args:
        words: the words of a person's name.

    Returns:
        The remaining words and the removed titles, folded.
    """
    kept = list(words)
    removed: list[str] = []
    starts = [0] + [i for i in range(1, len(kept)) if kept[i].part != kept[i - 1].part]
    for start in reversed(starts):
        found: list[str] = []
        while True:
            folded = [w.folded for w in kept]
            size = _match_prefix(folded, start)
            if not size or size >= len(kept) or kept[start + size - 1].part != kept[start].part:
                break
            found.append(" ".join(folded[start : start + size]))
            del kept[start : start + size]
        removed[0:0] = found
    while len(kept) > 1 and kept[-1].folded in _SUFFIXES:
        removed.append(kept.pop().folded)
    return kept, removed
