"""The vocabulary words a query token reaches in one index, remembered per index.

A token reaches words through its lookup keys (:mod:`.keys`); each reached
word gets a similarity, and the token a weight (its rarity). That answer
depends on the token and the index only, and a batch of customer names meets
the same words again and again (Mohammed, Ivanov, LLC): each index keeps the
answers it gave, up to a bound. The kept values are dicts of numbers and
tuples of numbers, which the garbage collector does not track, so a large
cache costs no collection time.
"""

from __future__ import annotations

import weakref
from functools import lru_cache

import numpy as np
import numpy.typing as npt
from rapidfuzz.distance import DamerauLevenshtein

from embargo.index.keys import INDUSTRY_MARK, industry_keys, key_hash, lookup_keys
from embargo.index.listindex import ListIndex
from embargo.names import Token
from embargo.names.places import PLACE_SIMILARITY, same_place_words
from embargo.names.spelling import phonetic_letters, typo_budget

__all__ = ["KEY_SIMILARITY", "TokenReach", "find_words", "industry_reach", "reach_cache", "token_reach"]

#: Similarity given to a word reached by its phonetic key or an equivalence class.
KEY_SIMILARITY = 0.9
#: Tokens remembered per index before the memory is emptied: the speed benchmark's 10,000-row batch
#: meets about 12,000 distinct query tokens (about 8 MB per list); the bound keeps a long-running
#: server near 13 MB per list.
_CACHE_MAX = 20_000
#: (reached words with their similarity in order of reach, the token's own weight, postings behind those words)
TokenReach = tuple[dict[int, float], float, int]

_caches: weakref.WeakKeyDictionary[ListIndex, dict[Token, TokenReach]] = weakref.WeakKeyDictionary()
_industry: weakref.WeakKeyDictionary[ListIndex, dict[Token, TokenReach]] = weakref.WeakKeyDictionary()


@lru_cache(maxsize=65536)
def _lookup_keys(token: Token) -> tuple[tuple[str, ...], npt.NDArray[np.uint64]]:
    """A query token's lookup keys and their numbers (the same for every index, hashed once)."""
    keys = tuple(lookup_keys(token))
    return keys, np.fromiter((key_hash(k) for k in keys), dtype=np.uint64, count=len(keys))


def find_words(index: ListIndex, token: Token) -> dict[int, float]:
    """Vocabulary words ``token`` may stand for, with a similarity."""
    found: dict[int, float] = {}
    exact = index.vocab.get(token.text)
    if exact is not None:
        found[exact] = 1.0
    keys, hashes = _lookup_keys(token)
    for key, reached in zip(keys, index.words_for_keys(hashes), strict=True):
        for wid in reached:
            if wid in found:
                continue
            if key[0] == "d":
                word = index.words[wid]
                longest = max(len(word), len(token.text))
                dist = DamerauLevenshtein.distance(word, token.text, score_cutoff=max(1, typo_budget(longest)))
                if dist > max(1, typo_budget(longest)):
                    continue
                found[wid] = 1.0 - 0.6 * dist / longest
            elif key[0] == "l":
                if same_place_words(index.words[wid], token.text):
                    found[wid] = PLACE_SIMILARITY
            elif key[0] == "p":
                # The words of one phonetic key that scoring reads as one name
                # (:func:`embargo.names.spelling.phonetic_letters`); the rest may still be reached as a typo
                # or an equivalent name, through their own keys.
                word = index.words[wid]
                longest = max(len(word), len(token.text))
                if DamerauLevenshtein.distance(word, token.text) > longest * (1.0 - phonetic_letters(longest)):
                    continue
                found[wid] = KEY_SIMILARITY
            else:
                found[wid] = KEY_SIMILARITY
    return found


def reach_cache(index: ListIndex) -> dict[Token, TokenReach]:
    """What the tokens met so far reach in ``index`` (:func:`token_reach` fills it; read-only for others)."""
    cache = _caches.get(index)
    if cache is None:
        cache = _caches[index] = {}
    return cache


def token_reach(index: ListIndex, token: Token) -> TokenReach:
    """The words ``token`` reaches in ``index``, its weight, and how many postings those words hold.

    The weight is what the query word itself says: the rarity of the word
    among the listed names, of the rarest word it reaches when no listed name
    holds it as written, or the rarest possible when it reaches nothing. The
    returned dict is shared: callers must not change it.
    """
    cache = reach_cache(index)
    found = cache.get(token)
    if found is not None:
        return found
    words = find_words(index, token)
    exact = index.vocab.get(token.text)
    if exact is not None:
        own = index.idf[exact]
    elif words:
        own = max(index.idf[w] for w in words)
    else:
        own = index.max_idf
    volume = sum(index.posting_count(w) for w in words)
    if len(cache) >= _CACHE_MAX:
        cache.clear()
    found = cache[token] = (words, own, volume)
    return found


def industry_reach(index: ListIndex, token: Token) -> TokenReach:
    """What an industry word of a query (:func:`.keys.industry_word`) reaches among the industry words
    posted apart: the same word (1.0) or one of its class (``porty`` / ``ports``: :data:`KEY_SIMILARITY`),
    its weight the rarity of the word as posted (nothing reached weighs nothing)."""
    cache = _industry.get(index)
    if cache is None:
        cache = _industry[index] = {}
    found = cache.get(token)
    if found is not None:
        return found
    words: dict[int, float] = {}
    exact = index.vocab.get(INDUSTRY_MARK + token.text)
    if exact is not None:
        words[exact] = 1.0
    keys = tuple(industry_keys(token))
    hashes = np.fromiter((key_hash(k) for k in keys), dtype=np.uint64, count=len(keys))
    for reached in index.words_for_keys(hashes):
        for wid in reached:
            words.setdefault(wid, KEY_SIMILARITY)
    own = float(index.idf[exact]) if exact is not None else max((float(index.idf[w]) for w in words), default=0.0)
    volume = sum(index.posting_count(w) for w in words)
    if len(cache) >= _CACHE_MAX:
        cache.clear()
    found = cache[token] = (words, own, volume)
    return found
