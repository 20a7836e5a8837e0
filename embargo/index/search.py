"""Candidate retrieval: which listed entities are worth scoring for a query.

For each query token, the vocabulary words it can stand for are gathered
through the lookup keys (same word, same phonetic key, equivalent name,
one edit away) and given a similarity; every name holding such a word gets
that similarity times the word's rarity. A name's retrieval score is the
rarity-weighted share of the query it covers, so "Mohammed" alone reaches
thousands of names weakly and a rare surname reaches few names strongly.
Only the best entities go on to full scoring.

A query's id numbers are looked up exactly (:meth:`.ListIndex.identifier_entities`):
an entity carrying one is a candidate whatever its names' retrieval score,
besides the best entities by name.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np

from embargo.budget import check_budget
from embargo.index._reach import FloatArray, IntArray, Reach, reach_all, reach_among
from embargo.index._words import industry_reach, reach_cache, token_reach
from embargo.index.keys import INDUSTRY_MARK, JOINED_WORDS, acronym_keys, exact_name_keys, industry_word
from embargo.index.listindex import ListIndex
from embargo.index.rarity import Rarity
from embargo.names import WEAK_TAGS, AnalyzedName, Tag, Token
from embargo.names.identifiers import query_keys

__all__ = ["Candidate", "Slot", "find_candidates", "keep_names", "query_slots", "slot_tokens"]

#: Tokens that do not retrieve on their own: too common (particles, legal forms,
#: generic words) or too short to say anything (initials).
_WEAK_TAGS: frozenset[Tag] = WEAK_TAGS | {"initial"}
#: Share of its rarity a generic word of an organisation's name weighs in retrieval: enough to rank
#: the names holding it first among those the name's own words reach, too little to reach a name alone.
GENERIC_SLOT = 0.3
#: Names of one entity scored in full (the best by retrieval score).
NAMES_PER_ENTITY = 4
#: Retrieval score a listed name needs to be a candidate at all (screening's own floor).
FLOOR = 0.45
#: Slots whose words post at least this many names may be deferred (see :func:`_score_names`).
_DEFER_FROM = 2000
#: Looking at the words of one reached name costs about as much as reading this many postings.
_NAME_COST = 4
#: Slots reaching fewer names than this (all together) are read in plain Python, more with numpy.
_NUMPY_FROM = 2000
#: An identifier key carried by more entities than this identifies none of them and retrieves nothing.
_ID_ENTITIES_MAX = 50

#: One slot of a query name: its weight, its (word, similarity) pairs in order of reach, its postings volume.
Slot = tuple[float, list[tuple[int, float]], int]


@dataclass(slots=True)
class Candidate:
    """An entity of one list index worth scoring, and its retrieval score in [0, 1]."""

    index: ListIndex
    entity: int
    retrieval: float
    names: list[int]


def _full_hits(index: ListIndex, pairs: list[tuple[int, float]]) -> dict[int, float]:
    """Every name holding a word of the slot, with the best similarity (in order of first reach)."""
    hits: dict[int, float] = {}
    for wid, sim in pairs:
        if not hits and sim > 0.0:
            # the first word's postings are distinct names: the loop below would add them all, in order
            hits = dict.fromkeys(index.postings(wid), sim)
            continue
        for nid in index.postings(wid):
            if sim > hits.get(nid, 0.0):
                hits[nid] = sim
    return hits


def _hits_among(index: ListIndex, pairs: list[tuple[int, float]], among: Iterable[int]) -> dict[int, float]:
    """:func:`_full_hits` restricted to the names ``among``, in the same order, without reading postings."""
    first: dict[int, int] = {}
    best: dict[int, float] = {}
    for rank, (wid, sim) in enumerate(pairs):
        first.setdefault(wid, rank)
        if sim > best.get(wid, 0.0):
            best[wid] = sim
    found: list[tuple[int, int, float]] = []
    for nid in among:
        held = [w for w in index.name_words(nid) if w in first]
        if held:
            found.append((min(first[w] for w in held), nid, max(best[w] for w in held)))
    found.sort()
    return {nid: sim for _, nid, sim in found}


def _small_reach(index: ListIndex, weighed: list[Slot], deferred: set[int], total: float) -> dict[int, float]:
    """:func:`_reach_names` in plain Python, for slots that reach few names."""
    hits = [None if i in deferred else _full_hits(index, pairs) for i, (_, pairs, _) in enumerate(weighed)]
    reached: dict[int, None] = {}
    if deferred:
        for found in hits:
            if found is not None:
                reached.update(dict.fromkeys(found))
    scores: dict[int, float] = {}
    for (weight, pairs, volume), found in zip(weighed, hits, strict=True):
        if found is None:
            cheap = volume < len(reached) * _NAME_COST
            found = _full_hits(index, pairs) if cheap else _hits_among(index, pairs, reached)
        if not scores:
            scores = {nid: sim * weight for nid, sim in found.items()}  # 0.0 + x is x
            continue
        for nid, sim in found.items():
            scores[nid] = scores.get(nid, 0.0) + sim * weight
    # above 1.0 only by the industry words' share (:data:`GENERIC_SLOT`)
    return {nid: v / total for nid, v in scores.items()}


def _union(parts: list[IntArray]) -> IntArray:
    """The distinct values of ``parts``, ascending (a sort: ``np.unique`` hashes, slower here)."""
    if not parts:
        return np.zeros(0, dtype=np.int64)
    joined = np.sort(np.concatenate(parts))
    return joined[np.r_[True, joined[1:] != joined[:-1]]] if len(joined) else joined


def _own_weight(index: ListIndex, token: Token, found: dict[int, float]) -> float:
    """What a query word weighs in ``index``: its rarity, that of the rarest word it reaches, or the rarest possible."""
    exact = index.vocab.get(token.text)
    if exact is not None:
        return float(index.idf[exact])
    if found:
        return float(max(index.idf[w] for w in found))
    return float(index.max_idf)


def slot_tokens(name: AnalyzedName) -> list[tuple[Token, ...]]:
    """The words of each slot of a query name (the same for every index), in order.

    Each word of the query is a slot, filled by its romanizations (one token
    per distinct text); particles, legal forms and initials fill none unless
    the name has nothing else. Industry words (Ports, Railway, Bank: :func:`.keys.industry_word`) fill a
    slot that adds a little (:data:`GENERIC_SLOT`) to the names holding the
    word without counting in the query's total: among the many "Crimean"
    names, the one that is also a port ranks first, and no name ranks lower
    for lacking it.
    """
    only_weak = all(t.tag in _WEAK_TAGS for t in name.tokens)
    slots: list[dict[str, Token]] = []
    industry: list[dict[str, Token]] = []
    for variant in name.variants or (name.tokens,):
        for i, token in enumerate(variant):
            while len(slots) <= i:
                slots.append({})
                industry.append({})
            if token.tag in _WEAK_TAGS and not only_weak:
                if industry_word(token):
                    industry[i].setdefault(token.text, token)
                continue
            slots[i].setdefault(token.text, token)
    # an industry word fills its own slot, unless another reading of the word is no generic word
    return [tuple((slot or more).values()) for slot, more in zip(slots, industry, strict=True) if slot or more]


def query_slots(
    index: ListIndex,
    name: AnalyzedName,
    rarity: Rarity | None = None,
    words: Callable[[ListIndex, Token], dict[int, float]] | None = None,
    volume: bool = True,
    slots: list[tuple[Token, ...]] | None = None,
) -> tuple[list[Slot], float]:
    """The slots of one query name against an index, and their total weight.

    Each word of the query is a slot, filled by its romanizations
    (:func:`slot_tokens`). A slot weighs what the query word itself says: the
    rarity of that word among the listed names (a word no list has weighs as
    the rarest), or, with ``rarity``, the frozen weight of its text there.

    Args:
        words: how a token's vocabulary words are found (default: the index's
            remembered :func:`._words.token_reach`; a caller scoring many pairs passes its own).
        volume: count the postings each slot would read (0 when False: a
            caller that reads no postings does not need it).
        slots: :func:`slot_tokens` of ``name``, when the caller has them already.
    """
    if slots is None:
        slots = slot_tokens(name)
    # the index remembers what a token reaches (a batch meets the same words again and again)
    remembered = reach_cache(index) if words is None else None
    total = 0.0
    weighed: list[Slot] = []
    # a name of weak words alone reaches the names of weak words alone, as :func:`slot_tokens` says
    mixed = any(tokens[0].tag not in _WEAK_TAGS for tokens in slots)
    for tokens in slots:
        weight = 0.0
        pairs: list[tuple[int, float]] = []
        postings = 0
        industry = mixed and tokens[0].tag == "generic"  # a strong slot holds no weak word
        for token in tokens:
            if industry:
                found, own, reached = industry_reach(index, token)
                if rarity is not None:
                    # the frozen weight of the word as posted apart; one the version lacks weighs what it reaches
                    own = rarity.weights.get(INDUSTRY_MARK + token.text, own)
                own *= GENERIC_SLOT
            else:
                if remembered is not None:
                    found, own, reached = remembered.get(token) or token_reach(index, token)
                else:
                    assert words is not None
                    found = words(index, token)
                    own = _own_weight(index, token, found)
                    reached = sum(index.posting_count(w) for w in found) if volume else 0
                if rarity is not None:
                    own = rarity.weight(token.text)
            if own > weight:
                weight = own
            pairs.extend(found.items())
            postings += reached
        if not industry:
            total += weight
        weighed.append((weight, pairs, postings if volume else 0))
    if name.kind == "org" and len(slots) > 1:
        _add_joined(index, slots, weighed, volume)
    # Industry words add to the names that hold them but are no part of the total: a name lacking
    # them keeps the share the name's own words give it, and one holding them scores above it (up
    # to 1 + their share; a candidate's retrieval is capped at 1).
    return weighed, total


def _add_joined(index: ListIndex, slots: list[tuple[Token, ...]], weighed: list[Slot], volume: bool) -> None:
    """Let two or three adjacent query words reach the listed word they make written as one.

    Lists write ``TSMRBANK`` and ``INVESTCAPITALBANK`` where another list or a customer writes
    ``TSMR Bank`` and ``Invest Capital Bank``; scoring joins them (:mod:`embargo.matching._joins`), but
    no word of the query reached the joined word, so the name was never a candidate. Each word of
    such a run reaches the joined word (similarity 1.0) in its own slot, so a name holding it gets the
    weight of every word of the run.
    """
    texts = [tokens[0].text for tokens in slots]
    for start in range(len(texts) - 1):
        for size in range(2, JOINED_WORDS + 1):
            if start + size > len(texts):
                break
            wid = index.vocab.get("".join(texts[start : start + size]))
            if wid is None:
                continue
            for position in range(start, start + size):
                weight, pairs, postings = weighed[position]
                if all(w != wid for w, _ in pairs):
                    pairs.append((wid, 1.0))
                    weighed[position] = (weight, pairs, postings + (index.posting_count(wid) if volume else 0))


def _reach_names(
    index: ListIndex,
    name: AnalyzedName,
    floor: float = 0.0,
    rarity: Rarity | None = None,
    slots: list[tuple[Token, ...]] | None = None,
) -> tuple[IntArray, FloatArray] | dict[int, float]:
    """Retrieval score of every name reached by one query name (at least those that can reach ``floor``).

    The query name's slots (:func:`query_slots`) each give a listed name
    they reach their weight times the similarity of the word it holds: a
    common name reached exactly outranks a rare name reached only by sound.

    Slots of common words whose weights together stay below ``floor`` cannot
    bring a name to the floor on their own: their postings (tens of thousands
    of names in a large list) are not read; they only add their share to the
    names the other slots reached, through each name's own words. The scores
    of names that can reach the floor, and their order, are those a full pass
    gives.

    Returns:
        The names in the order they were first reached (slot after slot),
        with their scores: a dict when few names are reached (plain Python
        is quicker there), else two arrays (numpy over the postings).
    """
    check_budget()  # one query name of a long query may take a tenth of a second: the request's deadline
    weighed, total = query_slots(index, name, rarity, slots=slots)
    if total <= 0:
        return {}
    # The most-posted slots whose weights stay (with a margin for rounding) below the floor.
    deferred: set[int] = set()
    room = floor * total * (1 - 1e-9)
    for i in sorted(range(len(weighed)), key=lambda i: -weighed[i][2]):
        weight, _, volume = weighed[i]
        if volume >= _DEFER_FROM and weight < room:
            deferred.add(i)
            room -= weight
    if sum(v for i, (_, _, v) in enumerate(weighed) if i not in deferred) < _NUMPY_FROM:
        return _small_reach(index, weighed, deferred, total)
    reaches: list[Reach | None] = [
        None if i in deferred else reach_all(index, p) for i, (_, p, _) in enumerate(weighed)
    ]
    among = _union([r[0] for r in reaches if r is not None])
    # every reached name's score, added slot after slot (the order a plain loop adds in), and
    # the (slot, rank) where it was first reached: names come out in that order
    scores = np.zeros(len(among), dtype=np.float64)
    first_slot = np.full(len(among), len(weighed), dtype=np.int64)
    first_rank = np.zeros(len(among), dtype=np.int64)
    for position, ((weight, pairs, volume), found) in enumerate(zip(weighed, reaches, strict=True)):
        if found is None:
            # reading the postings is cheaper than looking at every reached name's words
            found = reach_among(index, pairs, among, by_postings=volume < len(among) * _NAME_COST)
        nids, ranks, sims = found
        at = np.searchsorted(among, nids)
        scores[at] += sims * weight
        new = first_slot[at] == len(weighed)
        first_slot[at[new]] = position
        first_rank[at[new]] = ranks[new]
    order = np.lexsort((among, first_rank, first_slot))
    return among[order], scores[order] / total


def _score_names(
    index: ListIndex, name: AnalyzedName, floor: float = 0.0, rarity: Rarity | None = None
) -> dict[int, float]:
    """:func:`_reach_names` as a dict, in the same order."""
    found = _reach_names(index, name, floor, rarity)
    if isinstance(found, dict):
        return found
    return dict(zip(found[0].tolist(), found[1].tolist(), strict=True))


def _small_best(
    index: ListIndex, found: list[dict[int, float]], allowed: frozenset[int], limit: int | None, floor: float
) -> list[tuple[float, int, int, dict[int, float]]]:
    """:func:`_best_entities` in plain Python, when every query name reached few names."""
    kinds = index.entity_schema
    per_entity: dict[int, dict[int, float]] = {}
    for reach in found:
        for nid, value in reach.items():
            if value < floor:
                continue
            eid = index.name_entity[nid]
            if kinds[eid] not in allowed:
                continue
            seen = per_entity.setdefault(eid, {})
            if value > seen.get(nid, 0.0):
                seen[nid] = value
    ranked = [(-max(scored.values()), arrival, eid, scored) for arrival, (eid, scored) in enumerate(per_entity.items())]
    if limit is None:
        return sorted(ranked, key=lambda r: r[:2])
    return heapq.nsmallest(limit, ranked, key=lambda r: r[:2])


def _best_entities(
    index: ListIndex,
    names: Sequence[AnalyzedName],
    allowed: frozenset[int],
    limit: int | None,
    floor: float,
    rarity: Rarity | None = None,
    slots: Sequence[list[tuple[Token, ...]]] | None = None,
) -> list[tuple[float, int, int, dict[int, float]]]:
    """The ``limit`` (None: all) best entities of one index: (-retrieval, arrival, entity, its names' scores).

    An entity arrives when a name of it first reaches the floor (query name
    after query name, each name's reach in order); ties in retrieval go to
    the earlier arrival, as in a stable sort.
    """
    if slots is None:
        slots = [slot_tokens(name) for name in names]
    found = [_reach_names(index, name, floor, rarity, own) for name, own in zip(names, slots, strict=True)]
    if all(isinstance(f, dict) for f in found):
        return _small_best(index, [f for f in found if isinstance(f, dict)], allowed, limit, floor)
    rows_nid: list[IntArray] = []
    rows_value: list[FloatArray] = []
    arrays = index.arrays
    codes = np.fromiter(allowed, dtype=np.uint8, count=len(allowed))
    for reach in found:
        if isinstance(reach, dict):
            nids = np.fromiter(reach.keys(), dtype=np.int64, count=len(reach))
            values = np.fromiter(reach.values(), dtype=np.float64, count=len(reach))
        else:
            nids, values = reach
        keep = values >= floor
        nids, values = nids[keep], values[keep]
        keep = np.isin(arrays.entity_schema[arrays.name_entity[nids]], codes)
        rows_nid.append(nids[keep])
        rows_value.append(values[keep])
    nids = np.concatenate(rows_nid)
    values = np.concatenate(rows_value)
    if not len(nids):
        return []
    eids = arrays.name_entity[nids].astype(np.int64)
    order = np.argsort(eids, kind="stable")
    starts = np.flatnonzero(np.r_[True, eids[order][1:] != eids[order][:-1]])
    ends = np.r_[starts[1:], len(order)]
    tops = np.maximum.reduceat(values[order], starts)
    arrivals = order[starts]
    best: list[tuple[float, int, int, dict[int, float]]] = []
    for g in np.lexsort((arrivals, -tops))[:limit].tolist():  # [:None] is every entity
        # the entity's names in order of first reach, each with its best score
        scored: dict[int, float] = {}
        rows = order[starts[g] : ends[g]]
        for nid, value in zip(nids[rows].tolist(), values[rows].tolist(), strict=True):
            if value > scored.get(nid, 0.0):
                scored[nid] = value
        best.append((-float(tops[g]), int(arrivals[g]), int(eids[order[starts[g]]]), scored))
    return best


def keep_names(scored: dict[int, float], top: float) -> list[int]:
    """The names of one entity that go on to full scoring, of its names' retrieval scores (in order of reach).

    The few (``NAMES_PER_ENTITY``) retrieval ranked best, ties to the name
    reached first, each within a quarter of the best.
    """
    ordered = sorted(scored.items(), key=lambda kv: -kv[1])
    return [nid for nid, v in ordered[:NAMES_PER_ENTITY] if v >= top * 0.75]


def find_candidates(
    indexes: Sequence[ListIndex],
    names: Sequence[AnalyzedName],
    schemata: frozenset[str],
    limit: int | None = 20,
    floor: float = FLOOR,
    rarity: dict[str, Rarity] | None = None,
    id_numbers: Sequence[str] = (),
) -> list[Candidate]:
    """The ``limit`` best entities over all indexes whose retrieval score reaches ``floor``.

    Each candidate keeps the few of its names that retrieval ranked best
    (:func:`keep_names`): an entity listed under thirty spellings is scored
    on the ones nearest the query, not on all thirty. Ties in retrieval go to
    the earlier index, then to the entity reached first.

    Args:
        limit: how many entities; None for every entity reaching the floor
            (then whether an entity is a candidate depends on it and the
            query alone, not on how many others come near).
        rarity: frozen word weights by list name (:class:`.Rarity`) instead of
            each index's own; lists missing from it use their own.
        id_numbers: the query's id numbers (:func:`~embargo.matching.normalize_identifier`'s
            form): entities of ``schemata`` carrying one are candidates too, ahead of
            the others and outside ``limit``, with all their names (an entity
            found by name is not repeated).
    """
    ranked: list[tuple[float, int, int, ListIndex, int, dict[int, float]]] = []
    slots = [slot_tokens(name) for name in names]  # the same in every index
    for number, index in enumerate(indexes):
        frozen = rarity.get(index.list_name) if rarity is not None else None
        for negative_top, arrival, eid, scored in _best_entities(
            index, names, index.schema_codes(schemata), limit, floor, frozen, slots
        ):
            ranked.append((negative_top, number, arrival, index, eid, scored))
    if limit is None:
        chosen = sorted(ranked, key=lambda r: r[:3])
    else:
        chosen = heapq.nsmallest(limit, ranked, key=lambda r: r[:3])
    by_name = [
        Candidate(index, eid, min(1.0, -neg), keep_names(scored, -neg)) for neg, _, _, index, eid, scored in chosen
    ]
    # a name listed exactly as queried is a candidate whatever its words weigh (:func:`.keys.exact_name_keys`),
    # and so is one that is the query's acronym or that the query abbreviates (:func:`.keys.acronym_keys`)
    exact = [k for name in names for k in (*exact_name_keys(name), *acronym_keys(name, query=True))]
    keys = [*exact, *(k for qid in id_numbers for k in query_keys(qid))]
    return _identified(indexes, keys, schemata, by_name) + by_name


def _identified(
    indexes: Sequence[ListIndex], lookup: Sequence[str], schemata: frozenset[str], by_name: list[Candidate]
) -> list[Candidate]:
    """Candidates found under one of the ``lookup`` keys (the query's id numbers, its exact names), not among
    ``by_name``, in index then entity order; a candidate of ``by_name`` found so too gets all its names."""
    keys = dict.fromkeys(lookup)
    seen = {(id(c.index), c.entity): c for c in by_name}
    found: list[Candidate] = []
    for index in indexes:
        allowed = index.schema_codes(schemata)
        eids: set[int] = set()
        for key in keys:
            held = index.identifier_entities(key)
            if len(held) <= _ID_ENTITIES_MAX:
                eids.update(held)
        for eid in sorted(eids):
            if index.entity_schema[eid] not in allowed:
                continue
            known = seen.get((id(index), eid))
            if known is None:
                found.append(Candidate(index, eid, 0.0, list(index.entity_names(eid))))
            else:
                # found by its words through one name, and by a key through another (the acronym of a
                # name whose words the query does not share): every name of it is scored
                known.names = list(index.entity_names(eid))
    return found
