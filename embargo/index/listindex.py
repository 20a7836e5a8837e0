"""The candidate index of one list version, built at import and kept on disk.

Holds, for every listed name, its analysis (tokens, romanizations) and its
entity; for every entity the facts the matcher needs (birth dates,
countries, identifiers and their kinds); the two-level lookup structure of
:mod:`.keys`; and an exact lookup from an identifier's key
(:func:`embargo.names.identifiers.index_key`) to the entities carrying
it. The file is a small pickled header followed by flat sections
(:mod:`._layout`): packed records, offset tables and postings as arrays of
fixed-size numbers. Opening it maps the file and views the sections in
place; a name or an entity is decoded only when a query reaches it, so
opening costs the same few reads whatever the list's size, and screening
processes forked from one another share the pages.
"""

from __future__ import annotations

import marshal
from bisect import bisect_left
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from embargo.errors import StoreError
from embargo.index._layout import Sections, read_sections, write_sections
from embargo.index._shard import COUNTRY_PROPERTIES, IDENTIFIER_PROPERTIES, build_shard
from embargo.index.keys import key_hash
from embargo.model import Entity
from embargo.names import AnalyzedName, Token
from embargo.names.facts import ListedFacts

__all__ = ["COUNTRY_PROPERTIES", "FORMAT_VERSION", "IDENTIFIER_PROPERTIES", "ListIndex", "build_index"]

#: Bumped when the on-disk layout or the name analysis changes; older files are rebuilt.
#: 10: identifier kinds in the entity records, and the identifier lookup sections.
#: 12: an organisation's core name is an exact-name key of its entity (:mod:`embargo.names.org_structure`).
#: 13: whether a person's name reads as Chinese or Korean syllables is stored with it.
#: 14: adjectives of place in organisation names carry ``place:`` symbols and keys (:mod:`embargo.names.places`).
#: 28: each name's core readings are stored with it (``core_off``/``core_blob``), not read again per query.
#: 29: romanized East Slavic legal forms in any scheme, defence-industry descriptors, slash-separated names,
#:     compound acronyms.
#: 30: organisation names of two or three words also keyed written as one.
FORMAT_VERSION = 30

_EMPTY = memoryview(b"").cast("I")


def _unpack_name(record: bytes | memoryview, pool: dict[tuple[Any, ...], Token]) -> AnalyzedName:
    return _analyzed(marshal.loads(record), pool)


def _unpack_cores(record: bytes | memoryview, pool: dict[tuple[Any, ...], Token]) -> tuple[AnalyzedName, ...]:
    """A name's core readings (``_shard.pack_cores``: an empty record for none)."""
    return tuple(_analyzed(fields, pool) for fields in marshal.loads(record)) if record else ()


def _analyzed(fields: tuple[Any, ...], pool: dict[tuple[Any, ...], Token]) -> AnalyzedName:
    original, kind, lang, script, variants, removed, syllabic = fields
    built = tuple(tuple(_token(pool, t) for t in v) for v in variants)
    return AnalyzedName(original, kind, lang, script, built[0] if built else (), built, removed, (), syllabic)


def _token(pool: dict[tuple[Any, ...], Token], fields: tuple[Any, ...]) -> Token:
    """One Token object per distinct listed token: the matcher remembers similarities by token (see ``name``)."""
    found = pool.get(fields)
    if found is None:
        text, original, tag, phonetic, symbols = fields
        # setdefault: when two threads decode the same token at once, both keep the one stored first
        found = pool.setdefault(fields, Token(text, original, tag, phonetic, frozenset(symbols)))
    return found


#: Lists with at most this many lookup keys answer them from a dict (about 100 bytes a key, made
#: on first use); larger ones search the sorted key numbers with numpy.
_KEY_DICT_MAX = 400_000


class IndexArrays:
    """numpy views (no copies) of the sections retrieval reads in bulk."""

    __slots__ = (
        "entity_schema",
        "key_hash",
        "name_entity",
        "name_word_start",
        "name_words",
        "post_names",
        "post_start",
    )

    def __init__(self, sections: Sections) -> None:
        self.post_start: npt.NDArray[np.uint64] = np.frombuffer(sections["post_start"], dtype=np.uint64)
        self.post_names: npt.NDArray[np.uint32] = np.frombuffer(sections["post_names"], dtype=np.uint32)
        self.name_word_start: npt.NDArray[np.uint64] = np.frombuffer(sections["name_word_start"], dtype=np.uint64)
        self.name_words: npt.NDArray[np.uint32] = np.frombuffer(sections["name_words"], dtype=np.uint32)
        self.name_entity: npt.NDArray[np.uint32] = np.frombuffer(sections["name_entity"], dtype=np.uint32)
        self.entity_schema: npt.NDArray[np.uint8] = np.frombuffer(sections["entity_schema"], dtype=np.uint8)
        self.key_hash: npt.NDArray[np.uint64] = np.frombuffer(sections["key_hash"], dtype=np.uint64)


class ListIndex:
    """Candidate index of one version of one list (read-only once built)."""

    def __init__(self, header: dict[str, Any], sections: Sections) -> None:
        self.header = header
        self.format_version: int = header["format_version"]
        self.list_name: str = header["list_name"]
        self.version_id: int = header["version_id"]
        self.schemas: list[str] = header["schemas"]
        self.symbol_table: dict[tuple[str, bool], frozenset[str]] = header["symbol_table"]
        self.max_idf: float = header["max_idf"]
        self.sections = sections
        self._entity_off = sections["entity_off"].cast("Q")
        self._entity_blob = sections["entity_blob"]
        self.entity_schema = sections["entity_schema"]
        self._name_off = sections["name_off"].cast("Q")
        self._name_blob = sections["name_blob"]
        self._core_off = sections["core_off"].cast("Q")
        self._core_blob = sections["core_blob"]
        self.name_entity = sections["name_entity"].cast("I")
        words = bytes(sections["words"]).decode("utf-8")
        #: vocabulary word texts, by word id
        self.words: list[str] = words.split("\0") if words else []
        self.vocab: dict[str, int] = {w: i for i, w in enumerate(self.words)}
        self._name_word_start = sections["name_word_start"].cast("Q")
        self._name_words = sections["name_words"].cast("I")
        self._post_start = sections["post_start"].cast("Q")
        self._post_names = sections["post_names"].cast("I")
        self.idf = sections["idf"].cast("d")
        self._unique = sections["unique"]
        self._key_hash = sections["key_hash"].cast("Q")
        self._key_start = sections["key_start"].cast("Q")
        self._key_words = sections["key_words"].cast("I")
        self._id_hash = sections["id_hash"].cast("Q")
        self._id_start = sections["id_start"].cast("Q")
        self._id_entities = sections["id_entities"].cast("I")
        self._names: dict[int, AnalyzedName] = {}
        self._cores: dict[int, tuple[AnalyzedName, ...]] = {}
        self._tokens: dict[tuple[Any, ...], Token] = {}
        self._entities: dict[int, tuple[Any, ...]] = {}
        self._arrays: IndexArrays | None = None
        self._key_slots: dict[int, int] | None = None

    @property
    def arrays(self) -> IndexArrays:
        """numpy views of the postings and the name tables (made on first use)."""
        if self._arrays is None:
            self._arrays = IndexArrays(self.sections)
        return self._arrays

    @property
    def name_count(self) -> int:
        """Number of indexed names."""
        return len(self._name_off) - 1

    @property
    def entity_count(self) -> int:
        """Number of indexed entities."""
        return len(self._entity_off) - 1

    def name(self, nid: int) -> AnalyzedName:
        """The analysis of name ``nid`` (decoded on first use, then kept).

        Equal tokens of different names are one object, kept as long as the
        index: a token pair's similarity can be remembered by the objects' ids
        (:func:`embargo.matching.alignment.align`). Safe to call from several
        threads at once (a server screens without a lock): a name or token
        decoded by two threads together is stored once (``dict.setdefault``,
        atomic under the GIL) and both use the stored one.
        """
        found = self._names.get(nid)
        if found is None:
            record = self._name_blob[self._name_off[nid] : self._name_off[nid + 1]]
            found = self._names.setdefault(nid, _unpack_name(record, self._tokens))
        return found

    def cores(self, nid: int) -> tuple[AnalyzedName, ...]:
        """The core readings of name ``nid`` (:func:`embargo.names.org_structure.listed_cores`), decoded
        on first use, then kept."""
        found = self._cores.get(nid)
        if found is None:
            record = self._core_blob[self._core_off[nid] : self._core_off[nid + 1]]
            found = self._cores.setdefault(nid, _unpack_cores(record, self._tokens))
        return found

    def forget(self) -> None:
        """Drop the names and entities decoded so far (for a process that reads many of them once)."""
        self._names.clear()
        self._cores.clear()
        self._entities.clear()

    def _entity(self, eid: int) -> tuple[Any, ...]:
        found = self._entities.get(eid)
        if found is None:
            record = self._entity_blob[self._entity_off[eid] : self._entity_off[eid + 1]]
            found = self._entities[eid] = marshal.loads(record)
        return found

    def entity_names(self, eid: int) -> range:
        """The name ids of entity ``eid`` (an entity's names are stored together, in entity order)."""
        return range(bisect_left(self.name_entity, eid), bisect_left(self.name_entity, eid + 1))

    def entity_id(self, eid: int) -> str:
        """embargo's id of entity ``eid``."""
        return str(self._entity(eid)[0])

    def caption(self, eid: int) -> str:
        """The display name of entity ``eid``."""
        return str(self._entity(eid)[1])

    def source_id(self, eid: int) -> str:
        """The publisher's id of entity ``eid`` ("" if none)."""
        return str(self._entity(eid)[2])

    def schema(self, eid: int) -> str:
        """The schema of entity ``eid``."""
        return self.schemas[self.entity_schema[eid]]

    def facts(self, eid: int) -> ListedFacts:
        """What the matcher needs to know of entity ``eid`` besides its names."""
        _, _, _, schema, dates, countries, ids, gender, kinds = self._entity(eid)
        return ListedFacts(
            schema=schema,
            birth_dates=dates,
            countries=countries,
            identifiers=ids,
            gender=gender,
            identifier_kinds=kinds,
        )

    def schema_codes(self, schemata: Iterable[str]) -> frozenset[int]:
        """The codes of ``entity_schema`` that stand for one of ``schemata``."""
        wanted = set(schemata)
        return frozenset(i for i, s in enumerate(self.schemas) if s in wanted)

    def postings(self, wid: int) -> memoryview:
        """Names holding vocabulary word ``wid``, ascending."""
        return self._post_names[self._post_start[wid] : self._post_start[wid + 1]]

    def posting_count(self, wid: int) -> int:
        """How many names hold vocabulary word ``wid``."""
        return int(self._post_start[wid + 1] - self._post_start[wid])

    def name_words(self, nid: int) -> memoryview:
        """The vocabulary words name ``nid`` is posted under (the inverse of :meth:`postings`)."""
        return self._name_words[self._name_word_start[nid] : self._name_word_start[nid + 1]]

    def unique_word(self, text: str) -> bool:
        """True when the word ``text`` occurs in the names of one entity only."""
        wid = self.vocab.get(text)
        return wid is not None and self._unique[wid] == 1

    def words_for_key(self, key: str) -> memoryview:
        """Vocabulary words reached through ``key``, in order of first use."""
        h = key_hash(key)
        k = bisect_left(self._key_hash, h)
        if k == len(self._key_hash) or self._key_hash[k] != h:
            return _EMPTY
        return self._key_words[self._key_start[k] : self._key_start[k + 1]]

    def words_for_keys(self, hashes: npt.NDArray[np.uint64]) -> list[memoryview]:
        """:meth:`words_for_key` of many keys at once, given their :func:`.key_hash` numbers."""
        table = self.arrays.key_hash
        if not len(table):
            return [_EMPTY] * len(hashes)
        if len(table) <= _KEY_DICT_MAX:
            # a dict answers a query word's dozen keys in a third of the time numpy's search takes
            slots = self._key_slots
            if slots is None:
                slots = self._key_slots = dict(zip(table.tolist(), range(len(table)), strict=True))
            start, words = self._key_start, self._key_words
            out = []
            for h in hashes.tolist():
                k = slots.get(h)
                out.append(_EMPTY if k is None else words[start[k] : start[k + 1]])
            return out
        at = np.searchsorted(table, hashes)
        clipped = np.minimum(at, len(table) - 1)
        found = (table[clipped] == hashes).tolist()
        return [
            self._key_words[self._key_start[k] : self._key_start[k + 1]] if hit else _EMPTY
            for k, hit in zip(clipped.tolist(), found, strict=True)
        ]

    def identifier_entities(self, key: str) -> memoryview:
        """Entities carrying an identifier found under ``key``, ascending.

        Keys are :func:`~embargo.names.identifiers.index_key`'s; a query looks up
        :func:`~embargo.names.identifiers.query_keys`.
        """
        h = key_hash(key)
        k = bisect_left(self._id_hash, h)
        if k == len(self._id_hash) or self._id_hash[k] != h:
            return _EMPTY
        return self._id_entities[self._id_start[k] : self._id_start[k + 1]]

    def save(self, path: Path) -> None:
        """Write the index atomically (a temporary file, then a rename)."""
        write_sections(path, self.header, self.sections)

    @classmethod
    def load(cls, path: Path) -> ListIndex:
        """Open an index written by :meth:`save` (files are the store's own, next to it).

        Raises:
            StoreError: the file is missing, broken, or from another embargo version.
        """
        header, sections = read_sections(path, FORMAT_VERSION)
        try:
            return cls(header, sections)
        except (KeyError, TypeError, ValueError, UnicodeDecodeError) as exc:
            raise StoreError(f"index {path} is broken ({exc!r})") from exc


def build_index(list_name: str, version_id: int, entities: Iterable[Entity]) -> ListIndex:
    """Index every entity of a list version, in this process."""
    from embargo.index._merge import merge_shards

    header, sections = merge_shards(list_name, version_id, FORMAT_VERSION, [build_shard(entities)])
    return ListIndex(header, sections)
