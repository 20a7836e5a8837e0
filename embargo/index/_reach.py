"""Which names the words of one query slot reach, computed over the flat postings with numpy.

A slot is a list of ``(word id, similarity)`` pairs, in the order retrieval
found them. A name the slot reaches gets the best similarity of the words it
holds, and a *first rank*: the position of the first pair whose word it
holds. Reading the pairs' postings in order and keeping each name where it
first appears gives the names in the order (first rank, name id): the
postings of one word are in ascending name order. These functions give the
same names, similarities and ranks as that loop, as arrays.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from embargo.index.listindex import ListIndex

__all__ = ["FloatArray", "IntArray", "Reach", "reach_all", "reach_among"]

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
#: name ids (ascending, distinct), first rank, best similarity
Reach = tuple[IntArray, IntArray, FloatArray]


def _reduce(nids: IntArray, ranks: IntArray, sims: FloatArray) -> Reach:
    """One row per name: its lowest rank and its best similarity."""
    if not len(nids):
        return nids, ranks, sims
    order = np.lexsort((ranks, nids))
    nids, ranks, sims = nids[order], ranks[order], sims[order]
    starts = np.flatnonzero(np.r_[True, nids[1:] != nids[:-1]])
    return nids[starts], ranks[starts], np.maximum.reduceat(sims, starts)


def _postings(index: ListIndex, pairs: Sequence[tuple[int, float]]) -> tuple[IntArray, IntArray, FloatArray]:
    start, names = index.arrays.post_start, index.arrays.post_names
    parts = [names[start[wid] : start[wid + 1]] for wid, _ in pairs]
    lengths = np.fromiter((len(p) for p in parts), dtype=np.int64, count=len(parts))
    nids = np.concatenate(parts).astype(np.int64) if parts else np.zeros(0, dtype=np.int64)
    ranks = np.repeat(np.arange(len(pairs), dtype=np.int64), lengths)
    sims = np.repeat(np.fromiter((s for _, s in pairs), dtype=np.float64, count=len(pairs)), lengths)
    return nids, ranks, sims


def reach_all(index: ListIndex, pairs: Sequence[tuple[int, float]]) -> Reach:
    """Every name holding a word of the slot."""
    if len(pairs) == 1:  # one word's postings: ascending and distinct already
        wid, sim = pairs[0]
        start = index.arrays.post_start
        nids = index.arrays.post_names[start[wid] : start[wid + 1]].astype(np.int64)
        return nids, np.zeros(len(nids), dtype=np.int64), np.full(len(nids), sim, dtype=np.float64)
    return _reduce(*_postings(index, pairs))


def _inside(values: IntArray, sorted_set: IntArray) -> npt.NDArray[np.bool_]:
    if not len(sorted_set):
        return np.zeros(len(values), dtype=np.bool_)
    pos = np.minimum(np.searchsorted(sorted_set, values), len(sorted_set) - 1)
    return np.asarray(sorted_set[pos] == values)


def reach_among(index: ListIndex, pairs: Sequence[tuple[int, float]], among: IntArray, by_postings: bool) -> Reach:
    """:func:`reach_all` restricted to the names ``among`` (ascending).

    With ``by_postings`` the slot's postings are read and filtered; otherwise
    the words of each name of ``among`` are looked at (cheaper when the
    slot's words are common and ``among`` is small).
    """
    if by_postings:
        nids, ranks, sims = _postings(index, pairs)
        keep = _inside(nids, among)
        return _reduce(nids[keep], ranks[keep], sims[keep])
    # the first rank and the best similarity of each distinct word of the slot
    wids = np.fromiter((w for w, _ in pairs), dtype=np.int64, count=len(pairs))
    wsims = np.fromiter((s for _, s in pairs), dtype=np.float64, count=len(pairs))
    words, first_rank, best = _reduce(wids, np.arange(len(pairs), dtype=np.int64), wsims)
    word_start, name_words = index.arrays.name_word_start, index.arrays.name_words
    begins = word_start[among].astype(np.int64)
    lengths = word_start[among + 1].astype(np.int64) - begins
    total = int(lengths.sum())
    # positions of every word of every name of ``among``, name after name
    flat = np.repeat(begins - np.cumsum(lengths) + lengths, lengths) + np.arange(total, dtype=np.int64)
    held = name_words[flat].astype(np.int64)
    owners = np.repeat(among, lengths)
    hit = _inside(held, words)
    pos = np.searchsorted(words, held[hit])
    return _reduce(owners[hit], first_rank[pos], best[pos])
