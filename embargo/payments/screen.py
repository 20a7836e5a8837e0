"""Screen a payment message: every party, bank and free text by the policy, one verdict for the message.

For each element the policy (:mod:`.policy`) names:

* ``party`` and ``bank``: a BIC, LEI or other identifier a list carries is an
  exact hit, whatever the names say; the name is screened as a person and as
  an organisation (a bank, or a party the message says is one kind, as that
  kind alone), with the address's country and the identifiers as evidence;
  the country codes of the address, the residence, the birth country, the
  BIC and the IBAN, the countries and places an address names in words, are
  checked against the country-wide programmes.
* ``text``: the name dictionary finds listed names in it (the text screener,
  :mod:`embargo.text`), and IMO numbers and BICs in it are looked up as
  identifiers; countries and places named in it are checked as above.

A message with any hit is held, with every hit; without one it passes. The
verdicts of names and texts met before are kept (a bank's customers pay
again and again), for as long as this screener serves the same lists.
"""

from __future__ import annotations

import contextlib
import re
import time
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from embargo.matching import MatchResult, Query
from embargo.matching.query import read_query
from embargo.model import Entity
from embargo.names.identifiers import agreement, identifies, normalize_identifier, query_keys, shown
from embargo.payments.kinds import best_per_party, digest, party_key, reads_as_person
from embargo.payments.message import Address, Message, Party, Remark
from embargo.payments.policy import Policy, default_policy
from embargo.payments.programmes import party_programmes, text_programmes, word_countries
from embargo.payments.review import apply_releases, fingerprint_hits, listed_entity
from embargo.payments.verdict import PaymentHit, Verdict
from embargo.screening import Hit, Screener
from embargo.screening.owned import OWNERSHIP_LIST
from embargo.store import Store
from embargo.text.screen import TextScreener

__all__ = ["CACHE_SIZE", "PaymentScreener"]

#: Names and texts whose verdicts are kept, per screener.
CACHE_SIZE = 100_000
#: A party of unknown kind is screened as each of these.
_PARTY_KINDS = ("Person", "Organization")
_BIC = re.compile(r"^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}(?:[A-Z0-9]{3})?$")
_IMO_IN_TEXT = re.compile(r"\bIMO[\s.:#-]*([0-9]{7})\b", re.IGNORECASE)
_WORD = re.compile(r"[A-Za-z0-9]+")


class PaymentScreener:
    """Screens payment messages against a screener's lists, by a policy.

    Args:
        screener: the lists (a server passes the one it serves).
        policy: the screening policy; embargo's default when None.
        texts: the text screener for free texts; made from the screener's store when None.
        releases: set aside the hits analysts released before (:func:`~.review.apply_releases`);
            False: every hit holds (a dry run, a benchmark).
    """

    def __init__(
        self,
        screener: Screener,
        policy: Policy | None = None,
        texts: TextScreener | None = None,
        releases: bool = True,
    ) -> None:
        self.screener = screener
        #: Let a hit released before on the same party and the same entry hold no more (:mod:`.review`).
        self.releases = releases
        self.policy = policy or default_policy()
        if texts is None and screener.store is not None:
            texts = TextScreener(screener.store, screener)
        self.texts = texts
        self._names: dict[tuple[Query, str], list[Hit]] = {}
        self._remarks: dict[str, list[tuple[str, str, str, dict[str, Any]]]] = {}
        self._ids: dict[str, list[tuple[Hit, str, str, str]]] = {}
        self._entities: dict[str, Entity | None] = {}
        self._named: dict[str, list[str]] = {}

    @classmethod
    def open(cls, store: Store | Path | str, policy: Policy | None = None) -> PaymentScreener:
        """A payment screener over every current list of ``store``.

        Raises:
            NotReadyError: the store serves no list (a message would pass against nothing).
        """
        return cls(Screener.open(store), policy)

    def warm_up(self) -> None:
        """Load now what the first message would load (the text screener's name dictionary, name data, the
        country names): the first verdict then takes no longer than the next. A server calls this before it
        serves; ``embargo payments screen`` does not need to."""
        message = Message(
            "pacs.008",
            "pacs.008",
            "warm-up",
            "warm-up",
            parties=(
                Party("Dbtr", "Dbtr", "Ivan Petrov", Address(lines=("Hauptstrasse 1", "Berlin"), country="DE")),
                Party("Cdtr", "Cdtr", "Nordlicht Handels GmbH", Address(town="Hamburg", country="DE")),
                Party("CdtrAgt", "CdtrAgt", bic="DEUTDEFFXXX"),
                Party("UltmtCdtr", "UltmtCdtr", "山崎 健一"),  # the Japanese readings' dictionary
                Party("UltmtDbtr", "UltmtDbtr", "王 伟"),
            ),
            remarks=(Remark("RmtInf/Ustrd", "RmtInf/Ustrd", "Invoice 42 for Иван Петров, Hamburg"),),
        )
        releases, self.releases = self.releases, False
        try:
            self.screen(message)
        finally:
            self.releases = releases
            for cache in (self._names, self._remarks, self._ids, self._named):
                cache.clear()

    def screen(self, message: Message) -> Verdict:
        """The verdict on ``message``: ``pass``, or ``hold`` with every hit."""
        start = time.perf_counter()
        hits: list[PaymentHit] = []
        notes: list[str] = []
        screened = 0
        for party in message.parties:
            action = self.policy.action(party.role, is_text=False)
            if action == "skip":
                notes.append(f"{party.path}: not screened ({party.role} is skipped by the policy)")
                continue
            if action == "text":
                action = "party"
            if party.is_empty():
                notes.append(f"{party.path}: names nothing to screen (no name, BIC, LEI, identifier or address)")
                continue
            screened += 1
            found = self._party(party, action, notes)
            if found:
                key = party_key(party)
                for hit in found:
                    hit.party_key = key
            hits.extend(found)
        for remark in message.remarks:
            action = self.policy.action(remark.role, is_text=True)
            if action == "skip":
                notes.append(f"{remark.path}: not screened ({remark.role} is skipped by the policy)")
                continue
            screened += 1
            if self.texts is None:  # a screener of index files alone: identifiers and places only
                notes.append(f"{remark.path}: names in it not screened (no text screener: the lists' store is needed)")
            found = self._remark(remark)
            if found:
                key = digest({"text": " ".join(remark.text.split()).upper()})
                for hit in found:
                    hit.party_key = key
            hits.extend(found)
        hits = _distinct(hits)
        for hit in hits:
            if hit.source is not None and not hit.designations:
                hit.designations = self._designations_of(hit)
        verdict = Verdict(message, "hold" if hits else "pass", hits, notes, screened)
        if hits:
            fingerprint_hits(self.screener, self.policy, hits, self._entity)
            if self.releases and self.screener.store is not None:
                apply_releases(self.screener.store, verdict)
        verdict.seconds = time.perf_counter() - start
        return verdict

    def screen_all(self, messages: Iterable[Message]) -> Iterator[Verdict]:
        """The verdict on each message, in order."""
        for message in messages:
            yield self.screen(message)

    # -- parties and banks

    def _party(self, party: Party, action: str, notes: list[str]) -> list[PaymentHit]:
        hits: list[PaymentHit] = []
        ids = [v for v in (party.bic, party.lei, *party.identifiers, party.account) if v]
        for value in ids:
            hits.extend(self._identifier(party.path, party.role, value))
        if party.name:
            hits.extend(self._name(party, action, ids, notes))
        hits.extend(self._countries(party))
        return hits

    def _name(self, party: Party, action: str, ids: list[str], notes: list[str]) -> list[PaymentHit]:
        kind = "Organization" if action == "bank" else party.kind
        countries = [c for c in (party.address.country if party.address else "", party.residence) if c]
        read = read_query(
            [party.name],
            kind,
            [party.birth_date] if party.birth_date else (),
            (),
            countries,
            ids,
        )
        for problem in read.unreadable:
            notes.append(f"{party.path}: {problem} (screened without it)")
        query = read.query
        cut = self.policy.threshold
        limit = self.policy.hits_per_element
        key = (query, "")
        found = self._names.get(key)
        if found is None:
            if query.schema is not None:
                found = self.screener.screen(query, threshold=cut, limit=limit)
            elif reads_as_person(party.name):
                # a name every word of which is a person's name part, none an organisation's word (Bianca da
                # Rosa): an organisation it meets must meet it more closely than a person (Bank Rossiya, 0.85)
                org_cut = max(cut, self.policy.person_name_org_threshold)
                found = best_per_party(
                    [
                        *self.screener.screen(query.with_schema("Person"), threshold=cut, limit=limit),
                        *self.screener.screen(query.with_schema("Organization"), threshold=org_cut, limit=limit),
                    ],
                    limit,
                )
            else:
                found = self.screener.screen_any(query, _PARTY_KINDS, threshold=cut, limit=limit)
            self._keep(self._names, key, found)
        return [_name_hit(party, h) for h in found]

    def _identifier(self, path: str, role: str, value: str) -> list[PaymentHit]:
        """Exact hits of an identifier that a list carries (a BIC's branch is its bank's)."""
        qid = normalize_identifier(value)
        if len(qid) < 4:
            return []
        found = self._ids.get(qid)
        if found is None:
            found = self._listed_ids(qid, value)
            self._keep(self._ids, qid, found)
        return [
            PaymentHit(
                path=path,
                role=role,
                kind=kind if kind in ("bic", "lei") else "identifier",
                value=value,
                score=1.0,
                detail=f"{value} is the listed {shown(kind, listed)} of {source.caption}"
                + (" (another branch of the listed bank)" if how == "same bank" else "")
                + f" ({source.list_name})",
                entity_id=source.entity_id,
                list_name=source.list_name,
                caption=source.caption,
                source_id=source.source_id,
                ownership=source.ownership,
                source=source,
            )
            for source, kind, listed, how in found
        ]

    def _listed_ids(self, qid: str, value: str) -> list[tuple[Hit, str, str, str]]:
        """The listed entities carrying identifier ``qid``: each as a hit, with the kind, the listed value and
        how they agree (``same``, ``same bank``)."""
        owned = self.screener.owned.index if self.screener.owned is not None else None
        indexes = [*self.screener.indexes, *([owned] if owned is not None else [])]
        out: list[tuple[Hit, str, str, str]] = []
        for index in indexes:
            seen: set[int] = set()
            for key in query_keys(qid):
                for eid in index.identifier_entities(key):
                    if eid in seen:
                        continue
                    seen.add(eid)
                    facts = index.facts(eid)
                    kinds = facts.identifier_kinds or ("id",) * len(facts.identifiers)
                    for kind, listed in zip(kinds, facts.identifiers, strict=True):
                        how = agreement(qid, kind, listed)
                        if how is None or not identifies(kind, listed):
                            continue
                        entity_id = index.entity_id(eid)
                        kind_of = "ownership" if index is owned else "list"
                        source = Hit(
                            entity_id, index.list_name, index.source_id(eid), index.schema(eid), index.caption(eid),
                            1.0, listed, value, _EXACT, kind=kind_of,
                        )  # fmt: skip
                        if self.screener.parties is not None and index is not owned:
                            source.party_id = self.screener.parties.party_of(entity_id)
                            members = self.screener.parties.referents(source.party_id)
                            if len(members) > 1:
                                source.referents = (entity_id, *(m for m in members if m != entity_id))
                        self.screener.with_ownership([source])
                        out.append((source, kind, listed, how))
                        break
        return out

    def _countries(self, party: Party) -> list[PaymentHit]:
        """Hits of the party's countries and places on the country-wide programmes."""
        return party_programmes(self.policy, party, self._named_countries)

    # -- free texts

    def _remark(self, remark: Remark) -> list[PaymentHit]:
        hits: list[PaymentHit] = []
        text = remark.text
        for m in _IMO_IN_TEXT.finditer(text):
            hits.extend(self._identifier(remark.path, remark.role, "IMO" + m.group(1)))
        for word in _WORD.findall(text):
            # a word of a BIC's form is looked up as one (a hash lookup per list): an exact listed BIC only
            if len(word) in (8, 11) and _BIC.match(word.upper()):
                hits.extend(self._identifier(remark.path, remark.role, word.upper()))
        for mention, verdict, reason, shown_hit in self._text_hits(text):
            score = shown_hit.get("score")
            hits.append(
                PaymentHit(
                    path=remark.path,
                    role=remark.role,
                    kind="text",
                    value=mention,
                    score=1.0 if score is None else float(score),
                    detail=f"the text names {mention!r}: {shown_hit['caption']} ({shown_hit['list']}), {verdict}"
                    + (f", score {score:.2f}" if score is not None else "")
                    + (f" ({reason})" if reason else ""),
                    entity_id=shown_hit["entity_id"],
                    list_name=shown_hit["list"],
                    caption=shown_hit["caption"],
                    source_id=shown_hit.get("source_id") or "",
                    designations=list(shown_hit.get("designations") or []),
                )
            )
        hits.extend(text_programmes(self.policy, remark, self._named_countries(text)))
        return hits

    def _text_hits(self, text: str) -> list[tuple[str, str, str, dict[str, Any]]]:
        """(mention, verdict, reason, hit) of each listed name in ``text`` whose verdict holds a message."""
        found = self._remarks.get(text)
        if found is not None:
            return found
        out: list[tuple[str, str, str, dict[str, Any]]] = []
        if self.texts is not None:
            per = self.policy.hits_per_element
            report = self.texts.screen(text, html=False, limit=per, models=self.policy.text_models)
            for result in report.mentions:
                if result.verdict in self.policy.text_verdicts:
                    out.extend((result.mention.text, result.verdict, result.reason, h) for h in result.hits[:per])
        self._keep(self._remarks, text, out)
        return out

    # -- helpers

    def _named_countries(self, text: str) -> list[str]:
        found = self._named.get(text)
        if found is None:
            found = word_countries(text)
            self._keep(self._named, text, found)
        return found

    def _entity(self, entity_id: str) -> Entity | None:
        """A listed entity, read once (for the hits of held messages: designations and fingerprint)."""
        if entity_id in self._entities:
            return self._entities[entity_id]
        found = listed_entity(self.screener, entity_id)
        self._keep(self._entities, entity_id, found)
        return found

    def _designations_of(self, hit: PaymentHit) -> list[dict[str, Any]]:
        """The designations of a hit's listed party, every list's (its entities read once each)."""
        source = hit.source
        if source is None:
            return []
        if source.kind == OWNERSHIP_LIST:
            return [d.to_dict() for d in self.screener.designations(source)]
        return [d.to_dict() for eid in source.entity_ids if (e := self._entity(eid)) for d in e.designations]

    @staticmethod
    def _keep(cache: dict[Any, Any], key: Any, value: Any) -> None:
        """Keep ``value``, dropping the oldest entry when full (a server's threads share the caches: a drop
        that meets another thread's change is left to the next call)."""
        if len(cache) >= CACHE_SIZE:
            with contextlib.suppress(RuntimeError, StopIteration):
                cache.pop(next(iter(cache)), None)
        cache[key] = value


def _name_hit(party: Party, hit: Hit) -> PaymentHit:
    how = ", by ownership or control" if hit.kind == "ownership" else ""
    return PaymentHit(
        path=party.path,
        role=party.role,
        kind="name",
        value=party.name,
        score=hit.score,
        detail=f"{party.name!r} matches {hit.caption} ({hit.list_name}{how}), score {hit.score:.2f}",
        entity_id=hit.entity_id,
        list_name=hit.list_name,
        caption=hit.caption,
        source_id=hit.source_id,
        explanation=hit.explanation(),
        ownership=hit.ownership,
        source=hit,
    )


def _distinct(hits: list[PaymentHit]) -> list[PaymentHit]:
    """Each (element, what was met, kind of evidence) once: the best; an identifier's hit hides the same
    element's name hit on the same entity (it says more)."""
    best: dict[tuple[str, str, str], PaymentHit] = {}
    exact = {(h.path, h.entity_id) for h in hits if h.kind in ("bic", "lei", "identifier")}
    for hit in hits:
        if hit.kind == "name" and (hit.path, hit.entity_id) in exact:
            continue
        key = (hit.path, hit.target, hit.kind if hit.kind in ("country", "place") else "listed")
        if key not in best or hit.score > best[key].score:
            best[key] = hit
    return list(best.values())


#: The match result of a hit made from an exact identifier (no name was scored).
_EXACT = MatchResult(1.0, 1.0, None, [])
