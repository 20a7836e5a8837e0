"""Index pieces of a run of consecutive entities, built in one process and merged in order.

A shard holds what the file holds, in the file's compact form: each entity
and each analyzed name packed as one ``marshal`` record (decoded only when
a query reaches it), and, per name, the shard-local ids of the words it is
found under. Words are numbered in order of first use, as a single pass
over the entities would number them, so merging shards in entity order
gives the index a sequential build gives, whatever the number of workers.
"""

from __future__ import annotations

import marshal
from array import array
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from embargo.index.keys import (
    INDUSTRY_MARK,
    acronym_keys,
    exact_name_keys,
    industry_keys,
    industry_word,
    key_hash,
    word_keys,
)
from embargo.model import Entity
from embargo.names import WEAK_TAGS, AnalyzedName, Token, analyze_name
from embargo.names.identifiers import distinctive, index_key, listed_identifiers
from embargo.names.org_structure import listed_cores

__all__ = ["COUNTRY_PROPERTIES", "IDENTIFIER_PROPERTIES", "Shard", "build_shard", "id_keys", "pack_cores", "pack_name"]

#: Properties whose values are identifiers a query's id number can meet.
IDENTIFIER_PROPERTIES = (
    "idNumber",
    "passportNumber",
    "imoNumber",
    "registrationNumber",
    "taxNumber",
    "innCode",
    "ogrnCode",
    "okpoCode",
    "leiCode",
    "swiftBic",
    "vatCode",
    "mmsi",
    "callSign",
    "socialSecurityNumber",
)
#: Properties that hold a listed entity's countries (also what batch outputs and alert snapshots show).
COUNTRY_PROPERTIES = ("nationality", "citizenship", "country", "birthCountry", "jurisdiction", "mainCountry", "flag")


def pack_name(name: AnalyzedName, packed: dict[int, tuple[Token, tuple[Any, ...]]] | None = None) -> bytes:
    """One analyzed name as one record (plain tuples and strings: fast to decode).

    Args:
        name: the analysis.
        packed: tokens packed so far, by object id, to reuse: analysis hands
            out one object per distinct token, and a list's names share most
            of them (the entry holds the token, so its id is not reused).
    """
    return marshal.dumps(_name_fields(name, {} if packed is None else packed))


def pack_cores(cores: tuple[AnalyzedName, ...], packed: dict[int, tuple[Token, tuple[Any, ...]]]) -> bytes:
    """A name's core readings (:func:`embargo.names.org_structure.core_names`) as one record, empty for none."""
    return marshal.dumps(tuple(_name_fields(c, packed) for c in cores)) if cores else b""


def _name_fields(name: AnalyzedName, packed: dict[int, tuple[Token, tuple[Any, ...]]]) -> tuple[Any, ...]:
    variants = tuple(tuple(_pack_token(t, packed) for t in v) for v in name.variants)
    return (name.original, name.kind, name.lang, name.script, variants, tuple(name.removed), name.syllabic)


def _pack_token(token: Token, packed: dict[int, tuple[Token, tuple[Any, ...]]]) -> tuple[Any, ...]:
    found = packed.get(id(token))
    if found is None:
        fields = (token.text, token.original, token.tag, token.phonetic, tuple(sorted(token.symbols)))
        found = packed[id(token)] = (token, fields)
    return found[1]


def _pack_entity(entity: Entity, typed: list[tuple[str, str]]) -> bytes:
    """One entity's record; ``typed``: its identifiers as (kind, canonical value)."""
    props = entity.properties
    countries = tuple(dict.fromkeys(c for p in COUNTRY_PROPERTIES if p in props for c in props[p]))
    return marshal.dumps(
        (
            entity.id,
            entity.caption,
            entity.source_id or "",
            entity.schema,
            tuple(entity.get("birthDate")),
            countries,
            tuple(v for _, v in typed),
            entity.first("gender"),
            tuple(k for k, _ in typed),
        )
    )


def id_keys(typed: list[tuple[str, str]]) -> list[int]:
    """The lookup keys (hashed) of an entity's identifiers (kind, canonical value): the distinctive ones.

    Short and plain values are not keys (a ``000001`` would find every entity
    that carries it); an MMSI or a call sign is, though it does not make a
    hit by itself (:func:`embargo.names.identifiers.identifies`).
    """
    return list(dict.fromkeys(key_hash(index_key(k, v)) for k, v in typed if distinctive(k, v)))


def _entity_names(entity: Entity) -> list[tuple[str, str]]:
    names = list(entity.names())
    if not names:
        parts = [entity.first(p) for p in ("firstName", "middleName", "fatherName", "lastName")]
        joined = " ".join(p for p in parts if p)
        if joined:
            names = [("name", joined)]
    return names


@dataclass
class Shard:
    """Compact index pieces of consecutive entities (ids local to the shard)."""

    entity_blob: bytearray = field(default_factory=bytearray)
    entity_ends: array[int] = field(default_factory=lambda: array("Q"))
    schemas: list[str] = field(default_factory=list)
    name_blob: bytearray = field(default_factory=bytearray)
    name_ends: array[int] = field(default_factory=lambda: array("Q"))
    name_entity: array[int] = field(default_factory=lambda: array("I"))
    #: each name's core readings as scoring reads them (:func:`pack_cores`; ``core_ends`` delimits them)
    core_blob: bytearray = field(default_factory=bytearray)
    core_ends: array[int] = field(default_factory=lambda: array("Q"))
    #: local word ids of each name (``name_word_ends`` delimits them)
    name_words: array[int] = field(default_factory=lambda: array("I"))
    name_word_ends: array[int] = field(default_factory=lambda: array("Q"))
    words: list[str] = field(default_factory=list)
    #: hashed lookup keys of each word (``word_key_ends`` delimits them)
    word_keys: array[int] = field(default_factory=lambda: array("Q"))
    word_key_ends: array[int] = field(default_factory=lambda: array("Q"))
    symbols: dict[tuple[str, bool], frozenset[str]] = field(default_factory=dict)
    #: hashed identifier lookup keys (:func:`id_keys`) and the local entity id of each
    id_keys: array[int] = field(default_factory=lambda: array("Q"))
    id_entity: array[int] = field(default_factory=lambda: array("I"))
    #: tokens packed so far (:func:`pack_name`; not part of the index: emptied before the shard leaves its worker)
    packed: dict[int, tuple[Token, tuple[Any, ...]]] = field(default_factory=dict)

    def add(self, entity: Entity, vocab: dict[str, int]) -> None:
        """Append one entity and its names."""
        eid = len(self.schemas)
        typed = listed_identifiers(entity.properties, IDENTIFIER_PROPERTIES)
        self.entity_blob += _pack_entity(entity, typed)
        if typed:
            keys = id_keys(typed)
            self.id_keys.extend(keys)
            self.id_entity.extend([eid] * len(keys))
        self.entity_ends.append(len(self.entity_blob))
        self.schemas.append(entity.schema)
        for _, value in _entity_names(entity):
            lang = entity.name_languages.get(value)
            analyzed = analyze_name(value, entity.schema, lang)
            if not analyzed.tokens:
                continue
            self._add_name(eid, analyzed, vocab)
            # An organisation's core name ("Crimean Ports" in "State Unitary Enterprise of the Republic of
            # Crimea 'Crimean Ports'") finds the entity when queried exactly, like the name itself. It is
            # not stored as a name of its own, which would take one of the few places retrieval keeps per
            # entity: it is stored with its name, as scoring reads it (.org_structure.listed_cores).
            cores = listed_cores(analyzed)
            self.core_blob += pack_cores(cores, self.packed)
            self.core_ends.append(len(self.core_blob))
            for core in cores:
                exact = [key_hash(k) for k in exact_name_keys(core)]
                self.id_keys.extend(exact)
                self.id_entity.extend([eid] * len(exact))

    def _add_name(self, eid: int, analyzed: AnalyzedName, vocab: dict[str, int]) -> None:
        self.name_blob += pack_name(analyzed, self.packed)
        self.name_ends.append(len(self.name_blob))
        self.name_entity.append(eid)
        exact = [key_hash(k) for k in (*exact_name_keys(analyzed), *acronym_keys(analyzed, query=False))]
        self.id_keys.extend(exact)
        self.id_entity.extend([eid] * len(exact))
        only_weak = all(t.tag in WEAK_TAGS for t in analyzed.tokens)
        seen: set[int] = set()
        for variant in analyzed.variants:
            for token in variant:
                text, keys = token.text, word_keys
                if token.tag in WEAK_TAGS and not only_weak:
                    if not industry_word(token):
                        continue
                    # posted apart, reached only by industry slots (:func:`.keys.industry_keys`)
                    text, keys = INDUSTRY_MARK + token.text, industry_keys
                wid = vocab.get(text)
                if wid is None:
                    wid = vocab[text] = len(self.words)
                    self.words.append(text)
                    self.word_keys.extend(key_hash(k) for k in keys(token))
                    self.word_key_ends.append(len(self.word_keys))
                if wid not in seen:
                    seen.add(wid)
                    self.name_words.append(wid)
        self.name_word_ends.append(len(self.name_words))


def build_shard(entities: Iterable[Entity]) -> Shard:
    """The shard of ``entities`` (with the name-symbol lookups made while building it)."""
    from embargo.names import symbol_table

    shard = Shard()
    vocab: dict[str, int] = {}
    for entity in entities:
        shard.add(entity, vocab)
    shard.symbols = symbol_table()
    shard.packed = {}
    return shard
