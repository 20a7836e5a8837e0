"""Screen a party against every current list: retrieve candidates, score, explain.

A :class:`Screener` holds the candidate index of every list's current
version. Opening one reads the index files written at import time; it does
not recompute them.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from embargo.budget import check_budget, has_budget
from embargo.errors import NotReadyError, QueryError, StoreError
from embargo.index import Candidate, ListIndex, Rarity, find_candidates, load_version_index
from embargo.matching import ALGORITHM, DEFAULT_THRESHOLD, MatchResult, Query, compatible_schemata
from embargo.matching.algorithm import score_entity_above
from embargo.matching.alignment import SimilarityMemo
from embargo.model import Designation, Entity
from embargo.names import AnalyzedName, load_symbol_table
from embargo.names.initials import initials_reading
from embargo.names.org_structure import core_names, without_named_after
from embargo.names.symbols import use_person_lexicon
from embargo.names.wadegiles import query_readings
from embargo.screening.owned import OWNERSHIP_LIST, Owned, load_owned, owned_designations
from embargo.store import Store
from embargo.store.parties import PartyMap, party_map, resolved_at

__all__ = [
    "ANY_SCHEMATA",
    "CANDIDATES",
    "Hit",
    "Screener",
    "analyze_query",
    "no_lists_message",
    "require_lists",
    "score_candidate",
    "warm_up",
]

logger = logging.getLogger(__name__)

#: Entities fully scored per query (the best by retrieval score).
CANDIDATES = 20

#: A name given without a schema is screened as each kind of party, each with its own name
#: rules (a person's titles and patronymics, a company's legal forms, a ship's prefixes).
ANY_SCHEMATA = ("Person", "Organization", "Vessel", "Airplane")


@dataclass(slots=True)
class Hit:
    """A listed entity that may be the party screened."""

    entity_id: str
    list_name: str
    source_id: str
    schema: str
    caption: str
    score: float
    matched_name: str
    query_name: str
    result: MatchResult
    algorithm: str = ALGORITHM
    #: The party the entity belongs to (its own id when it is a party alone, :mod:`embargo.parties`).
    party_id: str = ""
    #: Every entity of that party (the hit's own first); empty when it is alone.
    referents: tuple[str, ...] = ()
    #: ``list``: a listed entity; ``ownership``: an entity on no list, blocked by ownership or control.
    kind: str = "list"
    #: Its standing under each ownership rule that blocks it (or possibly does): the rule, the status, the
    #: share held by designated parties, the chain as data (``steps``) and in words (``lines``).
    ownership: list[dict[str, Any]] = field(default_factory=list)

    @property
    def entity_ids(self) -> tuple[str, ...]:
        """The hit's entity, then the other entities of its party."""
        return self.referents or (self.entity_id,)

    def explanation(self) -> list[dict[str, Any]]:
        """The score in words: the names aligned token by token, then each piece of evidence."""
        out: list[dict[str, Any]] = []
        match = self.result.name
        if match is not None:
            # A side a token has no counterpart on is left out (never a null): the reason says which
            # ("missing": the query's word is not in the listed name; "extra": the other way round).
            tokens = [
                {
                    **({"query": p.query.original} if p.query else {}),
                    **({"listed": p.listed.original} if p.listed else {}),
                    "similarity": round(p.similarity, 3),
                    "reason": p.reason,
                }
                for p in match.pairs
            ]
            out.append(
                {
                    "feature": "name",
                    "score": round(self.result.name_score, 3),
                    "detail": f"{match.query.original!r} vs listed {match.listed.original!r}",
                    "tokens": tokens,
                }
            )
            for note in match.query.mixed:
                out.append({"feature": "mixed_script", "score": 0.0, "detail": f"query name: {note}"})
            for feature, detail in match.notes:
                out.append({"feature": feature, "score": 0.0, "detail": detail})
        for f in self.result.features:
            out.append({"feature": f.name, "score": round(f.delta, 3), "detail": f.detail})
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-able form."""
        return {
            "entity_id": self.entity_id,
            "list": self.list_name,
            "source_id": self.source_id,
            "schema": self.schema,
            "caption": self.caption,
            "score": round(self.score, 4),
            "probability": round(self.result.probability, 4),
            "matched_name": self.matched_name,
            "query_name": self.query_name,
            "algorithm": self.algorithm,
            "party_id": self.party_id or self.entity_id,
            "referents": list(self.entity_ids),
            "kind": self.kind,
            "explanation": self.explanation(),
            **({"ownership": self.ownership} if self.ownership else {}),
        }

    def ownership_lines(self) -> list[str]:
        """The ownership verdicts in words: a line per rule (``blocked under ofac: ...``), then its chain."""
        out: list[str] = []
        for verdict in self.ownership:
            out.append(f"{verdict['status']} by ownership or control under {verdict['rule_title']}")
            out.extend("  " + line for line in verdict["lines"])
        return out


class Screener:
    """Screens queries against a set of list indexes."""

    def __init__(
        self,
        indexes: list[ListIndex],
        store: Store | None = None,
        entities: Callable[[str], Entity | None] | None = None,
        parties: PartyMap | None = None,
        owned: Owned | None = None,
    ) -> None:
        self.indexes = indexes
        #: The entities blocked by ownership or control (:mod:`embargo.screening.owned`), if computed.
        self.owned = owned
        #: Which entities are one party: :meth:`screen` gives one hit per party (None: one per entity).
        self.parties = parties
        #: The store the indexes were read from (:meth:`open`), for :meth:`designations`.
        self.store = store
        #: Where :meth:`designations` reads a listed entity by id instead of the store (a server's
        #: cache of the versions it serves); None: the store's current versions.
        self.entities = entities

    @classmethod
    def open(
        cls, store: Store | Path | str, require: bool = True, parties: bool = True, ownership: bool = True
    ) -> Screener:
        """A screener over every list's current version in a store.

        Args:
            require: refuse a store without any current list (True), rather than
                answer "no hits" against nothing; a server passes False and reports
                itself not ready until a list is imported.
            parties: give one hit per party (the store's resolution, :mod:`embargo.parties`);
                False: one per listed entity.
            ownership: give hits of entities blocked by ownership or control, and the verdicts of listed
                parties also blocked so (:mod:`embargo.ownership`), when the store has computed them.

        Raises:
            NotReadyError: ``require`` and the store serves no list.
        """
        if not isinstance(store, Store):
            store = Store(store)
        indexes = []
        for info in store.view().lists():
            if info.current is not None:
                index = load_version_index(store, info.current)
                load_symbol_table(index.symbol_table)
                indexes.append(index)
        if require and not indexes:
            raise NotReadyError(no_lists_message(store))
        use_person_lexicon()
        found = None
        if parties:
            with store.reading("the parties") as conn:
                found = party_map(conn)
                never = indexes and resolved_at(conn) is None
            if never:  # a store made before parties (schema 0007): say why every entry is its own hit
                logger.warning(
                    "the parties of store %s were never resolved: each list's entry is screened alone until "
                    "`embargo parties resolve` (or the next import) links them",
                    store.name,
                )
        return cls(indexes, store, parties=found, owned=load_owned(store) if ownership else None)

    @classmethod
    def load(cls, paths: Sequence[Path]) -> Screener:
        """A screener over index files (as :meth:`open` finds them), in the order given.

        For processes that get the files without the store (a Spark executor).
        """
        indexes = [ListIndex.load(p) for p in paths]
        for index in indexes:
            load_symbol_table(index.symbol_table)
        use_person_lexicon()
        return cls(indexes)

    def screen(
        self,
        query: Query,
        threshold: float | None = None,
        limit: int = 10,
        lists: set[str] | None = None,
        keep: Callable[[Hit], bool] | None = None,
    ) -> list[Hit]:
        """Hits for ``query`` scoring at least ``threshold``, best first.

        A query without a schema (``Query(["..."])``) is screened as every kind of
        party (:meth:`screen_any`); one with a schema, as that kind alone. The
        CLI, the API and the UI screen a party through this.

        Args:
            lists: only these lists (None: every list).
            keep: only hits it accepts (a filter on the entity's designations:
                ``lambda h: has_measures(screener.designations(h), {"asset_freeze"})``);
                three times ``limit`` candidates are then fetched, since some may be left out.
        """
        if query.schema is None:
            return self.screen_any(query, threshold=threshold, limit=limit, lists=lists, keep=keep)
        if keep is not None:
            return [h for h in self.screen(query, threshold, limit * 3, lists) if keep(h)][:limit]
        cut = DEFAULT_THRESHOLD if threshold is None else threshold
        names = analyze_query(query)
        indexes = [i for i in self.indexes if lists is None or i.list_name in lists]
        # Retrieval also reads initials written together as initials ("AG Lukashenko"): the few best candidates
        # are cut here, and a letter pair's sound-alikes must not crowd the person out; scoring decides as ever.
        retrieve = [*names, *(r for r in map(initials_reading, names) if r is not None)]
        # an entity carrying one of the query's id numbers is scored whatever its names (none given: no lookup)
        found = find_candidates(
            indexes, retrieve, compatible_schemata(query.schema), max(CANDIDATES, limit), id_numbers=query.id_numbers
        )
        # token similarities shared by this query's candidates (keyed by the ids of tokens that
        # live as long as ``names`` and the indexes)
        memo: SimilarityMemo = {}
        score = _scored if has_budget() else score_candidate  # no check per candidate without a deadline
        hits = [h for h in (score(query, names, c, cut, memo) for c in found) if h is not None]
        hits.sort(key=lambda h: (-h.score, h.entity_id))
        out = self.by_party(hits)
        if self.owned is not None:
            if lists is None or OWNERSHIP_LIST in lists:
                out.extend(self._owned_hits(query, names, retrieve, cut, memo, limit))
            self.with_ownership(out)
            out.sort(key=lambda h: (-h.score, h.entity_id))
        return out[:limit]

    def _owned_hits(
        self,
        query: Query,
        names: Sequence[AnalyzedName],
        retrieve: Sequence[AnalyzedName],
        cut: float,
        memo: SimilarityMemo,
        limit: int | None,
    ) -> list[Hit]:
        """Hits of entities on no list that ownership or control blocks (``limit`` None: every candidate)."""
        assert self.owned is not None
        assert query.schema is not None
        found = find_candidates(
            [self.owned.index],
            retrieve,
            compatible_schemata(query.schema),
            None if limit is None else max(CANDIDATES, limit),
            id_numbers=query.id_numbers,
        )
        score = _scored if has_budget() else score_candidate
        hits = [h for h in (score(query, names, c, cut, memo) for c in found) if h is not None]
        for hit in hits:
            hit.kind = OWNERSHIP_LIST
            hit.party_id = hit.entity_id
        return hits

    def screen_owned_all(self, query: Query, threshold: float | None = None) -> list[Hit]:
        """Every hit of ``query`` on the entities blocked by ownership or control (none if never computed), best first.

        Like :meth:`screen_all`: every entity reaching the retrieval floor is scored, so whether
        one is a hit depends on it and the query alone. Monitoring screens with this.
        """
        if self.owned is None:
            return []
        if query.schema is None:
            best: dict[str, Hit] = {}
            for schema in ANY_SCHEMATA:
                for hit in self.screen_owned_all(query.with_schema(schema), threshold):
                    if hit.entity_id not in best or hit.score > best[hit.entity_id].score:
                        best[hit.entity_id] = hit
            return sorted(best.values(), key=lambda h: (-h.score, h.entity_id))
        cut = DEFAULT_THRESHOLD if threshold is None else threshold
        names = analyze_query(query)
        hits = self._owned_hits(query, names, names, cut, {}, None)
        self.with_ownership(hits)
        return sorted(hits, key=lambda h: (-h.score, h.entity_id))

    def with_ownership(self, hits: Sequence[Hit]) -> None:
        """Give each hit its party's ownership verdicts (a listed party may be blocked by ownership elsewhere)."""
        if self.owned is None:
            return
        for hit in hits:
            found = self.owned.verdicts(hit.party_id or hit.entity_id)
            if found:
                hit.ownership = found

    def by_party(self, hits: Sequence[Hit]) -> list[Hit]:
        """One hit per party, best first: the best of its entities', naming every entity of the party.

        Without a party map (:meth:`load`, ``parties=False``) each entity is its own party.
        """
        if self.parties is None:
            return list(hits)
        best: dict[str, Hit] = {}
        for hit in sorted(hits, key=lambda h: (-h.score, h.entity_id)):
            party = self.parties.party_of(hit.entity_id)
            if party in best:
                continue
            hit.party_id = party
            members = self.parties.referents(party)
            hit.referents = (hit.entity_id, *(m for m in members if m != hit.entity_id)) if len(members) > 1 else ()
            best[party] = hit
        return list(best.values())

    def designations(self, hit: Hit) -> list[Designation]:
        """The designations of a hit's party (every list's), read from the store: authority, program, measures...

        An entity blocked by ownership has one per rule that blocks it
        (:func:`~embargo.screening.owned.owned_designations`). The index holds none
        (they would slow every screening), so they are read here, for the hits one
        shows: one store lookup per entity of the party.

        Raises:
            StoreError: the screener was made from index files alone (:meth:`load`).
        """
        if hit.kind == OWNERSHIP_LIST:
            return owned_designations(hit)
        out: list[Designation] = []
        for entity_id in hit.entity_ids:
            if self.entities is not None:
                entity = self.entities(entity_id)
                out.extend(entity.designations if entity is not None else [])
                continue
            if self.store is None:
                raise StoreError("this screener was made from index files without their store: no designations to read")
            found = self.store.view().find(entity_id)
            out.extend(found[0].entity.designations if found else [])
        return out

    def screen_any(
        self,
        query: Query,
        schemata: Sequence[str] = ANY_SCHEMATA,
        threshold: float | None = None,
        limit: int = 10,
        lists: set[str] | None = None,
        keep: Callable[[Hit], bool] | None = None,
    ) -> list[Hit]:
        """Hits for ``query`` screened as each of ``schemata`` (every kind of party by default), best first.

        One hit per party (per listed entity without a party map): the best when several kinds of query reached it
        (the first screened on a tie). The CLI, the API and the UI screen a party
        given without a schema through this.

        Args:
            schemata: the kinds of party to screen ``query`` as (its own ``schema`` is replaced).
            keep: only hits it accepts (a filter on the entity's measures); each kind of
                query then fetches three times ``limit``, since some hits may be left out.
        """
        fetch = limit * 3 if keep is not None else limit
        best: dict[str, Hit] = {}
        for schema in schemata:
            kind = query.with_schema(schema)
            for hit in self.screen(kind, threshold=threshold, limit=fetch, lists=lists):
                party = hit.party_id or hit.entity_id
                if party not in best or hit.score > best[party].score:
                    best[party] = hit
        hits = [h for h in best.values() if keep(h)] if keep is not None else list(best.values())
        return sorted(hits, key=lambda h: (-h.score, h.entity_id))[:limit]

    def screen_all(self, query: Query, rarity: dict[str, Rarity], threshold: float | None = None) -> list[Hit]:
        """Every hit for ``query``, best first, by a rule that looks at the query and each entity alone.

        Unlike :meth:`screen` no entity is left out because others came
        nearer (every entity whose retrieval score reaches the floor is
        scored), and words weigh what ``rarity`` (frozen per list) says:
        whether an entity is a hit does not depend on the rest of the lists.
        Monitoring screens with this, and checks single pairs with
        :class:`~embargo.index.PairRetrieval` and :func:`score_candidate`.
        """
        if query.schema is None:
            best: dict[str, Hit] = {}
            for schema in ANY_SCHEMATA:
                for hit in self.screen_all(query.with_schema(schema), rarity, threshold):
                    if hit.entity_id not in best or hit.score > best[hit.entity_id].score:
                        best[hit.entity_id] = hit
            return sorted(best.values(), key=lambda h: (-h.score, h.entity_id))
        cut = DEFAULT_THRESHOLD if threshold is None else threshold
        names = analyze_query(query)
        found = find_candidates(
            self.indexes, names, compatible_schemata(query.schema), None, rarity=rarity, id_numbers=query.id_numbers
        )
        memo: SimilarityMemo = {}
        score = _scored if has_budget() else score_candidate  # no check per candidate without a deadline
        hits = [h for h in (score(query, names, c, cut, memo) for c in found) if h is not None]
        hits.sort(key=lambda h: (-h.score, h.entity_id))
        return hits


def require_lists(store: Store) -> None:
    """Refuse a store that serves no list: "no hits" against nothing would be a lie.

    Raises:
        NotReadyError: no list has a current version (with what to run).
    """
    if not any(info.current is not None for info in store.view().lists()):
        raise NotReadyError(no_lists_message(store))


def no_lists_message(store: Store) -> str:
    """Why a store cannot screen, and what to run."""
    held = any(info.held_count for info in store.view().lists())
    what = "only held versions, none accepted" if held else "no list"
    return (
        f"the store {store.name} holds {what}: screening would answer 'no hits' against nothing. "
        "Import the lists first: embargo update (or embargo import FILE --source LIST"
        + (", or embargo accept LIST VERSION --reason ..." if held else "")
        + ")"
    )


def analyze_query(query: Query) -> list[AnalyzedName]:
    """The query's names analyzed as screening reads them.

    With the Pinyin reading of a Wade-Giles name, and an organisation's core
    name (:func:`~embargo.names.org_structure.core_names`) and its name without
    a named-after clause (:func:`~embargo.names.org_structure.without_named_after`);
    person queries get neither.

    Raises:
        QueryError: the query has no schema (:meth:`Screener.screen` screens such a query as each kind in turn).
    """
    schema = query.schema
    if schema is None:
        raise QueryError("a query is analyzed as one kind of party: give it a schema")
    names: list[AnalyzedName] = []
    for n in query.names:
        check_budget()  # a 1,000-character name takes a few hundredths of a second: the request's deadline
        names.extend(query_readings(n, schema))
    names += [c for n in query.names for c in core_names(n, schema)]
    return names + [r for n in query.names if (r := without_named_after(n, schema)) is not None]


def _scored(
    query: Query, names: Sequence[AnalyzedName], cand: Candidate, cut: float, memo: SimilarityMemo
) -> Hit | None:
    """:func:`score_candidate`, after checking the request's deadline (a candidate of a long query takes long)."""
    check_budget()
    return score_candidate(query, names, cand, cut, memo)


def score_candidate(
    query: Query, names: Sequence[AnalyzedName], cand: Candidate, cut: float, memo: SimilarityMemo | None = None
) -> Hit | None:
    """The hit a retrieval candidate makes, scored in full; None below ``cut``.

    Args:
        names: :func:`analyze_query` of ``query``.
        memo: token similarities shared by the candidates of one query (see
            :data:`~embargo.matching.alignment.SimilarityMemo`).
    """
    index, eid = cand.index, cand.entity
    listed = [index.name(nid) for nid in cand.names]
    cores = [index.cores(nid) for nid in cand.names] if any(n.kind == "org" for n in names) else None
    result = score_entity_above(query, names, listed, index.facts(eid), cut, index.unique_word, memo, cores)
    if result is None:
        return None
    match = result.name
    return Hit(
        entity_id=index.entity_id(eid),
        list_name=index.list_name,
        source_id=index.source_id(eid),
        schema=index.schema(eid),
        caption=index.caption(eid),
        score=result.score,
        matched_name=match.listed.original if match else "",
        query_name=match.query.original if match else query.names[0],
        result=result,
    )


def warm_up() -> None:
    """Make rigour build its person-name automaton now rather than on the first unseen query word.

    Nothing to do when person words are answered from rigour's name data
    directly (:func:`~embargo.names.symbols.use_person_lexicon`).
    """
    from embargo.names.symbols import use_person_lexicon, word_symbols

    if not use_person_lexicon():
        word_symbols("embargowarmup", False)


def prepare_person_lexicon(store: Store) -> bool:
    """Make the person lexicon after an import, so that the first screening process does not.

    Screening makes it on first use otherwise (:meth:`Screener.open`); this
    does it where a user waits anyway (``embargo update``, ``embargo import``).
    Cheap when the file is already there; indexes that cannot be read are left out.

    Returns:
        Whether a lexicon is there now.
    """
    from embargo.errors import StoreError
    from embargo.index import index_path
    from embargo.names.symbols import make_person_lexicon, person_lexicon_made

    if person_lexicon_made():
        return True
    table: dict[tuple[str, bool], frozenset[str]] = {}
    for info in store.view().lists():
        if info.current is not None:
            try:
                table.update(ListIndex.load(index_path(store, info.current)).symbol_table)
            except StoreError:
                continue
    return make_person_lexicon(table)
