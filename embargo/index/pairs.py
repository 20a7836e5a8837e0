"""Retrieval for chosen (query, entity) pairs, and the reverse: which indexed parties a name can reach.

:func:`~embargo.index.find_candidates` with ``limit=None`` and frozen word
weights (:class:`.Rarity`) makes an entity a candidate for a query by a
rule that looks at that query and that entity only. :class:`PairRetrieval`
computes that rule for one given pair without reading postings, with the
same arithmetic in the same order, so it gives the same candidate (the same
retrieval score, the same names kept) as the full search; monitoring uses
it to check the few entities a list update changed against the customers
they may reach.

:func:`reaching` runs retrieval the other way round: a listed entity's
names looked up in the customers' index, with every key a word is stored
or looked up under and no similarity check, so it finds at least every
customer whose words the entity's words can retrieve.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from embargo.index._reach import IntArray
from embargo.index._words import find_words
from embargo.index.keys import key_hash, lookup_keys, word_keys
from embargo.index.listindex import ListIndex
from embargo.index.rarity import Rarity
from embargo.index.search import FLOOR, Candidate, keep_names, query_slots
from embargo.names import AnalyzedName, Token

__all__ = ["PairRetrieval", "Prepared", "reaching"]

#: A query's names ready for :meth:`PairRetrieval.candidate`: per name, its slots (weight, each word's
#: first rank and best similarity) and their total weight.
Prepared = list[tuple[list[tuple[float, dict[int, tuple[int, float]]]], float]]


class PairRetrieval:
    """Candidates of one index for chosen pairs, as ``find_candidates(limit=None, rarity=...)`` finds them.

    Args:
        index: the list index.
        rarity: the frozen word weights used for that list.
        floor: the retrieval floor (screening's).
    """

    def __init__(self, index: ListIndex, rarity: Rarity, floor: float = FLOOR) -> None:
        self.index = index
        self.rarity = rarity
        self.floor = floor
        self._found: dict[Token, dict[int, float]] = {}
        # per slot: each word's first rank and best similarity (as :func:`.search._hits_among` makes them)
        self._tables: dict[tuple[tuple[int, float], ...], dict[int, tuple[int, float]]] = {}

    def _words(self, index: ListIndex, token: Token) -> dict[int, float]:
        found = self._found.get(token)
        if found is None:
            if len(self._found) > 200_000:
                self._found.clear()
            found = self._found[token] = find_words(index, token)
        return found

    def _table(self, pairs: list[tuple[int, float]]) -> dict[int, tuple[int, float]]:
        key = tuple(pairs)
        table = self._tables.get(key)
        if table is None:
            if len(self._tables) > 200_000:
                self._tables.clear()
            table = {}
            for rank, (wid, sim) in enumerate(pairs):
                seen = table.get(wid)
                if seen is None:
                    table[wid] = (rank, sim)
                elif sim > seen[1]:
                    table[wid] = (seen[0], sim)
            self._tables[key] = table
        return table

    def prepare(self, names: Sequence[AnalyzedName]) -> Prepared:
        """A query's names made ready to check against many entities of the index."""
        out: Prepared = []
        for name in names:
            weighed, total = query_slots(self.index, name, self.rarity, self._words, volume=False)
            if total > 0:
                out.append(([(weight, self._table(pairs)) for weight, pairs, _ in weighed], total))
        return out

    def _slot_hits(self, table: dict[int, tuple[int, float]], among: range) -> list[tuple[int, float]]:
        """The names of ``among`` the slot reaches, in order of (first rank, name), with their best similarity."""
        found: list[tuple[int, int, float]] = []
        index = self.index
        for nid in among:
            rank, best = -1, 0.0
            for w in index.name_words(nid):
                got = table.get(w)
                if got is not None:
                    if rank < 0 or got[0] < rank:
                        rank = got[0]
                    if got[1] > best:
                        best = got[1]
            if rank >= 0:
                found.append((rank, nid, best))
        found.sort()
        return [(nid, sim) for _, nid, sim in found]

    def candidate(self, names: Sequence[AnalyzedName], eid: int) -> Candidate | None:
        """Entity ``eid`` as a candidate for a query with these analyzed names, or None if below the floor.

        The caller checks that the entity's schema suits the query.
        """
        return self.check(self.prepare(names), eid)

    def check(self, prepared: Prepared, eid: int) -> Candidate | None:
        """:meth:`candidate`, for a query already prepared (:meth:`prepare`)."""
        among = self.index.entity_names(eid)
        scored: dict[int, float] = {}
        for slots, total in prepared:
            sums: dict[int, float] = {}
            for weight, table in slots:
                for nid, sim in self._slot_hits(table, among):
                    sums[nid] = sums.get(nid, 0.0) + sim * weight
            for nid, v in sums.items():
                value = min(1.0, v / total)
                if value >= self.floor and value > scored.get(nid, 0.0):
                    scored[nid] = value
        if not scored:
            return None
        top = max(scored.values())
        return Candidate(self.index, eid, top, keep_names(scored, top))


def _reverse_words(index: ListIndex, token: Token) -> list[int]:
    """Every word of ``index`` sharing the text or any key with ``token`` (no similarity check)."""
    keys = {key_hash(k) for k in (*lookup_keys(token), *word_keys(token))}
    found: set[int] = set()
    exact = index.vocab.get(token.text)
    if exact is not None:
        found.add(exact)
    hashes = np.fromiter(keys, dtype=np.uint64, count=len(keys))
    for reached in index.words_for_keys(hashes):
        found.update(reached)
    return sorted(found)


def reaching(index: ListIndex, names: Sequence[AnalyzedName], allowed: frozenset[int]) -> IntArray:
    """Entities of ``index`` (ascending) holding a word any token of ``names`` may retrieve or be retrieved by.

    Args:
        allowed: codes of ``index.entity_schema`` to keep (:meth:`ListIndex.schema_codes`).
    """
    wids: set[int] = set()
    for name in names:
        for variant in (name.tokens, *name.variants):
            for token in variant:
                wids.update(_reverse_words(index, token))
    if not wids:
        return np.zeros(0, dtype=np.int64)
    arrays = index.arrays
    start = arrays.post_start
    # a mask over every name rather than np.unique: linear, and a million customers' names are a megabyte
    held = np.zeros(index.name_count, dtype=np.bool_)
    for w in wids:
        held[arrays.post_names[start[w] : start[w + 1]]] = True
    owners = arrays.name_entity[np.flatnonzero(held)].astype(np.int64)  # names are stored in entity order
    eids = owners[np.r_[True, owners[1:] != owners[:-1]]] if len(owners) else owners
    codes = np.fromiter(allowed, dtype=np.uint8, count=len(allowed))
    return eids[np.isin(arrays.entity_schema[eids], codes)]
