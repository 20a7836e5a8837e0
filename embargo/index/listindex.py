"""The candidate index of one list version, built at import and kept on disk.

Holds, for every listed name, its analysis (tokens, romanizations) and its
entity; for every entity the facts the matcher needs (birth dates,
countries, identifiers); and the two-level lookup structure of
:mod:`.keys`. It is written once per list version next to the store, as a
pickle of plain containers, and loaded read-only by every screening process.
"""

from __future__ import annotations

import math
import pickle
from array import array
from collections.abc import Iterable
from pathlib import Path

from embargo.errors import StoreError
from embargo.index.keys import word_keys
from embargo.matching.features import ListedFacts
from embargo.matching.query import normalize_identifier
from embargo.model import Entity
from embargo.names import AnalyzedName, Token, analyze_name, symbol_table

__all__ = ["FORMAT_VERSION", "IDENTIFIER_PROPERTIES", "ListIndex", "build_index"]

#: Bumped when the on-disk layout or the name analysis changes; older files are rebuilt.
FORMAT_VERSION = 6

#: A token as plain tuple (text, original, tag, phonetic, symbols): tuples
#: unpickle many times faster than objects, and opening the index is on the
#: start-up path of every screening process.
PackedToken = tuple[str, str, str, str, tuple[str, ...]]
PackedName = tuple[str, str, str | None, str, tuple[tuple[PackedToken, ...], ...], tuple[str, ...]]


def _pack(name: AnalyzedName) -> PackedName:
    variants = tuple(
        tuple((t.text, t.original, t.tag, t.phonetic, tuple(sorted(t.symbols))) for t in v) for v in name.variants
    )
    return (name.original, name.kind, name.lang, name.script, variants, tuple(name.removed))


def _unpack(packed: PackedName) -> AnalyzedName:
    original, kind, lang, script, variants, removed = packed
    built = tuple(tuple(Token(a, b, c, d, frozenset(e)) for a, b, c, d, e in v) for v in variants)
    return AnalyzedName(original, kind, lang, script, built[0] if built else (), built, removed)


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
_EMPTY: array[int] = array("I")
_STATE = (
    "format_version",
    "list_name",
    "version_id",
    "entity_ids",
    "captions",
    "source_ids",
    "facts",
    "packed",
    "name_props",
    "name_entity",
    "entity_name_start",
    "vocab",
    "word_tokens",
    "word_names",
    "keys",
    "key_start",
    "key_words",
    "idf",
    "symbol_table",
)
_COUNTRY_PROPERTIES = ("nationality", "citizenship", "country", "birthCountry", "jurisdiction", "mainCountry", "flag")
#: Token tags that are not looked up on their own (too common to retrieve by).
_WEAK_TAGS = frozenset({"particle", "legal_form", "generic"})


class ListIndex:
    """Candidate index of one version of one list."""

    def __init__(self, list_name: str, version_id: int) -> None:
        self.format_version = FORMAT_VERSION
        self.list_name = list_name
        self.version_id = version_id
        self.entity_ids: list[str] = []
        self.captions: list[str] = []
        self.source_ids: list[str] = []
        self.facts: list[ListedFacts] = []
        self.packed: list[PackedName] = []
        self._names: dict[int, AnalyzedName] = {}
        self.name_props: list[str] = []
        self.name_entity = array("I")
        self.entity_name_start = array("I")
        self.vocab: dict[str, int] = {}
        self.word_tokens: list[str] = []
        self.word_names: list[array[int]] = []
        self.keys: dict[str, int] = {}
        self.key_start = array("I")
        self.key_words = array("I")
        self._building: dict[str, array[int]] | None = {}
        self.idf: list[float] = []
        self.symbol_table: dict[tuple[str, bool], frozenset[str]] = {}

    def __getstate__(self) -> dict[str, object]:
        return {k: getattr(self, k) for k in _STATE}

    def __setstate__(self, state: dict[str, object]) -> None:
        for key, value in state.items():
            setattr(self, key, value)
        self._names = {}
        self._building = None

    def name(self, nid: int) -> AnalyzedName:
        """The analysis of name ``nid`` (unpacked on first use, then kept)."""
        found = self._names.get(nid)
        if found is None:
            found = self._names[nid] = _unpack(self.packed[nid])
        return found

    def unique_word(self, text: str) -> bool:
        """True when the word ``text`` occurs in the names of one entity only."""
        wid = self.vocab.get(text)
        if wid is None:
            return False
        owners = {self.name_entity[nid] for nid in self.word_names[wid]}
        return len(owners) == 1

    def words_for_key(self, key: str) -> array[int]:
        """Vocabulary words reached through ``key``."""
        k = self.keys.get(key)
        if k is None:
            return _EMPTY
        return self.key_words[self.key_start[k] : self.key_start[k + 1]]

    @property
    def name_count(self) -> int:
        """Number of indexed names."""
        return len(self.packed)

    def _word(self, text: str, token_keys: Iterable[str]) -> int:
        wid = self.vocab.get(text)
        if wid is None:
            wid = len(self.word_tokens)
            self.vocab[text] = wid
            self.word_tokens.append(text)
            self.word_names.append(array("I"))
            assert self._building is not None, "the index is finished"
            for key in token_keys:
                self._building.setdefault(key, array("I")).append(wid)
        return wid

    def add_entity(self, entity: Entity) -> None:
        """Index every name of an entity."""
        eid = len(self.entity_ids)
        self.entity_ids.append(entity.id)
        self.entity_name_start.append(len(self.packed))
        self.captions.append(entity.caption)
        self.source_ids.append(entity.source_id or "")
        ids = tuple(
            dict.fromkeys(
                n
                for p in IDENTIFIER_PROPERTIES
                for v in entity.get(p)
                if (n := normalize_identifier(v)) and len(n) >= 4
            )
        )
        self.facts.append(
            ListedFacts(
                schema=entity.schema,
                birth_dates=tuple(entity.get("birthDate")),
                countries=tuple(dict.fromkeys(c for p in _COUNTRY_PROPERTIES for c in entity.get(p))),
                identifiers=ids,
                gender=entity.first("gender"),
            )
        )
        names = list(entity.names())
        if not names:
            parts = [entity.first(p) for p in ("firstName", "middleName", "fatherName", "lastName")]
            joined = " ".join(p for p in parts if p)
            if joined:
                names = [("name", joined)]
        for prop, value in names:
            analyzed = analyze_name(value, entity.schema, entity.name_languages.get(value))
            if not analyzed.tokens:
                continue
            nid = len(self.packed)
            self.packed.append(_pack(analyzed))
            self._names[nid] = analyzed
            self.name_props.append(prop)
            self.name_entity.append(eid)
            only_weak = all(t.tag in _WEAK_TAGS for t in analyzed.tokens)
            seen: set[int] = set()
            for variant in analyzed.variants:
                for token in variant:
                    if token.tag in _WEAK_TAGS and not only_weak:
                        continue
                    wid = self._word(token.text, word_keys(token))
                    if wid not in seen:
                        seen.add(wid)
                        self.word_names[wid].append(nid)

    def finish(self) -> None:
        """Compute rarity weights once all names are in."""
        total = max(1, len(self.packed))
        self.idf = [math.log(1 + total / max(1, len(p))) for p in self.word_names]
        building = self._building or {}
        self.keys = {}
        self.key_start = array("I", [0])
        self.key_words = array("I")
        for key, words in building.items():
            self.keys[key] = len(self.key_start) - 1
            self.key_words.extend(words)
            self.key_start.append(len(self.key_words))
        self._building = None
        self._names = {}
        # rigour's name-symbol lookups of this list's words, so that a screening
        # process answers them from here instead of building rigour's automaton.
        self.symbol_table = symbol_table()

    def save(self, path: Path) -> None:
        """Write the index atomically (a temporary file, then a rename)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".part")
        with tmp.open("wb") as fh:
            pickle.dump(self, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)

    @classmethod
    def load(cls, path: Path) -> ListIndex:
        """Read an index written by :meth:`save` (files are the store's own, next to it)."""
        try:
            with path.open("rb") as fh:
                index = pickle.load(fh)  # our own file, in the store's folder
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError) as exc:
            raise StoreError(f"cannot read index {path}: {exc}") from exc
        if not isinstance(index, ListIndex) or getattr(index, "format_version", None) != FORMAT_VERSION:
            raise StoreError(f"index {path} is from another embargo version")
        return index


def build_index(list_name: str, version_id: int, entities: Iterable[Entity]) -> ListIndex:
    """Index every entity of a list version."""
    index = ListIndex(list_name, version_id)
    for entity in entities:
        index.add_entity(entity)
    index.finish()
    return index
